// A daily job: delete spent one-time codes, ended sessions and stale sign-in failure counts.
import type { Db } from '../../platform/db/database.ts';
import type { Jobs } from '../../platform/jobs.ts';
import type { OneTimeCodes } from './credentials/one-time-codes.ts';
import { deleteEndedSessions, deleteStaleFailures } from './repo-sessions.ts';

export const HOUSEKEEPING_QUEUE = 'identity-housekeeping';
const DAY_MS = 24 * 60 * 60 * 1000;

export async function runHousekeeping(db: Db, codes: OneTimeCodes, now = new Date()) {
  return {
    codes: await codes.purgeOldCodes(db),
    sessions: await deleteEndedSessions(db, new Date(now.getTime() - 7 * DAY_MS)),
    failures: await deleteStaleFailures(db, new Date(now.getTime() - DAY_MS)),
  };
}

/** 03:10 Pakistan time, when the service is quietest. */
export async function scheduleHousekeeping(jobs: Jobs, work: () => Promise<unknown>): Promise<void> {
  await jobs.boss.createQueue(HOUSEKEEPING_QUEUE);
  await jobs.boss.schedule(HOUSEKEEPING_QUEUE, '10 3 * * *', null, { tz: 'Asia/Karachi' });
  await jobs.boss.work(HOUSEKEEPING_QUEUE, async () => {
    await work();
  });
}
