// Single sign-on follows the Sahulat session; consent can be refused, listed and withdrawn; relying
// parties can sign people out (RP-initiated logout), which also ends their Sahulat session.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { systemActor } from '../../platform/actor.ts';
import { auditEventsFor } from '../../platform/audit/repo.ts';
import { type TestCitizen, createCitizen } from '../../test-support/factories.ts';
import {
  Browser,
  type ListeningApp,
  type RelyingParty,
  authorizationRequest,
  authorizeIn,
  exchange,
  registerRelyingParty,
  startListeningApp,
  userinfoStatus,
} from './test-helpers.ts';

let app: ListeningApp;
let rp: RelyingParty;
before(async () => {
  app = await startListeningApp();
  rp = await registerRelyingParty(app, {
    name: 'Health Card',
    redirectUri: 'https://health.example/cb',
    postLogoutRedirectUris: ['https://health.example/signed-out'],
  });
});
after(() => app.close());

const actorOf = (citizen: TestCitizen) =>
  ({ kind: 'user', userId: citizen.id, label: 'Test Citizen', accountKind: 'citizen', grants: [] }) as const;

async function signedInWithConsent(scope = 'openid profile') {
  const citizen = await createCitizen(app.testDatabase.database.db);
  const browser = new Browser(app.issuer);
  const request = await authorizationRequest(rp, scope);
  const tokens = await exchange(rp, request, await authorizeIn(app, browser, request, citizen));
  return { citizen, browser, tokens };
}

describe('consent', () => {
  it('can be refused: the service receives access_denied and no code', async () => {
    const citizen = await createCitizen(app.testDatabase.database.db);
    const request = await authorizationRequest(rp, 'openid profile');
    const callback = await authorizeIn(app, new Browser(app.issuer), request, citizen, 'deny');
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    assert.equal(callback.searchParams.get('code'), null);
    assert.equal(callback.searchParams.get('state'), request.state);
  });

  it('is remembered, listed under connected apps, and can be withdrawn', async () => {
    const { citizen, browser, tokens } = await signedInWithConsent('openid profile phone');
    const [connected, ...others] = await app.services.oidc.connectedApps(actorOf(citizen), citizen.id);
    assert.equal(others.length, 0);
    assert.ok(connected !== undefined);
    assert.equal(connected.clientName, 'Health Card');
    assert.equal(connected.clientId, rp.clientId);
    assert.deepEqual(connected.scopes, ['openid', 'profile', 'phone']);
    assert.deepEqual(connected.claims, ['sub', 'name', 'name#ur', 'phone_number', 'phone_number_verified']);
    assert.ok(Date.now() - connected.grantedAt.getTime() < 60_000);
    assert.equal(await userinfoStatus(app, tokens.access_token), 200);
    const audit = await auditEventsFor(app.testDatabase.database.db, 'oidc_client', rp.clientId);
    const given = audit.find(
      (event) => event.action === 'oidc.consent_given' && event.actor_id === citizen.id,
    );
    assert.deepEqual(
      given?.details['scopes'],
      ['openid', 'profile', 'phone'],
      'who received what is audited',
    );

    const again = await authorizationRequest(rp, 'openid profile');
    await exchange(rp, again, await authorizeIn(app, browser, again, citizen, 'none'));

    assert.equal(await app.services.oidc.revokeApp(actorOf(citizen), citizen.id, rp.clientId), 1);
    assert.deepEqual(await app.services.oidc.connectedApps(actorOf(citizen), citizen.id), []);
    assert.equal(await userinfoStatus(app, tokens.access_token), 401, 'its tokens no longer work');
    const afterRevoke = await authorizationRequest(rp, 'openid profile');
    await exchange(rp, afterRevoke, await authorizeIn(app, browser, afterRevoke, citizen, 'allow'));
  });

  it('is the account holder’s business only', async () => {
    const { citizen } = await signedInWithConsent();
    const other = await createCitizen(app.testDatabase.database.db);
    await assert.rejects(app.services.oidc.connectedApps(actorOf(other), citizen.id), { code: 'forbidden' });
    await assert.rejects(app.services.oidc.revokeApp(actorOf(other), citizen.id, rp.clientId), {
      code: 'forbidden',
    });
    await assert.rejects(app.services.oidc.connectedApps({ kind: 'anonymous' }, citizen.id), {
      code: 'unauthenticated',
    });
    assert.equal((await app.services.oidc.connectedApps(systemActor('test'), citizen.id)).length, 1);
  });
});

describe('single sign-on', () => {
  it('ends when the person signs out of Sahulat', async () => {
    const { citizen, browser } = await signedInWithConsent();
    const page = await browser.request('/account');
    assert.equal(page.status, 200);
    await browser.request('/sign-out', { form: { _csrf: browser.csrfToken() } });
    const request = await authorizationRequest(rp, 'openid profile');
    const step = await browser.follow(request.url.href);
    assert.equal(new URL(step.url).pathname, '/sign-in', 'asked to sign in again, no code issued');
    await exchange(rp, request, await authorizeIn(app, browser, request, citizen, 'none'));
  });

  it('answers prompt=none with login_required when nobody is signed in', async () => {
    const request = await authorizationRequest(rp, 'openid', { prompt: 'none' });
    const step = await new Browser(app.issuer).follow(request.url.href);
    assert.equal(new URL(step.url).searchParams.get('error'), 'login_required');
  });
});

describe('RP-initiated logout', () => {
  it('asks, then signs the person out of the provider and of Sahulat, and returns to the service', async () => {
    const { browser, tokens } = await signedInWithConsent();
    const logout = client.buildEndSessionUrl(rp.config, {
      id_token_hint: tokens.id_token ?? '',
      post_logout_redirect_uri: 'https://health.example/signed-out',
      state: 'bye',
    });
    const confirm = await browser.follow(logout.href);
    assert.equal(new URL(confirm.url).pathname, '/oidc/logout');
    assert.equal(confirm.response.status, 200);
    assert.match(browser.lastPage, /Health Card has signed you out/);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(browser.lastPage)?.[1] ?? '';
    const done = await browser.follow('/oidc/logout', {
      form: { _csrf: browser.csrfToken(), xsrf, logout: 'yes' },
    });
    assert.equal(done.url, 'https://health.example/signed-out?state=bye');
    await browser.request('/');
    assert.match(browser.lastPage, /Sign in/, 'signed out of Sahulat too');
    assert.equal(await userinfoStatus(app, tokens.access_token), 401, 'the grant was revoked');
  });

  it('refuses a post-logout address the service did not register', async () => {
    const { browser, tokens } = await signedInWithConsent();
    const logout = client.buildEndSessionUrl(rp.config, {
      id_token_hint: tokens.id_token ?? '',
      post_logout_redirect_uri: 'https://evil.example/',
    });
    const response = await browser.request(logout.href);
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
    assert.match(browser.lastPage, /post_logout_redirect_uri/);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  });
});

describe('the provider’s own pages', () => {
  it('explain an unknown service in the reader’s language, in the site’s design', async () => {
    const browser = new Browser(app.issuer);
    await browser.request('/?lang=ur');
    const response = await browser.request('/oidc/auth?client_id=nobody&response_type=code&scope=openid');
    assert.equal(response.status, 400);
    assert.match(browser.lastPage, /<html lang="ur" dir="rtl">/);
    assert.match(browser.lastPage, /دوسری سروس میں سائن اِن جاری نہیں رہ سکا/);
    assert.match(browser.lastPage, /invalid_client/);
    assert.doesNotMatch(browser.lastPage, /<style|<script/);
  });
});
