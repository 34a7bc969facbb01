// SQL of the facilitation-centre counter: the drafts an operator is filing, and whether a citizen's consent
// has already been used for one.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { ApplicationRow, ApplicationTables } from './repo.ts';

const tables = (db: Db) => db.$extendTables<ApplicationTables>();

/** The event that records a citizen's consent at the counter; its remarks hold the one-time code's id. */
export const CONSENT_EVENT = 'counter_consent';

/** Drafts an operator started for citizens and has not sent yet, newest first. */
export async function draftsFiledBy(db: Db, operatorId: string, limit = 50): Promise<ApplicationRow[]> {
  return tables(db)
    .selectFrom('application')
    .selectAll()
    .where('filed_by', '=', operatorId)
    .where('state', '=', 'draft')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * True when a draft already carries this consent. Locks the consent until the caller's transaction ends, so
 * two clicks at once cannot both start a draft on one code.
 */
export async function consentAlreadyUsed(db: Db, codeId: string): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`counter_consent:${codeId}`}, 0))`.execute(db);
  const row = await tables(db)
    .selectFrom('application_event')
    .select('id')
    .where('kind', '=', CONSENT_EVENT)
    .where('remarks', '=', codeId)
    .executeTakeFirst();
  return row !== undefined;
}
