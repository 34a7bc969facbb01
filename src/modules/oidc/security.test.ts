// What the provider refuses: replayed codes, wrong redirect URIs, missing or wrong PKCE, scopes a client
// was not registered for, wrong client secrets.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { type TestCitizen, createCitizen } from '../../test-support/factories.ts';
import {
  type AuthorizationRequest,
  Browser,
  type ListeningApp,
  type RelyingParty,
  authorizationRequest,
  authorizeIn,
  exchange,
  registerRelyingParty,
  signIn,
  startListeningApp,
  userinfoStatus,
} from './test-helpers.ts';

let app: ListeningApp;
let rp: RelyingParty;
before(async () => {
  app = await startListeningApp();
  rp = await registerRelyingParty(app, {
    redirectUri: 'https://rp.example/callback',
    scopes: ['openid', 'profile'],
  });
});
after(() => app.close());

/** A signed-in citizen who already consented, and a fresh code for them. */
async function freshCode(
  extra: Record<string, string> = {},
): Promise<{ request: AuthorizationRequest; callback: URL }> {
  const citizen: TestCitizen = await createCitizen(app.testDatabase.database.db);
  const request = await authorizationRequest(rp, 'openid profile', extra);
  const callback = await authorizeIn(app, new Browser(app.issuer), request, citizen);
  return { request, callback };
}

/** A token request by hand, for what openid-client itself would never send. */
function postToken(secret: string, params: Record<string, string>): Promise<Response> {
  return fetch(`${app.issuer}/oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(rp.clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', ...params }).toString(),
  });
}

/** The OAuth error a token request failed with. */
async function tokenError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error: unknown) {
    assert.ok(error instanceof client.ResponseBodyError, `an OAuth error response, got ${String(error)}`);
    return error.error;
  }
  assert.fail('the token request succeeded');
}

describe('authorization codes', () => {
  it('are single use: a replayed code is refused and the tokens it gave are revoked', async () => {
    const { request, callback } = await freshCode();
    const tokens = await exchange(rp, request, callback);
    assert.equal(await userinfoStatus(app, tokens.access_token), 200);
    assert.equal(await tokenError(exchange(rp, request, callback)), 'invalid_grant');
    assert.equal(await userinfoStatus(app, tokens.access_token), 401, 'a replay revokes what the code gave');
  });

  it('are redeemed once even when two requests race', async () => {
    const { request, callback } = await freshCode();
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => exchange(rp, request, callback)),
    );
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
  });
});

describe('redirect URIs', () => {
  it('must match a registered one exactly; the browser is never sent to another', async () => {
    const browser = new Browser(app.issuer);
    for (const wrong of [
      'https://evil.example/callback',
      'https://rp.example/callback/',
      'https://rp.example/callback?x=1',
      'http://rp.example/callback',
    ]) {
      const request = await authorizationRequest({ ...rp, redirectUri: wrong }, 'openid');
      const response = await browser.request(request.url.href);
      assert.equal(response.status, 400, wrong);
      assert.equal(response.headers.get('location'), null, `no redirect for ${wrong}`);
      assert.match(await response.text(), /redirect_uri/);
    }
  });

  it('must also match at the token endpoint', async () => {
    const { request, callback } = await freshCode();
    const response = await postToken(rp.clientSecret, {
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: 'https://rp.example/other',
      code_verifier: request.verifier,
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_grant');
  });
});

describe('PKCE', () => {
  it('is required: an authorization request without a code challenge is refused', async () => {
    const request = await authorizationRequest(rp, 'openid');
    request.url.searchParams.delete('code_challenge');
    request.url.searchParams.delete('code_challenge_method');
    const response = await new Browser(app.issuer).request(request.url.href);
    const location = new URL(response.headers.get('location') ?? '', app.issuer);
    assert.equal(location.origin + location.pathname, rp.redirectUri);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
    assert.match(location.searchParams.get('error_description') ?? '', /PKCE/);
  });

  it('accepts S256 only', async () => {
    const request = await authorizationRequest(rp, 'openid', { code_challenge_method: 'plain' });
    const response = await new Browser(app.issuer).request(request.url.href);
    assert.equal(
      new URL(response.headers.get('location') ?? '', app.issuer).searchParams.get('error'),
      'invalid_request',
    );
  });

  it('refuses a token request without the code verifier, or with the wrong one', async () => {
    const missing = await freshCode();
    assert.equal(
      await tokenError(
        client.authorizationCodeGrant(rp.config, missing.callback, { expectedState: missing.request.state }),
      ),
      'invalid_grant',
    );
    const wrong = await freshCode();
    assert.equal(
      await tokenError(
        client.authorizationCodeGrant(rp.config, wrong.callback, {
          pkceCodeVerifier: client.randomPKCECodeVerifier(),
          expectedState: wrong.request.state,
        }),
      ),
      'invalid_grant',
    );
  });
});

describe('clients', () => {
  it('cannot ask for scopes they were not registered for', async () => {
    const request = await authorizationRequest(rp, 'openid cnic');
    const response = await new Browser(app.issuer).request(request.url.href);
    assert.equal(
      new URL(response.headers.get('location') ?? '', app.issuer).searchParams.get('error'),
      'invalid_scope',
    );
  });

  it('must present their own secret', async () => {
    const { request, callback } = await freshCode();
    const response = await postToken('not-the-secret', {
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: rp.redirectUri,
      code_verifier: request.verifier,
    });
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_client');
    // The code was not spent by the failed attempt: the real client can still redeem it.
    assert.ok((await exchange(rp, request, callback)).access_token.length > 0);
  });
});

describe('the consent form', () => {
  it('needs its CSRF token: a forged “Allow” releases nothing', async () => {
    const citizen = await createCitizen(app.testDatabase.database.db);
    const browser = new Browser(app.issuer);
    const request = await authorizationRequest(rp, 'openid profile');
    const start = await browser.follow(request.url.href);
    const consent = await signIn(browser, start.url, citizen.cnic, citizen.password);
    assert.match(browser.lastPage, /Share your details with/);
    const forged = await browser.request(`${new URL(consent.url).pathname}/confirm`, { form: {} });
    assert.equal(forged.status, 403);
    assert.equal(forged.headers.get('location'), null);
  });
});
