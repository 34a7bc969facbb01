// SQL for lists of complaints: a complainant's own, the officers' inbox, public complaints, and the
// figures behind the dashboards.
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { type ComplaintRow, type ComplaintTables, OPEN_STATES, complaintTables } from './repo.ts';

type Eb = ExpressionBuilder<ComplaintTables, 'complaint'>;

export async function complaintsOf(db: Db, complainantId: string, limit = 200): Promise<ComplaintRow[]> {
  return complaintTables(db)
    .selectFrom('complaint')
    .selectAll()
    .where('complainant_id', '=', complainantId)
    .where('number', 'is not', null)
    .orderBy('filed_at', 'desc')
    .limit(limit)
    .execute();
}

/** Where one grievance officer's grant reaches, and from which escalation level it answers. */
export type InboxReach =
  | { readonly kind: 'office'; readonly departmentCode: string; readonly districtCode: string }
  | { readonly kind: 'division'; readonly divisionCode: string }
  | { readonly kind: 'province'; readonly departmentCode: string | null }
  | { readonly kind: 'assignee'; readonly userId: string };

function reachCondition(eb: Eb, reach: InboxReach) {
  switch (reach.kind) {
    case 'office':
      return eb.and([
        eb('department_code', '=', reach.departmentCode),
        eb('district_code', '=', reach.districtCode),
      ]);
    case 'division':
      return eb.and([eb('division_code', '=', reach.divisionCode), eb('escalation_level', '>=', 2)]);
    case 'province':
      return eb.and([
        reach.departmentCode === null ? eb.val(true) : eb('department_code', '=', reach.departmentCode),
        eb('escalation_level', '>=', 3),
      ]);
    case 'assignee':
      return eb.and([eb('assigned_to', '=', reach.userId), eb('state', '=', 'assigned')]);
  }
}

/** Open complaints within any of the reaches, soonest due first. */
export async function inboxFor(
  db: Db,
  reaches: readonly InboxReach[],
  search: { number?: string; overdueOnly?: boolean; now: Date },
  limit = 200,
): Promise<ComplaintRow[]> {
  if (reaches.length === 0) return [];
  let query = complaintTables(db)
    .selectFrom('complaint')
    .selectAll()
    .where('state', 'in', [...OPEN_STATES])
    .where((eb) => eb.or(reaches.map((reach) => reachCondition(eb, reach))));
  if (search.number !== undefined && search.number !== '') query = query.where('number', '=', search.number);
  if (search.overdueOnly === true) query = query.where('due_at', '<', search.now);
  return query.orderBy('due_at').limit(limit).execute();
}

const LISTABLE = (eb: Eb) =>
  eb.and([
    eb('number', 'is not', null),
    eb('state', 'not in', ['pending_verification', 'frivolous', 'abusive']),
  ]);

/** Complaints their complainants allowed to be shown, newest first (never frivolous or abusive ones). */
export async function publicComplaints(db: Db, limit = 50): Promise<ComplaintRow[]> {
  return complaintTables(db)
    .selectFrom('complaint')
    .selectAll()
    .where('is_public', '=', true)
    .where(LISTABLE)
    .orderBy('filed_at', 'desc')
    .limit(limit)
    .execute();
}

export interface Figures {
  readonly departmentCode: string | null;
  readonly districtCode: string | null;
  readonly received: number;
  readonly open: number;
  readonly overdue: number;
  readonly resolved: number;
  readonly resolvedInTime: number;
  readonly averageRating: number | null;
  readonly reopened: number;
}

