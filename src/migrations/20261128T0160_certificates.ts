// Verifiable certificates: the departments' signing keys, the issued credentials, their W3C Bitstring
// Status Lists (one pair — revocation and suspension — per list id), and each credential's status history.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('certificate_signing_key')
    .addColumn('kid', 'text', (col) => col.primaryKey())
    .addColumn('department_code', 'text', (col) => col.notNull().references('department.code'))
    .addColumn('alg', 'text', (col) => col.notNull().check(sql`alg = 'ES256'`))
    .addColumn('public_jwk', 'jsonb', (col) => col.notNull())
    // The private JWK, AES-256-GCM sealed with a key derived from SESSION_SECRET (HKDF-SHA-256).
    .addColumn('private_jwk_encrypted', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('retired_at', 'timestamptz')
    .execute();
  // One signing key per department at a time; retired keys stay published (old certificates verify).
  await sql`create unique index certificate_signing_key_active on certificate_signing_key (department_code)
    where retired_at is null`.execute(db);

  await db.schema
    .createTable('certificate_status_list')
    .addColumn('id', 'text', (col) => col.primaryKey().check(sql`id ~ '^[a-z][a-z0-9-]*$'`))
    .addColumn('department_code', 'text', (col) => col.notNull().references('department.code'))
    .addColumn('length', 'integer', (col) => col.notNull().check(sql`length >= 131072 and length % 8 = 0`))
    .addColumn('used', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index certificate_status_list_open_idx on certificate_status_list (department_code)
    where used < length`.execute(db);

  await db.schema
    .createTable('certificate')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('department_code', 'text', (col) => col.notNull().references('department.code'))
    .addColumn('district_code', 'text', (col) => col.notNull().references('district.code'))
    .addColumn('application_number', 'text', (col) => col.notNull())
    .addColumn('service_code', 'text', (col) => col.notNull())
    .addColumn('certificate_type', 'text', (col) => col.notNull())
    .addColumn('kid', 'text', (col) => col.notNull().references('certificate_signing_key.kid'))
    // The signed credential (compact JWS, application/vc+jwt); it holds the certificate's facts.
    .addColumn('credential', 'text', (col) => col.notNull())
    .addColumn('log_index', 'bigint', (col) => col.notNull())
    .addColumn('status_list_id', 'text', (col) => col.notNull().references('certificate_status_list.id'))
    .addColumn('status_index', 'integer', (col) => col.notNull().check(sql`status_index >= 0`))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('valid')
        .check(sql`status in ('valid', 'suspended', 'revoked')`),
    )
    .addColumn('status_changed_at', 'timestamptz')
    .addColumn('issued_by', 'text', (col) => col.notNull())
    .addColumn('issued_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('certificate_application_type_key', ['application_number', 'certificate_type'])
    .addUniqueConstraint('certificate_status_slot_key', ['status_list_id', 'status_index'])
    .execute();
  // The status list's set bits: only the few certificates that are not valid.
  await sql`create index certificate_not_valid_idx on certificate (status_list_id, status)
    where status <> 'valid'`.execute(db);
  await sql`create index certificate_department_idx on certificate (department_code, issued_at desc)`.execute(
    db,
  );

  await db.schema
    .createTable('certificate_event')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('certificate_id', 'uuid', (col) => col.notNull().references('certificate.id'))
    .addColumn('action', 'text', (col) =>
      col.notNull().check(sql`action in ('issued', 'suspended', 'reinstated', 'revoked')`),
    )
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index certificate_event_certificate_idx on certificate_event (certificate_id, id)`.execute(
    db,
  );
}
