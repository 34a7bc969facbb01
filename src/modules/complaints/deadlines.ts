// The clock's work on complaints, run by pg-boss: escalate open complaints past their deadline (district →
// division → province, each level getting the sub-type's hours again), and close complaints resolved
// 10 days ago that the complainant neither rated nor reopened. Each use case takes `now`, so tests drive
// the clock. Batches lock their rows (SKIP LOCKED): two workers never take the same complaint.
import { type Actor, systemActor } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { forbidden } from '../../platform/errors.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { LEVEL_KEYS, closedOf } from './actions.ts';
import { noClosingHook } from './closing.ts';
import type { ComplaintsContext } from './context.ts';
import { notifyComplainant, textIn } from './notify.ts';
import { insertEvent, lockOverdue, lockResolvedBefore, updateIfVersion } from './repo.ts';
import { DAY_MS, REOPEN_WINDOW_DAYS } from './workflow.ts';

const HOUR_MS = 3_600_000;
const BATCH = 100;
export const DEADLINES_QUEUE = 'complaints-deadlines';

function requireScheduler(actor: Actor): void {
  if (actor.kind !== 'system') throw forbidden('Only the scheduler runs deadline work');
}

export function deadlineUseCases(context: ComplaintsContext) {
  const { db } = context;
  const onClosed = context.options.onClosed ?? noClosingHook;
  const links = { publicUrl: context.options.publicUrl, tree: context.tree };

  /** Runs `batch` until a round finds nothing to do; returns how many complaints it changed. */
  async function drain(batch: (trx: Db) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await inTransaction(db, batch);
      total += done;
      if (done < BATCH) return total;
    }
  }

  return {
    async escalateOverdue(actor: Actor, now: Date = new Date()): Promise<number> {
      requireScheduler(actor);
      const label = { actorId: null, actorLabel: 'deadline' };
      return drain(async (trx) => {
        const overdue = await lockOverdue(trx, now, BATCH);
        for (const complaint of overdue) {
          const level = Math.min(complaint.escalation_level + 1, 3) as 2 | 3;
          const due = new Date(now.getTime() + complaint.deadline_hours * HOUR_MS);
          await updateIfVersion(
            trx,
            complaint.id,
            complaint.version,
            { escalation_level: level, due_at: due },
            now,
          );
          await insertEvent(trx, {
            complaintId: complaint.id,
            ...label,
            kind: level === 2 ? 'escalatedToDivision' : 'escalatedToProvince',
            fromState: complaint.state,
            toState: complaint.state,
            at: now,
          });
          await insertAuditEvent(trx, {
            ...label,
            action: 'complaint.escalated',
            subjectType: 'complaint',
            subjectId: complaint.number ?? complaint.id,
            details: { level },
          });
          await notifyComplainant(
            trx,
            links,
            { ...complaint, escalation_level: level, due_at: due },
            'complaint.escalated',
            {
              date: due,
              level: (locale: string) => textIn(locale, `complaints.level.${LEVEL_KEYS[level]}`),
            },
          );
        }
        return overdue.length;
      });
    },

    async autoCloseResolved(actor: Actor, now: Date = new Date()): Promise<number> {
      requireScheduler(actor);
      const label = { actorId: null, actorLabel: 'deadline' };
      const cutoff = new Date(now.getTime() - REOPEN_WINDOW_DAYS * DAY_MS);
      return drain(async (trx) => {
        const resolved = await lockResolvedBefore(trx, cutoff, BATCH);
        for (const complaint of resolved) {
          await updateIfVersion(
            trx,
            complaint.id,
            complaint.version,
            { state: 'closed', closed_at: now },
            now,
          );
          await insertEvent(trx, {
            complaintId: complaint.id,
            ...label,
            kind: 'autoClosed',
            fromState: 'resolved',
            toState: 'closed',
            at: now,
          });
          await insertAuditEvent(trx, {
            ...label,
            action: 'complaint.auto_closed',
            subjectType: 'complaint',
            subjectId: complaint.number ?? complaint.id,
          });
          const closed = { ...complaint, state: 'closed' as const, closed_at: now };
          await notifyComplainant(trx, links, closed, 'complaint.closed');
          await onClosed(trx, closedOf(closed, now, 'auto'));
        }
        return resolved.length;
      });
    },
  };
}

/** Every 15 minutes: escalations, then closings. Registered only when the app runs background jobs. */
export async function scheduleDeadlines(
  jobs: Jobs,
  complaints: ReturnType<typeof deadlineUseCases>,
): Promise<void> {
  const actor = systemActor('scheduler');
  await jobs.boss.createQueue(DEADLINES_QUEUE);
  await jobs.boss.schedule(DEADLINES_QUEUE, '*/15 * * * *');
  await jobs.boss.work(DEADLINES_QUEUE, async () => {
    const now = new Date();
    await complaints.escalateOverdue(actor, now);
    await complaints.autoCloseResolved(actor, now);
  });
}
