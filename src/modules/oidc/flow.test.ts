// The "done when" of myGovIdentity as an OpenID Provider: a real relying party (openid-client v6) completes
// the authorization code + PKCE flow against the listening app, through the real sign-in and consent pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { type TestCitizen, createCitizen } from '../../test-support/factories.ts';
import { updateAccount } from '../identity/accounts/repo-identity.ts';
import {
  type AuthorizationRequest,
  Browser,
  type Consent,
  type ListeningApp,
  type RelyingParty,
  authorizationRequest,
  authorizeIn,
  exchange,
  registerRelyingParty,
  signIn,
  startListeningApp,
} from './test-helpers.ts';

let app: ListeningApp;
before(async () => {
  app = await startListeningApp();
});
after(() => app.close());

const formatted = (cnic: string) => `${cnic.slice(0, 5)}-${cnic.slice(5, 12)}-${cnic.slice(12)}`;
const authorize = (
  browser: Browser,
  request: AuthorizationRequest,
  citizen: TestCitizen,
  consent?: Consent,
) => authorizeIn(app, browser, request, citizen, consent);

describe('discovery and keys', () => {
  it('publishes discovery at the site root with the code flow, S256 PKCE, pairwise subjects and ES256', async () => {
    const response = await fetch(`${app.issuer}/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    const metadata = (await response.json()) as Record<string, unknown>;
    assert.equal(metadata['issuer'], app.issuer);
    assert.equal(metadata['authorization_endpoint'], `${app.issuer}/oidc/auth`);
    assert.equal(metadata['token_endpoint'], `${app.issuer}/oidc/token`);
    assert.equal(metadata['jwks_uri'], `${app.issuer}/oidc/jwks`);
    assert.equal(metadata['end_session_endpoint'], `${app.issuer}/oidc/session/end`);
    assert.deepEqual(metadata['response_types_supported'], ['code']);
    assert.deepEqual(metadata['code_challenge_methods_supported'], ['S256']);
    assert.deepEqual(metadata['id_token_signing_alg_values_supported'], ['ES256']);
    assert.deepEqual(metadata['subject_types_supported'], ['public', 'pairwise']);
    for (const scope of ['openid', 'profile', 'phone', 'email', 'cnic']) {
      assert.ok((metadata['scopes_supported'] as string[]).includes(scope), scope);
    }
    assert.ok((metadata['claims_supported'] as string[]).includes('cnic'));
  });

  it('publishes public signing keys only', async () => {
    const { keys } = (await (await fetch(`${app.issuer}/oidc/jwks`)).json()) as {
      keys: Record<string, unknown>[];
    };
    assert.ok(keys.length >= 1);
    for (const key of keys) {
      assert.equal(key['kty'], 'EC');
      assert.equal(key['crv'], 'P-256');
      assert.equal(key['alg'], 'ES256');
      assert.equal(key['d'], undefined, 'no private part');
    }
  });
});

describe('authorization code flow with PKCE', () => {
  it('signs a citizen in through the sign-in and consent pages and issues an ID token with their claims', async () => {
    const rp = await registerRelyingParty(app, {
      name: 'Revenue e-Services',
      redirectUri: 'https://revenue.example/callback',
    });
    const citizen = await createCitizen(app.testDatabase.database.db);
    await updateAccount(app.testDatabase.database.db, citizen.id, {
      email: 'citizen@example.pk',
      email_verified_at: new Date(),
    });
    const browser = new Browser(app.issuer);
    const request = await authorizationRequest(rp, 'openid profile phone email');

    const first = await browser.request(request.url.href);
    assert.equal(first.status, 303);
    const interaction = await browser.request(first.headers.get('location') ?? '');
    assert.equal(interaction.status, 303);
    assert.match(interaction.headers.get('location') ?? '', /^\/sign-in\?next=%2Foidc%2Finteraction%2F/);

    const callback = await authorize(browser, request, citizen);
    assert.equal(callback.origin + callback.pathname, rp.redirectUri);
    const tokens = await exchange(rp, request, callback);
    const claims = tokens.claims();
    assert.ok(claims !== undefined);
    assert.equal(claims.iss, app.issuer);
    assert.equal(claims.aud, rp.clientId);
    assert.equal(claims['name'], `Test Citizen ${citizen.cnic.slice(-4)}`);
    assert.equal(claims['phone_number'], citizen.mobile);
    assert.equal(claims['phone_number_verified'], true);
    assert.equal(claims['email'], 'citizen@example.pk');
    assert.equal(claims['email_verified'], true);
    assert.equal(claims['cnic'], undefined, 'no CNIC without the cnic scope');
    assert.notEqual(claims.sub, citizen.id, 'a pairwise subject, not the account id');

    const userinfo = await client.fetchUserInfo(rp.config, tokens.access_token, claims.sub);
    assert.equal(userinfo['phone_number'], citizen.mobile);
  });

  it('releases the Urdu name as name#ur when the account has one', async () => {
    const rp = await registerRelyingParty(app, { redirectUri: 'https://urdu-name.example/cb' });
    const citizen = await createCitizen(app.testDatabase.database.db);
    await app.testDatabase.database.db
      .$extendTables<{ user_account: { id: string; full_name_ur: string | null } }>()
      .updateTable('user_account')
      .set({ full_name_ur: 'علی احمد' })
      .where('id', '=', citizen.id)
      .execute();
    const request = await authorizationRequest(rp, 'openid profile');
    const claims = (
      await exchange(rp, request, await authorize(new Browser(app.issuer), request, citizen))
    ).claims();
    assert.ok(claims !== undefined);
    assert.equal(claims['name#ur'], 'علی احمد');
    assert.equal(claims['phone_number'], undefined, 'no phone without the phone scope');
  });
});

describe('the CNIC claim', () => {
  it('is released only when the cnic scope is requested and the citizen ticks the box', async () => {
    const rp = await registerRelyingParty(app, { redirectUri: 'https://excise.example/callback' });
    const citizen = await createCitizen(app.testDatabase.database.db);
    const browser = new Browser(app.issuer);

    const declined = await authorizationRequest(rp, 'openid profile cnic');
    const withoutCnic = await exchange(rp, declined, await authorize(browser, declined, citizen, 'allow'));
    assert.equal(withoutCnic.claims()?.['cnic'], undefined, 'asked for, but the box was left empty');
    assert.ok(withoutCnic.claims()?.['name'] !== undefined, 'the rest is shared');

    const other = await createCitizen(app.testDatabase.database.db);
    const agreed = await authorizationRequest(rp, 'openid profile cnic');
    const withCnic = await exchange(
      rp,
      agreed,
      await authorize(new Browser(app.issuer), agreed, other, 'allow-with-cnic'),
    );
    assert.equal(withCnic.claims()?.['cnic'], formatted(other.cnic));
    const userinfo = await client.fetchUserInfo(
      rp.config,
      withCnic.access_token,
      withCnic.claims()?.sub ?? '',
    );
    assert.equal(userinfo['cnic'], formatted(other.cnic));
  });

  it('shows the CNIC as a separate, unticked checkbox in both languages', async () => {
    const rp = await registerRelyingParty(app, {
      name: 'Motor Registration',
      redirectUri: 'https://mvr.example/cb',
    });
    const citizen = await createCitizen(app.testDatabase.database.db);
    const browser = new Browser(app.issuer);
    const request = await authorizationRequest(rp, 'openid phone cnic');
    const start = await browser.follow(request.url.href);
    const consent = await signIn(browser, start.url, citizen.cnic, citizen.password);
    assert.equal(consent.response.status, 200);
    assert.match(browser.lastPage, /<input type="checkbox" id="share-cnic" name="shareCnic" value="yes"/);
    assert.doesNotMatch(browser.lastPage, /checked/);
    assert.match(browser.lastPage, /Motor Registration/);
    assert.match(browser.lastPage, /your mobile number/);
    const urdu = await browser.request(`${new URL(consent.url).pathname}?lang=ur`);
    assert.equal(urdu.status, 200);
    assert.match(browser.lastPage, /<html lang="ur" dir="rtl">/);
    assert.match(browser.lastPage, /Motor Registration/);
    assert.match(browser.lastPage, /شناختی کارڈ نمبر بھی دیں/);
  });
});

describe('subject identifiers', () => {
  it('are pairwise: different for two services, the same for one service every time', async () => {
    const one = await registerRelyingParty(app, { redirectUri: 'https://one.example/cb' });
    const two = await registerRelyingParty(app, { redirectUri: 'https://two.example/cb' });
    const citizen = await createCitizen(app.testDatabase.database.db);
    const browser = new Browser(app.issuer);
    const subOf = async (rp: RelyingParty, consent: 'allow' | 'none') => {
      const request = await authorizationRequest(rp, 'openid');
      return (await exchange(rp, request, await authorize(browser, request, citizen, consent))).claims()?.sub;
    };
    const firstAtOne = await subOf(one, 'allow');
    const atTwo = await subOf(two, 'allow');
    const againAtOne = await subOf(one, 'none'); // signed in and consented: no page this time
    assert.ok(firstAtOne !== undefined && atTwo !== undefined);
    assert.notEqual(firstAtOne, atTwo);
    assert.equal(againAtOne, firstAtOne);
    assert.notEqual(firstAtOne, citizen.id);
  });

  it('are the account id for a government-internal service', async () => {
    const internal = await registerRelyingParty(app, {
      redirectUri: 'https://hrmis.balochistan.example/cb',
      governmentInternal: true,
    });
    const citizen = await createCitizen(app.testDatabase.database.db);
    const request = await authorizationRequest(internal, 'openid profile');
    const tokens = await exchange(
      internal,
      request,
      await authorize(new Browser(app.issuer), request, citizen),
    );
    assert.equal(tokens.claims()?.sub, citizen.id);
  });
});
