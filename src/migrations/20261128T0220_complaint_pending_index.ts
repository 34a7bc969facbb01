// The hourly removal of overseas filings never confirmed by their code looks for old pending rows; without
// this partial index it would read the whole complaint table every hour (about 600 MB at a million). The
// index holds only the few filings awaiting their code.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index complaint_pending_verification_idx on complaint (created_at)
            where state = 'pending_verification'`.execute(db);
}
