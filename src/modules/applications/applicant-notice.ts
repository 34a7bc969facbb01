// The applicant's message at a step that matters to them (sent, returned, decided): by SMS to their verified
// mobile, else by e-mail, in their language, through the notifications outbox in the caller's transaction.
import { systemActor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { accountsService } from '../identity/accounts/service.ts';
import { notificationsService } from '../notifications/service.ts';
import type { NotificationEvent } from '../notifications/templates.ts';
import type { ServicePack } from '../services/pack/validate.ts';
import type { ApplicationRow } from './repo.ts';

export async function notifyApplicant(
  trx: Db,
  options: { publicUrl: string },
  application: ApplicationRow,
  pack: ServicePack,
  event: NotificationEvent,
  extra: Record<string, string | Date>,
) {
  const contact = await accountsService(trx).contactOf(
    systemActor('notifications'),
    application.applicant_id,
  );
  const recipient = contact.mobile ?? contact.email;
  if (recipient === null) return;
  await notificationsService(trx).enqueue(trx, {
    event,
    channel: contact.mobile === null ? 'email' : 'sms',
    recipient,
    locale: contact.locale,
    params: {
      number: application.number ?? '',
      service: contact.locale === 'ur' ? pack.name.ur : pack.name.en,
      url: `${options.publicUrl}/applications/${application.number ?? ''}`,
      ...extra,
    },
    userId: application.applicant_id,
  });
}