/** Received, open, overdue, resolved (in time), average rating and reopened, grouped as asked. */
export async function figures(
  db: Db,
  options: {
    groupBy: 'department' | 'district' | 'both';
    departmentCode?: string | null;
    from?: Date;
    to?: Date;
    now: Date;
  },
): Promise<Figures[]> {
  const open = sql.join(OPEN_STATES.map((state) => sql.lit(state)));
  const byDepartment = options.groupBy !== 'district';
  const byDistrict = options.groupBy !== 'department';
  let query = complaintTables(db)
    .selectFrom('complaint')
    .select([
      byDepartment
        ? sql<string>`department_code`.as('department_code')
        : sql<null>`null`.as('department_code'),
      byDistrict ? sql<string>`district_code`.as('district_code') : sql<null>`null`.as('district_code'),
      sql<number>`count(*)::int`.as('received'),
      sql<number>`(count(*) filter (where state in (${open})))::int`.as('open'),
      sql<number>`(count(*) filter (where state in (${open}) and due_at < ${options.now}))::int`.as(
        'overdue',
      ),
      sql<number>`(count(*) filter (where state in ('resolved', 'closed')))::int`.as('resolved'),
      sql<number>`(count(*) filter (where state in ('resolved', 'closed') and resolved_at <= first_due_at))::int`.as(
        'resolved_in_time',
      ),
      sql<number | null>`round(avg(rating), 2)::float8`.as('average_rating'),
      sql<number>`(count(*) filter (where reopen_count > 0))::int`.as('reopened'),
    ])
    .where('number', 'is not', null);
  if (options.departmentCode !== undefined && options.departmentCode !== null)
    query = query.where('department_code', '=', options.departmentCode);
  if (options.from !== undefined) query = query.where('filed_at', '>=', options.from);
  if (options.to !== undefined) query = query.where('filed_at', '<', options.to);
  if (byDepartment) query = query.groupBy('department_code').orderBy('department_code');
  if (byDistrict) query = query.groupBy('district_code').orderBy('district_code');
  const rows = await query.execute();
  return rows.map((row) => ({
    departmentCode: row.department_code,
    districtCode: row.district_code,
    received: row.received,
    open: row.open,
    overdue: row.overdue,
    resolved: row.resolved,
    resolvedInTime: row.resolved_in_time,
    averageRating: row.average_rating,
    reopened: row.reopened,
  }));
}

/** A photo the complainant filed with a public complaint (never evidence added later, never a PDF). */
export interface PublicPhoto {
  readonly id: number;
  readonly complaintId: string;
  readonly documentKey: string;
  readonly mediaType: 'jpeg' | 'png';
}

function publicPhotos(db: Db) {
  return complaintTables(db)
    .selectFrom('complaint_attachment')
    .innerJoin('complaint', 'complaint.id', 'complaint_attachment.complaint_id')
    .select([
      'complaint_attachment.id',
      'complaint_attachment.complaint_id',
      'complaint_attachment.document_key',
      'complaint_attachment.media_type',
    ])
    .where('complaint.is_public', '=', true)
    .where('complaint.number', 'is not', null)
    .where('complaint.state', 'not in', ['pending_verification', 'frivolous', 'abusive'])
    .where('complaint_attachment.event_id', 'is', null)
    .where('complaint_attachment.media_type', 'in', ['jpeg', 'png']);
}

const asPhoto = (row: {
  id: number;
  complaint_id: string;
  document_key: string;
  media_type: 'pdf' | 'jpeg' | 'png';
}): PublicPhoto => ({
  id: row.id,
  complaintId: row.complaint_id,
  documentKey: row.document_key,
  mediaType: row.media_type === 'png' ? 'png' : 'jpeg',
});

/** One photo of a public complaint, by the complaint's number and the attachment's id. */
export async function findPublicPhoto(db: Db, number: string, id: number): Promise<PublicPhoto | undefined> {
  const row = await publicPhotos(db)
    .where('complaint.number', '=', number)
    .where('complaint_attachment.id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : asPhoto(row);
}

/** The first photo of each of these complaints that has one (only public complaints have any). */
export async function firstPublicPhotos(
  db: Db,
  complaintIds: readonly string[],
): Promise<Map<string, PublicPhoto>> {
  if (complaintIds.length === 0) return new Map();
  const rows = await publicPhotos(db)
    .distinctOn('complaint_attachment.complaint_id')
    .where('complaint_attachment.complaint_id', 'in', [...complaintIds])
    .orderBy('complaint_attachment.complaint_id')
    .orderBy('complaint_attachment.id')
    .execute();
  return new Map(rows.map((row) => [row.complaint_id, asPhoto(row)]));
}
