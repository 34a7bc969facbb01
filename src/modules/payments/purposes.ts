// What a bill is for decides what happens when it is paid. A module that bills (applications, for a fee)
// registers its purpose once, at start, and its `onPaid` runs inside the transaction that records the
// payment's success, so "paid" and "the application moved on" commit together or not at all. Payments never
// imports the modules that bill; they come to it (no import cycle).
import type { Db } from '../../platform/db/database.ts';
import type { BillRow } from './repo.ts';

export interface PaidBill {
  readonly bill: BillRow;
  readonly paymentId: string;
  readonly receiptNumber: string;
  readonly paidAt: Date;
}

export interface BillPurpose {
  /**
   * Called once per bill, inside the transaction that marks it paid in full. Build services on `trx`.
   * Throwing rolls the payment's success back; the gateway's retry will try again.
   */
  onPaid?(trx: Db, paid: PaidBill): Promise<void>;
  /** Called inside the transaction that cancels or expires the bill. */
  onClosed?(trx: Db, bill: BillRow, status: 'cancelled' | 'expired'): Promise<void>;
}

const purposes = new Map<string, BillPurpose>();
const PURPOSE = /^[a-z][a-z0-9_.-]{0,39}$/;

/** Registers (or replaces) what happens when a bill for `purpose` is paid. Call at start, not per request. */
export function registerBillPurpose(purpose: string, handlers: BillPurpose): void {
  if (!PURPOSE.test(purpose)) throw new Error(`Bill purpose "${purpose}" must be a short lower-case name`);
  purposes.set(purpose, handlers);
}

export function billPurpose(purpose: string): BillPurpose | undefined {
  return purposes.get(purpose);
}

export function isBillPurpose(purpose: string): boolean {
  return PURPOSE.test(purpose);
}
