// What payments tell subscribing systems (webhooks module), always inside the transaction of the change:
// a payment that ended (payment.succeeded, or payment.failed for failed, cancelled, expired and error), a
// refund that went through, and a bill cancelled or expired. Only what GET /api/v1/payments/{id} shows, plus
// the bill's department, purpose and subject label (e.g. the application number): nothing about the payer.
import type { Db } from '../../platform/db/database.ts';
import { publishWebhookEvent } from '../webhooks/service.ts';
import { isFinal } from './lifecycle.ts';
import type { BillRow, PaymentRow } from './repo.ts';
import type { RefundRow } from './repo-refunds.ts';

const billFields = (bill: BillRow) => ({
  psid: bill.psid,
  departmentCode: bill.department_code,
  purpose: bill.purpose,
  subjectLabel: bill.subject_label,
});

export async function publishPaymentFinished(trx: Db, bill: BillRow, payment: PaymentRow, at: Date) {
  const status = payment.status;
  if (!isFinal(status)) return;
  await publishWebhookEvent(trx, {
    type: status === 'success' ? 'payment.succeeded' : 'payment.failed',
    departmentCode: bill.department_code,
    at,
    data: {
      paymentId: payment.id,
      ...billFields(bill),
      amountPaisa: payment.amount_paisa,
      currency: 'PKR',
      status,
      failureCode: payment.failure_code,
      channel: payment.channel,
      gateway: payment.gateway,
      receiptNumber: payment.receipt_number,
      createdAt: payment.created_at.toISOString(),
      finishedAt: payment.finished_at?.toISOString() ?? null,
    },
  });
}

export async function publishRefunded(
  trx: Db,
  bill: BillRow,
  payment: PaymentRow,
  refund: RefundRow,
  availablePaisa: number,
) {
  if (refund.status !== 'success') return;
  await publishWebhookEvent(trx, {
    type: 'refund.succeeded',
    departmentCode: bill.department_code,
    at: refund.created_at,
    data: {
      refundId: refund.id,
      paymentId: payment.id,
      ...billFields(bill),
      amountPaisa: refund.amount_paisa,
      currency: 'PKR',
      status: 'success',
      receiptNumber: payment.receipt_number,
      availablePaisa,
      refundedAt: refund.created_at.toISOString(),
    },
  });
}

export async function publishBillClosed(trx: Db, bill: BillRow, status: 'cancelled' | 'expired', at: Date) {
  await publishWebhookEvent(trx, {
    type: status === 'cancelled' ? 'bill.cancelled' : 'bill.expired',
    departmentCode: bill.department_code,
    at,
    data: {
      ...billFields(bill),
      amountPaisa: bill.amount_paisa,
      currency: 'PKR',
      status,
      dueAt: bill.due_at.toISOString(),
      expiresAt: bill.expires_at.toISOString(),
      closedAt: at.toISOString(),
    },
  });
}
