import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { pakistanDay } from './days.ts';
import type { OutgoingMessage, SandboxBank } from './gateways/sandbox/bank.ts';
import { SETTLEMENT_HEADER, parseSettlementCsv } from './gateways/settlement.ts';
import { billForNewCitizen, signed, signedIn, statusMessage } from './test-helpers.ts';
import { findPayment } from './repo.ts';

let t: TestApp;
let bank: SandboxBank;
const db = () => t.testDatabase.database.db;
const system = systemActor('test');

before(async () => {
  t = await buildTestApp();
  const sandbox = t.services.payments.sandboxBank();
  assert.ok(sandbox !== undefined, 'the sandbox is on in tests');
  bank = sandbox;
});
after(() => t.close());

async function deliver(message: OutgoingMessage) {
  const response = await t.app.inject({
    method: 'POST',
    url: message.path,
    headers: { 'content-type': 'application/json', 'x-sahulat-signature': message.signature },
    payload: message.body,
  });
  assert.equal(response.statusCode, 200, response.body);
}

/** An online payment opened at the sandbox; returns our payment and the bank's reference. */
async function checkout() {
  const { bill, citizenId } = await billForNewCitizen(db(), t.services);
  const payer: Actor = {
    kind: 'user',
    userId: citizenId,
    label: 'payer',
    accountKind: 'citizen',
    grants: [],
  };
  const { paymentId, redirectUrl } = await t.services.payments.startOnlinePayment(
    payer,
    bill.psid,
    'sandbox',
  );
  return { bill, paymentId, reference: redirectUrl.split('/').at(-1) ?? '' };
}

describe('reconciliation', () => {
  it('finds each kind of mismatch between our payments and the sandbox settlement file, once', async () => {
    const day = pakistanDay(new Date());
    // Matched: the bank charged, told us, and settles it.
    const matched = await checkout();
    for (const message of await bank.decide(matched.reference, 'pay')) await deliver(message);
    // Paid here, not settled: a success reached us that the bank's ledger does not have.
    const notSettled = await checkout();
    const ours = await findPayment(db(), { id: notSettled.paymentId });
    assert.ok(ours !== undefined);
    const { body, headers } = signed(t.services, statusMessage(ours, 'success'));
    await t.app.inject({ method: 'POST', url: '/payments/callback/sandbox', headers, payload: body });
    // Settled, unknown here: the bank charged but its messages never reached us.
    const unknown = await checkout();
    await bank.decide(unknown.reference, 'pay');
    // Amount differs: the bank settles another amount than it told us.
    const differs = await checkout();
    for (const message of await bank.decide(differs.reference, 'pay')) await deliver(message);
    await sql`update sandbox_bank_transaction set amount_paisa = amount_paisa - 100 where reference = ${differs.reference}`.execute(
      db(),
    );

    const file = await bank.settlementFile(day);
    assert.ok(file.startsWith(SETTLEMENT_HEADER));
    assert.equal(parseSettlementCsv(file).length, 3);

    const [result] = await t.services.payments.reconciliation.reconcile(system, day);
    assert.ok(result !== undefined);
    assert.equal(result.matched, 1);
    const kinds = result.mismatches.map((mismatch) => [mismatch.kind, mismatch.psid]).sort();
    assert.deepEqual(
      kinds,
      [
        ['amount_differs', differs.bill.psid],
        ['paid_not_settled', notSettled.bill.psid],
        ['settled_unknown', unknown.bill.psid],
      ].sort(),
    );
    await t.services.payments.reconciliation.reconcile(system, day);
    const open = await t.services.payments.reconciliation.mismatches(system);
    assert.equal(open.length, 3, 'running the day again adds no copies');
  });

  it('lists mismatches for the department’s finance officers to resolve, and reports collections', async () => {
    const officer = await signedIn(t.app, t.services, {
      grants: [{ role: 'finance_officer', departmentCode: 'revenue', districtCode: null }],
    });
    const health = await signedIn(t.app, t.services, {
      grants: [{ role: 'finance_officer', departmentCode: 'health', districtCode: null }],
    });
    const page = await officer.get('/finance/reconciliation');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Settled for a different amount/);
    assert.doesNotMatch((await health.get('/finance/reconciliation')).body, /Settled for a different amount/);
    const id = /action="\/finance\/reconciliation\/([0-9a-f-]{36})\/resolve"/.exec(page.body)?.[1] ?? '';
    const resolved = await officer.post(`/finance/reconciliation/${id}/resolve`, {
      resolution: 'Bank confirmed the charge; refund requested',
    });
    assert.equal(resolved.statusCode, 303);
    assert.equal((await t.services.payments.reconciliation.mismatches(system)).length, 2);
    assert.match((await officer.get('/finance/reconciliation?status=resolved')).body, /refund requested/);

    const today = pakistanDay(new Date());
    const report = await officer.get(`/finance/collections?from=${today}&to=${today}`);
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /C02741/);
    assert.doesNotMatch(report.body, /C03802/); // excise's head is not Revenue's to see
    const bad = await officer.get('/finance/collections?from=2026-13-01&to=2026-01-01');
    assert.equal(bad.statusCode, 422);
  });
});
