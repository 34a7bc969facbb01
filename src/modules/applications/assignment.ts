// Who in the office is working on an application: an officer holding its role claims it, or hands it to a
// colleague holding that role in the same department and district, or releases it. The escalation role's
// officers may reassign and release too. Each change states the version the officer saw (a stale one is a
// conflict) and writes the row, a history event, an audit row and the assignee's e-mail in one transaction.
// The history event names no officer beyond the actor: citizens see the office, never who in it.
import { type Actor, type Role, actorId, actorLabel } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import { accountsService } from '../identity/accounts/service.ts';
import { notificationsService } from '../notifications/service.ts';
import { servicesService } from '../services/service.ts';
import { holdsApplication, officeOf, supervisesApplication } from './inbox.ts';
import { type ApplicationRow, findApplication, insertEvent, updateIfVersion } from './repo.ts';
import { canView } from './workflow.ts';

export interface Colleague {
  readonly id: string;
  readonly name: string;
}

/** What the track page shows staff about who is working on the application, and what they may change. */
export interface AssignmentView {
  readonly assignee: Colleague | null;
  readonly mine: boolean;
  readonly canClaim: boolean;
  readonly canRelease: boolean;
  /** Officers it may be assigned to; empty when the viewer may not assign it. */
  readonly colleagues: readonly Colleague[];
  readonly escalatedToRole: string | null;
}

const STALE = 'Someone else changed who is working on this application first: reload it and try again';

export function assignmentUseCases(db: Db, options: { publicUrl: string }) {
  async function load(actor: Actor, number: string): Promise<ApplicationRow> {
    if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
    const application = await findApplication(db, { number });
    const visible =
      application !== undefined &&
      canView(actor, {
        state: application.state,
        applicantId: application.applicant_id,
        ...officeOf(application),
      });
    if (application === undefined || !visible) throw notFound('Application');
    return application;
  }

  const mayReassign = (actor: Actor, application: ApplicationRow) =>
    holdsApplication(actor, application) || supervisesApplication(actor, application);

  async function holders(actor: Actor, application: ApplicationRow) {
    if (application.holder_role === null) return [];
    return accountsService(db).officersHolding(actor, {
      role: application.holder_role as Role,
      ...officeOf(application),
    });
  }

  async function change(
    actor: Actor,
    application: ApplicationRow,
    version: number,
    assignee: { id: string; email: string | null; locale: string } | null,
    kind: 'claimed' | 'assigned' | 'released',
  ): Promise<void> {
    const number = application.number ?? '';
    await inTransaction(db, async (trx) => {
      if (!(await updateIfVersion(trx, application.id, version, { assigned_to: assignee?.id ?? null })))
        throw new AppError('conflict', STALE);
      await insertEvent(trx, {
        applicationId: application.id,
        actorId: actorId(actor),
        actorLabel: actorLabel(actor),
        kind,
      });
      await insertAuditEvent(trx, {
        actorId: actorId(actor),
        actorLabel: actorLabel(actor),
        action: `application.${kind}`,
        subjectType: 'application',
        subjectId: number,
        details: { from: application.assigned_to, to: assignee?.id ?? null },
      });
      if (assignee === null || assignee.id === actorId(actor) || assignee.email === null) return;
      const pack = await servicesService(trx).packAt(
        actor,
        application.service_code,
        application.pack_version,
      );
      await notificationsService(trx).enqueue(trx, {
        event: 'application.assigned',
        channel: 'email',
        recipient: assignee.email,
        locale: assignee.locale,
        params: {
          number,
          service: assignee.locale === 'ur' ? pack.name.ur : pack.name.en,
          by: actorLabel(actor),
          url: `${options.publicUrl}/applications/${number}`,
        },
        userId: assignee.id,
      });
    });
  }

  return {
    /** Takes an unassigned application one holds the role for; assigned to someone else is a conflict. */
    async claim(actor: Actor, number: string, version: number): Promise<void> {
      const application = await load(actor, number);
      if (!holdsApplication(actor, application))
        throw forbidden('Only an officer holding this application’s role in its office can claim it');
      if (application.assigned_to === actorId(actor)) return;
      if (application.assigned_to !== null) {
        throw new AppError('conflict', 'Someone else is already working on this application', {
          fieldErrors: [{ field: 'assignee', messageKey: 'applications.assignment.taken' }],
        });
      }
      const self = { id: actor.kind === 'user' ? actor.userId : '', email: null, locale: 'en' };
      await change(actor, application, version, self, 'claimed');
    },

    /** Hands the application to a colleague holding its role in its department and district. */
    async assign(actor: Actor, number: string, input: { assignee: string; version: number }): Promise<void> {
      const application = await load(actor, number);
      if (!mayReassign(actor, application)) throw forbidden('You cannot assign this application');
      const assignee = (await holders(actor, application)).find((officer) => officer.id === input.assignee);
      if (assignee === undefined) {
        throw validationFailed('Choose a colleague who handles this application', [
          { field: 'assignee', messageKey: 'applications.assignment.chooseColleague' },
        ]);
      }
      await change(actor, application, input.version, assignee, 'assigned');
    },

    /** Gives the application back to the office's shared inbox. */
    async release(actor: Actor, number: string, version: number): Promise<void> {
      const application = await load(actor, number);
      const own = application.assigned_to !== null && application.assigned_to === actorId(actor);
      if (!own && !mayReassign(actor, application)) throw forbidden('You cannot release this application');
      if (application.assigned_to === null) return;
      await change(actor, application, version, null, 'released');
    },

    /** For the track page: undefined for anyone but staff who may see the application. */
    async assignmentView(actor: Actor, number: string): Promise<AssignmentView | undefined> {
      const application = await load(actor, number);
      if (actor.kind !== 'user' || actor.accountKind !== 'staff' || application.outcome !== null) return;
      const reassign = mayReassign(actor, application);
      const colleagues = reassign
        ? (await holders(actor, application)).map((officer) => ({ id: officer.id, name: officer.fullName }))
        : [];
      const assignedTo = application.assigned_to;
      const name =
        assignedTo === null
          ? undefined
          : (await accountsService(db).staffNames(actor, [assignedTo])).get(assignedTo);
      return {
        assignee: assignedTo === null ? null : { id: assignedTo, name: name ?? '' },
        mine: assignedTo !== null && assignedTo === actor.userId,
        canClaim: assignedTo === null && holdsApplication(actor, application),
        canRelease: assignedTo !== null && (assignedTo === actor.userId || reassign),
        colleagues,
        escalatedToRole: application.escalated_to_role,
      };
    },

    /** The names of the officers applications are assigned to, for the inbox list (staff only). */
    async assigneeNames(actor: Actor, ids: readonly string[]): Promise<Map<string, string>> {
      return accountsService(db).staffNames(actor, ids);
    },
  };
}
