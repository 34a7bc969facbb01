// All SQL of the notifications outbox (table notification_message).
import { type Generated, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type NotificationChannel = 'sms' | 'email';
export type NotificationStatus = 'queued' | 'sent' | 'delivered' | 'failed';

export type NotificationTables = {
  notification_message: {
    id: Generated<string>;
    event: string;
    channel: NotificationChannel;
    recipient: string;
    locale: string;
    subject: string | null;
    body: string;
    user_id: string | null;
    status: Generated<NotificationStatus>;
    attempts: Generated<number>;
    last_error: string | null;
    provider: string | null;
    provider_message_id: string | null;
    created_at: Generated<Date>;
    last_attempt_at: Date | null;
    sent_at: Date | null;
    next_attempt_at: Generated<Date>;
  };
};

export type NotificationRow = Selectable<NotificationTables['notification_message']>;

const tables = (db: Db) => db.$extendTables<NotificationTables>();

export interface NewNotification {
  readonly event: string;
  readonly channel: NotificationChannel;
  readonly recipient: string;
  readonly locale: string;
  readonly subject: string | null;
  readonly body: string;
  readonly userId: string | null;
}

export async function insertNotification(db: Db, message: NewNotification): Promise<string> {
  const row = await tables(db)
    .insertInto('notification_message')
    .values({
      event: message.event,
      channel: message.channel,
      recipient: message.recipient,
      locale: message.locale,
      subject: message.subject,
      body: message.body,
      user_id: message.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims up to `limit` queued messages that are due at `now`, and records the attempt before anything is
 * sent: `attempts` goes up and `next_attempt_at` moves to `leaseUntil`, all in one statement. SKIP LOCKED
 * lets several relays (one per app instance) poll at once without taking the same row; the lease keeps a
 * claimed row away from every relay until the attempt is settled, or until it expires after a crash.
 */
export async function claimDueNotifications(
  db: Db,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<NotificationRow[]> {
  const t = tables(db);
  return t
    .updateTable('notification_message')
    .set({ attempts: sql`attempts + 1`, last_attempt_at: now, next_attempt_at: leaseUntil })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('notification_message')
        .select('id')
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export async function markNotificationSent(
  db: Db,
  id: string,
  sentAt: Date,
  provider: string,
  providerMessageId: string | null,
): Promise<void> {
  await tables(db)
    .updateTable('notification_message')
    .set({
      status: 'sent',
      sent_at: sentAt,
      provider,
      provider_message_id: providerMessageId,
      last_error: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

/** A failed attempt: try again at `nextAttemptAt`, or give up (`nextAttemptAt` undefined). */
export async function markNotificationAttemptFailed(
  db: Db,
  id: string,
  error: string,
  nextAttemptAt: Date | undefined,
): Promise<void> {
  await tables(db)
    .updateTable('notification_message')
    .set(
      nextAttemptAt === undefined
        ? { status: 'failed', last_error: error }
        : { last_error: error, next_attempt_at: nextAttemptAt },
    )
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

export async function findNotification(db: Db, id: string): Promise<NotificationRow | undefined> {
  return tables(db).selectFrom('notification_message').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first. */
export async function recentNotifications(db: Db, limit: number): Promise<NotificationRow[]> {
  return tables(db)
    .selectFrom('notification_message')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
