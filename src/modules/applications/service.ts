// Applications: a citizen's draft, submission with its number, officers' actions through the pack's
// workflow, and the inbox. Every change writes the application row (guarded by its version), a history
// event, an audit event and the notification outbox row in one transaction.
import { type Actor, actorId, actorLabel, systemActor } from '../../platform/actor.ts';
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
import { calendarService } from '../calendar/service.ts';
import { accountsService } from '../identity/accounts/service.ts';
import { referenceService } from '../reference/service.ts';
import { servicesService } from '../services/service.ts';
import { type Answers, computeFee, validateAll, validateStep } from './form/answers.ts';
import {
  type ApplicationRow,
  applicationsOf,
  bookedCounts,
  insertBookings,
  lockSlotDay,
  releaseBookings,
  eventsOf,
  findApplication,
  insertDraft,
  insertEvent,
  nextSequence,
  updateIfVersion,
} from './repo.ts';
import { assignmentUseCases } from './assignment.ts';
import { dailySummaryUseCases } from './daily-summary.ts';
import { escalationUseCases } from './escalation.ts';
import { inboxUseCases } from './inbox.ts';
import { requestedSlot } from './slots.ts';
import { filesForApplicant, requireCounterScope } from './counter-access.ts';
import { allowedActions, canView, stateOf } from './workflow.ts';
import { cancelApplicationBill, isPayState, issueApplicationBill, renewApplicationBill } from './billing.ts';
import { type IssuerOptions, issueOnApproval, issuedCertificates, logAction } from './issuance.ts';
import { feedbackOnApplicationDecided } from '../feedback/hooks.ts';
import { notifyApplicant } from './applicant-notice.ts';

export function applicationNumber(prefix: string, district: string, year: number, sequence: number): string {
  return `${prefix}-${district}-${year}-${String(sequence).padStart(6, '0')}`;
}

const PAKISTAN_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Karachi', year: 'numeric' }); // made once: costly

/** The Gregorian year in Pakistan time, which decides the number's year. */
function pakistanYear(at: Date): number {
  return Number(PAKISTAN_YEAR.format(at));
}

