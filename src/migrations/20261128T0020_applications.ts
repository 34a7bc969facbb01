// Applications for services: one row per application (a draft until submitted), its history, and the
// per-service, per-district, per-year sequence behind numbers such as DOM-QTA-2026-000123.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'text', (col) => col.unique())
    .addColumn('service_code', 'text', (col) => col.notNull())
    // An application stays on the pack version it started on, whatever is current later.
    .addColumn('pack_version', 'integer', (col) => col.notNull())
    .addColumn('applicant_id', 'uuid', (col) => col.notNull().references('user_account.id'))
    // The facilitation-centre operator who filed it for a walk-in citizen, if any.
    .addColumn('filed_by', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('district_code', 'text', (col) => col.notNull().references('district.code'))
    .addColumn('department_code', 'text', (col) => col.notNull().references('department.code'))
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('draft'))
    .addColumn('answers', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('fee_pkr', 'numeric(12, 2)')
    // Optimistic concurrency: every change states the version it saw; a stale version is a conflict.
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('holder_role', 'text')
    .addColumn('assigned_to', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('due_at', 'timestamptz')
    .addColumn('promised_at', 'timestamptz')
    .addColumn('outcome', 'text', (col) => col.check(sql`outcome in ('approved', 'rejected', 'withdrawn')`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint(
      'application_pack_version_fkey',
      ['service_code', 'pack_version'],
      'service_pack_version',
      ['code', 'version'],
    )
    .execute();
  await db.schema.createIndex('application_applicant_idx').on('application').column('applicant_id').execute();
  // The officers' inbox: open applications by department, district and the role that holds them.
  await sql`create index application_inbox_idx on application (department_code, district_code, holder_role, due_at)
    where outcome is null and state <> 'draft'`.execute(db);

  await db.schema
    .createTable('application_event')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('application_id', 'uuid', (col) =>
      col.notNull().references('application.id').onDelete('cascade'),
    )
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('action', 'text')
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('remarks', 'text')
    .execute();
  await db.schema
    .createIndex('application_event_application_idx')
    .on('application_event')
    .columns(['application_id', 'id'])
    .execute();

  await db.schema
    .createTable('application_sequence')
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('district_code', 'text', (col) => col.notNull())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('last_number', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('application_sequence_pkey', ['prefix', 'district_code', 'year'])
    .execute();
}
