// The sandbox gateway: a pretend bank inside Sahulat, on by default outside production (PAYMENTS_SANDBOX), so
// anyone can pay a demo fee end to end. It keeps its own ledger (repo.ts), shows its own checkout and
// bill-payment pages under /sandbox-bank/ (routes.ts), and sends us signed messages over HTTP exactly as an
// outside bank would, with its own secret.
import type { Db } from '../../../../platform/db/database.ts';
import { pakistanDayRange } from '../../days.ts';
import type { PaymentGateway } from '../gateway.ts';
import { settlementCsv } from '../settlement.ts';
import { insertSandboxTransaction, newSandboxReference, settledSandboxTransactions } from './repo.ts';

export const SANDBOX_GATEWAY_ID = 'sandbox';

export function sandboxGateway(secret: Buffer): PaymentGateway {
  return {
    id: SANDBOX_GATEWAY_ID,
    name: { en: 'Sandbox bank (no real money)', ur: 'سینڈ باکس بینک (اصل رقم نہیں)' },
    secret,
    presentment: true,

    async startCheckout(db: Db, request) {
      const reference = newSandboxReference();
      await insertSandboxTransaction(db, {
        reference,
        kind: 'checkout',
        paymentId: request.paymentId,
        psid: request.psid,
        amountPaisa: request.amountPaisa,
        // The sandbox is served by this same site: the payer goes back by path, whatever PUBLIC_URL says.
        returnUrl: new URL(request.returnUrl).pathname,
      });
      return { redirectUrl: `/sandbox-bank/checkout/${reference}`, gatewayReference: reference };
    },

    async refund(_db, request) {
      // The sandbox hands the money back at once.
      return { status: 'success', gatewayReference: `SBX-RF-${request.refundId}` };
    },

    async settlementFile(db: Db, day: string) {
      const { from, to } = pakistanDayRange(day);
      const settled = await settledSandboxTransactions(db, from, to);
      return settlementCsv(
        settled.map((transaction) => ({
          gatewayReference: transaction.reference,
          paymentId: transaction.payment_id,
          psid: transaction.psid,
          amountPaisa: transaction.amount_paisa,
          settledAt: transaction.settled_at ?? transaction.created_at,
        })),
      );
    },
  };
}
