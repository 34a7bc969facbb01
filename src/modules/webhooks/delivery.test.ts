// Webhooks end to end: a payment's final status queues signed events in its own transaction, the worker
// delivers them to a real HTTP subscriber on 127.0.0.1, retries one that fails with backoff and records every
// attempt, and never sends one delivery from two workers at once.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { registerBillPurpose } from '../payments/purposes.ts';
import { findPayment } from '../payments/repo.ts';
import {
  TEST_PURPOSE,
  billForNewCitizen,
  paidBill,
  signed,
  statusMessage,
} from '../payments/test-helpers.ts';
import { publishWebhookEvent } from './outbox.ts';
import { type SubscriptionRow, attemptsOf, recentDeliveries } from './repo.ts';
import { verifySignature } from './signing.ts';
import { type Subscriber, manualClock, startSubscriber, testDispatcher } from './test-helpers.ts';

let t: TestApp;
let subscriber: Subscriber;
const db = () => t.testDatabase.database.db;
const admin = systemActor('test');
const opened: SubscriptionRow[] = [];

before(async () => {
  registerBillPurpose('test-failing', {
    async onPaid() {
      throw new Error('the application could not move on');
    },
  });
  t = await buildTestApp();
  subscriber = await startSubscriber();
});
after(async () => {
  await subscriber.close();
  await t.close();
});
// Every test's subscriptions stop receiving when it ends, so no test sees another's events.
afterEach(async () => {
  for (const row of opened.splice(0)) await t.services.webhooks.setEnabled(admin, row.id, false);
});

async function subscribe(path: string, events: string[], departmentCode = '') {
  const created = await t.services.webhooks.create(admin, {
    name: `Receiver ${path}`,
    url: subscriber.url(path),
    events,
    departmentCode,
  });
  opened.push(created.subscription);
  return created;
}

const citizen = (userId: string): Actor => ({
  kind: 'user',
  userId,
  label: 'payer',
  accountKind: 'citizen',
  grants: [],
});

async function openPayment(purpose = TEST_PURPOSE) {
  const { bill, citizenId } = await billForNewCitizen(db(), t.services, { purpose });
  const { paymentId } = await t.services.payments.startOnlinePayment(
    citizen(citizenId),
    bill.psid,
    'sandbox',
  );
  const payment = await findPayment(db(), { id: paymentId });
  assert.ok(payment !== undefined);
  return { bill, payment };
}

async function callback(message: Record<string, unknown>) {
  const { body, headers } = signed(t.services, message);
  return t.app.inject({ method: 'POST', url: '/payments/callback/sandbox', headers, payload: body });
}

const json = (body: Buffer) => JSON.parse(body.toString('utf8')) as Record<string, unknown>;

