// The applications API through the real app: a citizen files the domicile application in one call (with a
// session cookie and with a Bearer token from a real authorization-code flow), field problems come back
// as one problem naming each field, repeats with an Idempotency-Key are replayed, officers act with
// optimistic concurrency, and nobody sees another's application.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { type RoleGrant, systemActor } from '../../platform/actor.ts';
import { tinyJpeg, tinyPdf } from '../../platform/storage/test-fixtures.ts';
import { payFeeAtCounter } from '../../test-support/applications.ts';
import { createCitizen } from '../../test-support/factories.ts';
import {
  Browser,
  type ListeningApp,
  authorizationRequest,
  authorizeIn,
  exchange,
  registerRelyingParty,
  startListeningApp,
} from '../oidc/test-helpers.ts';

let app: ListeningApp;
before(async () => {
  app = await startListeningApp();
});
after(() => app.close());

interface Caller {
  readonly id: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** A signed-in session (cookie), sending the CSRF token in X-CSRF-Token as a same-site script would. */
async function sessionCaller(account: { id: string; kind: 'citizen' | 'staff' }): Promise<Caller> {
  const { token } = await app.services.identity.sessions.create(
    account,
    { ip: '127.0.0.1', userAgent: 't' },
    true,
  );
  const cookies: Record<string, string> = { sid: token };
  const csrf = await app.app.inject({ url: '/api/v1/csrf-token', cookies });
  for (const cookie of csrf.cookies) cookies[cookie.name] = cookie.value;
  const csrfToken = csrf.json<{ token: string }>().token;
  return {
    id: account.id,
    get: (url) => app.app.inject({ url, cookies }),
    post: (url, body, headers = {}) =>
      app.app.inject({
        method: 'POST',
        url,
        cookies,
        headers: { 'x-csrf-token': csrfToken, ...headers },
        ...(Buffer.isBuffer(body) ? { payload: body } : { payload: body as Record<string, unknown> }),
      }),
  };
}

async function citizen(): Promise<Caller> {
  const person = await createCitizen(app.testDatabase.database.db);
  return sessionCaller({ id: person.id, kind: 'citizen' });
}

async function officer(grant: RoleGrant): Promise<Caller> {
  const { id } = await app.services.accounts.createStaffAccount(systemActor('test'), {
    email: `api.${Math.random().toString(36).slice(2)}@sahulat.test`,
    fullName: `Officer ${grant.role}`,
    grants: [grant],
  });
  return sessionCaller({ id, kind: 'staff' });
}

async function upload(caller: Caller, bytes: Uint8Array, type: string): Promise<string> {
  const response = await caller.post('/api/v1/documents', Buffer.from(bytes), { 'content-type': type });
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ key: string }>().key;
}

async function domicileAnswers(caller: Caller): Promise<Record<string, unknown>> {
  return {
    applicantCnic: '54400-7654321-3',
    fullName: 'Gul Khan',
    fatherName: 'Sher Khan',
    dateOfBirth: '1998-03-23',
    gender: 'male',
    mobile: '0300 1234567',
    purpose: 'education',
    district: 'QTA',
    tehsil: 'Quetta City',
    permanentAddress: 'House 12, Street 4, Satellite Town, Quetta',
    yearsResident: 20,
    residenceBasis: 'born-here',
    otherDomicile: 'no',
    cnicCopy: await upload(caller, tinyPdf(), 'application/pdf'),
    fatherCnicCopy: await upload(caller, tinyPdf(), 'application/pdf'),
    residenceProof: await upload(caller, tinyPdf(), 'application/pdf'),
    photo: await upload(caller, tinyJpeg(), 'image/jpeg'),
  };
}

