// The HTTP platform through the real app: health, metrics, headers, errors, language, CSRF, limits.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../errors.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';

let t: TestApp;

before(async () => {
  t = await buildTestApp({
    jobs: true,
    beforeReady(app) {
      app.get('/test/explode', async () => {
        throw new Error('secret internal detail at /srv/app/src/x.ts:12');
      });
      app.get('/api/v1/test/explode', async () => {
        throw new Error('secret internal detail');
      });
      app.get('/api/v1/test/conflict', async () => {
        throw new AppError('conflict', 'The bill was already paid');
      });
      app.get('/test/form', async (_request, reply) => ({ token: reply.generateCsrf() }));
      app.get('/test/two-forms', async (_request, reply) => ({
        first: reply.generateCsrf(),
        second: reply.generateCsrf(),
      }));
      app.post('/test/form', async (request) => ({
        received: (request.body as Record<string, string>)['name'],
      }));
    },
  });
});
after(() => t.close());

describe('health and metrics', () => {
  it('answers /healthz and /readyz in JSON', async () => {
    const health = await t.app.inject('/healthz');
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'ok' });
    const ready = await t.app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready', database: 'ok', migrations: 'current' });
  });

  it('exposes Prometheus metrics by route and status, with pool and job gauges', async () => {
    await t.app.inject('/healthz');
    await t.app.inject('/no-such-page');
    const metrics = await t.app.inject('/metrics');
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.headers['content-type'] ?? '', /^text\/plain/);
    assert.match(
      metrics.body,
      /http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} \d+/,
    );
    assert.match(metrics.body, /route="unmatched",status_code="404"/);
    assert.match(metrics.body, /db_pool_connections\{state="total"\} \d+/);
    assert.match(metrics.body, /# TYPE job_queue_jobs gauge/);
    assert.match(metrics.body, /process_resident_memory_bytes/);
  });
});

describe('security headers', () => {
  it('sends a strict CSP and the usual protections on every response', async () => {
    const response = await t.app.inject('/');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.equal(response.headers['strict-transport-security'], undefined, 'no HSTS over plain http');
  });

  it('echoes a well-formed request id and replaces a malformed one', async () => {
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc12345-proxy' } });
    assert.equal(kept.headers['x-request-id'], 'abc12345-proxy');
    const replaced = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nforged' } });
    assert.match(String(replaced.headers['x-request-id']), /^[0-9a-f]{16}$/);
  });
});

