import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../platform/logger.ts';
import { totpCode } from '../modules/identity/credentials/totp.ts';
import { type TestApp, buildTestApp } from '../test-support/app.ts';
import { FormClient } from '../test-support/form-client.ts';
import {
  DEMO_ADMIN,
  DEMO_CITIZEN,
  DEMO_OFFICER_PASSWORD,
  DEMO_OFFICERS,
  DEMO_TOTP_SECRET,
  seedDemo,
} from './demo.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

async function signIn(identifier: string, password: string) {
  const browser = new FormClient(t.app);
  await browser.get('/sign-in');
  const response = await browser.post('/sign-in', { identifier, password, next: '/account' });
  return { browser, response };
}

describe('demo data', () => {
  it('loads once, and the README’s accounts work as documented', async () => {
    const db = t.testDatabase.database.db;
    assert.equal(await seedDemo(db, t.services, createLogger('silent')), true);
    assert.equal(await seedDemo(db, t.services, createLogger('silent')), false, 'only once');

    const citizen = await signIn(DEMO_CITIZEN.cnic, DEMO_CITIZEN.password);
    assert.equal(citizen.response.headers.location, '/account', 'the citizen’s mobile is already verified');

    const admin = await signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
    assert.equal(
      admin.response.headers.location,
      '/sign-in/second-factor?next=%2Faccount',
      'TOTP already enrolled',
    );
    await admin.browser.get('/sign-in/second-factor');
    const second = await admin.browser.post('/sign-in/second-factor', {
      code: totpCode(DEMO_TOTP_SECRET),
      next: '/account',
    });
    assert.equal(second.headers.location, '/account');

    const officer = DEMO_OFFICERS[0];
    assert.ok(officer !== undefined);
    const officerSignIn = await signIn(officer.email, DEMO_OFFICER_PASSWORD);
    assert.match(String(officerSignIn.response.headers.location), /second-factor/);
  });
});
