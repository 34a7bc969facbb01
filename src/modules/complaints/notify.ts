// Telling the complainant, inside the transaction of the change that causes the message: by SMS to the
// account's verified mobile (else e-mail), or to the contact given when filing without an account.
import { systemActor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { type MessageKey, defaultLocale, findLocale, translatorFor } from '../../platform/i18n/i18n.ts';
import { accountsService } from '../identity/accounts/service.ts';
import { notificationsService } from '../notifications/service.ts';
import type { NotificationEvent } from '../notifications/templates.ts';
import { type CategoryTree, inLanguage } from './categories.ts';
import type { ComplaintRow } from './repo.ts';

export interface Recipient {
  readonly channel: 'sms' | 'email';
  readonly recipient: string;
  readonly locale: string;
  readonly userId: string | null;
}

export async function recipientOf(trx: Db, complaint: ComplaintRow): Promise<Recipient | undefined> {
  if (complaint.complainant_id !== null) {
    const contact = await accountsService(trx).contactOf(
      systemActor('notifications'),
      complaint.complainant_id,
    );
    const userId = complaint.complainant_id;
    if (contact.mobile !== null)
      return { channel: 'sms', recipient: contact.mobile, locale: contact.locale, userId };
    if (contact.email !== null)
      return { channel: 'email', recipient: contact.email, locale: contact.locale, userId };
  }
  // An overseas filer's number counts only once proved; a caller's or an app's is taken as given.
  const mobileUsable = complaint.channel !== 'overseas' || complaint.mobile_verified_at !== null;
  if (complaint.contact_mobile !== null && mobileUsable)
    return {
      channel: 'sms',
      recipient: complaint.contact_mobile,
      locale: complaint.contact_locale,
      userId: null,
    };
  if (complaint.contact_email !== null)
    return {
      channel: 'email',
      recipient: complaint.contact_email,
      locale: complaint.contact_locale,
      userId: null,
    };
  return undefined;
}

/** The complainant's link to the track page: with the tracking key when they have no account. */
export function trackingUrl(publicUrl: string, complaint: ComplaintRow): string {
  const base = `${publicUrl}/complaints/${complaint.number ?? ''}`;
  return complaint.complainant_id === null && complaint.tracking_key !== null
    ? `${base}?key=${complaint.tracking_key}`
    : base;
}

export async function notifyComplainant(
  trx: Db,
  context: { publicUrl: string; tree: CategoryTree },
  complaint: ComplaintRow,
  event: NotificationEvent,
  extra: Readonly<Record<string, string | Date | ((locale: string) => string)>> = {},
): Promise<void> {
  const to = await recipientOf(trx, complaint);
  if (to === undefined) return;
  const subType = context.tree.subTypes.get(complaint.sub_type_code)?.subType;
  const params: Record<string, string | Date> = {
    number: complaint.number ?? '',
    url: trackingUrl(context.publicUrl, complaint),
    category: subType === undefined ? complaint.sub_type_code : inLanguage(subType.name, to.locale),
  };
  for (const [name, value] of Object.entries(extra))
    params[name] = typeof value === 'function' ? value(to.locale) : value;
  await notificationsService(trx).enqueue(trx, {
    event,
    channel: to.channel,
    recipient: to.recipient,
    locale: to.locale,
    params,
    userId: to.userId,
  });
}

/** A catalog text in the recipient's language, for a value inside a message (a state's name, a level). */
export function textIn(locale: string, key: MessageKey): string {
  return translatorFor(findLocale(locale) ?? defaultLocale())
    .t(key)
    .toLocaleLowerCase(locale);
}
