// The delivery worker on pg-boss. Queue `webhooks-delivery` gets a job every minute (pg-boss sends one per
// tick however many instances run) and one more in the transaction of every change that queued deliveries,
// so a subscriber hears of a payment within seconds; each job drains what is due. Several instances may run
// jobs at once: deliveries are claimed with SKIP LOCKED and a lease (repo.ts), never twice at a time. The
// jobs themselves are not retried: the outbox rows keep their own schedule. Finished deliveries are
// forgotten after 90 days (03:40 Pakistan time).
import type { Db } from '../../platform/db/database.ts';
import type { Jobs } from '../../platform/jobs.ts';
import type { Logger } from '../../platform/logger.ts';
import { webhookDispatcher } from './delivery.ts';
import { setDeliveryWaker } from './outbox.ts';
import { pruneFinishedDeliveries, transactionExecutor, withSavepoint } from './repo.ts';

export const DELIVERY_QUEUE = 'webhooks-delivery';
export const CLEANUP_QUEUE = 'webhooks-cleanup';
const KEEP_DAYS = 90;

export async function scheduleWebhookJobs(
  jobs: Jobs,
  db: Db,
  options: { sessionSecret: string; logger: Logger },
): Promise<() => void> {
  const dispatcher = webhookDispatcher(db, options);
  const { boss } = jobs;
  await boss.createQueue(DELIVERY_QUEUE, { retryLimit: 0, expireInSeconds: 15 * 60 });
  await boss.schedule(DELIVERY_QUEUE, '* * * * *', null, { tz: 'Asia/Karachi' });
  await boss.work(DELIVERY_QUEUE, async () => {
    await dispatcher.drain();
  });
  await boss.createQueue(CLEANUP_QUEUE, { retryLimit: 2 });
  await boss.schedule(CLEANUP_QUEUE, '40 3 * * *', null, { tz: 'Asia/Karachi' });
  await boss.work(CLEANUP_QUEUE, async () => {
    const before = new Date(Date.now() - KEEP_DAYS * 24 * 60 * 60 * 1000);
    while ((await pruneFinishedDeliveries(db, before)) > 0) {
      // a thousand at a time, so no long lock on the table
    }
  });
  const log = options.logger.child({ component: 'webhooks' });
  return setDeliveryWaker(async (trx) => {
    const failed = await withSavepoint(trx, 'webhook_wake', async () => {
      await boss.send(DELIVERY_QUEUE, null, { db: transactionExecutor(trx) });
    });
    if (failed !== undefined)
      log.warn({ err: failed }, 'could not wake the webhook worker; the minute sweep will');
  });
}