async function filed(caller: Caller): Promise<{ number: string; version: number }> {
  const response = await caller.post('/api/v1/applications', {
    serviceCode: 'domicile-certificate',
    answers: await domicileAnswers(caller),
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

type Problem = {
  status: number;
  code: string;
  errors?: { field: string; messageKey: string; detail: string }[];
};

describe('filing through the API', () => {
  it('creates and submits in one call, and the applicant follows it', async () => {
    const gul = await citizen();
    const response = await gul.post('/api/v1/applications', {
      serviceCode: 'domicile-certificate',
      answers: await domicileAnswers(gul),
    });
    assert.equal(response.statusCode, 201, response.body);
    const created = response.json<{
      number: string;
      status: string;
      version: number;
      fee: { amount: number; currency: string } | null;
      promisedAt: string | null;
      links: { self: string };
    }>();
    assert.match(created.number, /^DOM-QTA-\d{4}-\d{6}$/);
    assert.equal(created.status, 'payment');
    assert.deepEqual(created.fee, { amount: 200, currency: 'PKR' });
    assert.ok(created.promisedAt !== null && !Number.isNaN(Date.parse(created.promisedAt)));
    assert.equal(created.links.self, `/api/v1/applications/${created.number}`);
    assert.equal(response.headers.location, created.links.self);

    const detail = (await gul.get(created.links.self)).json<Record<string, unknown>>();
    assert.equal(detail['status'], 'payment');
    assert.deepEqual(detail['statusLabel'], { en: 'Waiting for the fee', ur: 'فیس کی ادائیگی کا انتظار' });
    assert.equal(detail['version'], created.version);
    assert.deepEqual(
      (detail['events'] as { kind: string }[]).map((event) => event.kind),
      ['created', 'submitted'],
    );
    assert.deepEqual(
      (detail['actions'] as { id: string }[]).map((action) => action.id),
      ['withdraw'],
      'the fee is paid at the counter; the citizen may withdraw',
    );
    assert.equal((detail['answers'] as Record<string, unknown>)['fullName'], 'Gul Khan');
    assert.equal((detail['answers'] as Record<string, unknown>)['photo'], undefined, 'no storage keys');
    const photo = (detail['documents'] as { field: string; href: string }[]).find((d) => d.field === 'photo');
    const document = await gul.get(photo?.href ?? '');
    assert.equal(document.statusCode, 200);
    assert.equal(document.headers['content-type'], 'image/jpeg');

    const mine = (await gul.get('/api/v1/applications')).json<{ items: { number: string }[] }>();
    assert.deepEqual(
      mine.items.map((item) => item.number),
      [created.number],
    );
  });

  it('names every field in one 422 problem, in the language asked for, and keeps nothing', async () => {
    const gul = await citizen();
    const answers = await domicileAnswers(gul);
    delete answers['fullName'];
    answers['applicantCnic'] = '12345';
    answers['favouriteColour'] = 'green';
    answers['photo'] = await upload(gul, tinyPdf(), 'application/pdf'); // this service wants a photo
    answers['residenceProof'] = 'f'.repeat(32); // never uploaded
    const response = await gul.post('/api/v1/applications?lang=ur', {
      serviceCode: 'domicile-certificate',
      answers,
    });
    assert.equal(response.statusCode, 422);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    const problem = response.json<Problem>();
    assert.equal(problem.code, 'validation_failed');
    const byField = new Map((problem.errors ?? []).map((error) => [error.field, error]));
    assert.deepEqual([...byField.keys()].sort(), [
      '/answers/applicantCnic',
      '/answers/favouriteColour',
      '/answers/fullName',
      '/answers/photo',
      '/answers/residenceProof',
    ]);
    assert.equal(byField.get('/answers/residenceProof')?.messageKey, 'api.error.documentUnknown');
    assert.equal(byField.get('/answers/photo')?.messageKey, 'apply.upload.type_not_allowed');
    // The message names the field in Urdu, from the pack's label.
    assert.match(byField.get('/answers/fullName')?.detail ?? '', /[\u0600-\u06ff]/);
    assert.doesNotMatch(byField.get('/answers/fullName')?.detail ?? '', /\{/);
    assert.deepEqual((await gul.get('/api/v1/applications')).json(), { items: [] });

    const unknown = await gul.post('/api/v1/applications', { serviceCode: 'no-such-service', answers: {} });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json<Problem>().errors?.[0]?.field, '/serviceCode');
    const malformed = await gul.post('/api/v1/applications', { serviceCode: 'domicile-certificate' });
    assert.equal(malformed.statusCode, 400, 'a body that does not match the schema');
  });

  it('replays a repeated POST with the same Idempotency-Key, and refuses the key for another body', async () => {
    const gul = await citizen();
    const body = { serviceCode: 'domicile-certificate', answers: await domicileAnswers(gul) };
    const key = `file-${Math.random().toString(36).slice(2)}`;
    const first = await gul.post('/api/v1/applications', body, { 'idempotency-key': key });
    const second = await gul.post('/api/v1/applications', body, { 'idempotency-key': key });
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(second.json<{ number: string }>().number, first.json<{ number: string }>().number);
    assert.equal((await gul.get('/api/v1/applications')).json<{ items: unknown[] }>().items.length, 1);
    const other = await gul.post(
      '/api/v1/applications',
      { ...body, answers: { ...body.answers, fullName: 'Someone Else' } },
      { 'idempotency-key': key },
    );
    assert.equal(other.statusCode, 422);
  });

  it('refuses a cookie-authenticated POST without X-CSRF-Token, and staff filing', async () => {
    const person = await createCitizen(app.testDatabase.database.db);
    const { token } = await app.services.identity.sessions.create(
      { id: person.id, kind: 'citizen' },
      { ip: '127.0.0.1', userAgent: 't' },
      true,
    );
    const response = await app.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      cookies: { sid: token },
      payload: { serviceCode: 'domicile-certificate', answers: {} },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json<Problem>().code, 'csrf_invalid');
    const signedOut = await app.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      payload: { serviceCode: 'domicile-certificate', answers: {} },
    });
    assert.equal(signedOut.statusCode, 401);
    assert.match(String(signedOut.headers['www-authenticate']), /^Bearer/);
    const clerk = await officer({ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' });
    const staff = await clerk.post('/api/v1/applications', {
      serviceCode: 'domicile-certificate',
      answers: {},
    });
    assert.equal(staff.statusCode, 403);
  });
});

describe('Bearer access tokens', () => {
  async function tokenFor(scope: string) {
    const person = await createCitizen(app.testDatabase.database.db);
    const rp = await registerRelyingParty(app, {
      redirectUri: `https://rp-${Math.random().toString(36).slice(2)}.example/cb`,
      scopes: ['openid', 'profile', 'applications'],
    });
    const request = await authorizationRequest(rp, scope);
    const callback = await authorizeIn(app, new Browser(app.issuer), request, person);
    const tokens = await exchange(rp, request, callback);
    return { person, rp, accessToken: tokens.access_token };
  }
  const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });

  it('files and reads as the token’s account, with no CSRF token needed', async () => {
    const { person, accessToken } = await tokenFor('openid applications');
    const holder: Caller = {
      id: person.id,
      get: (url) => app.app.inject({ url, headers: bearer(accessToken) }),
      post: (url, body, headers = {}) =>
        app.app.inject({
          method: 'POST',
          url,
          headers: { ...bearer(accessToken), ...headers },
          ...(Buffer.isBuffer(body) ? { payload: body } : { payload: body as Record<string, unknown> }),
        }),
    };
    const { number } = await filed(holder);
    const mine = (await holder.get('/api/v1/applications')).json<{ items: { number: string }[] }>();
    assert.deepEqual(
      mine.items.map((item) => item.number),
      [number],
    );
    const own = await app.services.applications.get(
      { kind: 'user', userId: person.id, label: 'x', accountKind: 'citizen', grants: [] },
      { number },
    );
    assert.equal(own.application.applicant_id, person.id, 'filed for the token’s account');
  });

  it('refuses an invalid token with 401 invalid_token, and one without the scope with 403', async () => {
    const invalid = await app.app.inject({
      url: '/api/v1/applications',
      headers: bearer('not-a-real-token-at-all'),
    });
    assert.equal(invalid.statusCode, 401);
    assert.match(String(invalid.headers['www-authenticate']), /error="invalid_token"/);
    assert.match(String(invalid.headers['content-type']), /application\/problem\+json/);

    const { accessToken } = await tokenFor('openid profile');
    const narrow = await app.app.inject({ url: '/api/v1/applications', headers: bearer(accessToken) });
    assert.equal(narrow.statusCode, 403);
    assert.match(String(narrow.headers['www-authenticate']), /error="insufficient_scope"/);
  });

  it('stops working once the person revokes the connected app', async () => {
    const { person, rp, accessToken } = await tokenFor('openid applications');
    assert.equal(
      (await app.app.inject({ url: '/api/v1/applications', headers: bearer(accessToken) })).statusCode,
      200,
    );
    await app.services.oidc.revokeApp(systemActor('test'), person.id, rp.clientId);
    const after = await app.app.inject({ url: '/api/v1/applications', headers: bearer(accessToken) });
    assert.equal(after.statusCode, 401);
  });
});

