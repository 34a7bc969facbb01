// One interface for every way money reaches us. A gateway may offer:
// - online checkout (redirect and callback): we open a checkout at the gateway, send the payer's browser
//   there, and the gateway later POSTs signed status messages to /payments/callback/{id};
// - bill presentment: the bank asks POST /gateways/{id}/bill-inquiry ("what is owed on this PSID?") and
//   then reports POST /gateways/{id}/bill-payment ("it was paid"), as the interbank bill network does;
// - refunds, and a daily settlement file for reconciliation.
// Every message either way is signed with the gateway's own secret (signature.ts) and speaks the JSON of
// messages.ts. Status messages are answered 200 when applied (or harmlessly out of date), 409 when their
// event id was already processed (a replay: the gateway may treat it as delivered), 401 when the signature
// is missing, wrong or stale.
import type { Db } from '../../../platform/db/database.ts';

export interface LocalText {
  readonly en: string;
  readonly ur: string;
}

export interface CheckoutRequest {
  readonly paymentId: string;
  readonly psid: string;
  readonly amountPaisa: number;
  readonly description: string;
  /** Our page the gateway sends the payer back to, whatever happened. */
  readonly returnUrl: string;
}

export interface CheckoutStarted {
  /** Where to send the payer's browser (absolute, or a path on this site for the sandbox). */
  readonly redirectUrl: string;
  readonly gatewayReference: string;
}

export interface RefundRequest {
  readonly refundId: string;
  readonly paymentId: string;
  readonly gatewayReference: string | null;
  readonly amountPaisa: number;
}

export interface RefundResult {
  /** `success` when the gateway refunded at once; `submitted` when it will confirm later. */
  readonly status: 'success' | 'submitted';
  readonly gatewayReference: string;
}

export interface PaymentGateway {
  /** Lower-case id used in URLs and stored on payments: `sandbox`, `counter`. */
  readonly id: string;
  readonly name: LocalText;
  /** The HMAC key for messages from and to this gateway. */
  readonly secret: Buffer;
  /** Whether the bank may ask about bills and report their payment (bill presentment). */
  readonly presentment: boolean;
  /** Opens a checkout for an online payment. Absent: the gateway takes no online payments. */
  startCheckout?(db: Db, request: CheckoutRequest): Promise<CheckoutStarted>;
  refund?(db: Db, request: RefundRequest): Promise<RefundResult>;
  /** The gateway's settlement file for one day in Pakistan time ('YYYY-MM-DD'), as CSV (settlement.ts). */
  settlementFile?(db: Db, day: string): Promise<string>;
}

export type PaymentGateways = ReadonlyMap<string, PaymentGateway>;
