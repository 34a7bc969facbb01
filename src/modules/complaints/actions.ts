// Acting on a complaint: the grievance officer assigns, rejects or marks it frivolous or abusive; the field
// officer resolves it (with evidence) or asks for reassignment; the complainant rates and closes it, or
// reopens it within 10 days; anyone answerable, and the complainant, comments. Each change is one
// transaction: the row at the version the actor saw (else 409), history, audit, and the complainant's message.
import { type Actor, systemActor } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, type FieldError, forbidden, validationFailed } from '../../platform/errors.ts';
import { accountsService } from '../identity/accounts/service.ts';
import type { NotificationEvent } from '../notifications/templates.ts';
import { recordDismissal } from './abuse.ts';
import { noClosingHook } from './closing.ts';
import { type Access, type ComplaintsContext, loadForViewer, who } from './context.ts';
import { MAX_DESCRIPTION, MAX_FILES } from './filing-form.ts';
import { notifyComplainant, textIn } from './notify.ts';
import {
  type ComplaintChanges,
  type ComplaintRow,
  type ComplaintState,
  type StoredAttachment,
  insertAttachments,
  insertEvent,
  updateIfVersion,
} from './repo.ts';
import { type ComplaintAction, NEEDS_REMARKS, allowedActions } from './workflow.ts';

const HOUR_MS = 3_600_000;

export interface ActionInput {
  readonly action: string;
  readonly remarks: string;
  /** The version the actor saw; comments do not need one (they change nothing the others decide on). */
  readonly version: number;
  readonly fieldOfficerId?: string;
  readonly rating?: string;
  readonly documents?: readonly StoredAttachment[];
}

interface Step {
  readonly to: ComplaintState;
  readonly changes: ComplaintChanges;
  readonly message?: NotificationEvent;
}

export const LEVEL_KEYS = { 2: 'division', 3: 'province' } as const;

function stepFor(
  action: ComplaintAction,
  complaint: ComplaintRow,
  input: ActionInput,
  now: Date,
  extra: { rating?: number },
): Step {
  switch (action) {
    case 'assign':
      return {
        to: 'assigned',
        changes: { assigned_to: input.fieldOfficerId ?? null },
        message: 'complaint.assigned',
      };
    case 'reject':
      return { to: 'rejected', changes: { due_at: null, closed_at: now }, message: 'complaint.rejected' };
    case 'markFrivolous':
      return { to: 'frivolous', changes: { due_at: null, closed_at: now }, message: 'complaint.dismissed' };
    case 'markAbusive':
      return { to: 'abusive', changes: { due_at: null, closed_at: now }, message: 'complaint.dismissed' };
    case 'resolve':
      return { to: 'resolved', changes: { due_at: null, resolved_at: now }, message: 'complaint.resolved' };
    case 'requestReassignment':
      return { to: 'reassignment_requested', changes: {} };
    case 'close':
      return { to: 'closed', changes: { closed_at: now, rating: extra.rating ?? null } };
    case 'reopen':
      return {
        to: 'reopened',
        changes: {
          resolved_at: null,
          reopen_count: complaint.reopen_count + 1,
          due_at: new Date(now.getTime() + complaint.deadline_hours * HOUR_MS),
        },
      };
    case 'comment':
      return { to: complaint.state, changes: {} };
  }
}

function checkInput(action: ComplaintAction, input: ActionInput): { remarks: string; rating?: number } {
  const errors: FieldError[] = [];
  const remarks = input.remarks.trim();
  if (NEEDS_REMARKS.has(action) && remarks === '')
    errors.push({ field: 'remarks', messageKey: `complaints.error.remarks.${action}` });
  if (remarks.length > MAX_DESCRIPTION)
    errors.push({
      field: 'remarks',
      messageKey: 'complaints.error.remarksLong',
      params: { max: MAX_DESCRIPTION },
    });
  let rating: number | undefined;
  if (action === 'close') {
    rating = Number(input.rating);
    if (!Number.isInteger(rating) || rating < 1 || rating > 5)
      errors.push({ field: 'rating', messageKey: 'complaints.error.rating' });
  }
  if (action === 'assign' && (input.fieldOfficerId ?? '') === '')
    errors.push({ field: 'fieldOfficer', messageKey: 'complaints.error.fieldOfficer' });
  if ((input.documents?.length ?? 0) > MAX_FILES)
    errors.push({ field: 'evidence', messageKey: 'complaints.error.tooManyFiles' });
  if (errors.length > 0) throw validationFailed('The action cannot be taken as given', errors);
  return rating === undefined ? { remarks } : { remarks, rating };
}

