// Refunds, partial or full, by a finance officer of the bill's department. The request states the amount it
// believes is still refundable: if that is no longer true (another refund went through) the request is
// refused with 412, and a refund attempted while another is under way is refused with 409. The sum of
// refunds never exceeds what was paid: the payment row is locked while the balance is read and written. A
// refund that went through is published to subscribing systems (refund.succeeded) in the same transaction.
import { randomUUID } from 'node:crypto';
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import { isFinanceOfficerFor } from './access.ts';
import type { PaymentGateways } from './gateways/gateway.ts';
import { isAmountPaisa } from './money.ts';
import { type BillRow, type PaymentRow, findBill, findPayment } from './repo.ts';
import {
  type RefundRow,
  insertRefund,
  lockPaymentForRefund,
  refundedPaisa,
  refundsOf,
} from './repo-refunds.ts';
import { publishRefunded } from './webhook-events.ts';

export interface RefundRequest {
  readonly amountPaisa: number | undefined;
  /** What the requester saw as still refundable; must still be true. */
  readonly expectedAvailablePaisa: number | undefined;
  readonly reason: string;
}

export interface RefundState {
  readonly payment: PaymentRow;
  readonly bill: BillRow;
  readonly refunds: readonly RefundRow[];
  readonly availablePaisa: number;
}

export function refundsService(db: Db, gateways: PaymentGateways) {
  async function load(actor: Actor, paymentId: string) {
    const payment = /^[0-9a-f-]{36}$/.test(paymentId) ? await findPayment(db, { id: paymentId }) : undefined;
    const bill = payment === undefined ? undefined : await findBill(db, { id: payment.bill_id });
    if (payment === undefined || bill === undefined) throw notFound('Payment');
    if (!isFinanceOfficerFor(actor, bill)) throw notFound('Payment');
    return { payment, bill };
  }

  return {
    /** The payment, its refunds and what is still refundable, for the refund page. */
    async refundState(actor: Actor, paymentId: string): Promise<RefundState> {
      const { payment, bill } = await load(actor, paymentId);
      const refunds = await refundsOf(db, payment.id);
      const refunded = refunds
        .filter((r) => r.status !== 'failed')
        .reduce((sum, r) => sum + r.amount_paisa, 0);
      return {
        payment,
        bill,
        refunds,
        availablePaisa: payment.status === 'success' ? payment.amount_paisa - refunded : 0,
      };
    },

    async refund(
      actor: Actor,
      paymentId: string,
      request: RefundRequest,
    ): Promise<{ refund: RefundRow; availablePaisa: number }> {
      if (actor.kind !== 'user') throw forbidden('Only a finance officer can refund');
      const { bill } = await load(actor, paymentId);
      const reason = request.reason.trim();
      const problems = [];
      if (!isAmountPaisa(request.amountPaisa))
        problems.push({ field: 'amount', messageKey: 'payments.refund.amountInvalid' });
      if (reason === '' || reason.length > 500)
        problems.push({ field: 'reason', messageKey: 'payments.refund.reasonRequired' });
      if (
        request.expectedAvailablePaisa === undefined ||
        !Number.isSafeInteger(request.expectedAvailablePaisa)
      )
        throw new AppError('bad_request', 'State the amount you expect to be still refundable');
      if (problems.length > 0) throw validationFailed('The refund is not complete', problems);
      const amount = request.amountPaisa ?? 0;
      return inTransaction(db, async (trx) => {
        const payment = await lockPaymentForRefund(trx, paymentId);
        if (payment === undefined) throw notFound('Payment');
        if (payment.status !== 'success') throw conflict('Only a successful payment can be refunded');
        const available = payment.amount_paisa - (await refundedPaisa(trx, payment.id));
        if (request.expectedAvailablePaisa !== available)
          throw new AppError(
            'precondition_failed',
            'The refundable amount has changed: reload and check it',
            {
              fieldErrors: [{ field: 'amount', messageKey: 'payments.refund.availableChanged' }],
            },
          );
        if (amount > available)
          throw validationFailed('More than is refundable', [
            { field: 'amount', messageKey: 'payments.refund.tooMuch' },
          ]);
        const id = randomUUID();
        const gateway = gateways.get(payment.gateway);
        // Cash is handed back at the counter; a gateway refunds to the payer's account.
        const result =
          gateway?.refund === undefined
            ? { status: 'success' as const, gatewayReference: null }
            : await gateway.refund(trx, {
                refundId: id,
                paymentId: payment.id,
                gatewayReference: payment.gateway_reference,
                amountPaisa: amount,
              });
        const refund = await insertRefund(trx, {
          id,
          paymentId: payment.id,
          amountPaisa: amount,
          reason,
          status: result.status,
          gatewayReference: result.gatewayReference,
          requestedBy: actor.userId,
        });
        await insertAuditEvent(trx, {
          actorId: actor.userId,
          actorLabel: actorLabel(actor),
          action: 'payment.refunded',
          subjectType: 'bill',
          subjectId: bill.psid,
          details: { paymentId: payment.id, refundId: id, amountPaisa: amount, availableBefore: available },
        });
        await publishRefunded(trx, bill, payment, refund, available - amount);
        return { refund, availablePaisa: available - amount };
      });
    },
  };
}

export type RefundsService = ReturnType<typeof refundsService>;
