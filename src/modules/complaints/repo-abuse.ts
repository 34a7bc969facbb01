// SQL for abuse controls: complaints dismissed as frivolous or abusive, and filing suspensions with appeals.
import type { Generated, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { ComplaintTables } from './repo.ts';

type AbuseTables = ComplaintTables & {
  complaint_filing_suspension: {
    id: Generated<string>;
    complainant_id: string | null;
    mobile: string | null;
    starts_at: Date;
    ends_at: Date;
    complaint_numbers: string[];
    appeal_text: string | null;
    appealed_at: Date | null;
    decision: 'lifted' | 'upheld' | null;
    decision_remarks: string | null;
    decided_by: string | null;
    decided_at: Date | null;
  };
};

const tables = (db: Db) => db.$extendTables<AbuseTables>();
export type SuspensionRow = Selectable<AbuseTables['complaint_filing_suspension']>;

export interface Person {
  readonly complainantId: string | null;
  readonly mobile: string | null;
}

/** Numbers of this person's complaints dismissed as frivolous or abusive since `since`. */
export async function dismissedSince(db: Db, person: Person, since: Date): Promise<string[]> {
  if (person.complainantId === null && person.mobile === null) return [];
  const rows = await tables(db)
    .selectFrom('complaint')
    .select('number')
    .where('state', 'in', ['frivolous', 'abusive'])
    .where('closed_at', '>=', since)
    .where((eb) =>
      eb.or([
        ...(person.complainantId === null ? [] : [eb('complainant_id', '=', person.complainantId)]),
        ...(person.mobile === null ? [] : [eb('contact_mobile', '=', person.mobile)]),
      ]),
    )
    .orderBy('closed_at')
    .execute();
  return rows.map((row) => row.number ?? '').filter((number) => number !== '');
}

/** The suspension in force for this person at `now` (one not lifted on appeal), if any. */
export async function activeSuspension(
  db: Db,
  person: Person,
  now: Date,
): Promise<SuspensionRow | undefined> {
  if (person.complainantId === null && person.mobile === null) return undefined;
  return tables(db)
    .selectFrom('complaint_filing_suspension')
    .selectAll()
    .where('ends_at', '>', now)
    .where('starts_at', '<=', now)
    .where((eb) => eb.or([eb('decision', 'is', null), eb('decision', '<>', 'lifted')]))
    .where((eb) =>
      eb.or([
        ...(person.complainantId === null ? [] : [eb('complainant_id', '=', person.complainantId)]),
        ...(person.mobile === null ? [] : [eb('mobile', '=', person.mobile)]),
      ]),
    )
    .orderBy('ends_at', 'desc')
    .executeTakeFirst();
}

export async function insertSuspension(
  db: Db,
  suspension: Person & { startsAt: Date; endsAt: Date; complaintNumbers: string[] },
): Promise<string> {
  const row = await tables(db)
    .insertInto('complaint_filing_suspension')
    .values({
      complainant_id: suspension.complainantId,
      mobile: suspension.mobile,
      starts_at: suspension.startsAt,
      ends_at: suspension.endsAt,
      complaint_numbers: suspension.complaintNumbers,
      appeal_text: null,
      appealed_at: null,
      decision: null,
      decision_remarks: null,
      decided_by: null,
      decided_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findSuspension(db: Db, id: string): Promise<SuspensionRow | undefined> {
  return tables(db)
    .selectFrom('complaint_filing_suspension')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records the appeal, once, while undecided. False when it was already appealed or decided. */
export async function recordAppeal(db: Db, id: string, text: string, now: Date): Promise<boolean> {
  const result = await tables(db)
    .updateTable('complaint_filing_suspension')
    .set({ appeal_text: text, appealed_at: now })
    .where('id', '=', id)
    .where('appealed_at', 'is', null)
    .where('decision', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Decides an appealed suspension, once. False when it was already decided. */
export async function decideAppeal(
  db: Db,
  id: string,
  decision: { decision: 'lifted' | 'upheld'; remarks: string; by: string; at: Date },
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('complaint_filing_suspension')
    .set({
      decision: decision.decision,
      decision_remarks: decision.remarks,
      decided_by: decision.by,
      decided_at: decision.at,
    })
    .where('id', '=', id)
    .where('appealed_at', 'is not', null)
    .where('decision', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Appeals waiting for a decision, oldest first. */
export async function pendingAppeals(db: Db, limit = 200): Promise<SuspensionRow[]> {
  return tables(db)
    .selectFrom('complaint_filing_suspension')
    .selectAll()
    .where('appealed_at', 'is not', null)
    .where('decision', 'is', null)
    .orderBy('appealed_at')
    .limit(limit)
    .execute();
}
