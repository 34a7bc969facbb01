// All SQL for applications, their events and their number sequences.
import { type Generated, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type ApplicationTables = {
  application: {
    id: Generated<string>;
    number: string | null;
    service_code: string;
    pack_version: number;
    applicant_id: string;
    filed_by: string | null;
    district_code: string;
    department_code: string;
    state: Generated<string>;
    answers: Generated<unknown>;
    fee_pkr: string | null;
    version: Generated<number>;
    holder_role: string | null;
    assigned_to: string | null;
    due_at: Date | null;
    promised_at: Date | null;
    outcome: 'approved' | 'rejected' | 'withdrawn' | null;
    /** When the application entered its current state: the clock of the state's escalation. */
    entered_state_at: Generated<Date | null>;
    /** Set once per state entry by the escalation job; cleared on the next change of state. */
    escalated_at: Generated<Date | null>;
    escalated_to_role: Generated<string | null>;
    created_at: Generated<Date>;
    submitted_at: Date | null;
    decided_at: Date | null;
    updated_at: Generated<Date>;
  };
  application_event: {
    id: Generated<number>;
    application_id: string;
    occurred_at: Generated<Date>;
    actor_id: string | null;
    actor_label: string;
    kind: string;
    action: string | null;
    from_state: string | null;
    to_state: string | null;
    remarks: string | null;
  };
  application_sequence: { prefix: string; district_code: string; year: number; last_number: number };
};

const tables = (db: Db) => db.$extendTables<ApplicationTables>();

export type ApplicationRow = Selectable<ApplicationTables['application']>;
export type ApplicationEventRow = Selectable<ApplicationTables['application_event']>;

export async function insertDraft(
  db: Db,
  draft: {
    serviceCode: string;
    packVersion: number;
    applicantId: string;
    filedBy: string | null;
    districtCode: string;
    departmentCode: string;
  },
): Promise<string> {
  const row = await tables(db)
    .insertInto('application')
    .values({
      service_code: draft.serviceCode,
      pack_version: draft.packVersion,
      applicant_id: draft.applicantId,
      filed_by: draft.filedBy,
      district_code: draft.districtCode,
      department_code: draft.departmentCode,
      number: null,
      fee_pkr: null,
      holder_role: null,
      assigned_to: null,
      due_at: null,
      promised_at: null,
      outcome: null,
      submitted_at: null,
      decided_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findApplication(
  db: Db,
  by: { id: string } | { number: string },
): Promise<ApplicationRow | undefined> {
  let query = tables(db).selectFrom('application').selectAll();
  query = 'id' in by ? query.where('id', '=', by.id) : query.where('number', '=', by.number);
  return query.executeTakeFirst();
}

/**
 * Applies `changes` only if the row is still at `expectedVersion`; bumps the version. False on a conflict.
 * A change of state, whoever makes it, starts the new state's escalation clock and clears the old marker.
 */
export async function updateIfVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: Partial<{
    number: string;
    district_code: string;
    state: string;
    answers: unknown;
    fee_pkr: string | null;
    holder_role: string | null;
    assigned_to: string | null;
    due_at: Date | null;
    promised_at: Date | null;
    outcome: 'approved' | 'rejected' | 'withdrawn';
    submitted_at: Date;
    decided_at: Date;
  }>,
): Promise<boolean> {
  const now = new Date();
  const values = 'answers' in changes ? { ...changes, answers: JSON.stringify(changes.answers) } : changes;
  const entry =
    'state' in changes ? { entered_state_at: now, escalated_at: null, escalated_to_role: null } : {};
  const result = await tables(db)
    .updateTable('application')
    .set({ ...values, ...entry, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The next number in a sequence; concurrent callers each get a different one (row lock of the upsert). */
export async function nextSequence(
  db: Db,
  prefix: string,
  districtCode: string,
  year: number,
): Promise<number> {
  const row = await tables(db)
    .insertInto('application_sequence')
    .values({ prefix, district_code: districtCode, year, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['prefix', 'district_code', 'year']).doUpdateSet({
        last_number: sql`application_sequence.last_number + 1`,
      }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertEvent(
  db: Db,
  event: {
    applicationId: string;
    actorId: string | null;
    actorLabel: string;
    kind: string;
    action?: string;
    fromState?: string;
    toState?: string;
    remarks?: string;
  },
): Promise<void> {
  await tables(db)
    .insertInto('application_event')
    .values({
      application_id: event.applicationId,
      actor_id: event.actorId,
      actor_label: event.actorLabel,
      kind: event.kind,
      action: event.action ?? null,
      from_state: event.fromState ?? null,
      to_state: event.toState ?? null,
      remarks: event.remarks ?? null,
    })
    .execute();
}

export async function eventsOf(db: Db, applicationId: string): Promise<ApplicationEventRow[]> {
  return tables(db)
    .selectFrom('application_event')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export async function applicationsOf(db: Db, applicantId: string): Promise<ApplicationRow[]> {
  return tables(db)
    .selectFrom('application')
    .selectAll()
    .where('applicant_id', '=', applicantId)
    .orderBy('created_at', 'desc')
    .execute();
}

export interface InboxScope {
  readonly role: string;
  readonly departmentCode: string | null;
  readonly districtCode: string | null;
}

export interface InboxSearch {
  readonly text?: string;
  readonly overdueOnly?: boolean;
  /** Only those assigned to this officer, or (null) only those assigned to nobody. */
  readonly assignedTo?: string | null;
}

/**
 * Open applications held by, or escalated to, one of the scopes' roles within its department and district,
 * nearest deadline first.
 */
export async function inboxFor(
  db: Db,
  scopes: readonly InboxScope[],
  search: InboxSearch = {},
  limit = 200,
): Promise<ApplicationRow[]> {
  if (scopes.length === 0) return [];
  let query = tables(db).selectFrom('application').selectAll();
  const text = search.text?.trim();
  if (text !== undefined && text !== '') {
    // By application number, the applicant's CNIC as entered on the form, or (part of) the name on it.
    const digits = text.replace(/[^0-9]/g, '');
    const pattern = `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('number', '=', text.toUpperCase()),
        eb(sql<string>`replace(answers->>'applicantCnic', '-', '')`, '=', digits === '' ? '-' : digits),
        eb(sql<string>`answers->>'fullName'`, 'ilike', pattern),
      ]),
    );
  }
  if (search.overdueOnly === true) query = query.where('due_at', '<', new Date());
  if (search.assignedTo === null) query = query.where('assigned_to', 'is', null);
  else if (search.assignedTo !== undefined) query = query.where('assigned_to', '=', search.assignedTo);
  return query
    .where('outcome', 'is', null)
    .where('state', '<>', 'draft')
    .where((eb) =>
      eb.or(
        scopes.map((scope) =>
          eb.and([
            eb.or([eb('holder_role', '=', scope.role), eb('escalated_to_role', '=', scope.role)]),
            scope.departmentCode === null ? eb.val(true) : eb('department_code', '=', scope.departmentCode),
            scope.districtCode === null ? eb.val(true) : eb('district_code', '=', scope.districtCode),
          ]),
        ),
      ),
    )
    .orderBy('due_at', 'asc')
    .limit(limit)
    .execute();
}

type SlotTables = {
  slot_booking: { application_id: string; service_code: string; district_code: string; slot_hour: Date };
};
const slots = (db: Db) => db.$extendTables<SlotTables>();

/** Serialises bookings of one service in one district on one day (inside the caller's transaction). */
export async function lockSlotDay(
  db: Db,
  serviceCode: string,
  districtCode: string,
  day: string,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`slots:${serviceCode}:${districtCode}:${day}`}, 0))`.execute(
    db,
  );
}

export async function bookedCounts(
  db: Db,
  serviceCode: string,
  districtCode: string,
  hours: readonly Date[],
) {
  const rows = await slots(db)
    .selectFrom('slot_booking')
    .select(['slot_hour', (eb) => eb.fn.countAll<number>().as('booked')])
    .where('service_code', '=', serviceCode)
    .where('district_code', '=', districtCode)
    .where('slot_hour', 'in', [...hours])
    .groupBy('slot_hour')
    .execute();
  return new Map(rows.map((row) => [row.slot_hour.getTime(), row.booked]));
}

export async function insertBookings(
  db: Db,
  applicationId: string,
  serviceCode: string,
  districtCode: string,
  hours: readonly Date[],
) {
  await slots(db)
    .insertInto('slot_booking')
    .values(
      hours.map((hour) => ({
        application_id: applicationId,
        service_code: serviceCode,
        district_code: districtCode,
        slot_hour: hour,
      })),
    )
    .execute();
}

export async function releaseBookings(db: Db, applicationId: string): Promise<void> {
  await slots(db).deleteFrom('slot_booking').where('application_id', '=', applicationId).execute();
}
