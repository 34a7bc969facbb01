import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { type RoleGrant, systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { billForNewCitizen, paidBill } from './test-helpers.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

/** A session caller sending the CSRF token in X-CSRF-Token, as a same-site script would. */
async function caller(account: { id: string; kind: 'citizen' | 'staff' }) {
  const { token } = await t.services.identity.sessions.create(
    account,
    { ip: '127.0.0.1', userAgent: 't' },
    true,
  );
  const cookies: Record<string, string> = { sid: token };
  const csrf = await t.app.inject({ url: '/api/v1/csrf-token', cookies });
  for (const cookie of csrf.cookies) cookies[cookie.name] = cookie.value;
  const csrfToken = csrf.json<{ token: string }>().token;
  return {
    get: (url: string): Promise<LightMyRequestResponse> => t.app.inject({ url, cookies }),
    post: (url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url,
        cookies,
        headers: { 'x-csrf-token': csrfToken, ...headers },
        payload,
      }),
  };
}

async function officer(grant: RoleGrant) {
  const { id } = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email: `api.${Math.random().toString(36).slice(2)}@sahulat.test`,
    fullName: `Officer ${grant.role}`,
    grants: [grant],
  });
  return caller({ id, kind: 'staff' });
}

describe('payments API', () => {
  it('shows a bill by PSID to anyone, without personal data; a wrong check digit is a 400 that says so', async () => {
    const { bill } = await billForNewCitizen(t.testDatabase.database.db, t.services);
    const shown = await t.app.inject({ url: `/api/v1/bills/${bill.psid}` });
    assert.equal(shown.statusCode, 200, shown.body);
    const body = shown.json<Record<string, unknown>>();
    assert.deepEqual(Object.keys(body).sort(), [
      'amountPaisa',
      'currency',
      'department',
      'dueAt',
      'expiresAt',
      'psid',
      'status',
    ]);
    assert.equal(body['amountPaisa'], 155_050);
    const last = Number(bill.psid.at(-1));
    const typo = await t.app.inject({ url: `/api/v1/bills/${bill.psid.slice(0, 16)}${(last + 3) % 10}` });
    assert.equal(typo.statusCode, 400);
    assert.equal(typo.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.match(typo.json<{ detail: string }>().detail, /check digit/);
  });

  it('starts a payment for the payer only, and reads it back', async () => {
    const { bill, citizenId } = await billForNewCitizen(t.testDatabase.database.db, t.services);
    const payer = await caller({ id: citizenId, kind: 'citizen' });
    const started = await payer.post(
      '/api/v1/payments',
      { psid: bill.psid, gateway: 'sandbox' },
      { 'idempotency-key': 'pay-1' },
    );
    assert.equal(started.statusCode, 201, started.body);
    const payment = started.json<{ id: string; status: string; links: { next: string } }>();
    assert.equal(payment.status, 'created');
    assert.match(payment.links.next, /\/sandbox-bank\/checkout\/SBX-/);
    const replay = await payer.post(
      '/api/v1/payments',
      { psid: bill.psid, gateway: 'sandbox' },
      { 'idempotency-key': 'pay-1' },
    );
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.json<{ id: string }>().id, payment.id);
    assert.equal((await payer.get(`/api/v1/payments/${payment.id}`)).statusCode, 200);
    const other = await billForNewCitizen(t.testDatabase.database.db, t.services);
    const stranger = await caller({ id: other.citizenId, kind: 'citizen' });
    assert.equal((await stranger.get(`/api/v1/payments/${payment.id}`)).statusCode, 404);
    assert.equal(
      (await stranger.post('/api/v1/payments', { psid: bill.psid, gateway: 'sandbox' })).statusCode,
      404,
    );
  });

  it('refunds for a finance officer: 201, then 412 for a stale expected amount', async () => {
    const { paymentId } = await paidBill(t);
    const finance = await officer({ role: 'finance_officer', departmentCode: 'revenue', districtCode: null });
    const clerk = await officer({ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' });
    const body = { amountPaisa: 5_050, expectedAvailablePaisa: 155_050, reason: 'Stamp duty not due' };
    assert.equal((await clerk.post(`/api/v1/payments/${paymentId}/refunds`, body)).statusCode, 404);
    const refunded = await finance.post(`/api/v1/payments/${paymentId}/refunds`, body);
    assert.equal(refunded.statusCode, 201, refunded.body);
    assert.equal(refunded.json<{ availablePaisa: number }>().availablePaisa, 150_000);
    const stale = await finance.post(`/api/v1/payments/${paymentId}/refunds`, body);
    assert.equal(stale.statusCode, 412);
  });
});
