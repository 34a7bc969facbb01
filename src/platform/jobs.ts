// Background jobs and timers on pg-boss, in the same PostgreSQL (schema `pgboss`). Modules register
// their queues and workers through `Jobs`; nothing else talks to pg-boss directly.
import { PgBoss } from 'pg-boss';
import type { Logger } from './logger.ts';

export interface QueueStats {
  readonly name: string;
  readonly queued: number;
  readonly active: number;
  readonly deferred: number;
}

export interface Jobs {
  readonly boss: PgBoss;
  start(): Promise<void>;
  /** Waits for running jobs to finish (up to `timeoutMs`), then closes pg-boss's connections. */
  stop(timeoutMs?: number): Promise<void>;
  queueStats(): Promise<QueueStats[]>;
}

export function createJobs(connectionString: string, logger: Logger): Jobs {
  const boss = new PgBoss({ connectionString, max: 4, application_name: 'sahulat-jobs' });
  boss.on('error', (error: unknown) => {
    logger.error({ err: error, component: 'jobs' }, 'background job system error');
  });
  let started = false;
  return {
    boss,
    async start() {
      await boss.start();
      started = true;
      logger.info({ component: 'jobs' }, 'background jobs started');
    },
    async stop(timeoutMs = 10_000) {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
      logger.info({ component: 'jobs' }, 'background jobs stopped');
    },
    async queueStats() {
      if (!started) return [];
      const queues = await boss.getQueues();
      return queues.map((queue) => ({
        name: queue.name,
        queued: queue.queuedCount,
        active: queue.activeCount,
        deferred: queue.deferredCount,
      }));
    },
  };
}