describe('webhook delivery', () => {
  it('sends a signed payment.succeeded after a sandbox payment, to the subscribers of its department', async () => {
    const { secret } = await subscribe('/all', ['payment.succeeded', 'payment.failed']);
    await subscribe('/revenue', ['payment.succeeded'], 'revenue');
    await subscribe('/excise', ['payment.succeeded'], 'excise');
    await subscribe('/refunds-only', ['refund.succeeded']);
    const { bill, payment } = await openPayment();
    for (const status of ['started', 'submitted', 'success']) {
      const response = await callback(statusMessage(payment, status));
      assert.equal(response.statusCode, 200, response.body);
    }
    const attempts = await testDispatcher(db()).drain();
    assert.equal(attempts, 2, 'one event, to the two subscribers that want it');
    assert.equal(subscriber.at('/excise').length + subscriber.at('/refunds-only').length, 0);
    assert.equal(subscriber.at('/revenue').length, 1);

    const [sent] = subscriber.at('/all');
    assert.ok(sent !== undefined, 'the all-departments subscriber got it');
    assert.equal(subscriber.at('/all').length, 1, 'only the final status is an event');
    // The receiver checks the signature over the raw body with its secret, as the gateways' messages are.
    verifySignature(Buffer.from(secret, 'utf8'), sent.body, sent.headers['x-sahulat-signature']);
    assert.throws(() => {
      verifySignature(Buffer.from(`${secret}x`, 'utf8'), sent.body, sent.headers['x-sahulat-signature']);
    });
    assert.equal(sent.headers['content-type'], 'application/json');
    assert.equal(sent.headers['x-sahulat-event'], 'payment.succeeded');
    const event = json(sent.body);
    assert.equal(sent.headers['x-sahulat-event-id'], event['id']);
    assert.equal(event['type'], 'payment.succeeded');
    assert.ok(!Number.isNaN(Date.parse(String(event['createdAt']))));
    const paid = await findPayment(db(), { id: payment.id });
    assert.deepEqual(event['data'], {
      paymentId: payment.id,
      psid: bill.psid,
      departmentCode: 'revenue',
      purpose: TEST_PURPOSE,
      subjectLabel: bill.subject_label,
      amountPaisa: 155_050,
      currency: 'PKR',
      status: 'success',
      failureCode: null,
      channel: 'online',
      gateway: 'sandbox',
      receiptNumber: paid?.receipt_number,
      createdAt: payment.created_at.toISOString(),
      finishedAt: paid?.finished_at?.toISOString(),
    });
    assert.ok(!sent.body.toString().includes(bill.payer_id ?? 'no payer'), 'nothing about the payer');

    const [delivery] = await recentDeliveries(db(), opened[0]?.id ?? '', 10);
    assert.ok(delivery !== undefined);
    assert.equal(delivery.status, 'delivered');
    assert.equal(delivery.last_status_code, 200);
    const recorded = await attemptsOf(db(), [delivery.id]);
    assert.deepEqual(
      recorded.map((row) => [row.attempt, row.status_code, row.error]),
      [[1, 200, null]],
    );
    assert.equal(await testDispatcher(db()).drain(), 0, 'a delivered event is not sent again');
  });

  it('retries a failing subscriber with backoff, records every attempt, and gives up after the limit', async () => {
    const { subscription } = await subscribe('/flaky', ['payment.failed']);
    const { subscription: down } = await subscribe('/down', ['payment.failed']);
    // A disabled subscription is queued nothing.
    await t.services.webhooks.setEnabled(admin, down.id, false);
    const { payment } = await openPayment();
    subscriber.answer('/flaky', 500, 503);
    assert.equal((await callback(statusMessage(payment, 'failed'))).statusCode, 200);

    const clock = manualClock();
    const dispatcher = testDispatcher(db(), { now: clock.now });
    assert.equal(await dispatcher.drain(), 1);
    const latest = async () => {
      const [row] = await recentDeliveries(db(), subscription.id, 1);
      assert.ok(row !== undefined);
      return row;
    };
    let delivery = await latest();
    assert.equal(delivery.status, 'pending');
    assert.equal(delivery.last_status_code, 500);
    assert.equal(delivery.next_attempt_at.getTime(), clock.now().getTime() + 60_000, 'again in a minute');
    clock.advance(59_000);
    assert.equal(await dispatcher.drain(), 0, 'not before its time');
    clock.advance(1_000);
    assert.equal(await dispatcher.drain(), 1);
    delivery = await latest();
    assert.equal(delivery.next_attempt_at.getTime(), clock.now().getTime() + 4 * 60_000, 'then in 4 minutes');
    clock.advance(4 * 60_000);
    assert.equal(await dispatcher.drain(), 1);
    delivery = await latest();
    assert.equal(delivery.status, 'delivered');
    const attempts = await attemptsOf(db(), [delivery.id]);
    assert.deepEqual(
      attempts.map((row) => [row.attempt, row.status_code, row.error]),
      [
        [1, 500, 'HTTP 500'],
        [2, 503, 'HTTP 503'],
        [3, 200, null],
      ],
    );
    assert.ok(attempts.every((row) => row.duration_ms >= 0 && row.duration_ms < 10_000));
    const sent = subscriber.at('/flaky').map((entry) => entry.body.toString());
    assert.equal(new Set(sent).size, 1, 'every attempt sends the same bytes');
    assert.equal(json(Buffer.from(sent[0] ?? '{}'))['type'], 'payment.failed');

    // Nobody answers: after the last allowed attempt the delivery is failed for good.
    assert.equal((await recentDeliveries(db(), down.id, 1)).length, 0, 'disabled: nothing was queued');
    const closed = await startSubscriber();
    const nowhere = closed.url('/gone');
    await closed.close();
    const gone = await t.services.webhooks.create(admin, {
      name: 'Gone',
      url: nowhere,
      events: ['payment.failed'],
      departmentCode: 'revenue',
    });
    opened.push(gone.subscription);
    const second = await openPayment();
    assert.equal((await callback(statusMessage(second.payment, 'cancelled'))).statusCode, 200);
    const strict = testDispatcher(db(), { now: clock.now, maxAttempts: 2 });
    await strict.drain();
    clock.advance(60_000);
    await strict.drain();
    const [lost] = await recentDeliveries(db(), gone.subscription.id, 1);
    assert.ok(lost !== undefined);
    assert.equal(lost.status, 'failed');
    assert.equal(lost.attempts, 2);
    assert.equal(lost.last_status_code, null);
    assert.match(lost.last_error ?? '', /could not connect \(ECONNREFUSED\)/);
    clock.advance(24 * 60 * 60_000);
    assert.equal(await strict.drain(), 0, 'a failed delivery is not tried again');
  });

  it('writes no event when the payment’s transaction rolls back', async () => {
    const { subscription } = await subscribe('/rollback', ['payment.succeeded', 'payment.failed']);
    const { payment } = await openPayment('test-failing');
    const response = await callback(statusMessage(payment, 'success'));
    assert.equal(response.statusCode, 500, 'the settlement hook failed: the success rolled back');
    assert.equal((await findPayment(db(), { id: payment.id }))?.status, 'created');
    await assert.rejects(
      inTransaction(db(), async (trx) => {
        await publishWebhookEvent(trx, {
          type: 'bill.cancelled',
          departmentCode: 'revenue',
          at: new Date(),
          data: {
            psid: '00000000000000000',
            departmentCode: 'revenue',
            purpose: TEST_PURPOSE,
            subjectLabel: 'X',
            amountPaisa: 1,
            currency: 'PKR',
            status: 'cancelled',
            dueAt: new Date().toISOString(),
            expiresAt: new Date().toISOString(),
            closedAt: new Date().toISOString(),
          },
        });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.equal((await recentDeliveries(db(), subscription.id, 10)).length, 0);
    await assert.rejects(
      publishWebhookEvent(db(), {
        type: 'bill.expired',
        departmentCode: null,
        at: new Date(),
        data: {} as never,
      }),
      /inside the change’s transaction/,
    );
  });

  it('tells of refunds and cancelled bills', async () => {
    const { subscription } = await subscribe('/money', ['refund.succeeded', 'bill.cancelled'], 'revenue');
    const { paymentId } = await paidBill(t);
    const { id } = await t.services.accounts.createStaffAccount(admin, {
      email: `finance.${crypto.randomUUID()}@sahulat.test`,
      fullName: 'Finance Officer',
      grants: [{ role: 'finance_officer', departmentCode: 'revenue', districtCode: null }],
    });
    const finance: Actor = {
      kind: 'user',
      userId: id,
      label: 'Finance',
      accountKind: 'staff',
      grants: [{ role: 'finance_officer', departmentCode: 'revenue', districtCode: null }],
    };
    await t.services.payments.refunds.refund(finance, paymentId, {
      amountPaisa: 5_050,
      expectedAvailablePaisa: 155_050,
      reason: 'Stamp duty charged twice',
    });
    const { bill } = await billForNewCitizen(db(), t.services);
    await t.services.payments.bills.cancelBill(admin, bill.psid);
    await testDispatcher(db()).drain();
    // Sent side by side: in no particular order.
    const events = subscriber
      .at('/money')
      .map((entry) => json(entry.body))
      .sort((a, b) => String(b['type']).localeCompare(String(a['type'])));
    assert.deepEqual(
      events.map((event) => event['type']),
      ['refund.succeeded', 'bill.cancelled'],
    );
    const refund = events[0]?.['data'] as Record<string, unknown>;
    assert.equal(refund['paymentId'], paymentId);
    assert.equal(refund['amountPaisa'], 5_050);
    assert.equal(refund['availablePaisa'], 150_000);
    const cancelled = events[1]?.['data'] as Record<string, unknown>;
    assert.equal(cancelled['psid'], bill.psid);
    assert.equal(cancelled['status'], 'cancelled');
    assert.equal((await recentDeliveries(db(), subscription.id, 10)).length, 2);
  });

  it('never sends one delivery from two workers at once', async () => {
    const { subscription } = await subscribe('/many', ['bill.expired'], 'excise');
    const now = new Date();
    for (let index = 0; index < 12; index++) {
      await inTransaction(db(), (trx) =>
        publishWebhookEvent(trx, {
          type: 'bill.expired',
          departmentCode: 'excise',
          at: now,
          data: {
            psid: String(index).padStart(17, '0'),
            departmentCode: 'excise',
            purpose: TEST_PURPOSE,
            subjectLabel: `S-${index}`,
            amountPaisa: 100,
            currency: 'PKR',
            status: 'expired',
            dueAt: now.toISOString(),
            expiresAt: now.toISOString(),
            closedAt: now.toISOString(),
          },
        }),
      );
    }
    const workers = [1, 2, 3].map(() => testDispatcher(db(), { batchSize: 2 }));
    const made = await Promise.all(workers.map((worker) => worker.drain()));
    assert.equal(
      made.reduce((sum, count) => sum + count, 0),
      12,
    );
    const ids = subscriber.at('/many').map((entry) => String(json(entry.body)['id']));
    assert.equal(ids.length, 12);
    assert.equal(new Set(ids).size, 12, 'each event once');
    const deliveries = await recentDeliveries(db(), subscription.id, 50);
    assert.ok(deliveries.every((row) => row.status === 'delivered' && row.attempts === 1));
  });
});
