// Expired provider artefacts (codes, tokens, sessions, interactions, grants) are ignored by the adapter the
// moment they expire; this hourly job deletes them so the table does not grow without end.
import type { Db } from '../../platform/db/database.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { deleteExpiredPayloads } from './repo.ts';

export const CLEANUP_QUEUE = 'oidc-expired-cleanup';
/** Kept a day after expiry: enough to investigate a reported problem with a token. */
const GRACE_SECONDS = 24 * 60 * 60;
const BATCH = 5000;

/** Deletes every artefact past its grace period, in batches; returns how many went. */
export async function deleteExpired(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteExpiredPayloads(db, GRACE_SECONDS, BATCH);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

export async function scheduleCleanup(jobs: Jobs, db: Db): Promise<void> {
  await jobs.boss.createQueue(CLEANUP_QUEUE);
  await jobs.boss.schedule(CLEANUP_QUEUE, '17 * * * *');
  await jobs.boss.work(CLEANUP_QUEUE, async () => {
    await deleteExpired(db);
  });
}
