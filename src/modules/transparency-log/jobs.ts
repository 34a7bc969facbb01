// Every minute: sequence the queued appends, then sign a checkpoint if the tree grew. pg-boss runs each
// scheduled job once across all instances; the advisory locks make a second run harmless anyway.
import type { Jobs } from '../../platform/jobs.ts';

export const CHECKPOINT_QUEUE = 'transparency-log-checkpoint';

export async function scheduleCheckpoints(jobs: Jobs, work: () => Promise<unknown>): Promise<void> {
  await jobs.boss.createQueue(CHECKPOINT_QUEUE);
  await jobs.boss.schedule(CHECKPOINT_QUEUE, '* * * * *', null, { tz: 'UTC' });
  await jobs.boss.work(CHECKPOINT_QUEUE, async () => {
    await work();
  });
}
