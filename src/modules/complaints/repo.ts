// All SQL for one complaint at a time: the row (changed only at the version its writer saw), its history,
// its attachments and the per-year number sequence. Lists and figures are in repo-lists.ts.
import { type Generated, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export const COMPLAINT_STATES = [
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
] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

/** States in which the office still owes the complainant an answer (the deadline runs). */
export const OPEN_STATES: readonly ComplaintState[] = [
  'submitted',
  'assigned',
  'reassignment_requested',
  'reopened',
];
export type Channel = 'web' | 'overseas' | 'contact_centre' | 'open311';

export type ComplaintTables = {
  complaint: {
    id: Generated<string>;
    number: string | null;
    category_code: string;
    sub_type_code: string;
    department_code: string;
    district_code: string;
    division_code: string;
    address: string | null;
    latitude: number | null;
    longitude: number | null;
    description: string;
    attributes: Generated<unknown>;
    is_public: boolean;
    channel: Channel;
    state: ComplaintState;
    escalation_level: Generated<number>;
    complainant_id: string | null;
    filed_by: string | null;
    api_key_id: string | null;
    contact_name: string | null;
    contact_mobile: string | null;
    contact_email: string | null;
    contact_locale: Generated<string>;
    overseas_document_kind: 'nicop' | 'passport' | null;
    overseas_document_number: string | null;
    mobile_verified_at: Date | null;
    /**
     * The key in the tracking link of a complainant without an account. Kept as it is, not hashed: every
     * later message carries the link again, and the key opens only this complaint, which anyone who can
     * read this table can read in full anyway.
     */
    tracking_key: string | null;
    assigned_to: string | null;
    version: Generated<number>;
    deadline_hours: number;
    first_due_at: Date | null;
    due_at: Date | null;
    filed_at: Date | null;
    resolved_at: Date | null;
    closed_at: Date | null;
    rating: number | null;
    reopen_count: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  complaint_event: {
    id: Generated<number>;
    complaint_id: string;
    occurred_at: Generated<Date>;
    actor_id: string | null;
    actor_label: string;
    kind: string;
    from_state: string | null;
    to_state: string | null;
    remarks: string | null;
    assignee_id: string | null;
  };
  complaint_attachment: {
    id: Generated<number>;
    complaint_id: string;
    event_id: number | null;
    document_key: string;
    media_type: 'pdf' | 'jpeg' | 'png';
    size_bytes: number;
    sha256: string;
    created_at: Generated<Date>;
  };
  complaint_sequence: { year: number; last_number: number };
};

export const complaintTables = (db: Db) => db.$extendTables<ComplaintTables>();
const tables = complaintTables;

export type ComplaintRow = Selectable<ComplaintTables['complaint']>;
export type ComplaintEventRow = Selectable<ComplaintTables['complaint_event']>;
export type AttachmentRow = Selectable<ComplaintTables['complaint_attachment']>;

export type NewComplaint = Omit<
  ComplaintTables['complaint'],
  | 'id'
  | 'attributes'
  | 'escalation_level'
  | 'contact_locale'
  | 'version'
  | 'reopen_count'
  | 'created_at'
  | 'updated_at'
> & {
  attributes?: Record<string, string>;
  contact_locale: string;
  /** The filing's own clock (the use case's `now`), so limits and clean-ups count from it. */
  created_at: Date;
};

export async function insertComplaint(db: Db, complaint: NewComplaint): Promise<string> {
  const row = await tables(db)
    .insertInto('complaint')
    .values({
      ...complaint,
      attributes: JSON.stringify(complaint.attributes ?? {}),
      updated_at: complaint.created_at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findComplaint(
  db: Db,
  by: { id: string } | { number: string },
): Promise<ComplaintRow | undefined> {
  let query = tables(db).selectFrom('complaint').selectAll();
  query = 'id' in by ? query.where('id', '=', by.id) : query.where('number', '=', by.number);
  return query.executeTakeFirst();
}

export type ComplaintChanges = Partial<
  Pick<
    ComplaintRow,
    | 'number'
    | 'state'
    | 'escalation_level'
    | 'assigned_to'
    | 'first_due_at'
    | 'due_at'
    | 'filed_at'
    | 'resolved_at'
    | 'closed_at'
    | 'rating'
    | 'reopen_count'
    | 'mobile_verified_at'
    | 'tracking_key'
  >
>;

/** Applies `changes` only if the row is still at `expectedVersion`, and bumps it. False on a conflict. */
export async function updateIfVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: ComplaintChanges,
  now: Date,
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('complaint')
    .set({ ...changes, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The next number of `year`; concurrent callers each get a different one (the upsert's row lock). */
export async function nextNumber(db: Db, year: number): Promise<number> {
  const row = await tables(db)
    .insertInto('complaint_sequence')
    .values({ year, last_number: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ last_number: sql`complaint_sequence.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertEvent(
  db: Db,
  event: {
    complaintId: string;
    actorId: string | null;
    actorLabel: string;
    kind: string;
    fromState?: string;
    toState?: string;
    remarks?: string;
    assigneeId?: string;
    at: Date;
  },
): Promise<number> {
  const row = await tables(db)
    .insertInto('complaint_event')
    .values({
      complaint_id: event.complaintId,
      occurred_at: event.at,
      actor_id: event.actorId,
      actor_label: event.actorLabel,
      kind: event.kind,
      from_state: event.fromState ?? null,
      to_state: event.toState ?? null,
      remarks: event.remarks === undefined || event.remarks === '' ? null : event.remarks,
      assignee_id: event.assigneeId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function eventsOf(db: Db, complaintId: string): Promise<ComplaintEventRow[]> {
  return tables(db)
    .selectFrom('complaint_event')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('id')
    .execute();
}

export interface StoredAttachment {
  readonly key: string;
  readonly type: 'pdf' | 'jpeg' | 'png';
  readonly size: number;
  readonly sha256: string;
}

export async function insertAttachments(
  db: Db,
  complaintId: string,
  eventId: number | null,
  documents: readonly StoredAttachment[],
): Promise<void> {
  if (documents.length === 0) return;
  await tables(db)
    .insertInto('complaint_attachment')
    .values(
      documents.map((document) => ({
        complaint_id: complaintId,
        event_id: eventId,
        document_key: document.key,
        media_type: document.type,
        size_bytes: document.size,
        sha256: document.sha256,
      })),
    )
    .execute();
}

export async function attachmentsOf(db: Db, complaintId: string): Promise<AttachmentRow[]> {
  return tables(db)
    .selectFrom('complaint_attachment')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('id')
    .execute();
}

/** Filings since `since` by an account or to a mobile number (a complaint counts once it exists). */
export async function filingsSince(
  db: Db,
  who: { complainantId?: string; mobile?: string },
  since: Date,
): Promise<number> {
  if (who.complainantId === undefined && who.mobile === undefined) return 0;
  const row = await tables(db)
    .selectFrom('complaint')
    .select((eb) => eb.fn.countAll<number>().as('filed'))
    .where('created_at', '>=', since)
    .where((eb) =>
      eb.or([
        ...(who.complainantId === undefined ? [] : [eb('complainant_id', '=', who.complainantId)]),
        ...(who.mobile === undefined ? [] : [eb('contact_mobile', '=', who.mobile)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return row.filed;
}

/** Open complaints past their deadline that can still escalate, locked for this transaction. */
export async function lockOverdue(db: Db, now: Date, limit: number): Promise<ComplaintRow[]> {
  return tables(db)
    .selectFrom('complaint')
    .selectAll()
    .where('state', 'in', [...OPEN_STATES])
    .where('due_at', '<', now)
    .where('escalation_level', '<', 3)
    .orderBy('due_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Resolved complaints neither rated nor reopened since before `cutoff`, locked for this transaction. */
export async function lockResolvedBefore(db: Db, cutoff: Date, limit: number): Promise<ComplaintRow[]> {
  return tables(db)
    .selectFrom('complaint')
    .selectAll()
    .where('state', '=', 'resolved')
    .where('resolved_at', '<=', cutoff)
    .orderBy('resolved_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/**
 * Overseas filings still waiting for their code since before `cutoff`, with their stored documents' keys,
 * locked for this transaction.
 */
export async function lockUnconfirmedBefore(
  db: Db,
  cutoff: Date,
  limit: number,
): Promise<{ id: string; documentKeys: string[] }[]> {
  const rows = await tables(db)
    .selectFrom('complaint')
    .select('id')
    .where('state', '=', 'pending_verification')
    .where('created_at', '<', cutoff)
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  if (rows.length === 0) return [];
  const attachments = await tables(db)
    .selectFrom('complaint_attachment')
    .select(['complaint_id', 'document_key'])
    .where(
      'complaint_id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return rows.map((row) => ({
    id: row.id,
    documentKeys: attachments
      .filter((attachment) => attachment.complaint_id === row.id)
      .map((attachment) => attachment.document_key),
  }));
}

/** Deletes complaints that were never accepted (their events and attachment rows go with them). */
export async function deleteUnconfirmed(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await tables(db)
    .deleteFrom('complaint')
    .where('id', 'in', [...ids])
    .where('state', '=', 'pending_verification')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
