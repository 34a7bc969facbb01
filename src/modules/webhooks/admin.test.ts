// The administrators' webhook pages: who may use them, the add form's validation in both languages keeping
// what was typed, the secret shown once and stored sealed, disable and enable, rotation (both secrets sign
// for a day), department administrators kept to their department, and the OpenAPI `webhooks` section.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { type RoleGrant, systemActor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createCitizen } from '../../test-support/factories.ts';
import type { FormClient } from '../../test-support/form-client.ts';
import { signedIn } from '../payments/test-helpers.ts';
import { publishWebhookEvent } from './outbox.ts';
import { findSubscription } from './repo.ts';
import { verifySignature } from './signing.ts';
import { type Subscriber, startSubscriber, testDispatcher } from './test-helpers.ts';
import { checkSubscription } from './validation.ts';

let t: TestApp;
let subscriber: Subscriber;
const db = () => t.testDatabase.database.db;
const PATH = '/admin/webhooks';
const PLATFORM_ADMIN: RoleGrant[] = [{ role: 'platform_admin', departmentCode: null, districtCode: null }];
const REVENUE_ADMIN: RoleGrant[] = [
  { role: 'department_admin', departmentCode: 'revenue', districtCode: null },
];

before(async () => {
  t = await buildTestApp();
  subscriber = await startSubscriber();
});
after(async () => {
  await subscriber.close();
  await t.close();
});

const staff = (grants: RoleGrant[]) => signedIn(t.app, t.services, { grants });

/** Posts a form as a browser would, repeated names (checkboxes) included, with the last page's CSRF token. */
async function submit(
  browser: FormClient,
  url: string,
  fields: [string, string][],
): Promise<LightMyRequestResponse> {
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', browser.csrfToken()], ...fields]).toString(),
    cookies: Object.fromEntries(browser.cookies),
  });
  if ((response.headers['content-type'] ?? '').includes('text/html')) browser.lastBody = response.body;
  return response;
}

const secretOf = (html: string) => /<code dir="ltr">(whsec_[A-Za-z0-9_-]+)<\/code>/.exec(html)?.[1] ?? '';
const idOf = (html: string) => /href="\/admin\/webhooks\/([0-9a-f-]{36})"/.exec(html)?.[1] ?? '';

