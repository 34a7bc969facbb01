// Notifications for every module: render a message in the recipient's language and put it in the outbox,
// inside the caller's transaction. The relay (relay.ts) sends it once that transaction has committed.
import { type Actor, hasRole } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import {
  type NotificationChannel,
  type NotificationRow,
  insertNotification,
  recentNotifications,
} from './repo.ts';
import { type NotificationEvent, type TemplateParams, renderMessage } from './templates.ts';

export interface NotificationRequest {
  readonly event: NotificationEvent;
  readonly channel: NotificationChannel;
  /** A mobile number in E.164 (+923001234567) for SMS, an e-mail address for e-mail. */
  readonly recipient: string;
  /** The recipient's language (e.g. the account's preferred locale); unknown or absent: English. */
  readonly locale?: string;
  /** Values for the template's `{placeholders}`; every one must be given. */
  readonly params: TemplateParams;
  readonly userId?: string | null;
}

const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_RECENT = 200;

function checkRecipient(channel: NotificationChannel, recipient: string): void {
  const valid = channel === 'sms' ? E164.test(recipient) : EMAIL.test(recipient) && recipient.length <= 254;
  if (!valid) {
    throw new AppError(
      'bad_request',
      channel === 'sms'
        ? 'An SMS recipient must be a mobile number in E.164 form, such as +923001234567'
        : 'An e-mail recipient must be one e-mail address',
    );
  }
}

export function notificationsService(db: Db) {
  return {
    /**
     * Renders the message and stores it in the outbox through `trx`, which must be the caller's open
     * transaction: the message then exists only if the change that causes it commits, and is never sent
     * for a change that rolled back. Returns the message id.
     */
    async enqueue(trx: Db, request: NotificationRequest): Promise<string> {
      if (!trx.isTransaction) {
        throw new Error('notifications.enqueue must be given the caller’s open transaction');
      }
      checkRecipient(request.channel, request.recipient);
      const rendered = renderMessage(request.event, request.channel, request.locale, request.params);
      return insertNotification(trx, {
        event: request.event,
        channel: request.channel,
        recipient: request.recipient,
        locale: rendered.locale,
        subject: rendered.subject,
        body: rendered.body,
        userId: request.userId ?? null,
      });
    },

    /**
     * The latest messages, newest first, with their text (which may hold live codes): for the console,
     * platform administrators and auditors. The development outbox page asks as the system.
     */
    async recentMessages(actor: Actor, limit = 50): Promise<NotificationRow[]> {
      const allowed =
        actor.kind === 'system' || hasRole(actor, 'platform_admin') || hasRole(actor, 'auditor');
      if (!allowed) throw forbidden('Only administrators and auditors can read sent messages');
      return recentNotifications(db, Math.min(Math.max(1, Math.trunc(limit)), MAX_RECENT));
    },
  };
}

export type NotificationsService = ReturnType<typeof notificationsService>;
