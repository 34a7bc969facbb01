import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { FormClient } from '../../test-support/form-client.ts';
import { updateAccount } from './accounts/repo-identity.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

async function signIn(client: FormClient, identifier: string, password: string, next = '/') {
  await client.get(`/sign-in?next=${encodeURIComponent(next)}`);
  return client.post('/sign-in', { identifier, password, next });
}

describe('citizen sign-in', () => {
  it('signs in with CNIC and password, shows the account in the header, and signs out', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    const browser = new FormClient(t.app);
    const response = await signIn(
      browser,
      citizen.cnic.replace(/^(\d{5})(\d{7})(\d)$/, '$1-$2-$3'),
      citizen.password,
      '/districts',
    );
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/districts');
    const cookie = response.cookies.find((c) => c.name === 'sid');
    assert.ok(cookie !== undefined);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');

    const home = await browser.get('/');
    assert.match(home.body, /Sign out/);
    assert.equal(home.headers['cache-control'], 'no-store');

    const out = await browser.post('/sign-out', {});
    assert.equal(out.statusCode, 303);
    const after = await t.app.inject({ url: '/', cookies: { sid: cookie.value } });
    assert.match(after.body, /Sign in/, 'the old cookie no longer works');
    assert.doesNotMatch(after.body, /Sign out/);
  });

  it('gives a new session id at every sign-in', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    const first = await signIn(new FormClient(t.app), citizen.cnic, citizen.password);
    const second = await signIn(new FormClient(t.app), citizen.cnic, citizen.password);
    const token = (r: typeof first) => r.cookies.find((c) => c.name === 'sid')?.value;
    assert.notEqual(token(first), token(second));
  });

  it('keeps what was typed and explains a wrong password without saying which part was wrong', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    const response = await signIn(new FormClient(t.app), citizen.cnic, 'not the password');
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /is not right/);
    assert.ok(response.body.includes(`value="${citizen.cnic}"`), 'the identifier is kept');
    assert.ok(!response.body.includes('not the password'), 'the password is never echoed');
    const unknown = await signIn(new FormClient(t.app), '12345-1234567-1', 'whatever password');
    assert.equal(unknown.statusCode, 401);
    assert.match(unknown.body, /is not right/);
  });

  it('slows one address down after 5 failures without locking the citizen out elsewhere', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    const attacker = new FormClient(t.app, { remoteAddress: '10.20.30.40' });
    for (let i = 0; i < 5; i += 1) {
      assert.equal((await signIn(attacker, citizen.cnic, `wrong ${i}`)).statusCode, 401);
    }
    const locked = await signIn(attacker, citizen.cnic, citizen.password);
    assert.equal(locked.statusCode, 429);
    assert.match(locked.body, /wait 1 minutes/);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    const owner = await signIn(
      new FormClient(t.app, { remoteAddress: '10.99.0.1' }),
      citizen.cnic,
      citizen.password,
    );
    assert.equal(owner.statusCode, 303, 'the citizen on their own phone still gets in');
  });

  it('ends sessions at once when the account is disabled, and after 30 idle minutes', async () => {
    const db = t.testDatabase.database.db;
    const citizen = await createCitizen(db);
    const browser = new FormClient(t.app);
    await signIn(browser, citizen.cnic, citizen.password);
    assert.match((await browser.get('/')).body, /Sign out/);
    await sql`update user_session set last_seen_at = now() - interval '31 minutes' where user_id = ${citizen.id}`.execute(
      db,
    );
    assert.match((await browser.get('/')).body, /Sign in/, 'idle timeout');

    const other = new FormClient(t.app);
    await signIn(other, citizen.cnic, citizen.password);
    await updateAccount(db, citizen.id, { status: 'disabled' });
    assert.match((await other.get('/')).body, /Sign in/, 'disabled account');
    const refused = await signIn(new FormClient(t.app), citizen.cnic, citizen.password);
    assert.equal(refused.statusCode, 403);
  });

  it('only returns to paths on this site', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const response = await signIn(new FormClient(t.app), citizen.cnic, citizen.password, next);
      assert.equal(response.headers.location, '/account', next);
    }
  });

  it('asks a citizen whose mobile is not verified to verify it first', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db, { verified: false });
    const response = await signIn(new FormClient(t.app), citizen.cnic, citizen.password, '/districts');
    assert.equal(response.headers.location, '/verify/mobile?next=%2Fdistricts');
  });
});
