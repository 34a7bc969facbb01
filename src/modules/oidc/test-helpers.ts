// Test helpers for the OpenID Provider: the real app listening on 127.0.0.1, a browser made of fetch and
// a cookie jar (no JavaScript, as the pages need none), and an openid-client v6 relying party.
import assert from 'node:assert/strict';
import net from 'node:net';
import * as client from 'openid-client';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import type { TestCitizen } from '../../test-support/factories.ts';
import type { NewClient } from './clients.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => {
        resolve(port);
      });
    });
    server.on('error', reject);
  });
}

export interface ListeningApp extends TestApp {
  readonly issuer: string;
}

/** The whole application on a test database, listening on a free port that is also its PUBLIC_URL. */
export async function startListeningApp(): Promise<ListeningApp> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const t = await buildTestApp({ env: { PUBLIC_URL: issuer, RATE_LIMIT_PER_MINUTE: '0' } });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { ...t, issuer };
}

interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
}

/** A browser without JavaScript: keeps cookies (honouring Path), follows nothing by itself. */
export class Browser {
  readonly #cookies = new Map<string, StoredCookie>();
  readonly #origin: string;
  lastPage = '';

  constructor(origin: string) {
    this.#origin = origin;
  }

  cookieHeader(path: string): string {
    return [...this.#cookies.values()]
      .filter(
        (cookie) =>
          path === cookie.path ||
          path.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`) ||
          cookie.path === '/',
      )
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = new URL(url, this.#origin);
    assert.equal(target.origin, this.#origin, `the browser only visits the app here, not ${target.origin}`);
    const headers: Record<string, string> = {
      cookie: this.cookieHeader(target.pathname),
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    };
    let body: string | undefined;
    if (init.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(target, {
      method: init.method ?? (init.form === undefined ? 'GET' : 'POST'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) this.#remember(line);
    if ((response.headers.get('content-type') ?? '').includes('text/html'))
      this.lastPage = await response.clone().text();
    return response;
  }

  /** Follows redirects within the app; stops at a page, or at the first address outside the app. */
  async follow(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<{ response: Response; url: string }> {
    let response = await this.request(url, init);
    let current = new URL(url, this.#origin).href;
    for (let hops = 0; hops < 20; hops += 1) {
      const location = response.headers.get('location');
      if (location === null || ![301, 302, 303, 307, 308].includes(response.status))
        return { response, url: current };
      current = new URL(location, current).href;
      if (!current.startsWith(this.#origin)) return { response, url: current };
      // 307/308 repeat the method and body, as browsers do.
      response = [307, 308].includes(response.status)
        ? await this.request(current, init)
        : await this.request(current);
    }
    throw new Error('too many redirects');
  }

  csrfToken(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastPage);
    assert.ok(match?.[1] !== undefined, 'the page has a CSRF token');
    return match[1];
  }

  #remember(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const index = pair.indexOf('=');
    const name = pair.slice(0, index);
    const value = pair.slice(index + 1);
    const attribute = (key: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const path = attribute('path') ?? '/';
    const expires = attribute('expires');
    const expired =
      attribute('max-age') === '0' || (expires !== undefined && new Date(expires).getTime() < Date.now());
    const key = `${name}|${path}`;
    if (expired || value === '') this.#cookies.delete(key);
    else this.#cookies.set(key, { name, value, path });
  }
}

/** Signs in on the real sign-in page, the way a person would after being sent there. */
export async function signIn(browser: Browser, signInUrl: string, identifier: string, password: string) {
  const page = await browser.request(signInUrl);
  assert.equal(page.status, 200, 'the sign-in page is shown');
  const next = /name="next" value="([^"]*)"/.exec(browser.lastPage)?.[1] ?? '/';
  return browser.follow('/sign-in', {
    form: { _csrf: browser.csrfToken(), identifier, password, next: next.replaceAll('&amp;', '&') },
  });
}

export interface RelyingParty {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly config: client.Configuration;
}

/** Registers a client through the service and discovers the provider with openid-client. */
export async function registerRelyingParty(
  app: ListeningApp,
  options: Partial<NewClient> & { redirectUri: string },
): Promise<RelyingParty> {
  const { clientId, clientSecret } = await app.services.oidc.createClient(systemActor('test'), {
    name: options.name ?? 'Test relying party',
    redirectUris: [options.redirectUri],
    postLogoutRedirectUris: options.postLogoutRedirectUris ?? [],
    scopes: options.scopes ?? ['openid', 'profile', 'phone', 'email', 'cnic'],
    governmentInternal: options.governmentInternal ?? false,
  });
  const config = await client.discovery(
    new URL(app.issuer),
    clientId,
    clientSecret,
    client.ClientSecretBasic(clientSecret),
    // The test server speaks plain http on 127.0.0.1; production relying parties must not do this.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    { execute: [client.allowInsecureRequests] },
  );
  return { clientId, clientSecret, redirectUri: options.redirectUri, config };
}

export interface AuthorizationRequest {
  readonly url: URL;
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
}

export async function authorizationRequest(
  rp: RelyingParty,
  scope: string,
  extra: Record<string, string> = {},
): Promise<AuthorizationRequest> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(rp.config, {
    redirect_uri: rp.redirectUri,
    scope,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  return { url, verifier, state, nonce };
}

export type Consent = 'allow' | 'allow-with-cnic' | 'deny' | 'none';

/** From the relying party's redirect to its callback, through sign-in (if needed) and consent. */
export async function authorizeIn(
  app: ListeningApp,
  browser: Browser,
  request: AuthorizationRequest,
  citizen: TestCitizen,
  consent: Consent = 'allow',
): Promise<URL> {
  let step = await browser.follow(request.url.href);
  if (new URL(step.url).pathname === '/sign-in') {
    step = await signIn(browser, step.url, citizen.cnic, citizen.password);
  }
  if (consent !== 'none') {
    assert.equal(step.response.status, 200, `the consent page is shown (at ${step.url})`);
    assert.match(browser.lastPage, /Share your details with/);
    const uidPath = new URL(step.url).pathname;
    const form: Record<string, string> = { _csrf: browser.csrfToken() };
    if (consent === 'allow-with-cnic') form['shareCnic'] = 'yes';
    step = await browser.follow(`${uidPath}/${consent === 'deny' ? 'deny' : 'confirm'}`, { form });
  }
  const callback = new URL(step.url);
  assert.ok(
    !callback.href.startsWith(app.issuer),
    `the browser ends at the relying party, not ${callback.href}`,
  );
  return callback;
}

export function exchange(rp: RelyingParty, request: AuthorizationRequest, callback: URL) {
  return client.authorizationCodeGrant(rp.config, callback, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
  });
}

/** The userinfo endpoint's status for an access token: 200 while it is valid, 401 once revoked. */
export async function userinfoStatus(app: ListeningApp, accessToken: string): Promise<number> {
  const response = await fetch(`${app.issuer}/oidc/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return response.status;
}