describe('the webhook subscriptions page', () => {
  it('sends people who are not signed in to sign in, and refuses everyone but administrators', async () => {
    const anonymous = await t.app.inject(PATH);
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(PATH)}`);
    const citizen = await createCitizen(db());
    const refusedGrants: RoleGrant[][] = [
      [{ role: 'auditor', departmentCode: null, districtCode: null }],
      [{ role: 'finance_officer', departmentCode: 'revenue', districtCode: null }],
      [{ role: 'department_admin', departmentCode: 'revenue', districtCode: 'QTA' }],
      [{ role: 'platform_admin', departmentCode: 'revenue', districtCode: null }],
    ];
    const browsers = [
      await signedIn(t.app, t.services, { citizenId: citizen.id }),
      ...(await Promise.all(refusedGrants.map(staff))),
    ];
    for (const browser of browsers) {
      assert.equal((await browser.get(PATH)).statusCode, 403);
      await browser.get('/account'); // a page with a CSRF token: the POST is refused by its rule, not by CSRF
      const form = { name: 'x', url: 'https://x.example', events: 'bill.expired' };
      assert.equal((await browser.post(PATH, form)).statusCode, 403);
    }
    const { subscription } = await t.services.webhooks.create(systemActor('test'), {
      name: 'Treasury',
      url: 'https://treasury.example/hook',
      events: ['payment.succeeded'],
      departmentCode: '',
    });
    const auditor: FormClient | undefined = browsers[1];
    assert.ok(auditor !== undefined);
    for (const suffix of ['', '/enabled', '/rotate']) {
      const url = `${PATH}/${subscription.id}${suffix}`;
      await auditor.get('/account');
      const response: LightMyRequestResponse =
        suffix === '' ? await auditor.get(url) : await auditor.post(url, { enabled: 'no' });
      assert.equal(response.statusCode, 403, url);
    }
    assert.equal((await findSubscription(db(), subscription.id))?.enabled, true);
  });

  it('keeps what was typed and explains each problem, in English and in Urdu', async () => {
    const admin = await staff(PLATFORM_ADMIN);
    const page = await admin.get(PATH);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Add a subscription/);
    const bad = await submit(admin, PATH, [
      ['name', 'Land Records <Quetta>'],
      ['url', 'land records portal'],
    ]);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /<title>Error: /);
    assert.match(bad.body, /href="#url">Enter the full address, starting with https:\/\//);
    assert.match(bad.body, /href="#events">Choose at least one event/);
    assert.match(bad.body, /value="Land Records &lt;Quetta>"/);
    assert.match(bad.body, /value="land records portal"/);

    const http = await submit(admin, `${PATH}?lang=ur`, [
      ['name', 'Land Records'],
      ['url', 'http://land.example/hook'],
      ['events', 'payment.succeeded'],
      ['events', 'refund.succeeded'],
      ['department', 'revenue'],
    ]);
    assert.equal(http.statusCode, 422);
    assert.match(http.body, /<html lang="ur" dir="rtl">/);
    assert.match(http.body, /پتہ https:\/\/ سے شروع ہونا چاہیے/);
    assert.match(http.body, /value="payment.succeeded" checked/);
    assert.match(http.body, /value="refund.succeeded" checked/);
    assert.doesNotMatch(http.body, /value="bill.cancelled" checked/);
    assert.match(http.body, /<option value="revenue" selected/);

    const unknown = await submit(admin, PATH, [
      ['name', 'x'],
      ['url', 'https://x.example'],
      ['events', 'payment.stolen'],
      ['department', 'nowhere'],
    ]);
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Choose at least one event/);
    assert.match(unknown.body, /Choose a department you administer/);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: PATH,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=x&url=https%3A%2F%2Fx.example&events=bill.expired',
      cookies: Object.fromEntries(admin.cookies),
    });
    assert.equal(noCsrf.statusCode, 403);
  });

  it('accepts http only to this computer, and never in production', () => {
    const rules = { departments: null, knownDepartments: ['revenue'] };
    const input = {
      name: 'Dev',
      url: 'http://localhost:4000/hook',
      events: ['bill.expired'],
      departmentCode: '',
    };
    assert.deepEqual(checkSubscription(input, { ...rules, allowLocalHttp: true }).problems, []);
    assert.deepEqual(
      checkSubscription(input, { ...rules, allowLocalHttp: false }).problems.map((p) => p.messageKey),
      ['webhooks.validation.https'],
    );
    const withPassword = { ...input, url: 'https://user:pw@land.example/hook' };
    assert.deepEqual(
      checkSubscription(withPassword, { ...rules, allowLocalHttp: true }).problems.map((p) => p.messageKey),
      ['webhooks.validation.url'],
    );
  });

  it('shows the secret once, stores it sealed, disables, enables and rotates', async () => {
    const admin = await staff(PLATFORM_ADMIN);
    await admin.get(PATH);
    const created = await submit(admin, PATH, [
      ['name', 'Finance Department ERP'],
      ['url', subscriber.url('/erp')],
      ['events', 'bill.expired'],
      ['department', 'excise'],
    ]);
    assert.equal(created.statusCode, 200, created.body);
    assert.equal(created.headers['cache-control'], 'no-store');
    assert.match(created.body, /Finance Department ERP is subscribed/);
    const secret = secretOf(created.body);
    assert.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    const id = idOf(created.body);
    const row = await findSubscription(db(), id);
    assert.ok(row !== undefined);
    assert.equal(row.department_code, 'excise');
    assert.ok(!row.secret_sealed.includes(secret) && row.secret_sealed.startsWith('v1.'), 'sealed');

    const list = await admin.get(PATH);
    assert.match(list.body, /Finance Department ERP/);
    assert.doesNotMatch(list.body, new RegExp(secret), 'never shown again');

    await admin.get(`${PATH}/${id}`);
    assert.equal((await admin.post(`${PATH}/${id}/enabled`, { enabled: 'no' })).statusCode, 303);
    assert.equal((await findSubscription(db(), id))?.enabled, false);
    await admin.get(`${PATH}/${id}`);
    assert.equal((await admin.post(`${PATH}/${id}/enabled`, { enabled: 'yes' })).statusCode, 303);
    assert.equal((await findSubscription(db(), id))?.enabled, true);

    await admin.get(`${PATH}/${id}`);
    const rotated = await admin.post(`${PATH}/${id}/rotate`, {});
    assert.equal(rotated.statusCode, 200);
    assert.equal(rotated.headers['cache-control'], 'no-store');
    const fresh = secretOf(rotated.body);
    assert.ok(fresh !== '' && fresh !== secret);

    // For a day both secrets sign, so the receiver may check with either while it switches over.
    await inTransaction(db(), (trx) =>
      publishWebhookEvent(trx, {
        type: 'bill.expired',
        departmentCode: 'excise',
        at: new Date(),
        data: {
          psid: '12345678901234567',
          departmentCode: 'excise',
          purpose: 'test-fee',
          subjectLabel: 'EXC-1',
          amountPaisa: 100,
          currency: 'PKR',
          status: 'expired',
          dueAt: new Date().toISOString(),
          expiresAt: new Date().toISOString(),
          closedAt: new Date().toISOString(),
        },
      }),
    );
    await testDispatcher(db()).drain();
    const [sent] = subscriber.at('/erp');
    assert.ok(sent !== undefined);
    const header = sent.headers['x-sahulat-signature'];
    assert.match(String(header), /^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    verifySignature(Buffer.from(fresh, 'utf8'), sent.body, header);
    verifySignature(Buffer.from(secret, 'utf8'), sent.body, header);

    const detail = await admin.get(`${PATH}/${id}`);
    assert.match(detail.body, /Recent deliveries/);
    assert.match(detail.body, /Delivered/);
    assert.match(detail.body, /200 \(\d+ ms\)/);
    const urdu = await admin.get(`${PATH}/${id}?lang=ur`);
    assert.match(urdu.body, /حالیہ ترسیلات/);
  });

  it('keeps a department administrator to their own department', async () => {
    const { subscription: other } = await t.services.webhooks.create(systemActor('test'), {
      name: 'Excise system',
      url: 'https://excise.example/hook',
      events: ['bill.expired'],
      departmentCode: 'excise',
    });
    const revenueAdmin = await staff(REVENUE_ADMIN);
    const page = await revenueAdmin.get(PATH);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Excise system/);
    assert.doesNotMatch(page.body, /All departments/, 'no choice of every department');
    assert.equal((await revenueAdmin.get(`${PATH}/${other.id}`)).statusCode, 404);
    await revenueAdmin.get(PATH);
    assert.equal((await revenueAdmin.post(`${PATH}/${other.id}/rotate`, {})).statusCode, 404);

    await revenueAdmin.get(PATH);
    const refused = await submit(revenueAdmin, PATH, [
      ['name', 'Everything'],
      ['url', 'https://revenue.example/hook'],
      ['events', 'payment.succeeded'],
      ['department', 'excise'],
    ]);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Choose a department you administer/);
    const created = await submit(revenueAdmin, PATH, [
      ['name', 'Revenue ledger'],
      ['url', 'https://revenue.example/hook'],
      ['events', 'payment.succeeded'],
      ['department', 'revenue'],
    ]);
    assert.equal(created.statusCode, 200);
    assert.equal((await findSubscription(db(), idOf(created.body)))?.department_code, 'revenue');
    assert.match((await revenueAdmin.get(PATH)).body, /Revenue ledger/);
  });
});

describe('the OpenAPI document', () => {
  it('describes every event under `webhooks`, with the signature header', async () => {
    const document = (await t.app.inject('/api/v1/openapi.json')).json<Record<string, unknown>>();
    const webhooks = document['webhooks'] as Record<string, { post: Record<string, unknown> }>;
    assert.deepEqual(Object.keys(webhooks), [
      'payment.succeeded',
      'payment.failed',
      'refund.succeeded',
      'bill.cancelled',
      'bill.expired',
    ]);
    const operation = webhooks['payment.succeeded']?.post ?? {};
    const parameters = operation['parameters'] as { name: string }[];
    assert.ok(parameters.some((parameter) => parameter.name === 'X-Sahulat-Signature'));
    const body = JSON.stringify(operation['requestBody']);
    for (const field of [
      'psid',
      'paymentId',
      'amountPaisa',
      'receiptNumber',
      'subjectLabel',
      'departmentCode',
    ])
      assert.ok(body.includes(`"${field}"`), field);
    const info = document['info'] as { description: string };
    assert.match(info.description, /HMAC-SHA256\(secret, "<t>\.<raw body>"\)/);
  });

  it('shows the webhooks on the API reference page, in English and Urdu', async () => {
    const page = await t.app.inject('/api/docs?lang=en');
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /<section class="stack" id="webhooks"><h2>Webhooks: what Sahulat sends you<\/h2>/,
    );
    assert.match(page.body, /X-Sahulat-Signature: t=&lt;unix seconds>,v1=/);
    assert.match(page.body, /id="post-payment-succeeded"/);
    assert.match(page.body, /href="#post-bill-expired"/);
    assert.match(page.body, /receiptNumber/);
    const urdu = await t.app.inject('/api/docs?lang=ur');
    assert.match(urdu.body, /ویب ہُکس: سہولت آپ کو کیا بھیجتی ہے/);
  });
});
