// Payments: paying a bill online through a gateway's checkout, the gateways' signed messages (status
// callbacks, bill inquiry and "it was paid"), cash at the counter, and reading payments and receipts.
// Every success goes through settle.ts in one transaction with the bill, the receipt and the purpose's hook.
import { feedbackOnCounterPayment } from '../feedback/hooks.ts';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import { canSeeBill, canTakeCash } from './access.ts';
import { type PublicBill, billsService, checkedPsid, effectiveStatus } from './bills.ts';
import type { PaymentGateway, PaymentGateways } from './gateways/gateway.ts';
import { type SandboxBank, sandboxBank } from './gateways/sandbox/bank.ts';
import { SANDBOX_GATEWAY_ID } from './gateways/sandbox/gateway.ts';
import { parseBillInquiry, parseBillPayment, parseStatusMessage } from './gateways/messages.ts';
import { SIGNATURE_HEADER, verifySignature } from './gateways/signature.ts';
import {
  type BillHeadRow,
  type BillRow,
  type PaymentEventRow,
  type PaymentRow,
  claimGatewayEvent,
  findBill,
  findPayment,
  headsOf,
  insertPayment,
  insertPaymentEvent,
  paymentEventsOf,
  updatePayment,
} from './repo.ts';
import { reconciliationService } from './reconciliation.ts';
import { refundsService } from './refunds.ts';
import { applyPaymentStatus } from './settle.ts';

export const COUNTER_GATEWAY_ID = 'counter';
const RECEIPT_BOOK_NUMBER = /^[A-Za-z0-9/-]{1,30}$/;

