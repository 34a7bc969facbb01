// Repeated frivolous or abusive complaints suspend filing for a while, per account or per mobile number;
// the person may appeal once per suspension, and a grievance officer with province-wide reach decides.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('complaint_filing_suspension')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('complainant_id', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('mobile', 'text')
    .addColumn('starts_at', 'timestamptz', (col) => col.notNull())
    .addColumn('ends_at', 'timestamptz', (col) => col.notNull())
    // The complaints marked frivolous or abusive that led to it.
    .addColumn('complaint_numbers', sql`text[]`, (col) => col.notNull())
    .addColumn('appeal_text', 'text', (col) => col.check(sql`char_length(appeal_text) <= 2000`))
    .addColumn('appealed_at', 'timestamptz')
    .addColumn('decision', 'text', (col) => col.check(sql`decision in ('lifted', 'upheld')`))
    .addColumn('decision_remarks', 'text')
    .addColumn('decided_by', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('decided_at', 'timestamptz')
    .addCheckConstraint(
      'complaint_filing_suspension_who_check',
      sql`complainant_id is not null or mobile is not null`,
    )
    .execute();
  await db.schema
    .createIndex('complaint_filing_suspension_account_idx')
    .on('complaint_filing_suspension')
    .columns(['complainant_id', 'ends_at'])
    .execute();
  await db.schema
    .createIndex('complaint_filing_suspension_mobile_idx')
    .on('complaint_filing_suspension')
    .columns(['mobile', 'ends_at'])
    .execute();
  // Dismissed complaints per person, for counting towards a suspension.
  await sql`create index complaint_dismissed_idx on complaint (closed_at)
    where state in ('frivolous', 'abusive')`.execute(db);
}