export function actionUseCases(context: ComplaintsContext) {
  const { db } = context;
  const onClosed = context.options.onClosed ?? noClosingHook;

  async function requireFieldOfficer(actor: Actor, complaint: ComplaintRow, id: string): Promise<string> {
    const officers = await accountsService(db).officersHolding(systemActor('complaints'), {
      role: 'field_officer',
      departmentCode: complaint.department_code,
      districtCode: complaint.district_code,
    });
    const officer = officers.find((candidate) => candidate.id === id);
    if (officer === undefined || (actor.kind === 'user' && actor.userId === id)) {
      throw validationFailed('Choose a field officer of this office', [
        { field: 'fieldOfficer', messageKey: 'complaints.error.fieldOfficer' },
      ]);
    }
    return officer.fullName;
  }

  return {
    async act(actor: Actor, number: string, input: ActionInput, access: Access = {}, now: Date = new Date()) {
      const { complaint, viewer } = await loadForViewer(context, actor, number, access);
      const action = allowedActions(viewer, complaint, now).find((candidate) => candidate === input.action);
      if (action === undefined) throw forbidden('You cannot take this action on this complaint now');
      const checked = checkInput(action, input);
      if (action === 'assign') await requireFieldOfficer(actor, complaint, input.fieldOfficerId ?? '');
      const step = stepFor(action, complaint, input, now, checked);
      return inTransaction(db, async (trx) => {
        if (action !== 'comment') {
          const changed = await updateIfVersion(
            trx,
            complaint.id,
            input.version,
            { state: step.to, ...step.changes },
            now,
          );
          if (!changed)
            throw new AppError('conflict', 'Someone else acted on this complaint first: reload it');
        }
        const actorWho =
          viewer.isComplainant && actor.kind === 'anonymous'
            ? { actorId: null, actorLabel: 'complainant' }
            : who(actor);
        const eventId = await insertEvent(trx, {
          complaintId: complaint.id,
          ...actorWho,
          kind: action,
          fromState: complaint.state,
          toState: step.to,
          remarks: checked.remarks,
          ...(action === 'assign' && input.fieldOfficerId !== undefined
            ? { assigneeId: input.fieldOfficerId }
            : {}),
          at: now,
        });
        await insertAttachments(trx, complaint.id, eventId, input.documents ?? []);
        await insertAuditEvent(trx, {
          ...actorWho,
          action: `complaint.${action}`,
          subjectType: 'complaint',
          subjectId: number,
          details: { from: complaint.state, to: step.to },
        });
        const after: ComplaintRow = { ...complaint, ...step.changes, state: step.to };
        await messageFor(trx, action, after, step, checked.remarks, viewer.isComplainant);
        if (action === 'markFrivolous' || action === 'markAbusive')
          await recordDismissal(trx, context, after, now);
        if (action === 'close') {
          await onClosed(trx, closedOf(after, now, 'rated'));
        }
        return { state: step.to };
      });
    },
  };

  async function messageFor(
    trx: Db,
    action: ComplaintAction,
    after: ComplaintRow,
    step: Step,
    remarks: string,
    byComplainant: boolean,
  ) {
    const message = action === 'comment' ? (byComplainant ? undefined : 'complaint.reply') : step.message;
    if (message === undefined) return;
    await notifyComplainant(
      trx,
      { publicUrl: context.options.publicUrl, tree: context.tree },
      after,
      message,
      {
        remarks,
        outcome: (locale: string) => dismissalLabel(step.to, locale),
      },
    );
  }
}

function dismissalLabel(state: ComplaintState, locale: string): string {
  return textIn(locale, state === 'abusive' ? 'complaints.state.abusive' : 'complaints.state.frivolous');
}

export function closedOf(complaint: ComplaintRow, now: Date, how: 'rated' | 'auto') {
  return {
    id: complaint.id,
    number: complaint.number ?? '',
    departmentCode: complaint.department_code,
    districtCode: complaint.district_code,
    subTypeCode: complaint.sub_type_code,
    complainantId: complaint.complainant_id,
    contactMobile: complaint.contact_mobile,
    contactLocale: complaint.contact_locale,
    rating: complaint.rating,
    closedAt: now,
    how,
  };
}