describe('officers through the API', () => {
  it('act with the version they saw; a stale version is a 409 and changes nothing', async () => {
    const gul = await citizen();
    const { number } = await filed(gul);
    const operator = await officer({ role: 'operator', departmentCode: null, districtCode: 'QTA' });
    const seen = (await operator.get(`/api/v1/applications/${number}`)).json<{ version: number }>();
    const citizenPays = await gul.post(`/api/v1/applications/${number}/actions`, {
      action: 'pay',
      version: seen.version,
    });
    assert.equal(citizenPays.statusCode, 403, 'only the bill’s payment records the fee');
    const operatorPays = await operator.post(`/api/v1/applications/${number}/actions`, {
      action: 'pay',
      remarks: 'Receipt QTA-FC-0042',
      version: seen.version,
    });
    assert.equal(operatorPays.statusCode, 403, 'cash is taken against the PSID, not as an action');
    await payFeeAtCounter(app, number);
    const paid = (await operator.get(`/api/v1/applications/${number}`)).json<{ status: string }>();
    assert.equal(paid.status, 'scrutiny');

    // Two clerks open it at the same version; one forwards, the approver sends it back to scrutiny, and
    // the other clerk's forward (on the version they saw) must not go through.
    const clerk = await officer({ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' });
    const otherClerk = await officer({ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' });
    const seenByClerk = (await clerk.get(`/api/v1/applications/${number}`)).json<{ version: number }>();
    const forwarded = await otherClerk.post(`/api/v1/applications/${number}/actions`, {
      action: 'forward',
      remarks: 'Documents complete',
      version: seenByClerk.version,
    });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    const approver = await officer({ role: 'approver', departmentCode: 'revenue', districtCode: 'QTA' });
    const sentBack = await approver.post(`/api/v1/applications/${number}/actions`, {
      action: 'sendBack',
      remarks: 'Check the address again',
      version: forwarded.json<{ version: number }>().version,
    });
    assert.equal(sentBack.statusCode, 200, sentBack.body);
    const stale = await clerk.post(`/api/v1/applications/${number}/actions`, {
      action: 'forward',
      remarks: 'Looks fine',
      version: seenByClerk.version,
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<Problem>().code, 'conflict');
    const now = (await clerk.get(`/api/v1/applications/${number}`)).json<{
      status: string;
      version: number;
    }>();
    assert.equal(now.status, 'scrutiny');
    assert.equal(now.version, sentBack.json<{ version: number }>().version, 'nothing changed');
  });

  it('shows the inbox with the page’s filters, and hides applications from everyone else (404)', async () => {
    const gul = await citizen();
    const { number } = await filed(gul);
    await payFeeAtCounter(app, number);
    const clerk = await officer({ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' });
    const inbox = await clerk.get(`/api/v1/inbox?q=${number}`);
    assert.equal(inbox.statusCode, 200);
    assert.deepEqual(
      inbox.json<{ items: { number: string }[] }>().items.map((item) => item.number),
      [number],
    );
    const overdue = (await clerk.get('/api/v1/inbox?overdue=1')).json<{ items: { number: string }[] }>();
    assert.ok(!overdue.items.some((item) => item.number === number), 'not overdue yet');
    assert.equal((await gul.get('/api/v1/inbox')).statusCode, 403);

    const stranger = await citizen();
    const gwadar = await officer({ role: 'clerk', departmentCode: 'revenue', districtCode: 'GWD' });
    for (const other of [stranger, gwadar]) {
      const response = await other.get(`/api/v1/applications/${number}`);
      assert.equal(response.statusCode, 404);
      assert.equal((await other.get(`/api/v1/applications/${number}/documents/photo`)).statusCode, 404);
      const acted = await other.post(`/api/v1/applications/${number}/actions`, {
        action: 'withdraw',
        version: 1,
      });
      assert.equal(acted.statusCode, 404);
    }
  });
});
