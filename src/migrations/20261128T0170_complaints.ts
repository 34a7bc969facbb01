// Complaints: one row per complaint (from the web, an overseas filer, the contact centre or an Open311
// app), its history, its attachments (photos and PDFs, as keys into the document store), the per-year
// sequence behind numbers such as CMP-2026-0001234, and the Open311 API keys issued to registered apps.
import { type Kysely, sql } from 'kysely';

const STATES = [
  'pending_verification',
  'submitted',
  'assigned',
  'reassignment_requested',
  'resolved',
  'reopened',
  'rejected',
  'closed',
  'frivolous',
  'abusive',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('open311_api_key')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('app_name', 'text', (col) => col.notNull())
    .addColumn('contact_email', 'text', (col) => col.notNull())
    // SHA-256 of the key (hex): the key itself is shown once, when it is issued.
    .addColumn('key_hash', 'text', (col) => col.notNull().unique())
    // The key's first characters, so an administrator can tell keys apart without seeing them.
    .addColumn('key_prefix', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('complaint')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Null until the complaint is accepted (an overseas filer first proves the mobile number).
    .addColumn('number', 'text', (col) => col.unique())
    .addColumn('category_code', 'text', (col) => col.notNull())
    .addColumn('sub_type_code', 'text', (col) => col.notNull())
    .addColumn('department_code', 'text', (col) => col.notNull().references('department.code'))
    .addColumn('district_code', 'text', (col) => col.notNull().references('district.code'))
    // Copied from the district when filed: escalation goes to the division's grievance officers.
    .addColumn('division_code', 'text', (col) => col.notNull().references('division.code'))
    .addColumn('address', 'text', (col) => col.check(sql`char_length(address) <= 300`))
    .addColumn('latitude', 'double precision', (col) => col.check(sql`latitude between -90 and 90`))
    .addColumn('longitude', 'double precision', (col) => col.check(sql`longitude between -180 and 180`))
    .addColumn('description', 'text', (col) => col.notNull().check(sql`char_length(description) <= 4000`))
    .addColumn('attributes', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('is_public', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('channel', 'text', (col) =>
      col.notNull().check(sql`channel in ('web', 'overseas', 'contact_centre', 'open311')`),
    )
    .addColumn('state', 'text', (col) =>
      col.notNull().check(sql`state in (${sql.join(STATES.map((s) => sql.lit(s)))})`),
    )
    // 1 district, 2 division, 3 province: who, beyond the district's grievance officer, is answerable.
    .addColumn('escalation_level', 'smallint', (col) =>
      col
        .notNull()
        .defaultTo(1)
        .check(sql`escalation_level between 1 and 3`),
    )
    .addColumn('complainant_id', 'uuid', (col) => col.references('user_account.id'))
    // The contact-centre agent who filed it for a caller, if any.
    .addColumn('filed_by', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('api_key_id', 'uuid', (col) => col.references('open311_api_key.id'))
    // Who to tell when there is no account (overseas filer, caller, Open311 reporter).
    .addColumn('contact_name', 'text')
    .addColumn('contact_mobile', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_locale', 'text', (col) => col.notNull().defaultTo('en'))
    .addColumn('overseas_document_kind', 'text', (col) =>
      col.check(sql`overseas_document_kind in ('nicop', 'passport')`),
    )
    .addColumn('overseas_document_number', 'text')
    .addColumn('mobile_verified_at', 'timestamptz')
    // A link key for people without an account (see repo.ts for why it is kept as it is).
    .addColumn('tracking_key', 'text')
    .addColumn('assigned_to', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('deadline_hours', 'integer', (col) => col.notNull().check(sql`deadline_hours > 0`))
    .addColumn('first_due_at', 'timestamptz')
    .addColumn('due_at', 'timestamptz')
    .addColumn('filed_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('rating', 'smallint', (col) => col.check(sql`rating between 1 and 5`))
    .addColumn('reopen_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'complaint_place_check',
      sql`(address is not null and address <> '') or (latitude is not null and longitude is not null)`,
    )
    .addCheckConstraint('complaint_lat_long_check', sql`(latitude is null) = (longitude is null)`)
    .addCheckConstraint('complaint_number_check', sql`(number is null) = (state = 'pending_verification')`)
    .execute();
  await db.schema.createIndex('complaint_complainant_idx').on('complaint').column('complainant_id').execute();
  await db.schema.createIndex('complaint_assigned_idx').on('complaint').column('assigned_to').execute();
  // The grievance officers' inbox and the deadline job: open complaints by office, oldest due first.
  await sql`create index complaint_open_idx on complaint (department_code, district_code, due_at)
    where state in ('submitted', 'assigned', 'reassignment_requested', 'reopened')`.execute(db);
  await sql`create index complaint_due_idx on complaint (due_at)
    where state in ('submitted', 'assigned', 'reassignment_requested', 'reopened')`.execute(db);
  await sql`create index complaint_resolved_idx on complaint (resolved_at) where state = 'resolved'`.execute(
    db,
  );
  // Open311 listings and the public page: public complaints, newest first.
  await sql`create index complaint_public_idx on complaint (filed_at desc) where is_public and number is not null`.execute(
    db,
  );
  // Rate limits per account and per mobile number.
  await db.schema
    .createIndex('complaint_contact_mobile_idx')
    .on('complaint')
    .columns(['contact_mobile', 'created_at'])
    .execute();

  await db.schema
    .createTable('complaint_event')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('complaint_id', 'uuid', (col) => col.notNull().references('complaint.id').onDelete('cascade'))
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('remarks', 'text', (col) => col.check(sql`char_length(remarks) <= 4000`))
    // The field officer an 'assigned' event gave the complaint to.
    .addColumn('assignee_id', 'uuid', (col) => col.references('user_account.id'))
    .execute();
  await db.schema
    .createIndex('complaint_event_complaint_idx')
    .on('complaint_event')
    .columns(['complaint_id', 'id'])
    .execute();
  // mySociety's servicerequestupdates: updates in a time window.
  await db.schema
    .createIndex('complaint_event_time_idx')
    .on('complaint_event')
    .column('occurred_at')
    .execute();

  await db.schema
    .createTable('complaint_attachment')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('complaint_id', 'uuid', (col) => col.notNull().references('complaint.id').onDelete('cascade'))
    // The resolution (or other step) it is evidence for; null for what the complainant sent.
    .addColumn('event_id', 'bigint', (col) => col.references('complaint_event.id'))
    .addColumn('document_key', 'text', (col) => col.notNull())
    .addColumn('media_type', 'text', (col) => col.notNull().check(sql`media_type in ('pdf', 'jpeg', 'png')`))
    .addColumn('size_bytes', 'integer', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('complaint_attachment_complaint_idx')
    .on('complaint_attachment')
    .column('complaint_id')
    .execute();

  await db.schema
    .createTable('complaint_sequence')
    .addColumn('year', 'integer', (col) => col.primaryKey())
    .addColumn('last_number', 'integer', (col) => col.notNull())
    .execute();
}
