// The survey (answered by whoever holds the link, once, within 14 days), the confidential integrity cases a
// bribery report opens, and the monthly report per office.
import { type Actor, type Role, actorId, actorLabel, hasRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import {
  AppError,
  type FieldError,
  conflict,
  forbidden,
  notFound,
  validationFailed,
} from '../../platform/errors.ts';
import { hashFeedbackToken } from './queue.ts';
import {
  type CaseListing,
  type FeedbackRequestRow,
  type OfficeFigures,
  type Satisfaction,
  answerRequest,
  closeCase,
  findRequestByHash,
  insertCase,
  listCases,
  monthlyFigures,
} from './repo.ts';

export const MAX_COMMENT = 1000;
export type SurveyState = 'open' | 'answered' | 'expired' | 'unknown';

export interface SurveyForm {
  readonly satisfied?: string;
  readonly delayed?: string;
  readonly bribeAsked?: string;
  readonly comment?: string;
}

/** The office's own working roles: whoever holds one over the office never sees its integrity cases. */
const OFFICE_ROLES: readonly Role[] = [
  'operator',
  'clerk',
  'verifier',
  'approver',
  'grievance_officer',
  'field_officer',
];
const REPORT_ROLES: readonly Role[] = ['platform_admin', 'auditor', 'me_focal_person'];

function stateOf(request: FeedbackRequestRow | undefined, now: Date): SurveyState {
  if (request === undefined) return 'unknown';
  if (request.answered_at !== null) return 'answered';
  return request.expires_at <= now ? 'expired' : 'open';
}

function checkedAnswers(form: SurveyForm) {
  const errors: FieldError[] = [];
  const satisfied = ['yes', 'somewhat', 'no'].includes(form.satisfied ?? '')
    ? (form.satisfied as Satisfaction)
    : undefined;
  if (satisfied === undefined) errors.push({ field: 'satisfied', messageKey: 'feedback.errors.choose' });
  const yesNo = (field: 'delayed' | 'bribeAsked') => {
    const value = form[field];
    if (value !== 'yes' && value !== 'no') errors.push({ field, messageKey: 'feedback.errors.choose' });
    return value === 'yes';
  };
  const delayed = yesNo('delayed');
  const bribeAsked = yesNo('bribeAsked');
  const comment = (form.comment ?? '').trim();
  if (comment.length > MAX_COMMENT)
    errors.push({ field: 'comment', messageKey: 'feedback.errors.commentTooLong' });
  if (errors.length > 0 || satisfied === undefined) throw validationFailed('Answer every question', errors);
  return { satisfied, delayed, bribeAsked, comment: comment === '' ? null : comment };
}

export function canSeeCase(
  actor: Actor,
  office: { department_code: string; district_code: string },
): boolean {
  const scope = { departmentCode: office.department_code, districtCode: office.district_code };
  return (
    hasRole(actor, 'integrity_officer', scope) && !OFFICE_ROLES.some((role) => hasRole(actor, role, scope))
  );
}

/** The department whose figures the actor may read: null for every department, undefined for none. */
function reportScope(actor: Actor): string | null | undefined {
  if (actor.kind !== 'user') return undefined;
  if (REPORT_ROLES.some((role) => hasRole(actor, role))) return null;
  const grant = actor.grants.find((g) => g.role === 'department_admin');
  return grant === undefined ? undefined : grant.departmentCode;
}

export function feedbackService(db: Db) {
  return {
    /** What the link leads to now; nothing about the subject is shown to whoever holds it. */
    async survey(token: string, now = new Date()): Promise<{ state: SurveyState; locale: string | null }> {
      const request = await findRequestByHash(db, hashFeedbackToken(token));
      return { state: stateOf(request, now), locale: request?.locale ?? null };
    },

    /** Records the answers once; a "yes" to the bribe question opens a confidential integrity case. */
    async answer(token: string, form: SurveyForm, now = new Date()): Promise<void> {
      const request = await findRequestByHash(db, hashFeedbackToken(token));
      const state = stateOf(request, now);
      if (request === undefined || state === 'unknown') throw notFound('Survey');
      if (state !== 'open')
        throw conflict(state === 'answered' ? 'Already answered' : 'This link has expired');
      const answers = checkedAnswers(form);
      await inTransaction(db, async (trx) => {
        if (!(await answerRequest(trx, request.id, answers, now))) throw conflict('Already answered');
        let caseId: string | undefined;
        if (answers.bribeAsked) caseId = await insertCase(trx, request);
        await insertAuditEvent(trx, {
          actorId: null,
          actorLabel: 'survey respondent',
          action: 'feedback.answered',
          subjectType: 'feedback_request',
          subjectId: request.id,
          details: caseId === undefined ? {} : { integrityCase: caseId },
        });
      });
    },

    async cases(actor: Actor): Promise<CaseListing[]> {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      if (!hasRole(actor, 'integrity_officer')) throw forbidden('Only integrity officers see these cases');
      const departments = actor.grants.some(
        (g) => g.role === 'integrity_officer' && g.departmentCode === null,
      )
        ? null
        : actor.grants.flatMap((g) =>
            g.role === 'integrity_officer' && g.departmentCode !== null ? [g.departmentCode] : [],
          );
      const visible = (await listCases(db, departments)).filter((c) => canSeeCase(actor, c));
      await insertAuditEvent(db, {
        actorId: actorId(actor),
        actorLabel: actorLabel(actor),
        action: 'integrity.cases.viewed',
        subjectType: 'integrity_case',
        details: { count: visible.length },
      });
      return visible;
    },

    async closeCase(
      actor: Actor,
      caseId: string,
      input: { outcome: string; note: string },
      now = new Date(),
    ): Promise<void> {
      const found = (await this.cases(actor)).find((c) => c.id === caseId);
      if (found === undefined) throw notFound('Case');
      if (input.outcome !== 'action_taken' && input.outcome !== 'no_action') {
        throw validationFailed('Choose an outcome', [
          { field: 'outcome', messageKey: 'feedback.errors.choose' },
        ]);
      }
      const note = input.note.trim().slice(0, 2000);
      const outcome = input.outcome;
      await inTransaction(db, async (trx) => {
        if (!(await closeCase(trx, caseId, { state: outcome, by: actorId(actor), note, now })))
          throw conflict('This case is already closed');
        await insertAuditEvent(trx, {
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          action: `integrity.case.${outcome}`,
          subjectType: 'integrity_case',
          subjectId: caseId,
        });
      });
    },

    /** Figures per office for the month `YYYY-MM` (Pakistan time), within what the actor may read. */
    async monthlyReport(actor: Actor, month: string): Promise<OfficeFigures[]> {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      const department = reportScope(actor);
      if (department === undefined) throw forbidden('You cannot read feedback reports');
      const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
      if (match === null) throw new AppError('bad_request', 'The month must be written YYYY-MM');
      const year = Number(match[1]);
      const index = Number(match[2]) - 1;
      const from = new Date(Date.UTC(year, index, 1) - 5 * 3600 * 1000);
      const to = new Date(Date.UTC(year, index + 1, 1) - 5 * 3600 * 1000);
      return monthlyFigures(db, { from, to }, department);
    },
  };
}

export type FeedbackService = ReturnType<typeof feedbackService>;