export function applicationsService(db: Db, options: IssuerOptions) {
  const services = servicesService(db);
  const calendar = calendarService(db);
  // Built once so its cache serves every call (reference data changes only with a migration).
  const reference = referenceService(db);

  async function load(actor: Actor, by: { id: string } | { number: string }) {
    if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in to see applications');
    const application = await findApplication(db, by);
    if (application === undefined) throw notFound('Application');
    const position = positionOf(application);
    if (!canView(actor, position)) throw notFound('Application'); // not even its existence to others
    const pack = await services.packAt(actor, application.service_code, application.pack_version);
    return { application, pack, position };
  }

  return {
    // The officers' side: inbox, claim and assignment, escalation and the daily summary (own files).
    ...inboxUseCases(db),
    ...assignmentUseCases(db, options),
    ...escalationUseCases(db, options),
    ...dailySummaryUseCases(db, options),

    /** A citizen starts an application in their district on the service's current pack version. */
    async startDraft(actor: Actor, input: { serviceCode: string; districtCode: string }): Promise<string> {
      if (actor.kind !== 'user' || actor.accountKind !== 'citizen')
        throw forbidden('Sign in with a citizen account to apply');
      const { row, pack } = await services.service(actor, input.serviceCode);
      const districts = (await reference.referenceData(actor)).districts.map((d) => d.code);
      if (!districts.includes(input.districtCode)) {
        throw validationFailed('Choose your district', [
          { field: 'district', messageKey: 'applications.districtRequired' },
        ]);
      }
      return inTransaction(db, async (trx) => {
        const id = await insertDraft(trx, {
          serviceCode: row.code,
          packVersion: row.version,
          applicantId: actor.userId,
          filedBy: null,
          districtCode: input.districtCode,
          departmentCode: pack.department,
        });
        await insertEvent(trx, {
          applicationId: id,
          actorId: actor.userId,
          actorLabel: actor.label,
          kind: 'created',
        });
        return id;
      });
    },

    async get(actor: Actor, by: { id: string } | { number: string }) {
      const { application, pack, position } = await load(actor, by);
      return {
        application,
        pack,
        events: await eventsOf(db, application.id),
        actions: allowedActions(pack, position, actor),
      };
    },

    /** Saves one step's answers on a draft (or an application returned for correction). */
    async saveStep(
      actor: Actor,
      id: string,
      input: { stepId: string; raw: Record<string, string | string[] | undefined>; version: number },
    ) {
      const { application, pack } = await load(actor, { id });
      if (actorId(actor) !== application.applicant_id && !filesForApplicant(actor, application))
        throw forbidden('Only the applicant (or the operator filing it for them) can change the answers');
      const editable =
        application.state === 'draft' || stateOf(pack, application.state).citizenAction === 'correct';
      if (!editable) throw conflict('This application can no longer be changed');
      const districts = (await reference.referenceData(actor)).districts.map((d) => d.code);
      const result = validateStep(pack, input.stepId, input.raw, {
        today: new Date(),
        districts,
        previous: application.answers as Answers,
      });
      if (!(await updateIfVersion(db, id, input.version, { answers: result.answers }))) {
        throw new AppError('conflict', 'The application was changed elsewhere: reload it and try again');
      }
      return { errors: result.errors, version: input.version + 1, answers: result.answers };
    },

    /** Submits a complete draft: it gets its number, enters the workflow and the citizen is told. */
    async submit(actor: Actor, id: string, version: number): Promise<{ number: string }> {
      const { application, pack } = await load(actor, { id });
      const byOperator = actorId(actor) !== application.applicant_id;
      if (byOperator && !filesForApplicant(actor, application))
        throw forbidden('Only the applicant can submit');
      if (application.state !== 'draft') throw conflict('This application was already submitted');
      const districts = (await reference.referenceData(actor)).districts.map((d) => d.code);
      const errors: FieldError[] = validateAll(pack, application.answers as Answers, {
        today: new Date(),
        districts,
        previous: {},
      });
      if (errors.length > 0) throw validationFailed('The application is not complete', errors);
      const now = new Date();
      const initial = stateOf(pack, pack.workflow.initial);
      const fee = computeFee(pack, application.answers as Answers);
      const promised = await calendar.promisedDate(now, pack.slaDays);
      // A form that asks for the district decides which district's office handles it, and the number.
      const answers = application.answers as Answers;
      const district =
        typeof answers['district'] === 'string' ? answers['district'] : application.district_code;
      if (byOperator)
        requireCounterScope(
          actor,
          { departmentCode: application.department_code, districtCode: district },
          'district',
        );
      return inTransaction(db, async (trx) => {
        // Bookable hours: no hour may ever hold more bookings than the district has machines, even when
        // many citizens send at once (bookings of one district-day are serialised by a lock).
        const slot = requestedSlot(pack, answers);
        if (slot !== undefined) {
          await lockSlotDay(trx, pack.code, slot.districtCode, slot.day);
          const booked = await bookedCounts(trx, pack.code, slot.districtCode, slot.hours);
          if (slot.hours.some((hour) => (booked.get(hour.getTime()) ?? 0) >= slot.capacity)) {
            throw validationFailed('That time is no longer free', [
              { field: slot.fieldId, messageKey: 'applications.slotTaken' },
            ]);
          }
          await insertBookings(trx, id, pack.code, slot.districtCode, slot.hours);
        }
        const sequence = await nextSequence(trx, pack.prefix, district, pakistanYear(now));
        const number = applicationNumber(pack.prefix, district, pakistanYear(now), sequence);
        const changed = await updateIfVersion(trx, id, version, {
          number,
          district_code: district,
          state: pack.workflow.initial,
          holder_role: initial.holder?.role ?? null,
          fee_pkr: fee === undefined ? null : String(fee),
          submitted_at: now,
          due_at:
            initial.deadlineHours === undefined ? null : await calendar.deadline(now, initial.deadlineHours),
          promised_at: promised,
        });
        if (!changed)
          throw new AppError('conflict', 'The application was changed elsewhere: reload it and try again');
        await insertEvent(trx, {
          applicationId: id,
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          kind: 'submitted',
          toState: pack.workflow.initial,
        });
        await insertAuditEvent(trx, {
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          action: 'application.submitted',
          subjectType: 'application',
          subjectId: number,
        });
        const submitted = { ...application, number, district_code: district };
        // A fee is billed as the application starts waiting for it (PSID on the track page and slip).
        if (isPayState(pack, pack.workflow.initial))
          await issueApplicationBill(trx, pack, {
            ...submitted,
            fee_pkr: fee === undefined ? null : String(fee),
          });
        await notifyApplicant(trx, options, submitted, pack, 'application.submitted', {
          date: promised,
        });
        return { number };
      });
    },

    /** Takes a workflow action. `version` is the one the actor saw: a stale one is a conflict, nothing lost. */
    async act(
      actor: Actor,
      number: string,
      input: { action: string; remarks: string; version: number },
    ): Promise<{ state: string }> {
      const { application, pack, position } = await load(actor, { number });
      // The page the actor acted on is out of date: say so before judging the action against a state
      // they have not seen (a colleague's action may have just moved it beyond their role).
      if (application.version !== input.version) {
        throw new AppError(
          'conflict',
          'Someone else acted on this application first: reload it to see what changed',
        );
      }
      const action = allowedActions(pack, position, actor).find((candidate) => candidate.id === input.action);
      if (action === undefined) throw forbidden('You cannot take this action on this application now');
      const remarks = input.remarks.trim();
      if (action.remarks === 'required' && remarks === '') {
        throw validationFailed('Remarks are required', [
          { field: 'remarks', messageKey: 'applications.remarksRequired' },
        ]);
      }
      const next = stateOf(pack, action.to);
      const now = new Date();
      return inTransaction(db, async (trx) => {
        const changed = await updateIfVersion(trx, application.id, input.version, {
          state: action.to,
          holder_role: next.holder?.role ?? null,
          assigned_to: null,
          due_at: next.deadlineHours === undefined ? null : await calendar.deadline(now, next.deadlineHours),
          ...(next.terminal === true && next.outcome !== undefined
            ? { outcome: next.outcome, decided_at: now }
            : {}),
        });
        if (!changed) {
          throw new AppError(
            'conflict',
            'Someone else acted on this application first: reload it to see what changed',
          );
        }
        await insertEvent(trx, {
          applicationId: application.id,
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          kind: 'action',
          action: action.id,
          fromState: application.state,
          toState: action.to,
          ...(remarks === '' ? {} : { remarks }),
        });
        await insertAuditEvent(trx, {
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          action: `application.${action.id}`,
          subjectType: 'application',
          subjectId: number,
          details: { from: application.state, to: action.to },
        });
        // Every action is public in the transparency log; an approval issues the pack's certificate.
        const decided = { ...application, number };
        await logAction(trx, decided, {
          action: action.id,
          from: application.state,
          to: action.to,
          outcome: next.terminal === true ? (next.outcome ?? 'closed') : null,
          at: now,
        });
        if (next.terminal === true && next.outcome === 'approved')
          await issueOnApproval(trx, options, actor, decided, pack);
        // A refused or withdrawn booking gives its hours back.
        if (next.terminal === true && next.outcome !== 'approved') await releaseBookings(trx, application.id);
        // The fee is owed while the application waits for it: billed on entering, cancelled on leaving.
        if (isPayState(pack, action.to)) await issueApplicationBill(trx, pack, { ...application, number });
        else if (isPayState(pack, application.state)) await cancelApplicationBill(trx, application.id);
        if (next.citizenAction === 'correct')
          await notifyApplicant(trx, options, application, pack, 'application.returned', { remarks });
        if (next.terminal === true) {
          const outcome = next.label;
          const contact = await accountsService(trx).contactOf(
            systemActor('notifications'),
            application.applicant_id,
          );
          await notifyApplicant(trx, options, application, pack, 'application.decided', {
            outcome: contact.locale === 'ur' ? outcome.ur : outcome.en,
          });
          await feedbackOnApplicationDecided(trx, options, application);
        }
        return { state: action.to };
      });
    },

    /**
     * A new fee bill (PSID) when the one issued expired or was cancelled while the application still waits
     * for its fee; the applicant, or the operator filing for them, asks from the track page.
     */
    async renewFeeBill(actor: Actor, number: string, version: number): Promise<void> {
      const { application, pack } = await load(actor, { number });
      if (actorId(actor) !== application.applicant_id && !filesForApplicant(actor, application))
        throw forbidden('Only the applicant can ask for a new bill');
      if (!isPayState(pack, application.state)) throw conflict('This application is not waiting for its fee');
      await inTransaction(db, async (trx) => {
        // The version bump serialises two requests: the second gets a conflict, not a second bill.
        if (!(await updateIfVersion(trx, application.id, version, {})))
          throw conflict('The application was changed elsewhere: reload it and try again');
        const bill = await renewApplicationBill(trx, pack, { ...application, number });
        if (bill === undefined) throw conflict('This application has no fee to bill');
      });
    },

    /** The application's certificates, for whoever may see the application. */
    async certificatesOf(actor: Actor, number: string) {
      await load(actor, { number });
      return issuedCertificates(db, options, number);
    },

    /** The stored document key behind one of an application's file answers, for whoever may see it. */
    async documentKey(actor: Actor, number: string, fieldId: string): Promise<string> {
      const { application, pack } = await load(actor, { number });
      const isFileField = pack.form.steps.some((step) =>
        step.fields.some((f) => f.id === fieldId && f.type === 'file'),
      );
      const key = (application.answers as Answers)[fieldId];
      if (!isFileField || typeof key !== 'string') throw notFound('Document');
      return key;
    },

    async mine(actor: Actor): Promise<ApplicationRow[]> {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      return applicationsOf(db, actor.userId);
    },
  };
}

function positionOf(application: ApplicationRow) {
  return {
    state: application.state,
    applicantId: application.applicant_id,
    departmentCode: application.department_code,
    districtCode: application.district_code,
  };
}

export type ApplicationsService = ReturnType<typeof applicationsService>;
