// The sandbox bank's side of things: its checkouts and counter payments, and the signed messages it sends us
// about them. It knows nothing of our tables; it learns about bills only by asking, as a bank would.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../../platform/db/database.ts';
import { conflict, notFound } from '../../../../platform/errors.ts';
import { isDay } from '../../days.ts';
import type { PaymentGateway } from '../gateway.ts';
import { signatureHeader } from '../signature.ts';
import {
  type SandboxTransaction,
  finishSandboxTransaction,
  findSandboxTransaction,
  insertSandboxTransaction,
  newSandboxReference,
  reverseSandboxTransaction,
} from './repo.ts';

export type SandboxChoice = 'pay' | 'fail' | 'cancel';

export interface OutgoingMessage {
  readonly path: string;
  readonly body: string;
  readonly signature: string;
}

export function sandboxBank(db: Db, gateway: PaymentGateway) {
  const message = (path: string, content: Record<string, unknown>, now: Date): OutgoingMessage => {
    const body = JSON.stringify(content);
    return { path, body, signature: signatureHeader(gateway.secret, body, now) };
  };
  const status = (
    transaction: SandboxTransaction,
    value: string,
    now: Date,
    extra: Record<string, unknown> = {},
  ) =>
    message(
      `/payments/callback/${gateway.id}`,
      {
        eventId: `sbx-evt-${randomUUID()}`,
        paymentId: transaction.payment_id,
        gatewayReference: transaction.reference,
        status: value,
        amountPaisa: transaction.amount_paisa,
        ...extra,
      },
      now,
    );

  async function checkout(reference: string): Promise<SandboxTransaction> {
    const transaction = /^SBX-[A-Za-z0-9_-]{6,40}$/.test(reference)
      ? await findSandboxTransaction(db, reference)
      : undefined;
    if (transaction?.kind !== 'checkout') throw notFound('Checkout');
    return transaction;
  }

  return {
    checkout,

    /** The payer opened the checkout page. */
    startedMessage(transaction: SandboxTransaction, now = new Date()): OutgoingMessage {
      return status(transaction, 'started', now);
    },

    /** The payer pressed pay, fail or cancel: the ledger records it and these messages go to the merchant. */
    async decide(reference: string, choice: SandboxChoice, now = new Date()): Promise<OutgoingMessage[]> {
      const transaction = await checkout(reference);
      const outcome = choice === 'pay' ? 'paid' : choice === 'fail' ? 'failed' : 'cancelled';
      if (!(await finishSandboxTransaction(db, reference, outcome, now)))
        throw conflict('This checkout is already finished');
      if (choice === 'cancel')
        return [status(transaction, 'cancelled', now, { failureCode: 'payer_cancelled' })];
      return [
        status(transaction, 'submitted', now),
        choice === 'pay'
          ? status(transaction, 'success', now)
          : status(transaction, 'failed', now, { failureCode: 'declined' }),
      ];
    },

    inquiryMessage(psid: string, now = new Date()): OutgoingMessage {
      return message(`/gateways/${gateway.id}/bill-inquiry`, { psid }, now);
    },

    /** A teller (or the bank's app) takes payment for a PSID; the bank records it, then tells us. */
    async payBill(
      psid: string,
      amountPaisa: number,
      now = new Date(),
    ): Promise<{ reference: string; message: OutgoingMessage }> {
      const reference = newSandboxReference();
      await insertSandboxTransaction(db, {
        reference,
        kind: 'bill_payment',
        paymentId: null,
        psid,
        amountPaisa,
        returnUrl: null,
        outcome: 'paid',
        settledAt: now,
      });
      return {
        reference,
        message: message(
          `/gateways/${gateway.id}/bill-payment`,
          { eventId: `sbx-evt-${randomUUID()}`, psid, amountPaisa, transactionReference: reference },
          now,
        ),
      };
    },

    /** The bank's settlement file for a day (YYYY-MM-DD, Pakistan time). */
    async settlementFile(day: string): Promise<string> {
      if (!isDay(day) || gateway.settlementFile === undefined) throw notFound('Settlement file');
      return gateway.settlementFile(db, day);
    },

    /** The merchant refused the payment: the bank reverses it (it will not be settled). */
    async reverse(reference: string): Promise<void> {
      await reverseSandboxTransaction(db, reference);
    },
  };
}

export type SandboxBank = ReturnType<typeof sandboxBank>;
