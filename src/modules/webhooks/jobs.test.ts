// The delivery worker on pg-boss: a payment's transaction also sends the job that wakes the worker, so the
// subscriber hears of it within seconds, with no drain called by the test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { paidBill } from '../payments/test-helpers.ts';
import { DELIVERY_QUEUE } from './jobs.ts';
import { publishWebhookEvent } from './outbox.ts';
import { type Subscriber, startSubscriber } from './test-helpers.ts';

let t: TestApp;
let subscriber: Subscriber;

before(async () => {
  t = await buildTestApp({ jobs: true });
  subscriber = await startSubscriber();
});
after(async () => {
  await subscriber.close();
  await t.close();
});

async function waitFor(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return performance.now() - started;
}

describe('the webhook delivery worker', () => {
  it('delivers a payment.succeeded within seconds of the payment, woken from its transaction', async () => {
    await t.services.webhooks.create(systemActor('test'), {
      name: 'Quick receiver',
      url: subscriber.url('/quick'),
      events: ['payment.succeeded'],
      departmentCode: 'revenue',
    });
    const queues = await t.jobs?.boss.getQueues();
    assert.ok(queues?.some((queue) => queue.name === DELIVERY_QUEUE));
    const { paymentId } = await paidBill(t);
    const waitedMs = await waitFor(() => subscriber.at('/quick').length > 0, 15_000);
    const [sent] = subscriber.at('/quick');
    const event = JSON.parse(sent?.body.toString() ?? '{}') as { data: { paymentId: string } };
    assert.equal(event.data.paymentId, paymentId);
    // A measurement, not a requirement: pg-boss's workers poll every 2 s.
    process.stdout.write(`# webhook delivered ${Math.round(waitedMs)} ms after the payment committed\n`);
  });

  it('sends the wake-up job inside the publishing transaction, so a rollback takes it back', async () => {
    const db = t.testDatabase.database.db;
    const jobsNow = async (trx: typeof db) =>
      (
        await sql<{ count: number }>`
          select count(*)::int as count from pgboss.job where name = ${DELIVERY_QUEUE}`.execute(trx)
      ).rows[0]?.count ?? 0;
    const publish = (trx: typeof db) =>
      publishWebhookEvent(trx, {
        type: 'payment.succeeded',
        departmentCode: 'revenue',
        at: new Date(),
        data: {} as never,
      });
    const before = await jobsNow(db);
    await assert.rejects(
      inTransaction(db, async (trx) => {
        assert.equal((await publish(trx)).queued, 1);
        assert.equal(await jobsNow(trx), before + 1, 'the job is written in the transaction');
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.equal(await jobsNow(db), before, 'and rolled back with it');
  });
});
