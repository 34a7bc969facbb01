import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../platform/actor.ts';
import { isAppError } from '../../platform/errors.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { isValidPsid } from './psid.ts';
import { headsOf } from './repo.ts';
import { TEST_PURPOSE, billForNewCitizen } from './test-helpers.ts';

const DAY = 24 * 60 * 60 * 1000;
let t: TestApp;
const db = () => t.testDatabase.database.db;
const system = systemActor('test');

before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

describe('bills', () => {
  it('issues a bill with a valid PSID whose heads of account add up to the amount', async () => {
    const { bill } = await billForNewCitizen(db(), t.services);
    assert.ok(isValidPsid(bill.psid), bill.psid);
    assert.equal(bill.amount_paisa, 155_050);
    assert.equal(bill.status, 'unpaid');
    const heads = await headsOf(db(), bill.id);
    assert.deepEqual(
      heads.map((head) => [head.head_code, head.department_code, head.amount_paisa]),
      [
        ['C02741', 'revenue', 150_000],
        ['C03802', 'excise', 5_050],
      ],
    );
  });

  it('gives every bill its own PSID, even when issued at once', async () => {
    const issued = await Promise.all(
      Array.from({ length: 20 }, () => billForNewCitizen(db(), t.services).then((made) => made.bill.psid)),
    );
    assert.equal(new Set(issued).size, 20);
  });

  it('returns the open bill for the same heads, and cancels it for a new amount (the PSID never changes)', async () => {
    const citizen = await createCitizen(db());
    const input = {
      purpose: TEST_PURPOSE,
      subjectId: randomUUID(),
      subjectLabel: 'TST-1',
      description: { en: 'Fee', ur: 'فیس' },
      payerId: citizen.id,
      departmentCode: 'revenue',
      districtCode: 'QTA',
      heads: [{ headCode: 'C02741', description: 'Fee', departmentCode: 'revenue', amountPaisa: 10_000 }],
    };
    const first = await t.services.payments.bills.issueBill(system, input);
    const again = await t.services.payments.bills.issueBill(system, input);
    assert.equal(again.psid, first.psid);
    const changed = await t.services.payments.bills.issueBill(system, {
      ...input,
      heads: [{ headCode: 'C02741', description: 'Fee', departmentCode: 'revenue', amountPaisa: 12_000 }],
    });
    assert.notEqual(changed.psid, first.psid);
    assert.equal(changed.replaces_bill_id, first.id);
    const old = await t.services.payments.bills.bill(system, first.psid);
    assert.equal(old.status, 'cancelled');
    assert.equal(old.bill.amount_paisa, 10_000);
  });

  it('refuses heads that do not add up, in the database itself', async () => {
    const { bill } = await billForNewCitizen(db(), t.services);
    await assert.rejects(
      sql`update bill_head set amount_paisa = amount_paisa + 1 where bill_id = ${bill.id} and position = 0`.execute(
        db(),
      ),
      /heads of account/,
    );
  });

  it('refuses bills from citizens, and bills without heads', async () => {
    const citizen = await createCitizen(db());
    const actor = {
      kind: 'user' as const,
      userId: citizen.id,
      label: 'citizen',
      accountKind: 'citizen' as const,
      grants: [],
    };
    const input = {
      purpose: TEST_PURPOSE,
      subjectId: randomUUID(),
      subjectLabel: 'x',
      description: { en: 'x', ur: 'x' },
      payerId: citizen.id,
      departmentCode: 'revenue',
      districtCode: null,
      heads: [],
    };
    await assert.rejects(t.services.payments.bills.issueBill(actor, input), (error: unknown) => {
      return isAppError(error) && error.code === 'forbidden';
    });
    await assert.rejects(t.services.payments.bills.issueBill(system, input), (error: unknown) => {
      return isAppError(error) && error.code === 'validation_failed';
    });
  });

  it('shows the public view without personal data, and says when a check digit is wrong', async () => {
    const { bill } = await billForNewCitizen(db(), t.services);
    const shown = await t.services.payments.bills.publicBill(bill.psid);
    assert.deepEqual(Object.keys(shown).sort(), [
      'amountPaisa',
      'department',
      'dueAt',
      'expiresAt',
      'psid',
      'status',
    ]);
    assert.equal(shown.department.nameEn, 'Board of Revenue');
    const last = Number(bill.psid.at(-1));
    const typo = `${bill.psid.slice(0, 16)}${(last + 1) % 10}`;
    await assert.rejects(t.services.payments.bills.publicBill(typo), (error: unknown) => {
      return isAppError(error) && error.code === 'bad_request' && /check digit/.test(error.message);
    });
  });

  it('expires unpaid bills past their expiry, with their open payments', async () => {
    const now = new Date();
    const { bill, citizenId } = await billForNewCitizen(db(), t.services, {
      dueAt: new Date(now.getTime() + DAY),
      expiresAt: new Date(now.getTime() + 2 * DAY),
    });
    const payer = {
      kind: 'user' as const,
      userId: citizenId,
      label: 'payer',
      accountKind: 'citizen' as const,
      grants: [],
    };
    const { paymentId } = await t.services.payments.startOnlinePayment(payer, bill.psid, 'sandbox');
    const later = new Date(now.getTime() + 3 * DAY);
    assert.equal((await t.services.payments.bills.publicBill(bill.psid, later)).status, 'expired');
    assert.ok((await t.services.payments.bills.expireBills(system, later)) >= 1);
    const seen = await t.services.payments.bills.bill(system, bill.psid);
    assert.equal(seen.bill.status, 'expired');
    const payment = await t.services.payments.payment(system, paymentId);
    assert.equal(payment.payment.status, 'expired');
    assert.equal(payment.payment.failure_code, 'expired');
  });
});