describe('errors', () => {
  it('renders a 404 page in the reader’s language', async () => {
    const english = await t.app.inject('/no-such-page');
    assert.equal(english.statusCode, 404);
    assert.match(english.headers['content-type'] ?? '', /^text\/html/);
    assert.match(english.body, /Page not found/);
    const urdu = await t.app.inject({
      url: '/no-such-page',
      headers: { 'accept-language': 'ur-PK,ur;q=0.9' },
    });
    assert.equal(urdu.statusCode, 404);
    assert.match(urdu.body, /<html lang="ur" dir="rtl"/);
    assert.match(urdu.body, /صفحہ نہیں ملا/);
  });

  it('answers API 404s as RFC 9457 problem details', async () => {
    const response = await t.app.inject('/api/v1/nothing-here');
    assert.equal(response.statusCode, 404);
    assert.match(response.headers['content-type'] ?? '', /^application\/problem\+json/);
    const problem = response.json<Record<string, unknown>>();
    assert.equal(problem['status'], 404);
    assert.equal(problem['code'], 'not_found');
    assert.equal(problem['instance'], '/api/v1/nothing-here');
    assert.equal(typeof problem['requestId'], 'string');
  });

  it('maps typed errors to their status with the stable code', async () => {
    const response = await t.app.inject('/api/v1/test/conflict');
    assert.equal(response.statusCode, 409);
    const problem = response.json<Record<string, unknown>>();
    assert.equal(problem['code'], 'conflict');
    assert.equal(problem['detail'], 'The bill was already paid');
  });

  it('never shows a stack trace or internal message, and gives a reference', async () => {
    const page = await t.app.inject('/test/explode');
    assert.equal(page.statusCode, 500);
    assert.doesNotMatch(page.body, /secret internal detail|\.ts:\d+|\n\s+at /);
    assert.ok(page.body.includes(String(page.headers['x-request-id'])), 'the page shows the request id');
    const api = await t.app.inject('/api/v1/test/explode');
    assert.equal(api.statusCode, 500);
    assert.doesNotMatch(api.body, /secret internal detail/);
    assert.equal(api.json<Record<string, unknown>>()['code'], 'internal');
  });

  it('refuses bodies over the limit with 413', async () => {
    const token = (await t.app.inject('/test/form')).json<{ token: string }>().token;
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${token}&name=${'a'.repeat(1_100_000)}`,
    });
    assert.equal(response.statusCode, 413);
  });
});

describe('language', () => {
  it('defaults to English, honours Accept-Language, and remembers ?lang in a cookie', async () => {
    const english = await t.app.inject('/');
    assert.match(english.body, /<html lang="en" dir="ltr"/);
    const fromHeader = await t.app.inject({ url: '/', headers: { 'accept-language': 'fr;q=1, ur;q=0.5' } });
    assert.match(fromHeader.body, /<html lang="ur" dir="rtl"/);
    const chosen = await t.app.inject('/?lang=ur');
    assert.match(chosen.body, /<html lang="ur" dir="rtl"/);
    const cookie = chosen.cookies.find((c) => c.name === 'lang');
    assert.equal(cookie?.value, 'ur');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    const remembered = await t.app.inject({
      url: '/',
      cookies: { lang: 'ur' },
      headers: { 'accept-language': 'en' },
    });
    assert.match(remembered.body, /<html lang="ur" dir="rtl"/);
    const unknown = await t.app.inject({ url: '/?lang=xx', cookies: { lang: 'ur' } });
    assert.match(unknown.body, /<html lang="ur"/, 'an unknown ?lang is ignored');
  });

  it('marks cookies Secure when the request came over TLS through a trusted proxy', async () => {
    const proxied = await buildTestApp({ env: { TRUST_PROXY: '1' } });
    try {
      const response = await proxied.app.inject({
        url: '/?lang=ur',
        headers: { 'x-forwarded-proto': 'https' },
      });
      assert.equal(response.cookies.find((c) => c.name === 'lang')?.secure, true);
      assert.match(String(response.headers['strict-transport-security']), /max-age=/);
    } finally {
      await proxied.close();
    }
  });
});

describe('CSRF protection', () => {
  it('refuses a form post without a valid token and accepts one with it', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Ali',
    });
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /This form has expired/);

    const issued = await t.app.inject('/test/form');
    const cookie = issued.cookies.find((c) => c.name === 'csrf');
    assert.ok(cookie !== undefined);
    assert.equal(cookie.httpOnly, true);
    const { token } = issued.json<{ token: string }>();

    const forged = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      cookies: { csrf: cookie.value },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${token}x&name=Ali`,
    });
    assert.equal(forged.statusCode, 403);

    const accepted = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      cookies: { csrf: cookie.value },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(token)}&name=Ali`,
    });
    assert.equal(accepted.statusCode, 200);
    assert.deepEqual(accepted.json(), { received: 'Ali' });
  });
});

describe('CSRF on a first visit', () => {
  it('gives every form on a page a token that works with the one secret cookie set', async () => {
    const page = await t.app.inject('/test/two-forms');
    const cookies = page.cookies.filter((c) => c.name === 'csrf');
    assert.equal(cookies.length, 1, 'one secret, not one per form');
    const { first, second } = page.json<{ first: string; second: string }>();
    for (const token of [first, second]) {
      const posted = await t.app.inject({
        method: 'POST',
        url: '/test/form',
        cookies: { csrf: cookies[0]!.value },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(token)}&name=Ali`,
      });
      assert.equal(posted.statusCode, 200);
    }
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once an address exceeds the limit', async () => {
    const limited = await buildTestApp();
    try {
      let last = 0;
      for (let i = 0; i < 601 && last !== 429; i += 1) {
        last = (await limited.app.inject({ url: '/api/v1/departments', remoteAddress: '10.9.8.7' }))
          .statusCode;
      }
      const response = await limited.app.inject({ url: '/api/v1/departments', remoteAddress: '10.9.8.7' });
      assert.equal(response.statusCode, 429);
      assert.ok(response.headers['retry-after'] !== undefined);
      assert.equal(response.json<Record<string, unknown>>()['code'], 'rate_limited');
      const other = await limited.app.inject({ url: '/api/v1/departments', remoteAddress: '10.9.8.8' });
      assert.equal(other.statusCode, 200, 'another address is not affected');
    } finally {
      await limited.close();
    }
  });
});

describe('static assets', () => {
  it('serves the stylesheet and the Urdu font from our own origin, with caching', async () => {
    const css = await t.app.inject('/assets/css/app.css');
    assert.equal(css.statusCode, 200);
    assert.match(css.headers['content-type'] ?? '', /text\/css/);
    assert.match(String(css.headers['cache-control']), /max-age=86400/);
    const font = await t.app.inject('/assets/fonts/noto-naskh-arabic-400.woff2');
    assert.equal(font.statusCode, 200);
    assert.equal(font.headers['content-type'], 'font/woff2');
    const favicon = await t.app.inject('/favicon.ico');
    assert.equal(favicon.statusCode, 301);
    assert.equal(favicon.headers.location, '/assets/images/favicon.svg');
    assert.equal((await t.app.inject('/assets/../package.json')).statusCode, 404);
  });
});

describe('compression', () => {
  it('compresses pages and styles for clients that accept it', async () => {
    const page = await t.app.inject({ url: '/districts', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['content-encoding'], 'br');
    const css = await t.app.inject({ url: '/assets/css/app.css', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(css.headers['content-encoding'], 'gzip');
    const plain = await t.app.inject('/districts');
    assert.equal(plain.headers['content-encoding'], undefined);
  });
});
