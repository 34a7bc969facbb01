import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { isAppError } from '../../platform/errors.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { paidBill, signedIn } from './test-helpers.ts';

let t: TestApp;
const db = () => t.testDatabase.database.db;
const finance: Actor = {
  kind: 'user',
  userId: '',
  label: 'Finance, Revenue',
  accountKind: 'staff',
  grants: [{ role: 'finance_officer', departmentCode: 'revenue', districtCode: null }],
};
let financeOfficer: Actor = finance;

before(async () => {
  t = await buildTestApp();
  const { id } = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email: `finance.${Date.now()}@sahulat.test`,
    fullName: 'Finance Officer',
    grants: [{ role: 'finance_officer', departmentCode: 'revenue', districtCode: null }],
  });
  financeOfficer = { ...finance, userId: id };
});
after(() => t.close());

/** A bill of PKR 1,550.50 paid in cash at the counter. */
async function paidPayment(): Promise<string> {
  return (await paidBill(t)).paymentId;
}

const codeOf = (error: unknown) => (isAppError(error) ? error.code : String(error));

describe('refunds', () => {
  it('refunds in parts, never more than was paid, and refuses a stale expected amount with 412', async () => {
    const paymentId = await paidPayment();
    const refunds = t.services.payments.refunds;
    const first = await refunds.refund(financeOfficer, paymentId, {
      amountPaisa: 50_000,
      expectedAvailablePaisa: 155_050,
      reason: 'Stamp duty charged twice',
    });
    assert.equal(first.availablePaisa, 105_050);
    await assert.rejects(
      refunds.refund(financeOfficer, paymentId, {
        amountPaisa: 100,
        expectedAvailablePaisa: 155_050,
        reason: 'again',
      }),
      (error: unknown) => codeOf(error) === 'precondition_failed',
    );
    await assert.rejects(
      refunds.refund(financeOfficer, paymentId, {
        amountPaisa: 105_051,
        expectedAvailablePaisa: 105_050,
        reason: 'all',
      }),
      (error: unknown) => codeOf(error) === 'validation_failed',
    );
    const rest = await refunds.refund(financeOfficer, paymentId, {
      amountPaisa: 105_050,
      expectedAvailablePaisa: 105_050,
      reason: 'Application withdrawn',
    });
    assert.equal(rest.availablePaisa, 0);
    assert.equal((await refunds.refundState(financeOfficer, paymentId)).availablePaisa, 0);
  });

  it('refuses a refund while another of the same payment is under way (409), and lets exactly one of two through', async () => {
    const paymentId = await paidPayment();
    const refunds = t.services.payments.refunds;
    // Another refund holds the payment: this one is told so at once instead of waiting on a stale balance.
    await db()
      .transaction()
      .execute(async (trx) => {
        await sql`select id from payment where id = ${paymentId} for no key update`.execute(trx);
        await assert.rejects(
          refunds.refund(financeOfficer, paymentId, {
            amountPaisa: 100,
            expectedAvailablePaisa: 155_050,
            reason: 'x',
          }),
          (error: unknown) => codeOf(error) === 'conflict',
        );
      });
    const outcomes = await Promise.allSettled(
      [1, 2].map(() =>
        refunds.refund(financeOfficer, paymentId, {
          amountPaisa: 155_050,
          expectedAvailablePaisa: 155_050,
          reason: 'full',
        }),
      ),
    );
    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    assert.ok(['conflict', 'precondition_failed'].includes(codeOf(refused?.reason)), String(refused?.reason));
    assert.equal((await refunds.refundState(financeOfficer, paymentId)).availablePaisa, 0);
  });

  it('lets only a finance officer of the bill’s department refund, and answers a stale page with 412', async () => {
    const paymentId = await paidPayment();
    const officer = await signedIn(t.app, t.services, {
      grants: [{ role: 'finance_officer', departmentCode: 'revenue', districtCode: 'QTA' }],
    });
    const other = await signedIn(t.app, t.services, {
      grants: [{ role: 'finance_officer', departmentCode: 'health', districtCode: null }],
    });
    assert.equal((await other.get(`/finance/payments/${paymentId}/refunds`)).statusCode, 404);
    const page = await officer.get(`/finance/payments/${paymentId}/refunds`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="expectedAvailablePaisa" value="155050"/);
    const done = await officer.post(`/finance/payments/${paymentId}/refunds`, {
      amount: '500',
      reason: 'Overcharged',
      expectedAvailablePaisa: '155050',
    });
    assert.equal(done.statusCode, 303);
    const stale = await officer.post(`/finance/payments/${paymentId}/refunds`, {
      amount: '500',
      reason: 'Overcharged again',
      expectedAvailablePaisa: '155050',
    });
    assert.equal(stale.statusCode, 412);
    assert.match(stale.body, /refundable amount changed/);
    assert.match(stale.body, /value="Overcharged again"/);
  });
});
