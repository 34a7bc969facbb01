// All SQL of the feedback module: survey requests, their answers, integrity cases and the monthly figures.
import { type ColumnType, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type SubjectKind = 'application' | 'payment' | 'complaint';
export type Satisfaction = 'yes' | 'somewhat' | 'no';
export type CaseState = 'open' | 'action_taken' | 'no_action';

export type FeedbackTables = {
  feedback_request: {
    id: ColumnType<string, never, never>;
    token_hash: string;
    subject_kind: SubjectKind;
    subject_number: string;
    department_code: string;
    district_code: string;
    citizen_id: string | null;
    locale: string;
    created_at: ColumnType<Date, Date | undefined, never>;
    expires_at: Date;
    answered_at: Date | null;
    satisfied: Satisfaction | null;
    delayed: boolean | null;
    bribe_asked: boolean | null;
    comment: string | null;
  };
  integrity_case: {
    id: ColumnType<string, never, never>;
    feedback_request_id: string;
    department_code: string;
    district_code: string;
    state: ColumnType<CaseState, CaseState | undefined, CaseState>;
    opened_at: ColumnType<Date, Date | undefined, never>;
    closed_at: Date | null;
    closed_by: string | null;
    outcome_note: string | null;
  };
};

export type FeedbackRequestRow = Selectable<FeedbackTables['feedback_request']>;
export type IntegrityCaseRow = Selectable<FeedbackTables['integrity_case']>;

const tables = (db: Db) => db.$extendTables<FeedbackTables>();

export interface NewRequest {
  readonly tokenHash: string;
  readonly subjectKind: SubjectKind;
  readonly subjectNumber: string;
  readonly departmentCode: string;
  readonly districtCode: string;
  readonly citizenId: string | null;
  readonly locale: string;
  readonly expiresAt: Date;
}

/** False when the subject already has a request (a retried hook never sends a second SMS). */
export async function insertRequest(db: Db, request: NewRequest): Promise<boolean> {
  const inserted = await tables(db)
    .insertInto('feedback_request')
    .values({
      token_hash: request.tokenHash,
      subject_kind: request.subjectKind,
      subject_number: request.subjectNumber,
      department_code: request.departmentCode,
      district_code: request.districtCode,
      citizen_id: request.citizenId,
      locale: request.locale,
      expires_at: request.expiresAt,
    })
    .onConflict((oc) => oc.columns(['subject_kind', 'subject_number']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findRequestByHash(db: Db, tokenHash: string): Promise<FeedbackRequestRow | undefined> {
  return tables(db)
    .selectFrom('feedback_request')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export interface Answers {
  readonly satisfied: Satisfaction;
  readonly delayed: boolean;
  readonly bribeAsked: boolean;
  readonly comment: string | null;
}

/** Records the answers only if still unanswered and unexpired at `now`; false otherwise (a race, a replay). */
export async function answerRequest(db: Db, id: string, answers: Answers, now: Date): Promise<boolean> {
  const result = await tables(db)
    .updateTable('feedback_request')
    .set({
      answered_at: now,
      satisfied: answers.satisfied,
      delayed: answers.delayed,
      bribe_asked: answers.bribeAsked,
      comment: answers.comment,
    })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function insertCase(db: Db, request: FeedbackRequestRow): Promise<string> {
  const row = await tables(db)
    .insertInto('integrity_case')
    .values({
      feedback_request_id: request.id,
      department_code: request.department_code,
      district_code: request.district_code,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface CaseListing extends IntegrityCaseRow {
  readonly subject_kind: SubjectKind;
  readonly subject_number: string;
  readonly comment: string | null;
  readonly answered_at: Date | null;
}

/** Cases in the given departments (null: every department), newest first. */
export async function listCases(db: Db, departments: readonly string[] | null): Promise<CaseListing[]> {
  let query = tables(db)
    .selectFrom('integrity_case as c')
    .innerJoin('feedback_request as r', 'r.id', 'c.feedback_request_id')
    .selectAll('c')
    .select(['r.subject_kind', 'r.subject_number', 'r.comment', 'r.answered_at'])
    .orderBy('c.opened_at', 'desc')
    .limit(500);
  if (departments !== null) {
    if (departments.length === 0) return [];
    query = query.where('c.department_code', 'in', departments);
  }
  return query.execute();
}

export async function closeCase(
  db: Db,
  id: string,
  change: { state: 'action_taken' | 'no_action'; by: string | null; note: string; now: Date },
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('integrity_case')
    .set({ state: change.state, closed_by: change.by, outcome_note: change.note, closed_at: change.now })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export interface OfficeFigures {
  readonly department_code: string;
  readonly district_code: string;
  readonly sent: number;
  readonly answered: number;
  readonly satisfied: number;
  readonly somewhat: number;
  readonly unsatisfied: number;
  readonly bribery: number;
  readonly actions_taken: number;
}

/** Per office, for requests created in [from, to): sent, answered, the answers, and integrity actions. */
export async function monthlyFigures(
  db: Db,
  range: { from: Date; to: Date },
  department: string | null,
): Promise<OfficeFigures[]> {
  const rows = await sql<OfficeFigures>`
    select r.department_code, r.district_code,
      count(*)::int as sent,
      count(r.answered_at)::int as answered,
      count(*) filter (where r.satisfied = 'yes')::int as satisfied,
      count(*) filter (where r.satisfied = 'somewhat')::int as somewhat,
      count(*) filter (where r.satisfied = 'no')::int as unsatisfied,
      count(*) filter (where r.bribe_asked)::int as bribery,
      count(c.id) filter (where c.state = 'action_taken')::int as actions_taken
    from feedback_request r
    left join integrity_case c on c.feedback_request_id = r.id
    where r.created_at >= ${range.from} and r.created_at < ${range.to}
      and (${department}::text is null or r.department_code = ${department})
    group by r.department_code, r.district_code
    order by r.department_code, r.district_code`.execute(db);
  return rows.rows;
}
