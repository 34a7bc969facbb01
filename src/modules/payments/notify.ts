// Tells the payer their payment arrived, with the receipt's link, by SMS (or e-mail without a verified
// mobile), through the notifications outbox in the caller's transaction.
import { systemActor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { accountsService } from '../identity/accounts/service.ts';
import { notificationsService } from '../notifications/service.ts';
import { formatPaisa } from './money.ts';
import type { BillRow } from './repo.ts';

export async function notifyPaid(
  trx: Db,
  bill: BillRow,
  paid: { amountPaisa: number; receiptNumber: string },
  publicUrl: string,
): Promise<void> {
  if (bill.payer_id === null) return;
  const contact = await accountsService(trx).contactOf(systemActor('notifications'), bill.payer_id);
  const recipient = contact.mobile ?? contact.email;
  if (recipient === null) return;
  await notificationsService(trx).enqueue(trx, {
    event: 'payment.received',
    channel: contact.mobile === null ? 'email' : 'sms',
    recipient,
    locale: contact.locale,
    params: {
      amount: formatPaisa(contact.locale === 'ur' ? 'ur-PK' : 'en-PK', paid.amountPaisa),
      psid: bill.psid,
      receipt: paid.receiptNumber,
      url: `${publicUrl}/payments/receipts/${paid.receiptNumber}`,
    },
    userId: bill.payer_id,
  });
}
