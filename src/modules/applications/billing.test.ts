// An application's fee through payments: the bill issued at submission (amount, head of account, payer),
// and the bill's payment moving the application on in the same transaction, or not at all.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor } from '../../platform/actor.ts';
import { auditEventsFor } from '../../platform/audit/repo.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { sql } from 'kysely';
import { createOfficer, domicileAwaitingFee, signedInClient } from '../../test-support/applications.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { findPayment } from '../payments/repo.ts';
import { signed, statusMessage } from '../payments/test-helpers.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

async function awaitingFee() {
  const { number, applicant } = await domicileAwaitingFee(t);
  const { application } = await t.services.applications.get(applicant, { number });
  const [bill, ...older] = await t.services.payments.bills.billsFor(applicant, 'application', application.id);
  assert.ok(bill !== undefined, 'a bill was issued at submission');
  assert.equal(older.length, 0);
  return { number, applicant, bill };
}

/** Every leaf of the public log, as an outside reader of /log/entries would decode it. */
async function publicLeaves(): Promise<{ kind: string; ids: Record<string, unknown> }[]> {
  await t.services.transparencyLog.sequencePending();
  const size = await t.services.transparencyLog.size();
  if (size === 0) return [];
  const entries = await t.services.transparencyLog.entries(0, size - 1);
  return entries.map(
    (entry) => JSON.parse(entry.data.toString('utf8')) as { kind: string; ids: Record<string, unknown> },
  );
}

async function payOnline(applicant: Actor, psid: string, outcome: 'success' | 'failed') {
  const { paymentId } = await t.services.payments.startOnlinePayment(applicant, psid, 'sandbox');
  const payment = await findPayment(t.testDatabase.database.db, { id: paymentId });
  assert.ok(payment !== undefined);
  const { body, headers } = signed(t.services, statusMessage(payment, outcome));
  const response = await t.app.inject({
    method: 'POST',
    url: '/payments/callback/sandbox',
    headers,
    payload: body,
  });
  assert.equal(response.statusCode, 200, response.body);
}

describe('an application’s fee bill', () => {
  it('is issued at submission for the fee, credited to the pack’s head of account, to the applicant', async () => {
    const { applicant, bill } = await awaitingFee();
    assert.ok(applicant.kind === 'user');
    assert.equal(bill.amount_paisa, 20_000, 'Rs 200 in paisa');
    assert.equal(bill.payer_id, applicant.userId);
    assert.equal(bill.department_code, 'revenue');
    assert.equal(bill.district_code, 'QTA');
    const { heads } = await t.services.payments.bills.bill(applicant, bill.psid);
    assert.deepEqual(
      heads.map((head) => [head.head_code, head.department_code, head.amount_paisa]),
      [['C02741', 'revenue', 20_000]],
    );
  });

  it('moves the application on when paid online, with the receipt in its history', async () => {
    const { number, applicant, bill } = await awaitingFee();
    await payOnline(applicant, bill.psid, 'success');
    const { application, events, actions } = await t.services.applications.get(applicant, { number });
    assert.equal(application.state, 'scrutiny');
    const paid = events.at(-1);
    assert.ok(paid !== undefined);
    assert.equal(paid.action, 'pay');
    assert.match(paid.remarks ?? '', /^Fee paid, receipt RCT-\d{4}-\d{6}$/);
    assert.ok(!actions.some((action) => action.id === 'withdraw'), 'no longer in the pay state');
    const track = await t.services.payments.bills.bill(applicant, bill.psid);
    assert.equal(track.status, 'paid');
    const audit = await auditEventsFor(t.testDatabase.database.db, 'application', number);
    assert.ok(
      audit.some((row) => row.action === 'application.pay'),
      'an audit row for the move',
    );
    const receipt = /RCT-\d{4}-\d{6}/.exec(paid.remarks ?? '')?.[0];
    const leaves = await publicLeaves();
    assert.ok(
      leaves.some(
        (leaf) =>
          leaf.kind === 'payment.receipt' &&
          leaf.ids['receiptNumber'] === receipt &&
          leaf.ids['psid'] === bill.psid &&
          leaf.ids['amountPaisa'] === 20_000,
      ),
      'the receipt is in the public log',
    );
    assert.ok(
      leaves.some(
        (leaf) =>
          leaf.kind === 'application.action' &&
          leaf.ids['applicationNumber'] === number &&
          leaf.ids['action'] === 'pay' &&
          leaf.ids['to'] === 'scrutiny',
      ),
      'the move is in the public log',
    );
    assert.ok(
      leaves.every(
        (leaf) => !JSON.stringify(leaf).includes(applicant.kind === 'user' ? applicant.userId : ''),
      ),
      'no payer in clear',
    );
  });

  it('leaves the application waiting for its fee when the payment fails', async () => {
    const { number, applicant, bill } = await awaitingFee();
    await payOnline(applicant, bill.psid, 'failed');
    const { application, actions } = await t.services.applications.get(applicant, { number });
    assert.equal(application.state, 'payment');
    assert.deepEqual(
      actions.map((action) => action.id),
      ['withdraw'],
      'the citizen may only withdraw',
    );
    assert.equal((await t.services.payments.bills.bill(applicant, bill.psid)).status, 'unpaid');
  });

  it('is cancelled when the application is withdrawn before paying', async () => {
    const { number, applicant, bill } = await awaitingFee();
    const { application } = await t.services.applications.get(applicant, { number });
    await t.services.applications.act(applicant, number, {
      action: 'withdraw',
      remarks: '',
      version: application.version,
    });
    assert.equal((await t.services.payments.bills.bill(applicant, bill.psid)).status, 'cancelled');
  });
});

