// Moving a payment on. Every path by which money arrives (a gateway's status message, a bank's "it was
// paid", cash at the counter) ends here, inside the caller's transaction: the bill is locked first, then
// the payment (always in that order, so a cancellation and a success cannot deadlock), the status only
// moves forward, and a success marks the bill paid, numbers the receipt, queues the payer's message and runs
// the purpose's settlement hook; a final status also queues the webhooks to subscribing systems; all in the
// one transaction.
import { type Actor, actorId, actorLabel } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { transparencyLog } from '../transparency-log/service.ts';
import { pakistanYear } from './days.ts';
import { type FailureCode, type PaymentStatus, advances, defaultFailureCode, isFinal } from './lifecycle.ts';
import { notifyPaid } from './notify.ts';
import { billPurpose } from './purposes.ts';
import {
  type BillRow,
  type PaymentRow,
  closeUnpaidBill,
  findBill,
  findPayment,
  insertPaymentEvent,
  nextReceiptSerial,
  updatePayment,
} from './repo.ts';
import { publishPaymentFinished } from './webhook-events.ts';

export interface StatusChange {
  readonly status: Exclude<PaymentStatus, 'created'>;
  readonly actor: Actor;
  readonly source: 'gateway' | 'operator' | 'payer' | 'system';
  readonly at: Date;
  readonly gatewayEventId?: string;
  readonly gatewayReference?: string;
  readonly failureCode?: FailureCode | null;
  /** The amount the gateway says it took; a success for another amount than the bill's is an error. */
  readonly amountPaisa?: number;
  /** For the link to the receipt in the payer's message. */
  readonly publicUrl: string;
}

export interface StatusResult {
  readonly payment: PaymentRow;
  readonly bill: BillRow;
  /** False when the message was out of date or repeated news: nothing was written. */
  readonly changed: boolean;
}

export function receiptNumber(year: number, serial: number): string {
  return `RCT-${year}-${String(serial).padStart(6, '0')}`;
}

export async function applyPaymentStatus(
  trx: Db,
  paymentId: string,
  change: StatusChange,
): Promise<StatusResult> {
  const unlocked = await findPayment(trx, { id: paymentId });
  if (unlocked === undefined) throw notFound('Payment');
  const bill = await findBill(trx, { id: unlocked.bill_id }, { forUpdate: true });
  const payment = await findPayment(trx, { id: paymentId }, { forUpdate: true });
  if (bill === undefined || payment === undefined) throw notFound('Payment');
  if (!advances(payment.status, change.status)) return { payment, bill, changed: false };

  let status: PaymentStatus = change.status;
  let failureCode: FailureCode | null = isFinal(status)
    ? (change.failureCode ?? defaultFailureCode(status))
    : null;
  if (status === 'success') {
    // Money arrived for a bill that is no longer owed, or for another amount: kept as an error to refund.
    const amount = change.amountPaisa ?? payment.amount_paisa;
    if (bill.status !== 'unpaid') failureCode = 'bill_not_payable';
    else if (amount !== bill.amount_paisa || payment.amount_paisa !== bill.amount_paisa)
      failureCode = 'amount_mismatch';
    if (failureCode !== null) status = 'error';
  }

  const audit = { actorId: actorId(change.actor), actorLabel: actorLabel(change.actor) };
  let receipt: string | undefined;
  if (status === 'success') {
    receipt = receiptNumber(pakistanYear(change.at), await nextReceiptSerial(trx, pakistanYear(change.at)));
    await updatePayment(trx, payment.id, {
      status,
      failure_code: null,
      receipt_number: receipt,
      finished_at: change.at,
      ...(change.gatewayReference === undefined ? {} : { gateway_reference: change.gatewayReference }),
    });
    await closeUnpaidBill(trx, bill.id, 'paid', change.at);
    // The receipt's public entry: identifiers and amount in clear (no payer), the record's hash binding them
    // to the payment's random id, so a receipt shown later can be matched against the log.
    const ids = {
      receiptNumber: receipt,
      psid: bill.psid,
      amountPaisa: payment.amount_paisa,
      department: bill.department_code,
    };
    await transparencyLog(trx).append('payment.receipt', {
      ids,
      record: { ...ids, paymentId: payment.id, at: change.at.toISOString() },
    });
  } else {
    await updatePayment(trx, payment.id, {
      status,
      failure_code: failureCode,
      ...(isFinal(status) ? { finished_at: change.at } : {}),
      ...(change.gatewayReference === undefined || payment.gateway_reference !== null
        ? {}
        : { gateway_reference: change.gatewayReference }),
    });
  }
  await insertPaymentEvent(trx, {
    paymentId: payment.id,
    fromStatus: payment.status,
    toStatus: status,
    source: change.source,
    failureCode,
    ...(change.gatewayEventId === undefined ? {} : { gatewayEventId: change.gatewayEventId }),
    ...(status !== change.status ? { details: { reported: change.status } } : {}),
  });
  if (isFinal(status)) {
    await insertAuditEvent(trx, {
      ...audit,
      action: `payment.${status}`,
      subjectType: 'bill',
      subjectId: bill.psid,
      details: { paymentId: payment.id, amountPaisa: payment.amount_paisa, failureCode, receipt },
    });
  }
  const paidBill = { ...bill, status: 'paid' as const, paid_at: change.at };
  if (receipt !== undefined) {
    await notifyPaid(
      trx,
      bill,
      { amountPaisa: payment.amount_paisa, receiptNumber: receipt },
      change.publicUrl,
    );
    await billPurpose(bill.purpose)?.onPaid?.(trx, {
      bill: paidBill,
      paymentId: payment.id,
      receiptNumber: receipt,
      paidAt: change.at,
    });
  }
  const updated = await findPayment(trx, { id: payment.id });
  if (updated === undefined) throw notFound('Payment');
  // Subscribing systems hear of a final status from this same transaction (the webhooks outbox).
  await publishPaymentFinished(trx, bill, updated, change.at);
  return { payment: updated, bill: receipt === undefined ? bill : paidBill, changed: true };
}
