// Idempotency keys of the JSON API (draft-ietf-httpapi-idempotency-key-header): one row per caller and key,
// claimed by an insert-if-absent while the first request runs ('in_flight'), then holding the response
// that repeats of the same request get back ('done'). Rows live 24 hours; an hourly job deletes them after.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_key')
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('fingerprint', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().check(sql`state in ('in_flight', 'done')`))
    // Who holds the key now: a random token per claim, so a request whose claim was taken over (it ran
    // too long) cannot overwrite the response of the request that took it.
    .addColumn('claim', 'text', (col) => col.notNull())
    .addColumn('started_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('response_status', 'integer')
    .addColumn('response_headers', 'jsonb')
    .addColumn('response_body', 'text')
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('idempotency_key_pkey', ['scope', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_key_expires_idx')
    .on('idempotency_key')
    .column('expires_at')
    .execute();
}