export interface PaymentsOptions {
  readonly gateways: PaymentGateways;
  readonly publicUrl: string;
  /** For the feedback survey after cash at a counter (config FEEDBACK_SAMPLE_PERCENT; absent: 100). */
  readonly feedbackSamplePercent?: number;
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

export interface PaymentView {
  readonly payment: PaymentRow;
  readonly bill: BillRow;
  readonly heads: readonly BillHeadRow[];
  readonly events: readonly PaymentEventRow[];
}

export function paymentsService(db: Db, options: PaymentsOptions) {
  const bills = billsService(db);

  function gateway(id: string): PaymentGateway {
    const found = options.gateways.get(id);
    if (found === undefined) throw notFound('Payment gateway');
    return found;
  }

  /** The signature first: nothing about an unsigned message is looked at. */
  function verified(gatewayId: string, raw: Buffer, headers: Headers, now: Date): PaymentGateway {
    const found = gateway(gatewayId);
    verifySignature(found.secret, raw, headers[SIGNATURE_HEADER], now);
    return found;
  }

  async function view(payment: PaymentRow): Promise<PaymentView> {
    const bill = await findBill(db, { id: payment.bill_id });
    if (bill === undefined) throw notFound('Payment');
    return {
      payment,
      bill,
      heads: await headsOf(db, bill.id),
      events: await paymentEventsOf(db, payment.id),
    };
  }

  return {
    bills,
    refunds: refundsService(db, options.gateways),
    reconciliation: reconciliationService(db, options.gateways),
    gateways: () => [...options.gateways.values()],
    /** The built-in sandbox bank when it is on: its pages and the messages it sends us. */
    sandboxBank(): SandboxBank | undefined {
      const sandbox = options.gateways.get(SANDBOX_GATEWAY_ID);
      return sandbox === undefined ? undefined : sandboxBank(db, sandbox);
    },
    gateway,

    /** The payer starts paying online: a payment is created and the gateway's checkout opened. */
    async startOnlinePayment(
      actor: Actor,
      typedPsid: string,
      gatewayId: string,
    ): Promise<{ paymentId: string; redirectUrl: string }> {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to pay online');
      const chosen = gateway(gatewayId);
      if (chosen.startCheckout === undefined) throw notFound('Payment gateway');
      const psid = checkedPsid(typedPsid);
      const payment = await inTransaction(db, async (trx) => {
        const bill = await findBill(trx, { psid }, { forUpdate: true });
        if (bill === undefined || !canSeeBill(actor, bill)) throw notFound('Bill');
        if (bill.payer_id !== actor.userId) throw forbidden('Only the payer can pay this bill online');
        const status = effectiveStatus(bill);
        if (status !== 'unpaid') throw conflict(`This bill is ${status}`);
        const created = await insertPayment(trx, {
          billId: bill.id,
          gateway: chosen.id,
          channel: 'online',
          amountPaisa: bill.amount_paisa,
          payerId: actor.userId,
        });
        await insertPaymentEvent(trx, {
          paymentId: created.id,
          fromStatus: null,
          toStatus: 'created',
          source: 'payer',
        });
        await insertAuditEvent(trx, {
          actorId: actor.userId,
          actorLabel: actor.label,
          action: 'payment.created',
          subjectType: 'bill',
          subjectId: bill.psid,
          details: { paymentId: created.id, gateway: chosen.id },
        });
        return { ...created, psid: bill.psid, description: bill.description_en };
      });
      // Outside the transaction: a real gateway is a network call, and no row should stay locked meanwhile.
      const checkout = await chosen.startCheckout(db, {
        paymentId: payment.id,
        psid: payment.psid,
        amountPaisa: payment.amount_paisa,
        description: payment.description,
        returnUrl: `${options.publicUrl}/payments/${payment.id}/return`,
      });
      await updatePayment(db, payment.id, { gateway_reference: checkout.gatewayReference });
      return { paymentId: payment.id, redirectUrl: checkout.redirectUrl };
    },

    /** A gateway's signed status message about an online payment (at least once, in any order). */
    async handleStatusMessage(gatewayId: string, raw: Buffer, headers: Headers, now = new Date()) {
      const from = verified(gatewayId, raw, headers, now);
      const message = parseStatusMessage(raw);
      return inTransaction(db, async (trx) => {
        const payment = await findPayment(trx, { id: message.paymentId });
        if (payment?.gateway !== from.id) throw notFound('Payment');
        if (payment.gateway_reference !== null && payment.gateway_reference !== message.gatewayReference)
          throw new AppError('bad_request', 'The gateway reference does not match the payment');
        // The bill is locked before anything refers to the payment (settle.ts's lock order), so concurrent
        // copies queue here instead of deadlocking over the payment row.
        await findBill(trx, { id: payment.bill_id }, { forUpdate: true });
        const fresh = await claimGatewayEvent(trx, {
          gateway: from.id,
          eventId: message.eventId,
          kind: 'status',
          paymentId: payment.id,
        });
        if (!fresh) throw conflict('This message was already processed (replayed event id)');
        const result = await applyPaymentStatus(trx, payment.id, {
          status: message.status,
          actor: systemActor(`gateway:${from.id}`),
          source: 'gateway',
          at: now,
          publicUrl: options.publicUrl,
          gatewayEventId: message.eventId,
          gatewayReference: message.gatewayReference,
          failureCode: message.failureCode,
          amountPaisa: message.amountPaisa,
        });
        return { changed: result.changed, status: result.payment.status };
      });
    },

    /** The bank asks what is owed on a PSID (bill presentment). */
    async billInquiry(
      gatewayId: string,
      raw: Buffer,
      headers: Headers,
      now = new Date(),
    ): Promise<PublicBill> {
      const from = verified(gatewayId, raw, headers, now);
      if (!from.presentment) throw notFound('Payment gateway');
      return bills.publicBill(parseBillInquiry(raw).psid, now);
    },

    /** The bank reports that a PSID was paid at its counters or apps (bill presentment). */
    async billPaymentNotice(gatewayId: string, raw: Buffer, headers: Headers, now = new Date()) {
      const from = verified(gatewayId, raw, headers, now);
      if (!from.presentment) throw notFound('Payment gateway');
      const message = parseBillPayment(raw);
      const psid = checkedPsid(message.psid);
      return inTransaction(db, async (trx) => {
        const bill = await findBill(trx, { psid }, { forUpdate: true });
        if (bill === undefined) throw notFound('Bill');
        const fresh = await claimGatewayEvent(trx, {
          gateway: from.id,
          eventId: message.eventId,
          kind: 'bill_payment',
          paymentId: null,
        });
        if (!fresh) throw conflict('This message was already processed (replayed event id)');
        // A bank pays what the inquiry said; it may not pay an expired or cancelled bill.
        const status = effectiveStatus(bill, now);
        if (status !== 'unpaid') throw conflict(`This bill is ${status}`);
        if (message.amountPaisa !== bill.amount_paisa)
          throw validationFailed('The amount is not the amount of the bill', [
            { field: 'amountPaisa', messageKey: 'payments.amountNotBill' },
          ]);
        const created = await insertPayment(trx, {
          billId: bill.id,
          gateway: from.id,
          channel: 'presentment',
          amountPaisa: message.amountPaisa,
          payerId: bill.payer_id,
          gatewayReference: message.transactionReference,
        });
        await insertPaymentEvent(trx, {
          paymentId: created.id,
          fromStatus: null,
          toStatus: 'created',
          source: 'gateway',
        });
        const result = await applyPaymentStatus(trx, created.id, {
          status: 'success',
          actor: systemActor(`gateway:${from.id}`),
          source: 'gateway',
          at: now,
          publicUrl: options.publicUrl,
          gatewayEventId: message.eventId,
          amountPaisa: message.amountPaisa,
        });
        return {
          paymentId: created.id,
          status: result.payment.status,
          receiptNumber: result.payment.receipt_number,
        };
      });
    },

    /** An operator takes the bill's amount in cash and records the receipt-book number. */
    async recordCounterPayment(
      actor: Actor,
      input: { psid: string; amountPaisa: number | undefined; receiptBookNumber: string },
    ): Promise<{ paymentId: string; receiptNumber: string }> {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      const psid = checkedPsid(input.psid);
      const book = input.receiptBookNumber.trim();
      return inTransaction(db, async (trx) => {
        const bill = await findBill(trx, { psid }, { forUpdate: true });
        if (bill === undefined || !canTakeCash(actor, bill)) throw notFound('Bill');
        const status = effectiveStatus(bill);
        if (status !== 'unpaid') throw conflict(`This bill is ${status}`);
        const problems = [];
        if (input.amountPaisa !== bill.amount_paisa)
          problems.push({ field: 'amount', messageKey: 'payments.counter.amountNotBill' });
        if (!RECEIPT_BOOK_NUMBER.test(book))
          problems.push({ field: 'receiptBook', messageKey: 'payments.counter.receiptBookRequired' });
        if (problems.length > 0) throw validationFailed('The cash payment is not complete', problems);
        const created = await insertPayment(trx, {
          billId: bill.id,
          gateway: COUNTER_GATEWAY_ID,
          channel: 'counter',
          amountPaisa: bill.amount_paisa,
          payerId: bill.payer_id,
          operatorId: actor.userId,
          counterReceiptBookNumber: book,
        });
        await insertPaymentEvent(trx, {
          paymentId: created.id,
          fromStatus: null,
          toStatus: 'created',
          source: 'operator',
        });
        const result = await applyPaymentStatus(trx, created.id, {
          status: 'success',
          actor,
          source: 'operator',
          at: new Date(),
          publicUrl: options.publicUrl,
        });
        if (result.payment.receipt_number === null) throw conflict('The payment could not be recorded');
        await feedbackOnCounterPayment(trx, options, { receiptNumber: result.payment.receipt_number, bill });
        return { paymentId: created.id, receiptNumber: result.payment.receipt_number };
      });
    },

    /** Only operators have a cash counter. */
    counterDesk(actor: Actor): void {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      if (!actor.grants.some((grant) => grant.role === 'operator'))
        throw forbidden('Only facilitation-centre operators take cash');
    },

    /** The bill as an operator at the counter sees it before taking cash. */
    async counterLookup(actor: Actor, typedPsid: string) {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      const bill = await findBill(db, { psid: checkedPsid(typedPsid) });
      if (bill === undefined || !canTakeCash(actor, bill)) throw notFound('Bill');
      return { bill, status: effectiveStatus(bill), heads: await headsOf(db, bill.id) };
    },

    /** One payment with its bill and history, for the payer and the department's officers. */
    async payment(actor: Actor, id: string): Promise<PaymentView> {
      const payment = /^[0-9a-f-]{36}$/.test(id) ? await findPayment(db, { id }) : undefined;
      if (payment === undefined) throw notFound('Payment');
      const found = await view(payment);
      if (!canSeeBill(actor, found.bill)) throw notFound('Payment');
      return found;
    },

    async receipt(actor: Actor, number: string): Promise<PaymentView> {
      const payment = await findPayment(db, { receiptNumber: number });
      if (payment === undefined) throw notFound('Receipt');
      const found = await view(payment);
      if (!canSeeBill(actor, found.bill)) throw notFound('Receipt');
      return found;
    },

    /** Anyone holding a receipt may check it is genuine: number, amount, date, department, PSID. */
    async verifyReceipt(number: string) {
      const payment = await findPayment(db, { receiptNumber: number });
      if (payment === undefined) throw notFound('Receipt');
      const bill = await findBill(db, { id: payment.bill_id });
      if (bill === undefined || payment.finished_at === null) throw notFound('Receipt');
      return {
        receiptNumber: number,
        psid: bill.psid,
        amountPaisa: payment.amount_paisa,
        paidAt: payment.finished_at,
        departmentCode: bill.department_code,
      };
    },
  };
}

export type PaymentsService = ReturnType<typeof paymentsService>;
