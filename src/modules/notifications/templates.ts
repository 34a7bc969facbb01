// Message templates: catalog keys `notify.<event>.sms`, `.emailSubject` and `.emailBody` (plain text) in every
// catalog, with `{name}` placeholders. A message is rendered once, at enqueue time, in the recipient's language.
import { type Locale, defaultLocale, findLocale, translatorFor } from '../../platform/i18n/i18n.ts';
import type { NotificationChannel } from './repo.ts';

/** Every event that has templates. Adding one: add the three keys to every catalog, then the name here. */
export const NOTIFICATION_EVENTS = [
  'otp.verifyMobile',
  'otp.verifyEmail',
  'otp.resetPassword',
  'otp.changeContact',
  'otp.counterConsent',
  'account.passwordChanged',
  'account.signedInNewDevice',
  'complaint.received',
  'complaint.assigned',
  'complaint.resolved',
  'complaint.rejected',
  'complaint.dismissed',
  'complaint.escalated',
  'complaint.reply',
  'complaint.closed',
  'complaint.filingSuspended',
  'application.submitted',
  'application.returned',
  'application.decided',
  'application.assigned',
  'application.escalated',
  'inbox.daily-summary',
  'payment.received',
  'feedback.requested',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** Dates are written out in the recipient's language, in Pakistan time. */
export type TemplateParams = Readonly<Record<string, string | number | Date>>;

export interface RenderedMessage {
  /** The catalog's code actually used (an unknown locale falls back to English). */
  readonly locale: string;
  readonly subject: string | null;
  readonly body: string;
}

/** Unicode bidi isolates (UAX #9): left-to-right, first-strong, and the closing pop. */
export const LRI = '\u2066';
export const FSI = '\u2068';
export const PDI = '\u2069';
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

export class MissingTemplateParameterError extends Error {
  constructor(event: string, name: string) {
    super(`Notification ${event} needs the parameter {${name}}`);
    this.name = 'MissingTemplateParameterError';
  }
}

export function resolveLocale(code: string | undefined): Locale {
  return findLocale(code) ?? defaultLocale();
}

export function isNotificationEvent(value: string): value is NotificationEvent {
  return (NOTIFICATION_EVENTS as readonly string[]).includes(value);
}

export function templateKeys(event: NotificationEvent, channel: NotificationChannel): string[] {
  return channel === 'sms'
    ? [`notify.${event}.sms`]
    : [`notify.${event}.emailSubject`, `notify.${event}.emailBody`];
}

export function renderMessage(
  event: NotificationEvent,
  channel: NotificationChannel,
  localeCode: string | undefined,
  params: TemplateParams,
): RenderedMessage {
  const locale = resolveLocale(localeCode);
  const [first = '', second] = templateKeys(event, channel).map((key) =>
    fillTemplate(event, templateText(locale, key), locale, params),
  );
  return second === undefined
    ? { locale: locale.code, subject: null, body: first }
    : { locale: locale.code, subject: first, body: second };
}

function templateText(locale: Locale, key: string): string {
  // The catalog test keeps every catalog complete; English is the fallback of last resort.
  const text = locale.messages[key] ?? defaultLocale().messages[key];
  if (text === undefined) throw new Error(`Message template ${key} is missing from the catalogs`);
  return text;
}

/**
 * Fills `{name}` placeholders. In a right-to-left language every value is isolated, so a code, a CNIC
 * (54400-1234567-1), a phone number or a date keeps its own order inside Urdu text: left-to-right isolates
 * (U+2066 … U+2069) for values with no right-to-left letters, first-strong isolates for values that may be
 * Urdu (a date written out in Urdu, a name). In English only Urdu values are isolated: in an SMS one
 * isolate would switch the whole message from GSM-7 (160 characters a part) to UCS-2 (70), which Urdu
 * letters do anyway.
 */
function fillTemplate(event: string, template: string, locale: Locale, params: TemplateParams): string {
  const t = translatorFor(locale);
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new MissingTemplateParameterError(event, name);
    const text = value instanceof Date ? t.formatDateTime(value) : String(value);
    const rightToLeftValue = RTL_LETTER.test(text);
    if (locale.dir === 'ltr') return rightToLeftValue ? `${FSI}${text}${PDI}` : text;
    return `${rightToLeftValue ? FSI : LRI}${text}${PDI}`;
  });
}
