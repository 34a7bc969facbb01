// Webhooks to subscribing systems: the subscriptions administrators register, the outbox of deliveries (one
// row per event and subscription, written in the transaction of the change it reports) and every attempt.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_subscription')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('url', 'text', (col) => col.notNull().check(sql`char_length(url) between 1 and 500`))
    .addColumn('events', sql`text[]`, (col) => col.notNull().check(sql`cardinality(events) > 0`))
    // Null: every department's events (platform administrators only).
    .addColumn('department_code', 'text', (col) => col.references('department.code'))
    // AES-256-GCM sealed (platform/sealed.ts): the secret must be recoverable to sign with it.
    .addColumn('secret_sealed', 'text', (col) => col.notNull())
    // The secret before the last rotation, still signed with until it expires, so receivers can switch over.
    .addColumn('previous_secret_sealed', 'text')
    .addColumn('previous_secret_expires_at', 'timestamptz')
    .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('created_by', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('webhook_delivery')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('subscription_id', 'uuid', (col) =>
      col.notNull().references('webhook_subscription.id').onDelete('cascade'),
    )
    // The event's id, the same in every subscription's copy: receivers drop repeats by it.
    .addColumn('event_id', 'uuid', (col) => col.notNull())
    .addColumn('event_type', 'text', (col) => col.notNull())
    // The exact JSON sent, as text so that every attempt sends (and signs) the same bytes.
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'delivered', 'failed')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('webhook_delivery_event_unique', ['subscription_id', 'event_id'])
    .execute();
  await sql`create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at)
    where status = 'pending'`.execute(db);
  await db.schema
    .createIndex('webhook_delivery_subscription_idx')
    .on('webhook_delivery')
    .columns(['subscription_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('webhook_attempt')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('delivery_id', 'uuid', (col) =>
      col.notNull().references('webhook_delivery.id').onDelete('cascade'),
    )
    .addColumn('attempt', 'integer', (col) => col.notNull())
    .addColumn('started_at', 'timestamptz', (col) => col.notNull())
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    // Null when no answer came (refused, timed out, TLS failure): then `error` says what happened.
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_attempt_delivery_idx')
    .on('webhook_attempt')
    .columns(['delivery_id', 'attempt'])
    .execute();
}
