// myGovIdentity: citizen identity fields on accounts, server-side sessions, and sign-in failure tracking.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('user_account')
    // 13 digits, no dashes; a format check only, never proof of identity.
    .addColumn('cnic', 'text', (col) => col.check(sql`cnic ~ '^[0-9]{13}$'`))
    .addColumn('full_name_ur', 'text')
    .addColumn('mobile_verified_at', 'timestamptz')
    .addColumn('email_verified_at', 'timestamptz')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enrolled_at', 'timestamptz')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('last_sign_in_at', 'timestamptz')
    .addColumn('password_changed_at', 'timestamptz')
    .execute();
  await sql`create unique index user_account_cnic_key on user_account (cnic) where cnic is not null`.execute(
    db,
  );
  // Families share a phone: several citizens may give the same mobile number. The CNIC is the unique key.
  await sql`drop index user_account_mobile_key`.execute(db);
  await db.schema.createIndex('user_account_mobile_idx').on('user_account').column('mobile').execute();

  await db.schema
    .createTable('user_session')
    // SHA-256 of the cookie's random token: a database leak does not hand out live sessions.
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('id', 'uuid', (col) =>
      col
        .notNull()
        .unique()
        .defaultTo(sql`gen_random_uuid()`),
    )
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('idle_timeout_seconds', 'integer', (col) => col.notNull())
    // Staff sessions are not usable until the second factor is checked.
    .addColumn('mfa_verified_at', 'timestamptz')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute();

  await db.schema
    .createTable('sign_in_failure')
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('user_account.id').onDelete('cascade'))
    // Failures are counted per account and client address, so an attacker elsewhere cannot lock a
    // citizen out of their own device; a separate per-account ceiling stops distributed guessing.
    .addColumn('ip', 'text', (col) => col.notNull())
    .addColumn('failures', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_failed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('locked_until', 'timestamptz')
    .addPrimaryKeyConstraint('sign_in_failure_pkey', ['user_id', 'ip'])
    .execute();
}
