// Idempotency-Key on the API's POSTs, through the real app and PostgreSQL: replay, another body, a request
// still in flight, per-caller keys, failures that give the key back, abandoned claims, expiry.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { deleteExpiredIdempotencyKeys, parseIdempotencyKey } from './idempotency.ts';

let t: TestApp;
let calls = 0;
let failNext = false;
let releaseSlow: () => void = () => undefined;
let slowStarted: Promise<void> = Promise.resolve();
let markSlowStarted: () => void = () => undefined;

before(async () => {
  t = await buildTestApp({
    beforeReady: (app) => {
      app.post('/api/v1/test/things', async (request, reply) => {
        calls += 1;
        if (failNext) {
          failNext = false;
          throw new Error('the database went away');
        }
        return reply
          .code(201)
          .header('location', `/api/v1/test/things/${calls}`)
          .send({ n: calls, got: request.body });
      });
      app.post('/api/v1/test/slow', async () => {
        markSlowStarted();
        await new Promise<void>((resolve) => {
          releaseSlow = resolve;
        });
        return { done: true };
      });
    },
  });
});
after(() => t.close());

/** A signed-in citizen's cookie and the CSRF token its POSTs carry. */
async function caller() {
  const citizen = await createCitizen(t.testDatabase.database.db);
  const { token } = await t.services.identity.sessions.create(
    { id: citizen.id, kind: 'citizen' },
    { ip: '127.0.0.1', userAgent: 'test' },
    true,
  );
  const cookies: Record<string, string> = { sid: token };
  const response = await t.app.inject({ url: '/api/v1/csrf-token', cookies });
  for (const cookie of response.cookies) cookies[cookie.name] = cookie.value;
  const csrf = response.json<{ token: string }>().token;
  return (url: string, body: unknown, key?: string) =>
    t.app.inject({
      method: 'POST',
      url,
      cookies,
      headers: { 'x-csrf-token': csrf, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload: body as Record<string, unknown>,
    });
}

const uniqueKey = () => `key-${Math.random().toString(36).slice(2)}`;

describe('Idempotency-Key', () => {
  it('replays the first response to the same request, without running it again', async () => {
    const post = await caller();
    const key = uniqueKey();
    const before = calls;
    const first = await post('/api/v1/test/things', { a: 1, b: [1, 2] }, key);
    assert.equal(first.statusCode, 201);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    // The same body with its members in another order is the same request.
    const again = await post('/api/v1/test/things', { b: [1, 2], a: 1 }, key);
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body, first.body);
    assert.equal(again.headers.location, first.headers.location);
    assert.match(String(again.headers['content-type']), /application\/json/);
    assert.equal(calls, before + 1, 'the handler ran once');
  });

  it('refuses the key with a different request (422), and a request without a key always runs', async () => {
    const post = await caller();
    const key = uniqueKey();
    assert.equal((await post('/api/v1/test/things', { a: 1 }, key)).statusCode, 201);
    const other = await post('/api/v1/test/things', { a: 2 }, key);
    assert.equal(other.statusCode, 422);
    assert.match(String(other.headers['content-type']), /application\/problem\+json/);
    const problem = other.json<{ errors: { field: string; messageKey: string; detail: string }[] }>();
    assert.equal(problem.errors[0]?.field, 'header/Idempotency-Key');
    assert.equal(problem.errors[0].messageKey, 'api.error.idempotencyKeyReused');
    assert.ok(problem.errors[0].detail.length > 10);
    const before = calls;
    await post('/api/v1/test/things', { a: 1 });
    await post('/api/v1/test/things', { a: 1 });
    assert.equal(calls, before + 2);
  });

  it('answers 409 while the first request with the key is still running, then replays it', async () => {
    const post = await caller();
    const key = uniqueKey();
    slowStarted = new Promise((resolve) => {
      markSlowStarted = resolve;
    });
    const first = post('/api/v1/test/slow', { x: 1 }, key);
    await slowStarted;
    const concurrent = await post('/api/v1/test/slow', { x: 1 }, key);
    assert.equal(concurrent.statusCode, 409);
    assert.equal(concurrent.json<{ code: string }>().code, 'conflict');
    assert.equal(concurrent.headers['retry-after'], '1');
    releaseSlow();
    assert.equal((await first).statusCode, 200);
    const later = await post('/api/v1/test/slow', { x: 1 }, key);
    assert.equal(later.statusCode, 200);
    assert.equal(later.headers['idempotent-replayed'], 'true');
  });

  it('keeps keys per caller', async () => {
    const alice = await caller();
    const bob = await caller();
    const key = uniqueKey();
    const mine = await alice('/api/v1/test/things', { a: 1 }, key);
    const theirs = await bob('/api/v1/test/things', { a: 1 }, key);
    assert.equal(theirs.headers['idempotent-replayed'], undefined);
    assert.notEqual(theirs.body, mine.body);
  });

  it('gives the key back when the request fails on our side, so a retry runs', async () => {
    const post = await caller();
    const key = uniqueKey();
    failNext = true;
    assert.equal((await post('/api/v1/test/things', { a: 1 }, key)).statusCode, 500);
    const retry = await post('/api/v1/test/things', { a: 1 }, key);
    assert.equal(retry.statusCode, 201);
    assert.equal(retry.headers['idempotent-replayed'], undefined);
  });

  it('takes over a claim abandoned by a crashed instance, and forgets expired keys', async () => {
    const db = t.testDatabase.database.db;
    const post = await caller();
    const key = uniqueKey();
    assert.equal((await post('/api/v1/test/things', { a: 1 }, key)).statusCode, 201);
    // As if the first request's instance died mid-flight a while ago.
    await sql`update idempotency_key set state = 'in_flight', started_at = now() - interval '2 minutes'
              where key = ${key}`.execute(db);
    assert.equal((await post('/api/v1/test/things', { a: 1 }, key)).statusCode, 409, 'not yet abandoned');
    await sql`update idempotency_key set started_at = now() - interval '10 minutes' where key = ${key}`.execute(
      db,
    );
    const retried = await post('/api/v1/test/things', { a: 1 }, key);
    assert.equal(retried.statusCode, 201);
    assert.equal(retried.headers['idempotent-replayed'], undefined);

    await sql`update idempotency_key set expires_at = now() - interval '1 second' where key = ${key}`.execute(
      db,
    );
    const fresh = await post('/api/v1/test/things', { a: 2 }, key);
    assert.equal(fresh.statusCode, 201, 'an expired key is free again, whatever it was used for');
    await sql`update idempotency_key set expires_at = now() - interval '1 second' where key = ${key}`.execute(
      db,
    );
    assert.ok((await deleteExpiredIdempotencyKeys(db)) >= 1);
    const left = await sql<{
      n: number;
    }>`select count(*)::int as n from idempotency_key where key = ${key}`.execute(db);
    assert.equal(left.rows[0]?.n, 0);
  });

  it('refuses a malformed key with 400 and accepts the structured-field form', async () => {
    const post = await caller();
    for (const bad of ['', 'x'.repeat(256), 'tab\there', 'ünicode']) {
      const response = await post('/api/v1/test/things', { a: 1 }, bad);
      assert.equal(response.statusCode, 400, JSON.stringify(bad));
    }
    assert.equal(parseIdempotencyKey('"8e03978e-40d5"'), '8e03978e-40d5');
    assert.equal(parseIdempotencyKey('"a \\"quoted\\" key"'), 'a "quoted" key');
    assert.equal(parseIdempotencyKey(['a', 'b']), undefined);
    assert.equal(parseIdempotencyKey('x'.repeat(255)), 'x'.repeat(255));
  });
});
