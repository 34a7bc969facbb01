// Gateway status callbacks: the payment lifecycle, the settlement hook in the same transaction, signatures,
// replays and concurrent duplicates, through the real HTTP route with the raw body.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { registerBillPurpose } from './purposes.ts';
import { findPayment } from './repo.ts';
import { TEST_PURPOSE, billForNewCitizen, signed, statusMessage } from './test-helpers.ts';

let t: TestApp;
const db = () => t.testDatabase.database.db;
const system = systemActor('test');
/** PSIDs passed to the settlement hook, once per call. */
const settled: string[] = [];

const citizen = (userId: string): Actor => ({
  kind: 'user',
  userId,
  label: 'payer',
  accountKind: 'citizen',
  grants: [],
});

before(async () => {
  registerBillPurpose(TEST_PURPOSE, {
    async onPaid(_trx, paid) {
      settled.push(paid.bill.psid);
    },
  });
  registerBillPurpose('test-failing', {
    async onPaid() {
      throw new Error('the application could not move on');
    },
  });
  t = await buildTestApp();
});
after(() => t.close());

/** A bill with an online payment opened at the sandbox, as the payer's "Pay online" does. */
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

async function callback(
  message: Record<string, unknown>,
  options: { at?: Date; headers?: Record<string, string> } = {},
) {
  const { body, headers } = signed(t.services, message, options.at);
  return t.app.inject({
    method: 'POST',
    url: '/payments/callback/sandbox',
    headers: { ...headers, ...options.headers },
    payload: body,
  });
}