describe('a new fee bill when the last one lapsed', () => {
  const expire = (psid: string) =>
    sql`update bill set expires_at = now() - interval '1 minute', due_at = now() - interval '2 days'
        where psid = ${psid}`.execute(t.testDatabase.database.db);
  const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : '');

  it('is offered on the track page once the bill expired, and replaces it with a new PSID', async () => {
    const { number, applicant, bill } = await awaitingFee();
    const client = await signedInClient(t, userIdOf(applicant), 'citizen');
    let page = await client.get(`/applications/${number}`);
    assert.equal(page.body.includes(`/applications/${number}/fee-bill`), false, 'not while payable');

    await expire(bill.psid);
    page = await client.get(`/applications/${number}`);
    assert.match(page.body, /This bill can no longer be paid/);
    const { application } = await t.services.applications.get(applicant, { number });
    const renewed = await client.post(`/applications/${number}/fee-bill`, {
      version: String(application.version),
    });
    assert.equal(renewed.statusCode, 303, renewed.body);
    const bills = await t.services.payments.bills.billsFor(applicant, 'application', application.id);
    assert.equal(bills.length, 2);
    const fresh = bills.find((row) => row.psid !== bill.psid);
    assert.ok(fresh !== undefined);
    assert.equal(fresh.status, 'unpaid');
    assert.equal(fresh.amount_paisa, bill.amount_paisa);
    assert.equal(bills.find((row) => row.psid === bill.psid)?.status, 'expired');
    page = await client.get(`/applications/${number}`);
    assert.ok(page.body.includes(fresh.psid), 'the track page shows the new PSID');

    // Paying the new bill moves the application on, as the first would have.
    await payOnline(applicant, fresh.psid, 'success');
    const after = await t.services.applications.get(applicant, { number });
    assert.equal(after.application.state, 'scrutiny');
  });

  it('is refused while the bill can still be paid, and to a stale page', async () => {
    const { number, applicant } = await awaitingFee();
    const { application } = await t.services.applications.get(applicant, { number });
    await assert.rejects(t.services.applications.renewFeeBill(applicant, number, application.version), {
      code: 'conflict',
    });
    const client = await signedInClient(t, userIdOf(applicant), 'citizen');
    await client.get(`/applications/${number}`);
    const stale = await client.post(`/applications/${number}/fee-bill`, {
      version: String(application.version - 1),
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /could not be renewed/);
  });

  it('gives one new bill to two requests at once', async () => {
    const { number, applicant, bill } = await awaitingFee();
    await expire(bill.psid);
    const { application } = await t.services.applications.get(applicant, { number });
    const results = await Promise.allSettled(
      [0, 1, 2].map(() => t.services.applications.renewFeeBill(applicant, number, application.version)),
    );
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    const bills = await t.services.payments.bills.billsFor(applicant, 'application', application.id);
    assert.equal(bills.filter((row) => row.status === 'unpaid').length, 1);
  });

  it('is not for other citizens or for officers', async () => {
    const { number, applicant, bill } = await awaitingFee();
    await expire(bill.psid);
    const { application } = await t.services.applications.get(applicant, { number });
    const stranger = await createCitizen(t.testDatabase.database.db);
    const strangerActor: Actor = {
      kind: 'user',
      userId: stranger.id,
      label: 'Stranger',
      accountKind: 'citizen',
      grants: [],
    };
    await assert.rejects(t.services.applications.renewFeeBill(strangerActor, number, application.version), {
      code: 'not_found',
    });
    const clerk = await createOfficer(t, [{ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }]);
    await assert.rejects(t.services.applications.renewFeeBill(clerk.actor, number, application.version), {
      code: 'forbidden',
    });
  });
});
