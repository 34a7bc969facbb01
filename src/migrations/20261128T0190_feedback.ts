// Citizen Feedback Monitoring Programme: a survey request queued when a service is delivered (an application
// decided, cash taken at a counter, a complaint closed), and the confidential integrity case opened when a
// citizen reports being asked for money beyond the fee.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feedback_request')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Only the SHA-256 of the link's token: a database reader cannot answer for the citizen.
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('subject_kind', 'text', (col) =>
      col.notNull().check(sql`subject_kind in ('application', 'payment', 'complaint')`),
    )
    .addColumn('subject_number', 'text', (col) => col.notNull())
    .addColumn('department_code', 'text', (col) => col.notNull().references('department.code'))
    .addColumn('district_code', 'text', (col) => col.notNull().references('district.code'))
    .addColumn('citizen_id', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('locale', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('satisfied', 'text', (col) => col.check(sql`satisfied in ('yes', 'somewhat', 'no')`))
    .addColumn('delayed', 'boolean')
    .addColumn('bribe_asked', 'boolean')
    .addColumn('comment', 'text', (col) => col.check(sql`char_length(comment) <= 1000`))
    .addUniqueConstraint('feedback_request_subject_unique', ['subject_kind', 'subject_number'])
    .execute();
  await db.schema
    .createIndex('feedback_request_office_idx')
    .on('feedback_request')
    .columns(['department_code', 'district_code', 'created_at'])
    .execute();
  await db.schema
    .createTable('integrity_case')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('feedback_request_id', 'uuid', (col) =>
      col.notNull().unique().references('feedback_request.id'),
    )
    .addColumn('department_code', 'text', (col) => col.notNull().references('department.code'))
    .addColumn('district_code', 'text', (col) => col.notNull().references('district.code'))
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .defaultTo('open')
        .check(sql`state in ('open', 'action_taken', 'no_action')`),
    )
    .addColumn('opened_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('outcome_note', 'text', (col) => col.check(sql`char_length(outcome_note) <= 2000`))
    .execute();
}
