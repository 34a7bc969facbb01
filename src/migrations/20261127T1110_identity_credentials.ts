// myGovIdentity credentials: officers' one-time recovery codes, and the 6-digit one-time codes sent by SMS
// or e-mail (contact verification, password reset, contact change). Codes are stored only as hashes.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recovery_code')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('user_account.id').onDelete('cascade'))
    // Hex SHA-256 of the code's canonical form (the codes carry 60 random bits).
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('used_at', 'timestamptz')
    .addUniqueConstraint('recovery_code_user_hash_key', ['user_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('one_time_code')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.references('user_account.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (col) => col.notNull())
    // E.164 mobile number or lower-cased e-mail address.
    .addColumn('destination', 'text', (col) => col.notNull())
    // Hex HMAC-SHA256 under a server key, over purpose, destination and code.
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`attempts >= 0`),
    )
    .addColumn('consumed_at', 'timestamptz')
    // Set when a newer code is issued for the same purpose and destination: the older one stops working.
    .addColumn('superseded_at', 'timestamptz')
    // When the code was handed to the outbox. Only the hash is kept, so a resend is always a new code and
    // this equals created_at; the throttle counts rows by created_at.
    .addColumn('last_sent_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // Codes sent to this purpose and destination in the hour up to and including this one (throttling).
    .addColumn('send_count', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('one_time_code_destination_idx')
    .on('one_time_code')
    .columns(['purpose', 'destination', 'created_at'])
    .execute();
  await db.schema.createIndex('one_time_code_user_idx').on('one_time_code').column('user_id').execute();
  await db.schema.createIndex('one_time_code_created_idx').on('one_time_code').column('created_at').execute();
}
