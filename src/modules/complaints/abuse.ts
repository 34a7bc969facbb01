// Abuse controls on filing. At most FILINGS_PER_DAY complaints a day per account and per mobile number.
// A person (an account, or a mobile number when there is no account) whose complaints are marked frivolous
// or abusive DISMISSALS_TO_SUSPEND times within DISMISSAL_WINDOW_DAYS cannot file for SUSPENSION_DAYS; they
// may appeal once, and a grievance officer with province-wide reach (or a platform administrator) lifts
// or upholds the suspension.
import { type Actor, actorId, hasProvinceRole, systemActor } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import { accountsService } from '../identity/accounts/service.ts';
import { notificationsService } from '../notifications/service.ts';
import type { ComplaintsContext } from './context.ts';
import { who } from './context.ts';
import { recipientOf } from './notify.ts';
import type { ComplaintRow } from './repo.ts';
import { filingsSince } from './repo.ts';
import {
  type Person,
  type SuspensionRow,
  activeSuspension,
  decideAppeal,
  dismissedSince,
  findSuspension,
  insertSuspension,
  pendingAppeals,
  recordAppeal,
} from './repo-abuse.ts';

export const FILINGS_PER_DAY = 5;
export const DISMISSALS_TO_SUSPEND = 3;
export const DISMISSAL_WINDOW_DAYS = 90;
export const SUSPENSION_DAYS = 30;
export const MAX_APPEAL = 2000;
const DAY_MS = 24 * 3_600_000;

/**
 * Throws when this person may not file now: 'forbidden' while suspended, 'rate_limited' after enough
 * complaints today; each with a field error the form shows.
 */
export async function checkCanFile(trx: Db, person: Person, now: Date): Promise<void> {
  const suspension = await activeSuspension(trx, person, now);
  if (suspension !== undefined) {
    throw new AppError('forbidden', 'Filing is suspended for this person', {
      fieldErrors: [
        {
          field: 'subType',
          messageKey: 'complaints.error.suspended',
          params: { date: suspension.ends_at.toISOString().slice(0, 10) },
        },
      ],
    });
  }
  const filed = await filingsSince(
    trx,
    {
      ...(person.complainantId === null ? {} : { complainantId: person.complainantId }),
      ...(person.mobile === null ? {} : { mobile: person.mobile }),
    },
    new Date(now.getTime() - DAY_MS),
  );
  if (filed >= FILINGS_PER_DAY) {
    throw new AppError('rate_limited', 'Too many complaints filed today', {
      fieldErrors: [
        { field: 'subType', messageKey: 'complaints.error.tooMany', params: { count: FILINGS_PER_DAY } },
      ],
    });
  }
}

const personOf = (complaint: ComplaintRow): Person => ({
  complainantId: complaint.complainant_id,
  mobile: complaint.complainant_id === null ? complaint.contact_mobile : null,
});

/** After a complaint is marked frivolous or abusive (in that transaction): suspends filing if it is one too many. */
export async function recordDismissal(
  trx: Db,
  context: ComplaintsContext,
  complaint: ComplaintRow,
  now: Date,
): Promise<void> {
  const person = personOf(complaint);
  if (person.complainantId === null && person.mobile === null) return;
  if ((await activeSuspension(trx, person, now)) !== undefined) return;
  const dismissed = await dismissedSince(
    trx,
    person,
    new Date(now.getTime() - DISMISSAL_WINDOW_DAYS * DAY_MS),
  );
  if (dismissed.length < DISMISSALS_TO_SUSPEND) return;
  const endsAt = new Date(now.getTime() + SUSPENSION_DAYS * DAY_MS);
  const id = await insertSuspension(trx, { ...person, startsAt: now, endsAt, complaintNumbers: dismissed });
  await insertAuditEvent(trx, {
    actorId: null,
    actorLabel: 'complaints',
    action: 'complaint.filing_suspended',
    subjectType: 'complaint_filing_suspension',
    subjectId: id,
    details: { complaints: dismissed, until: endsAt.toISOString() },
  });
  const to = await recipientOf(trx, complaint);
  if (to === undefined) return;
  await notificationsService(trx).enqueue(trx, {
    event: 'complaint.filingSuspended',
    channel: to.channel,
    recipient: to.recipient,
    locale: to.locale,
    params: { date: endsAt, url: `${context.options.publicUrl}/complaints/suspension` },
    userId: to.userId,
  });
}

const mayDecide = (actor: Actor) =>
  hasProvinceRole(actor, 'platform_admin') ||
  (actor.kind === 'user' &&
    actor.grants.some((grant) => grant.role === 'grievance_officer' && grant.districtCode === null));

export function abuseUseCases(context: ComplaintsContext) {
  const { db } = context;
  return {
    /**
     * The signed-in citizen's suspension in force, if any: of their account, or of their verified mobile
     * (an overseas complainant suspended while filing without an account signs up with that mobile to
     * see it and appeal).
     */
    async mySuspension(actor: Actor, now: Date = new Date()): Promise<SuspensionRow | undefined> {
      if (actor.kind !== 'user' || actor.accountKind !== 'citizen')
        throw new AppError('unauthenticated', 'Sign in first');
      const { mobile } = await accountsService(db).contactOf(systemActor('complaints'), actor.userId);
      return activeSuspension(db, { complainantId: actor.userId, mobile }, now);
    },

    async appeal(actor: Actor, text: string, now: Date = new Date()): Promise<void> {
      const suspension = await this.mySuspension(actor, now);
      if (suspension === undefined) throw notFound('Suspension');
      const appeal = text.trim();
      if (appeal === '' || appeal.length > MAX_APPEAL)
        throw validationFailed('Write your appeal', [
          { field: 'appeal', messageKey: 'complaints.error.appeal', params: { max: MAX_APPEAL } },
        ]);
      await inTransaction(db, async (trx) => {
        if (!(await recordAppeal(trx, suspension.id, appeal, now)))
          throw conflict('This suspension was already appealed');
        await insertAuditEvent(trx, {
          ...who(actor),
          action: 'complaint.suspension_appealed',
          subjectType: 'complaint_filing_suspension',
          subjectId: suspension.id,
        });
      });
    },

    async pendingAppeals(actor: Actor): Promise<SuspensionRow[]> {
      if (!mayDecide(actor)) throw forbidden('You cannot decide appeals');
      return pendingAppeals(db);
    },

    async decideAppeal(
      actor: Actor,
      id: string,
      input: { decision: string; remarks: string },
      now: Date = new Date(),
    ): Promise<void> {
      if (!mayDecide(actor)) throw forbidden('You cannot decide appeals');
      if (input.decision !== 'lifted' && input.decision !== 'upheld')
        throw validationFailed('Choose a decision', [
          { field: 'decision', messageKey: 'complaints.error.decision' },
        ]);
      const remarks = input.remarks.trim();
      if (remarks === '')
        throw validationFailed('Give the reason', [
          { field: 'remarks', messageKey: 'complaints.error.remarks.reject' },
        ]);
      const suspension = await findSuspension(db, id);
      if (suspension === undefined) throw notFound('Suspension');
      await inTransaction(db, async (trx) => {
        const decided = await decideAppeal(trx, id, {
          decision: input.decision as 'lifted' | 'upheld',
          remarks,
          by: actorId(actor) ?? '',
          at: now,
        });
        if (!decided) throw conflict('This appeal was already decided');
        await insertAuditEvent(trx, {
          ...who(actor),
          action: `complaint.suspension_${input.decision}`,
          subjectType: 'complaint_filing_suspension',
          subjectId: id,
        });
      });
    },
  };
}
