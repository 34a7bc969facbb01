// The events subscribing systems may receive, and the JSON of each: `{id, type, createdAt, data}`. The same
// schemas type the modules that publish events and describe them in the OpenAPI document's `webhooks`. Data
// carries identifiers, amounts and states only: nothing about the payer beyond what
// GET /api/v1/payments/{id} shows.
import { type Static, type TSchema, Type } from '@sinclair/typebox';

export const WEBHOOK_EVENT_TYPES = [
  'payment.succeeded',
  'payment.failed',
  'refund.succeeded',
  'bill.cancelled',
  'bill.expired',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (value: string): value is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

const DateTime = Type.String({ format: 'date-time' });
const Paisa = Type.Integer({ description: 'Paisa (1 rupee = 100 paisa)' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** What every event about a bill says about it. */
const BillFields = {
  psid: Type.String({ description: 'The bill’s 17-digit PSID' }),
  departmentCode: Type.String({ description: 'The billing department, e.g. revenue' }),
  purpose: Type.String({ description: 'What the bill is for, e.g. application-fee' }),
  subjectLabel: Type.String({
    description: 'What it is for, as people know it: e.g. the application number',
  }),
};

export const PaymentEventData = Type.Object({
  paymentId: Type.String({ format: 'uuid' }),
  ...BillFields,
  amountPaisa: Paisa,
  currency: Type.Literal('PKR'),
  status: Type.Union(
    ['success', 'failed', 'cancelled', 'expired', 'error'].map((status) => Type.Literal(status)),
  ),
  failureCode: Nullable(Type.String({ description: 'Why it did not succeed (as in GET /api/v1/payments)' })),
  channel: Type.Union([Type.Literal('online'), Type.Literal('presentment'), Type.Literal('counter')]),
  gateway: Type.String(),
  receiptNumber: Nullable(Type.String({ description: 'RCT-YYYY-NNNNNN on success' })),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
});
export type PaymentEventData = Static<typeof PaymentEventData>;

export const RefundEventData = Type.Object({
  refundId: Type.String({ format: 'uuid' }),
  paymentId: Type.String({ format: 'uuid' }),
  ...BillFields,
  amountPaisa: Type.Integer({ description: 'Paisa refunded by this refund' }),
  currency: Type.Literal('PKR'),
  status: Type.Literal('success'),
  receiptNumber: Nullable(Type.String({ description: 'The refunded payment’s receipt' })),
  availablePaisa: Type.Integer({ description: 'Still refundable on the payment after this refund' }),
  refundedAt: DateTime,
});
export type RefundEventData = Static<typeof RefundEventData>;

export const BillEventData = Type.Object({
  ...BillFields,
  amountPaisa: Paisa,
  currency: Type.Literal('PKR'),
  status: Type.Union([Type.Literal('cancelled'), Type.Literal('expired')]),
  dueAt: DateTime,
  expiresAt: DateTime,
  closedAt: DateTime,
});
export type BillEventData = Static<typeof BillEventData>;

export interface WebhookEventDataOf {
  'payment.succeeded': PaymentEventData;
  'payment.failed': PaymentEventData;
  'refund.succeeded': RefundEventData;
  'bill.cancelled': BillEventData;
  'bill.expired': BillEventData;
}

export const EVENT_DESCRIPTIONS: Record<WebhookEventType, { summary: string; data: TSchema }> = {
  'payment.succeeded': {
    summary: 'A payment succeeded: the bill is paid and the receipt numbered',
    data: PaymentEventData,
  },
  'payment.failed': {
    summary: 'A payment ended without money: failed, cancelled, expired, or an error to refund',
    data: PaymentEventData,
  },
  'refund.succeeded': { summary: 'Part or all of a payment was refunded', data: RefundEventData },
  'bill.cancelled': {
    summary: 'A bill was cancelled (or replaced by a bill for a new amount)',
    data: BillEventData,
  },
  'bill.expired': { summary: 'A bill passed its expiry unpaid', data: BillEventData },
};

/** The envelope of one event type (for the OpenAPI document). */
export function eventEnvelope(type: WebhookEventType) {
  return Type.Object({
    id: Type.String({
      format: 'uuid',
      description: 'The event’s id: the same on every retry; drop repeats by it',
    }),
    type: Type.Literal(type),
    createdAt: DateTime,
    data: EVENT_DESCRIPTIONS[type].data,
  });
}