describe('payment callbacks', () => {
  it('moves a payment created → started → submitted → success, pays the bill and settles once', async () => {
    const { bill, payment } = await openPayment();
    assert.equal(payment.status, 'created');
    assert.match(payment.gateway_reference ?? '', /^SBX-/);
    for (const status of ['started', 'submitted', 'success']) {
      const response = await callback(statusMessage(payment, status));
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json<{ status: string }>().status, status);
    }
    const seen = await t.services.payments.bills.bill(system, bill.psid);
    assert.equal(seen.bill.status, 'paid');
    const paid = await t.services.payments.payment(system, payment.id);
    assert.match(paid.payment.receipt_number ?? '', /^RCT-\d{4}-\d{6}$/);
    assert.deepEqual(
      paid.events.map((event) => event.to_status),
      ['created', 'started', 'submitted', 'success'],
    );
    assert.deepEqual(
      settled.filter((psid) => psid === bill.psid),
      [bill.psid],
    );
  });

  it('takes messages in any order: a late "submitted" after "success" changes nothing', async () => {
    const { bill, payment } = await openPayment();
    assert.equal((await callback(statusMessage(payment, 'success'))).statusCode, 200);
    const late = await callback(statusMessage(payment, 'submitted'));
    assert.equal(late.statusCode, 200);
    assert.deepEqual(late.json(), { received: true, changed: false, status: 'success' });
    assert.equal((await t.services.payments.bills.bill(system, bill.psid)).bill.status, 'paid');
  });

  it('leaves the bill unpaid after a failed or a cancelled payment, and payable again', async () => {
    const { bill, payment } = await openPayment();
    await callback(statusMessage(payment, 'failed', { failureCode: 'declined' }));
    const failed = await t.services.payments.payment(system, payment.id);
    assert.equal(failed.payment.status, 'failed');
    assert.equal(failed.payment.failure_code, 'declined');
    assert.equal((await t.services.payments.bills.bill(system, bill.psid)).bill.status, 'unpaid');

    const payerId = bill.payer_id ?? '';
    const again = await t.services.payments.startOnlinePayment(citizen(payerId), bill.psid, 'sandbox');
    const second = await findPayment(db(), { id: again.paymentId });
    assert.ok(second !== undefined);
    await callback(statusMessage(second, 'cancelled'));
    const cancelled = await t.services.payments.payment(system, second.id);
    assert.equal(cancelled.payment.status, 'cancelled');
    assert.equal(cancelled.payment.failure_code, 'payer_cancelled');
    // A success reported after the payer cancelled is not applied: final is final.
    await callback(statusMessage(second, 'success'));
    assert.equal((await t.services.payments.bills.bill(system, bill.psid)).bill.status, 'unpaid');
  });

  it('rejects unsigned, tampered, wrongly signed, stale and replayed messages without any change', async () => {
    const { bill, payment } = await openPayment();
    const message = statusMessage(payment, 'success');
    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/payments/callback/sandbox',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(message),
    });
    assert.equal(unsigned.statusCode, 401);
    assert.equal(unsigned.json<{ code: string }>().code, 'signature_unsigned');

    const { headers } = signed(t.services, message);
    const tampered = await t.app.inject({
      method: 'POST',
      url: '/payments/callback/sandbox',
      headers,
      payload: JSON.stringify({ ...message, amountPaisa: 1 }),
    });
    assert.equal(tampered.statusCode, 401);
    assert.equal(tampered.json<{ code: string }>().code, 'signature_wrong');

    const wrongKey = await callback(message, {
      headers: { 'x-sahulat-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
    });
    assert.equal(wrongKey.json<{ code: string }>().code, 'signature_wrong');

    const stale = await callback(message, { at: new Date(Date.now() - 6 * 60 * 1000) });
    assert.equal(stale.statusCode, 401);
    assert.equal(stale.json<{ code: string }>().code, 'signature_stale');
    assert.equal((await t.services.payments.bills.bill(system, bill.psid)).bill.status, 'unpaid');

    const first = await callback(message);
    assert.equal(first.statusCode, 200);
    const replayed = await callback(message);
    assert.equal(replayed.statusCode, 409);
    const events = (await t.services.payments.payment(system, payment.id)).events;
    assert.equal(events.filter((event) => event.to_status === 'success').length, 1);
  });

  it('turns 50 concurrent copies of a success into one payment success and one settlement', async () => {
    const { bill, payment } = await openPayment();
    const sameEvent = statusMessage(payment, 'success');
    const responses = await Promise.all(Array.from({ length: 50 }, () => callback(sameEvent)));
    const codes = responses.map((response) => response.statusCode).sort();
    assert.equal(codes.filter((code) => code === 200).length, 1, codes.join());
    assert.equal(codes.filter((code) => code === 409).length, 49, codes.join());

    // The same news under 50 different event ids (a gateway that re-signs each retry).
    const other = await openPayment();
    const distinct = await Promise.all(
      Array.from({ length: 50 }, () => callback(statusMessage(other.payment, 'success'))),
    );
    assert.deepEqual(
      distinct.filter((response) => response.statusCode !== 200).map((response) => response.body),
      [],
    );
    assert.equal(distinct.filter((response) => response.json<{ changed: boolean }>().changed).length, 1);

    for (const psid of [bill.psid, other.bill.psid]) {
      assert.equal(settled.filter((candidate) => candidate === psid).length, 1, psid);
      const seen = await t.services.payments.bills.bill(system, psid);
      assert.equal(seen.payments.filter((candidate) => candidate.status === 'success').length, 1);
    }
  });

  it('rolls the success back when the settlement hook fails, so the retry can try again', async () => {
    const { bill, payment } = await openPayment('test-failing');
    const response = await callback(statusMessage(payment, 'success'));
    assert.equal(response.statusCode, 500);
    assert.equal((await t.services.payments.bills.bill(system, bill.psid)).bill.status, 'unpaid');
    assert.equal((await findPayment(db(), { id: payment.id }))?.status, 'created');
  });

  it('refuses a success for another amount than the bill as an error to refund', async () => {
    const { bill, payment } = await openPayment();
    const response = await callback(
      statusMessage(payment, 'success', { amountPaisa: payment.amount_paisa - 100 }),
    );
    assert.equal(response.json<{ status: string }>().status, 'error');
    const seen = await t.services.payments.payment(system, payment.id);
    assert.equal(seen.payment.failure_code, 'amount_mismatch');
    assert.equal((await t.services.payments.bills.bill(system, bill.psid)).bill.status, 'unpaid');
  });
});
