// Escalation: an open application that has stayed in a state longer than the pack's `escalate.afterHours`
// working hours (counted from when it entered the state, office hours on working days only) is escalated
// once per state entry to `escalate.toRole` of its department and district. Those officers see it in their
// inbox and get an e-mail. One transaction per application, taken with SKIP LOCKED, so two instances
// running the job at once escalate each application once. The caller gives `now` (tests choose it).
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { forbidden } from '../../platform/errors.ts';
import { calendarService } from '../calendar/service.ts';
import { accountsService } from '../identity/accounts/service.ts';
import { notificationsService } from '../notifications/service.ts';
import type { ServicePack } from '../services/pack/validate.ts';
import { servicesService } from '../services/service.ts';
import { officeOf } from './inbox.ts';
import {
  enteredStateBefore,
  lockForEscalation,
  markEscalated,
  statesAwaitingEscalation,
} from './repo-office.ts';
import { insertEvent } from './repo.ts';

const HOUR_MS = 3_600_000;
/** Applications escalated per pack state in one run; the next run takes the rest. */
const BATCH = 500;

export function escalationUseCases(db: Db, options: { publicUrl: string }) {
  const calendar = calendarService(db);

  /** Escalates one application if it still qualifies once locked; true when it did. */
  async function escalateOne(actor: Actor, id: string, pack: ServicePack, state: string, now: Date) {
    return inTransaction(db, async (trx) => {
      const application = await lockForEscalation(trx, id);
      const rule = pack.workflow.states[state]?.escalate;
      if (application?.state !== state || application.entered_state_at === null || rule === undefined)
        return false;
      if ((await calendar.deadline(application.entered_state_at, rule.afterHours)) > now) return false;
      const number = application.number ?? '';
      await markEscalated(trx, id, rule.toRole, now);
      await insertEvent(trx, {
        applicationId: id,
        actorId: null,
        actorLabel: actorLabel(actor),
        kind: 'escalated',
        fromState: state,
      });
      await insertAuditEvent(trx, {
        actorId: null,
        actorLabel: actorLabel(actor),
        action: 'application.escalated',
        subjectType: 'application',
        subjectId: number,
        details: { state, toRole: rule.toRole, enteredStateAt: application.entered_state_at.toISOString() },
      });
      const officers = await accountsService(trx).officersHolding(actor, {
        role: rule.toRole,
        ...officeOf(application),
      });
      const office = pack.workflow.states[state]?.holder?.office;
      for (const officer of officers) {
        if (officer.email === null) continue;
        const urdu = officer.locale === 'ur';
        await notificationsService(trx).enqueue(trx, {
          event: 'application.escalated',
          channel: 'email',
          recipient: officer.email,
          locale: officer.locale,
          params: {
            number,
            service: urdu ? pack.name.ur : pack.name.en,
            office: office === undefined ? '' : urdu ? office.ur : office.en,
            hours: rule.afterHours,
            url: `${options.publicUrl}/applications/${number}`,
          },
          userId: officer.id,
        });
      }
      return true;
    });
  }

  return {
    /** Escalates every application overdue for it at `now`; returns their numbers. For the scheduler. */
    async escalateOverdue(actor: Actor, { now }: { now: Date }): Promise<{ escalated: string[] }> {
      if (actor.kind !== 'system') throw forbidden('Only the scheduler escalates applications');
      const services = servicesService(db);
      const escalated: string[] = [];
      for (const at of await statesAwaitingEscalation(db)) {
        const pack = await services.packAt(actor, at.service_code, at.pack_version);
        const rule = pack.workflow.states[at.state]?.escalate;
        if (rule === undefined) continue;
        // Working hours never outrun the clock: only those in the state that long may be due.
        const before = new Date(now.getTime() - rule.afterHours * HOUR_MS);
        for (const candidate of await enteredStateBefore(db, at, before, BATCH)) {
          if (candidate.entered_state_at === null) continue;
          // Oldest first, and a later entry never has an earlier deadline: the rest are not due either.
          if ((await calendar.deadline(candidate.entered_state_at, rule.afterHours)) > now) break;
          // Checked again under the lock: it may have moved on, or another instance may have it.
          if (await escalateOne(actor, candidate.id, pack, at.state, now))
            escalated.push(candidate.number ?? '');
        }
      }
      return { escalated };
    },
  };
}
