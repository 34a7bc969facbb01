import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { FormClient } from '../../test-support/form-client.ts';
import { totpCode, TOTP_STEP_SECONDS } from './credentials/totp.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const PASSWORD = 'officer password for tests';

async function createOfficer() {
  const email = `officer.${Math.random().toString(36).slice(2)}@sahulat.test`;
  await t.services.accounts.createStaffAccount(systemActor('test'), {
    email,
    fullName: 'Test Officer',
    password: PASSWORD,
    grants: [{ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }],
  });
  return email;
}

async function passwordStep(browser: FormClient, email: string) {
  await browser.get('/sign-in');
  return browser.post('/sign-in', { identifier: email, password: PASSWORD, next: '/account' });
}

function secretFrom(body: string): string {
  const match = /<code dir="ltr">([A-Z2-7 ]+)<\/code>/.exec(body);
  assert.ok(match?.[1] !== undefined, 'the page shows the key');
  return match[1].replaceAll(' ', '');
}

describe('officer second factor', () => {
  it('enrols an authenticator at first sign-in and shows recovery codes once', async () => {
    const email = await createOfficer();
    const browser = new FormClient(t.app);
    const afterPassword = await passwordStep(browser, email);
    assert.equal(afterPassword.headers.location, '/sign-in/totp-setup?next=%2Faccount');
    assert.equal((await browser.get('/account')).statusCode, 303, 'not usable before the second factor');

    const setup = await browser.get('/sign-in/totp-setup?next=%2Faccount');
    assert.equal(setup.statusCode, 200);
    assert.match(setup.body, /<img src="data:image\/svg\+xml;base64,/);
    const secret = secretFrom(setup.body);
    assert.equal(
      secretFrom((await browser.get('/sign-in/totp-setup')).body),
      secret,
      'the same secret until confirmed',
    );

    assert.equal(
      (await browser.post('/sign-in/totp-setup', { code: '000000', next: '/account' })).statusCode,
      400,
    );
    const confirmed = await browser.post('/sign-in/totp-setup', { code: totpCode(secret), next: '/account' });
    assert.equal(confirmed.statusCode, 200);
    const codes = [...confirmed.body.matchAll(/<code>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})<\/code>/g)].map(
      (m) => m[1],
    );
    assert.equal(codes.length, 10);
    assert.equal((await browser.get('/account')).statusCode, 200, 'usable now');
  });

  it('asks for a code at every later sign-in, refuses a replay, and accepts a recovery code once', async () => {
    const email = await createOfficer();
    const first = new FormClient(t.app);
    await passwordStep(first, email);
    const secret = secretFrom((await first.get('/sign-in/totp-setup')).body);
    // Enrol with the previous step's code so the current one is still fresh for the next sign-in.
    const previous = new Date(Date.now() - TOTP_STEP_SECONDS * 1000);
    const confirmed = await first.post('/sign-in/totp-setup', {
      code: totpCode(secret, previous),
      next: '/account',
    });
    const recovery = /<code>([0-9a-z-]{14})<\/code>/.exec(confirmed.body)?.[1];
    assert.ok(recovery !== undefined);

    const second = new FormClient(t.app);
    assert.equal(
      (await passwordStep(second, email)).headers.location,
      '/sign-in/second-factor?next=%2Faccount',
    );
    await second.get('/sign-in/second-factor?next=%2Faccount');
    assert.equal(
      (await second.post('/sign-in/second-factor', { code: '123456', next: '/account' })).statusCode,
      400,
    );
    const now = totpCode(secret);
    const ok = await second.post('/sign-in/second-factor', { code: now, next: '/account' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/account');

    const third = new FormClient(t.app);
    await passwordStep(third, email);
    await third.get('/sign-in/second-factor');
    assert.equal(
      (await third.post('/sign-in/second-factor', { code: now })).statusCode,
      400,
      'a used code is refused',
    );
    assert.equal(
      (await third.post('/sign-in/second-factor', { code: recovery.toUpperCase() })).statusCode,
      303,
    );

    const fourth = new FormClient(t.app);
    await passwordStep(fourth, email);
    await fourth.get('/sign-in/second-factor');
    assert.equal(
      (await fourth.post('/sign-in/second-factor', { code: recovery })).statusCode,
      400,
      'single use',
    );
  });

  it('ends the half-signed-in session after 5 wrong codes', async () => {
    const email = await createOfficer();
    const browser = new FormClient(t.app);
    await passwordStep(browser, email);
    const secret = secretFrom((await browser.get('/sign-in/totp-setup')).body);
    await browser.post('/sign-in/totp-setup', { code: totpCode(secret) });
    const again = new FormClient(t.app, { remoteAddress: '10.1.1.1' });
    await passwordStep(again, email);
    await again.get('/sign-in/second-factor');
    let last = 0;
    for (let i = 0; i < 5; i += 1)
      last = (await again.post('/sign-in/second-factor', { code: `99999${i}` })).statusCode;
    assert.equal(last, 303, 'sent back to sign in');
    assert.equal((await again.get('/sign-in/second-factor')).statusCode, 303);
  });
});
