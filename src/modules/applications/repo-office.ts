// SQL of the offices' background work on applications: finding and marking escalations, and counting open
// work per office for the daily summary.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { ApplicationRow, ApplicationTables } from './repo.ts';

const tables = (db: Db) => db.$extendTables<ApplicationTables>();

export interface PackState {
  readonly service_code: string;
  readonly pack_version: number;
  readonly state: string;
}

/** The pack states that have open applications not escalated since they entered them. */
export async function statesAwaitingEscalation(db: Db): Promise<PackState[]> {
  return tables(db)
    .selectFrom('application')
    .select(['service_code', 'pack_version', 'state'])
    .distinct()
    .where('outcome', 'is', null)
    .where('state', '<>', 'draft')
    .where('escalated_at', 'is', null)
    .execute();
}

/** Open, not yet escalated applications that entered `at`'s state before `before`, longest waiting first. */
export async function enteredStateBefore(
  db: Db,
  at: PackState,
  before: Date,
  limit: number,
): Promise<{ id: string; number: string | null; entered_state_at: Date | null }[]> {
  return tables(db)
    .selectFrom('application')
    .select(['id', 'number', 'entered_state_at'])
    .where('service_code', '=', at.service_code)
    .where('pack_version', '=', at.pack_version)
    .where('state', '=', at.state)
    .where('outcome', 'is', null)
    .where('escalated_at', 'is', null)
    .where('entered_state_at', '<=', before)
    .orderBy('entered_state_at')
    .limit(limit)
    .execute();
}

/**
 * Locks an open, not yet escalated application for the caller's transaction. Undefined when it was
 * escalated, decided, or is being escalated by another instance right now (SKIP LOCKED: never waits).
 */
export async function lockForEscalation(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return tables(db)
    .selectFrom('application')
    .selectAll()
    .where('id', '=', id)
    .where('outcome', 'is', null)
    .where('escalated_at', 'is', null)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** The escalation marker. Not a change officers must reload for, so the version stays. */
export async function markEscalated(db: Db, id: string, role: string, at: Date): Promise<void> {
  await tables(db)
    .updateTable('application')
    .set({ escalated_at: at, escalated_to_role: role })
    .where('id', '=', id)
    .execute();
}

export interface OfficeCounts {
  readonly departmentCode: string;
  readonly districtCode: string;
  readonly holderRole: string;
  readonly open: number;
  readonly overdue: number;
  readonly dueToday: number;
  readonly dueSoon: number;
  readonly escalated: number;
}

/**
 * Open applications per office (department, district and the role that holds them): overdue at `now`,
 * due from now to `endOfToday`, due from then to `endOfSoon`, and escalated.
 */
export async function openCountsByOffice(
  db: Db,
  at: { now: Date; endOfToday: Date; endOfSoon: Date },
): Promise<OfficeCounts[]> {
  const rows = await tables(db)
    .selectFrom('application')
    .select([
      'department_code',
      'district_code',
      'holder_role',
      sql<string>`count(*)`.as('open'),
      sql<string>`count(*) filter (where due_at < ${at.now})`.as('overdue'),
      sql<string>`count(*) filter (where due_at >= ${at.now} and due_at < ${at.endOfToday})`.as('due_today'),
      sql<string>`count(*) filter (where due_at >= ${at.endOfToday} and due_at < ${at.endOfSoon})`.as(
        'due_soon',
      ),
      sql<string>`count(*) filter (where escalated_at is not null)`.as('escalated'),
    ])
    .where('outcome', 'is', null)
    .where('state', '<>', 'draft')
    .where('holder_role', 'is not', null)
    .groupBy(['department_code', 'district_code', 'holder_role'])
    .orderBy('department_code')
    .orderBy('district_code')
    .execute();
  return rows.map((row) => ({
    departmentCode: row.department_code,
    districtCode: row.district_code,
    holderRole: row.holder_role ?? '',
    open: Number(row.open),
    overdue: Number(row.overdue),
    dueToday: Number(row.due_today),
    dueSoon: Number(row.due_soon),
    escalated: Number(row.escalated),
  }));
}
