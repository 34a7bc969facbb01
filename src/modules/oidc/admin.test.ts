// Registering relying parties: the administrators' page (platform administrators only, CSRF, both
// languages, the secret shown once) and the rules every registration follows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { FormClient } from '../../test-support/form-client.ts';
import { totpCode } from '../identity/credentials/totp.ts';
import { clientSecretMatches } from './crypto.ts';
import { findClient } from './repo-clients.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const PATH = '/admin/oidc/clients';
const PASSWORD = 'administrator password for tests';

/** A platform administrator through the real sign-in, with the authenticator enrolled. */
async function signedInStaff(role: 'platform_admin' | 'auditor'): Promise<FormClient> {
  const email = `${role}.${crypto.randomUUID()}@sahulat.test`;
  await t.services.accounts.createStaffAccount(systemActor('test'), {
    email,
    fullName: 'Test Administrator',
    password: PASSWORD,
    grants: [{ role, departmentCode: null, districtCode: null }],
  });
  const browser = new FormClient(t.app);
  await browser.get('/sign-in');
  await browser.post('/sign-in', { identifier: email, password: PASSWORD, next: PATH });
  const setup = await browser.get('/sign-in/totp-setup');
  const secret = /<code dir="ltr">([A-Z2-7 ]+)<\/code>/.exec(setup.body)?.[1]?.replaceAll(' ', '') ?? '';
  await browser.post('/sign-in/totp-setup', { code: totpCode(secret), next: PATH });
  return browser;
}

describe('the administrators’ page', () => {
  it('sends people who are not signed in to sign in, and refuses everyone but platform administrators', async () => {
    const anonymous = await t.app.inject(PATH);
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(PATH)}`);

    const citizen = await createCitizen(t.testDatabase.database.db);
    const browser = new FormClient(t.app);
    await browser.get('/sign-in');
    await browser.post('/sign-in', { identifier: citizen.cnic, password: citizen.password, next: '/' });
    assert.equal((await browser.get(PATH)).statusCode, 403);

    const auditor = await signedInStaff('auditor');
    assert.equal((await auditor.get(PATH)).statusCode, 403);
  });

  it('registers a service and shows its secret once, in both languages', async () => {
    const admin = await signedInStaff('platform_admin');
    const page = await admin.get(PATH);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Register a service/);

    const created = await admin.post(PATH, {
      name: 'Land Records',
      redirectUris: 'https://land.example/cb\r\nhttps://land.example/cb2',
      postLogoutRedirectUris: 'https://land.example/bye',
      scopes: 'openid',
    });
    assert.equal(created.statusCode, 200);
    assert.equal(created.headers['cache-control'], 'no-store');
    const clientId =
      /<dt>Client ID<\/dt>\s*<dd><code dir="ltr">([^<]+)<\/code>/.exec(created.body)?.[1] ?? '';
    const secret =
      /<dt>Client secret<\/dt>\s*<dd><code dir="ltr">([^<]+)<\/code>/.exec(created.body)?.[1] ?? '';
    const stored = await findClient(t.testDatabase.database.db, clientId);
    assert.ok(stored !== undefined);
    assert.deepEqual(stored.redirectUris, ['https://land.example/cb', 'https://land.example/cb2']);
    assert.deepEqual(stored.scopes, ['openid']);
    assert.ok(clientSecretMatches(secret, stored.clientSecretHash), 'the shown secret works');
    assert.ok(!stored.clientSecretHash.includes(secret), 'only a hash is kept');

    const list = await admin.get(`${PATH}?lang=ur`);
    assert.match(list.body, /<html lang="ur" dir="rtl">/);
    assert.match(list.body, /Land Records/);
    assert.ok(list.body.includes(clientId));
    assert.ok(!list.body.includes(secret), 'never shown again');
  });

  it('explains what is wrong and keeps what was typed', async () => {
    const admin = await signedInStaff('platform_admin');
    await admin.get(PATH);
    const refused = await admin.post(PATH, {
      name: 'Two Hosts',
      redirectUris: 'https://a.example/cb\nhttp://b.example/cb',
      scopes: 'profile',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Enter 1 to 10 redirect URIs/);
    assert.match(refused.body, /openid is required/);
    assert.match(refused.body, /value="Two Hosts"/);
  });

  it('needs the form’s CSRF token', async () => {
    const admin = await signedInStaff('platform_admin');
    const forged = await t.app.inject({
      method: 'POST',
      url: PATH,
      cookies: Object.fromEntries(admin.cookies),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Forged&redirectUris=https%3A%2F%2Fx.example%2Fcb&scopes=openid',
    });
    assert.equal(forged.statusCode, 403);
  });
});

describe('registration rules', () => {
  const register = (input: Partial<Parameters<TestApp['services']['oidc']['createClient']>[1]>) =>
    t.services.oidc.createClient(systemActor('test'), {
      name: 'Rules',
      redirectUris: ['https://rules.example/cb'],
      ...input,
    });
  const fieldsOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error: unknown) {
      return (error as { fieldErrors: { field: string; messageKey: string }[] }).fieldErrors.map(
        (e) => e.messageKey,
      );
    }
    return [];
  };

  it('accept https, and http on this machine only', async () => {
    assert.ok((await register({ redirectUris: ['http://127.0.0.1:8080/cb'] })).clientSecret.length >= 43);
    assert.deepEqual(await fieldsOf(register({ redirectUris: ['http://rules.example/cb'] })), [
      'oidc.validation.redirectUri',
    ]);
    assert.deepEqual(await fieldsOf(register({ redirectUris: ['https://rules.example/cb#x'] })), [
      'oidc.validation.redirectUri',
    ]);
    assert.deepEqual(await fieldsOf(register({ redirectUris: [] })), ['oidc.validation.redirectUri']);
  });

  it('keep a pairwise service on one host; a government-internal one may use several', async () => {
    const twoHosts = ['https://a.example/cb', 'https://b.example/cb'];
    assert.deepEqual(await fieldsOf(register({ redirectUris: twoHosts })), ['oidc.validation.redirectHosts']);
    assert.ok(
      (await register({ redirectUris: twoHosts, governmentInternal: true })).clientId.startsWith('sahulat-'),
    );
  });

  it('allow known scopes only, openid always', async () => {
    assert.deepEqual(await fieldsOf(register({ scopes: ['openid', 'address'] })), ['oidc.validation.scopes']);
    assert.deepEqual(await fieldsOf(register({ scopes: ['profile'] })), ['oidc.validation.scopes']);
    const ok = await register({ scopes: ['openid phone', 'cnic'] });
    assert.deepEqual((await findClient(t.testDatabase.database.db, ok.clientId))?.scopes, [
      'openid',
      'phone',
      'cnic',
    ]);
  });

  it('are for the console and platform administrators only', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    const actor = {
      kind: 'user',
      userId: citizen.id,
      label: 'c',
      accountKind: 'citizen',
      grants: [],
    } as const;
    await assert.rejects(
      t.services.oidc.createClient(actor, { name: 'x', redirectUris: ['https://x.example/cb'] }),
      { code: 'forbidden' },
    );
    await assert.rejects(t.services.oidc.listClients(actor), { code: 'forbidden' });
    const departmental = {
      kind: 'user',
      userId: citizen.id,
      label: 'd',
      accountKind: 'staff',
      grants: [{ role: 'platform_admin', departmentCode: 'revenue', districtCode: null }],
    } as const;
    await assert.rejects(
      t.services.oidc.listClients(departmental),
      { code: 'forbidden' },
      'province-wide only',
    );
  });
});
