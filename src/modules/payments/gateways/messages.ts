// The JSON messages gateways send us, checked field by field after the signature. A message that does not
// match is refused with 400 and changes nothing.
import { AppError } from '../../../platform/errors.ts';
import { type FailureCode, type PaymentStatus, isFailureCode, isPaymentStatus } from '../lifecycle.ts';
import { isAmountPaisa } from '../money.ts';

/** "The payment you opened with us is now …" (online checkout). */
export interface StatusMessage {
  readonly eventId: string;
  readonly paymentId: string;
  readonly gatewayReference: string;
  readonly status: Exclude<PaymentStatus, 'created'>;
  readonly amountPaisa: number;
  readonly failureCode: FailureCode | null;
}

/** "What is owed on this PSID?" (bill presentment). */
export interface BillInquiryMessage {
  readonly psid: string;
}

/** "This PSID was paid at our bank" (bill presentment). */
export interface BillPaymentMessage {
  readonly eventId: string;
  readonly psid: string;
  readonly amountPaisa: number;
  readonly transactionReference: string;
}

const ID = /^[A-Za-z0-9._:-]{1,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseJson(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('bad_request', 'The message is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError('bad_request', 'The message must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function field<T>(message: Record<string, unknown>, name: string, check: (value: unknown) => value is T): T {
  const value = message[name];
  if (!check(value)) throw new AppError('bad_request', `The message's "${name}" is missing or not valid`);
  return value;
}

const isId = (value: unknown): value is string => typeof value === 'string' && ID.test(value);
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= 40;
const isReportedStatus = (value: unknown): value is StatusMessage['status'] =>
  isPaymentStatus(value) && value !== 'created';

export function parseStatusMessage(raw: Buffer): StatusMessage {
  const message = parseJson(raw);
  const failure = message['failureCode'];
  return {
    eventId: field(message, 'eventId', isId),
    paymentId: field(message, 'paymentId', isUuid),
    gatewayReference: field(message, 'gatewayReference', isId),
    status: field(message, 'status', isReportedStatus),
    amountPaisa: field(message, 'amountPaisa', isAmountPaisa),
    failureCode:
      failure === undefined || failure === null ? null : field(message, 'failureCode', isFailureCode),
  };
}

export function parseBillInquiry(raw: Buffer): BillInquiryMessage {
  return { psid: field(parseJson(raw), 'psid', isText) };
}

export function parseBillPayment(raw: Buffer): BillPaymentMessage {
  const message = parseJson(raw);
  return {
    eventId: field(message, 'eventId', isId),
    psid: field(message, 'psid', isText),
    amountPaisa: field(message, 'amountPaisa', isAmountPaisa),
    transactionReference: field(message, 'transactionReference', isId),
  };
}
