// Overseas filings whose code was never typed back are not complaints: nobody proved the mobile, nobody
// sees them, and they hold a stranger's name, document number and files. After UNCONFIRMED_HOURS they
// are removed with their uploaded files, by a pg-boss job every hour (so within an hour of the limit).
// The use case takes `now`, so tests drive the clock. Rows go first, in one transaction per batch (locked
// with SKIP LOCKED: two workers never take the same filing, and a filing confirmed meanwhile is kept);
// the files go once that has committed, so a failure never leaves a complaint pointing at missing files.
import { type Actor, systemActor } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { forbidden } from '../../platform/errors.ts';
import type { Jobs } from '../../platform/jobs.ts';
import type { DocumentStore } from '../../platform/storage/document-store.ts';
import type { ComplaintsContext } from './context.ts';
import { deleteUnconfirmed, lockUnconfirmedBefore } from './repo.ts';

export const UNCONFIRMED_HOURS = 24;
export const UNCONFIRMED_QUEUE = 'complaints-unconfirmed';
export const UNCONFIRMED_CRON = '20 * * * *';
const HOUR_MS = 3_600_000;
const BATCH = 100;

export function unconfirmedUseCases(context: ComplaintsContext) {
  const { db } = context;
  return {
    /** Removes overseas filings unconfirmed for UNCONFIRMED_HOURS, and their files; returns how many. */
    async removeUnconfirmed(
      actor: Actor,
      store: Pick<DocumentStore, 'delete'>,
      now: Date = new Date(),
    ): Promise<number> {
      if (actor.kind !== 'system') throw forbidden('Only the scheduler removes unconfirmed complaints');
      const cutoff = new Date(now.getTime() - UNCONFIRMED_HOURS * HOUR_MS);
      let total = 0;
      for (;;) {
        const removed = await inTransaction(db, async (trx) => {
          const stale = await lockUnconfirmedBefore(trx, cutoff, BATCH);
          await deleteUnconfirmed(
            trx,
            stale.map((filing) => filing.id),
          );
          for (const filing of stale)
            await insertAuditEvent(trx, {
              actorId: null,
              actorLabel: 'scheduler',
              action: 'complaint.unconfirmed_removed',
              subjectType: 'complaint',
              subjectId: filing.id,
              details: { files: filing.documentKeys.length, afterHours: UNCONFIRMED_HOURS },
            });
          return stale;
        });
        // Every file is tried; the first failure is reported after (the job fails and the log says why).
        const failures: unknown[] = [];
        for (const key of removed.flatMap((filing) => filing.documentKeys)) {
          await store.delete(key).catch((error: unknown) => failures.push(error));
        }
        if (failures.length > 0) throw failures[0];
        total += removed.length;
        if (removed.length < BATCH) return total;
      }
    },
  };
}

/** Every hour: removes unconfirmed overseas filings. Registered only when the app runs background jobs. */
export async function scheduleUnconfirmedRemoval(
  jobs: Jobs,
  complaints: ReturnType<typeof unconfirmedUseCases>,
  store: Pick<DocumentStore, 'delete'>,
): Promise<void> {
  const actor = systemActor('scheduler');
  await jobs.boss.createQueue(UNCONFIRMED_QUEUE);
  await jobs.boss.schedule(UNCONFIRMED_QUEUE, UNCONFIRMED_CRON);
  await jobs.boss.work(UNCONFIRMED_QUEUE, async () => {
    await complaints.removeUnconfirmed(actor, store, new Date());
  });
}
