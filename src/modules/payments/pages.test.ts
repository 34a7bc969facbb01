// Paying a bill the way a person does it: the bill page, "Pay online", the sandbox bank's pages, back to
// us, the receipt; and the bank-counter (bill presentment) and facilitation-centre cash counter paths.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { billForNewCitizen, signedIn } from './test-helpers.ts';

let t: TestApp;
const db = () => t.testDatabase.database.db;
const system = systemActor('test');
const DAY = 24 * 60 * 60 * 1000;

before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

/** From the bill page through the sandbox checkout, pressing `outcome`; returns the return page. */
async function payThroughSandbox(outcome: 'pay' | 'fail' | 'cancel') {
  const { bill, citizenId } = await billForNewCitizen(db(), t.services);
  const payer = await signedIn(t.app, t.services, { citizenId });
  const page = await payer.get(`/payments/bills/${bill.psid}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Rs\s?1,550\.50/);
  assert.match(page.body, /Pay online/);
  const started = await payer.post(`/payments/bills/${bill.psid}/pay`, { gateway: 'sandbox' });
  assert.equal(started.statusCode, 303, started.body);
  const checkoutUrl = String(started.headers.location);
  assert.match(checkoutUrl, /^\/sandbox-bank\/checkout\/SBX-/);
  const checkout = await payer.get(checkoutUrl);
  assert.equal(checkout.statusCode, 200);
  assert.match(checkout.body, /Sandbox bank — no real money/);
  const decided = await payer.post(checkoutUrl, { outcome });
  assert.equal(decided.statusCode, 303, decided.body);
  const back = new URL(String(decided.headers.location), 'http://sahulat.test');
  assert.match(back.pathname, /^\/payments\/[0-9a-f-]{36}\/return$/);
  const result = await payer.get(back.pathname);
  assert.equal(result.statusCode, 200);
  return { bill, payer, result };
}

describe('payment pages', () => {
  it('pays a bill end to end through the sandbox bank, with a receipt page, PDF and check', async () => {
    const { bill, payer, result } = await payThroughSandbox('pay');
    assert.match(result.body, /Payment received/);
    const receiptPath = /href="(\/payments\/receipts\/RCT-\d{4}-\d{6})"/.exec(result.body)?.[1];
    assert.ok(receiptPath !== undefined, 'the result page links to the receipt');
    const receipt = await payer.get(receiptPath);
    assert.equal(receipt.statusCode, 200);
    assert.match(receipt.body, /<svg class="qr-code"/);
    assert.match(receipt.body, /lang="ur"/); // the printed receipt carries both languages
    const pdf = await payer.get(`${receiptPath}/receipt.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const number = receiptPath.split('/').at(-1) ?? '';
    const check = await t.app.inject({ method: 'GET', url: `/payments/verify/${number}` });
    assert.equal(check.statusCode, 200);
    assert.match(check.body, new RegExp(number));
    assert.equal((await t.services.payments.bills.bill(system, bill.psid)).bill.status, 'paid');
    const messages = await t.services.notifications.recentMessages(system);
    assert.ok(
      messages.some(
        (message) => message.body.includes(number) && message.body.includes('/payments/receipts/'),
      ),
    );
    const paidPage = await payer.get(`/payments/bills/${bill.psid}`);
    assert.doesNotMatch(paidPage.body, /Pay online/);
  });

  it('shows a declined and a cancelled payment, and the bill stays payable', async () => {
    for (const outcome of ['fail', 'cancel'] as const) {
      const { bill, payer, result } = await payThroughSandbox(outcome);
      assert.match(result.body, /The payment did not go through/);
      assert.match(result.body, outcome === 'fail' ? /declined the payment/ : /You cancelled the payment/);
      assert.match((await payer.get(`/payments/bills/${bill.psid}`)).body, /Pay online/);
    }
  });

  it('shows the bill to its payer and the department’s officers, and 404 to anyone else', async () => {
    const { bill } = await billForNewCitizen(db(), t.services);
    const other = await billForNewCitizen(db(), t.services);
    const stranger = await signedIn(t.app, t.services, { citizenId: other.citizenId });
    const revenue = await signedIn(t.app, t.services, {
      grants: [{ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }],
    });
    const health = await signedIn(t.app, t.services, {
      grants: [{ role: 'clerk', departmentCode: 'health', districtCode: 'QTA' }],
    });
    assert.equal((await stranger.get(`/payments/bills/${bill.psid}`)).statusCode, 404);
    assert.equal((await health.get(`/payments/bills/${bill.psid}`)).statusCode, 404);
    const seen = await revenue.get(`/payments/bills/${bill.psid}`);
    assert.equal(seen.statusCode, 200);
    assert.doesNotMatch(seen.body, /Pay online/); // only the payer pays online
    const slip = await revenue.get(`/payments/bills/${bill.psid}/slip`);
    assert.equal(slip.statusCode, 200);
    assert.match(slip.body, /<svg class="qr-code"/);
    const signedOut = await t.app.inject({ method: 'GET', url: `/payments/bills/${bill.psid}` });
    assert.equal(signedOut.statusCode, 404);
  });

  it('pays a bill at the sandbox bank’s counter by PSID (bill inquiry, then payment)', async () => {
    const { bill, citizenId } = await billForNewCitizen(db(), t.services);
    const teller = await signedIn(t.app, t.services, { citizenId });
    await teller.get('/sandbox-bank/bills');
    const typo = `${bill.psid.slice(0, 15)}${bill.psid[16]}${bill.psid[15]}`;
    if (typo !== bill.psid) {
      const refused = await teller.post('/sandbox-bank/bills', { step: 'inquire', psid: typo });
      assert.match(refused.body, /a digit was probably mistyped/);
    }
    const asked = await teller.post('/sandbox-bank/bills', { step: 'inquire', psid: bill.psid });
    assert.match(asked.body, /Rs\s?1,550\.50/);
    const paid = await teller.post('/sandbox-bank/bills', {
      step: 'pay',
      psid: bill.psid,
      amountPaisa: String(bill.amount_paisa),
    });
    assert.match(paid.body, /RCT-\d{4}-\d{6}/);
    const seen = await t.services.payments.bills.bill(system, bill.psid);
    assert.equal(seen.bill.status, 'paid');
    assert.equal(seen.payments[0]?.channel, 'presentment');
    const again = await teller.post('/sandbox-bank/bills', {
      step: 'pay',
      psid: bill.psid,
      amountPaisa: String(bill.amount_paisa),
    });
    assert.match(again.body, /Sahulat refused the payment/);
  });

  it('refuses an expired bill at the bank and online', async () => {
    const now = Date.now();
    const { bill, citizenId } = await billForNewCitizen(db(), t.services, {
      dueAt: new Date(now + DAY),
      expiresAt: new Date(now + DAY),
    });
    await t.services.payments.bills.expireBills(system, new Date(now + 2 * DAY));
    const payer = await signedIn(t.app, t.services, { citizenId });
    const page = await payer.get(`/payments/bills/${bill.psid}`);
    assert.match(page.body, /Expired/);
    assert.doesNotMatch(page.body, /Pay online/);
    const tried = await payer.post(`/payments/bills/${bill.psid}/pay`, { gateway: 'sandbox' });
    assert.equal(tried.statusCode, 409);
    await payer.get('/sandbox-bank/bills');
    const atBank = await payer.post('/sandbox-bank/bills', { step: 'inquire', psid: bill.psid });
    assert.doesNotMatch(atBank.body, /Pay this bill/);
  });

  it('takes cash at the counter: the amount must be the bill’s, then the receipt', async () => {
    const { bill } = await billForNewCitizen(db(), t.services);
    const operator = await signedIn(t.app, t.services, {
      grants: [{ role: 'operator', departmentCode: null, districtCode: 'QTA' }],
    });
    assert.equal((await operator.get('/counter/payments')).statusCode, 200);
    const found = await operator.post('/counter/payments/lookup', { psid: bill.psid });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /Record the cash payment/);
    const wrong = await operator.post('/counter/payments/record', {
      psid: bill.psid,
      amount: '1550',
      receiptBook: 'RB-12/345',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Enter exactly the amount of the bill/);
    assert.match(wrong.body, /value="RB-12\/345"/);
    const right = await operator.post('/counter/payments/record', {
      psid: bill.psid,
      amount: '1,550.50',
      receiptBook: 'RB-12/345',
    });
    assert.equal(right.statusCode, 303);
    const receipt = await operator.get(String(right.headers.location));
    assert.equal(receipt.statusCode, 200);
    assert.match(receipt.body, /RB-12\/345/);

    const citizen = await signedIn(t.app, t.services, { citizenId: bill.payer_id ?? '' });
    assert.equal((await citizen.get('/counter/payments')).statusCode, 403);
    const gwadar = await signedIn(t.app, t.services, {
      grants: [{ role: 'operator', departmentCode: null, districtCode: 'GWD' }],
    });
    const other = await billForNewCitizen(db(), t.services);
    await gwadar.get('/counter/payments');
    assert.equal((await gwadar.post('/counter/payments/lookup', { psid: other.bill.psid })).statusCode, 404);
  });
});
