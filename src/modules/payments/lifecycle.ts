// The states of bills and payments. Payments follow GOV.UK Pay's lifecycle: created → started → submitted →
// one of success | failed | cancelled | expired | error. Gateways deliver status messages at least once and
// in any order, so a status only ever moves forward: a late "submitted" after "success" changes nothing.

export type BillStatus = 'unpaid' | 'paid' | 'cancelled' | 'expired';
export const BILL_STATUSES: readonly BillStatus[] = ['unpaid', 'paid', 'cancelled', 'expired'];

export type PaymentStatus =
  'created' | 'started' | 'submitted' | 'success' | 'failed' | 'cancelled' | 'expired' | 'error';
export const PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'created',
  'started',
  'submitted',
  'success',
  'failed',
  'cancelled',
  'expired',
  'error',
];
export type FinalPaymentStatus = Extract<
  PaymentStatus,
  'success' | 'failed' | 'cancelled' | 'expired' | 'error'
>;

export type PaymentChannel = 'online' | 'presentment' | 'counter';

/**
 * Why a payment did not succeed (GOV.UK Pay's P0010–P0050, in words). Gateways map their own codes to these.
 */
export const FAILURE_CODES = [
  'declined', // the bank or card refused it (P0010)
  'payer_cancelled', // the payer cancelled at the gateway (P0030)
  'service_cancelled', // we cancelled it: the bill was cancelled or replaced (P0040)
  'expired', // the payer did not finish in time, or the bill expired (P0020)
  'gateway_error', // the gateway failed (P0050)
  'bill_not_payable', // money arrived for a bill that was no longer unpaid: to be refunded
  'amount_mismatch', // the gateway reported an amount other than the bill's: to be refunded
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

const RANK: Record<PaymentStatus, number> = {
  created: 0,
  started: 1,
  submitted: 2,
  success: 3,
  failed: 3,
  cancelled: 3,
  expired: 3,
  error: 3,
};

export function isFinal(status: PaymentStatus): status is FinalPaymentStatus {
  return RANK[status] === 3;
}

export function isPaymentStatus(value: unknown): value is PaymentStatus {
  return typeof value === 'string' && (PAYMENT_STATUSES as readonly string[]).includes(value);
}

export function isFailureCode(value: unknown): value is FailureCode {
  return typeof value === 'string' && (FAILURE_CODES as readonly string[]).includes(value);
}

/** Whether a message saying `incoming` moves a payment that is `current` (forward only; final is final). */
export function advances(current: PaymentStatus, incoming: PaymentStatus): boolean {
  return !isFinal(current) && RANK[incoming] > RANK[current];
}

/** The failure code a final status carries when the gateway gave none. */
export function defaultFailureCode(status: FinalPaymentStatus): FailureCode | null {
  switch (status) {
    case 'success':
      return null;
    case 'failed':
      return 'declined';
    case 'cancelled':
      return 'payer_cancelled';
    case 'expired':
      return 'expired';
    case 'error':
      return 'gateway_error';
  }
}
