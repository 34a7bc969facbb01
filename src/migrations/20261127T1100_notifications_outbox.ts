// The notifications outbox: every SMS and e-mail is first a row here, written in the transaction of the change
// that causes it, then sent by the relay (src/modules/notifications/relay.ts). The row keeps the text as it
// was rendered in the recipient's language, and the delivery state.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_message')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull().check(sql`channel in ('sms', 'email')`))
    // A mobile number in E.164 (+923001234567) or an e-mail address.
    .addColumn('recipient', 'text', (col) => col.notNull())
    .addColumn('locale', 'text', (col) => col.notNull())
    // E-mail only; SMS has no subject.
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (col) => col.notNull())
    // The account it is for, if any. No foreign key: a message's history must never block removing an account.
    .addColumn('user_id', 'uuid')
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'sent', 'delivered', 'failed')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    // 'sms-gateway', 'smtp' or 'dev-outbox': who took the message.
    .addColumn('provider', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    // While queued: when the relay may next try it (also the lease of an attempt in progress).
    .addColumn('next_attempt_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // The relay's poll: only queued rows, in due order.
  await sql`create index notification_message_due on notification_message (next_attempt_at)
    where status = 'queued'`.execute(db);
  await sql`create index notification_message_created on notification_message (created_at desc)`.execute(db);
}
