// The applications' scheduled jobs on pg-boss: escalation every ten minutes, and the officers' morning
// summary at 08:00 Pakistan time on weekdays (the use case skips public holidays). pg-boss sends one job per
// schedule tick however many instances run. Escalation is safe to run twice and is retried on failure; the
// summary is not retried, since a retry would write again to the offices already written to.
import { type Actor, systemActor } from '../../platform/actor.ts';
import type { Jobs } from '../../platform/jobs.ts';

export const ESCALATION_QUEUE = 'applications-escalation';
export const DAILY_SUMMARY_QUEUE = 'applications-daily-summary';
export const ESCALATION_CRON = '*/10 * * * *';
export const DAILY_SUMMARY_CRON = '0 8 * * 1-5';

type ScheduledUseCase = (actor: Actor, at: { now: Date }) => Promise<unknown>;
interface ScheduledWork {
  readonly escalateOverdue: ScheduledUseCase;
  readonly sendDailySummaries: ScheduledUseCase;
}

export async function scheduleApplicationJobs(jobs: Jobs, applications: ScheduledWork): Promise<void> {
  const scheduler = systemActor('scheduler');
  const queues = [
    { name: ESCALATION_QUEUE, cron: ESCALATION_CRON, retryLimit: 2, run: applications.escalateOverdue },
    {
      name: DAILY_SUMMARY_QUEUE,
      cron: DAILY_SUMMARY_CRON,
      retryLimit: 0,
      run: applications.sendDailySummaries,
    },
  ];
  for (const queue of queues) {
    await jobs.boss.createQueue(queue.name, { retryLimit: queue.retryLimit });
    await jobs.boss.schedule(queue.name, queue.cron, null, { tz: 'Asia/Karachi' });
    await jobs.boss.work(queue.name, async () => {
      await queue.run(scheduler, { now: new Date() });
    });
  }
}
