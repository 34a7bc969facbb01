import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { type TestCitizen, createCitizen } from '../../test-support/factories.ts';
import { FormClient } from '../../test-support/form-client.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

async function signedIn(citizen: TestCitizen) {
  const browser = new FormClient(t.app);
  await browser.get('/sign-in');
  const response = await browser.post('/sign-in', {
    identifier: citizen.cnic,
    password: citizen.password,
    next: '/account',
  });
  assert.equal(response.statusCode, 303);
  return browser;
}

describe('your account', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const response = await t.app.inject('/account');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/sign-in?next=%2Faccount');
    const data = await t.app.inject('/account/data.json');
    assert.equal(data.statusCode, 303);
  });

  it('shows the details and every device signed in, in both languages', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    const browser = await signedIn(citizen);
    await signedIn(citizen);
    const page = await browser.get('/account');
    assert.equal(page.statusCode, 200);
    const dashed = `${citizen.cnic.slice(0, 5)}-${citizen.cnic.slice(5, 12)}-${citizen.cnic.slice(12)}`;
    assert.ok(page.body.includes(`<bdi dir="ltr">${dashed}</bdi>`));
    assert.match(page.body, /This device/);
    assert.equal(
      (page.body.match(/\/account\/sessions\/[0-9a-f-]{36}\/end/g) ?? []).length,
      1,
      'the other device',
    );
    const urdu = await browser.get('/account?lang=ur');
    assert.match(urdu.body, /آپ کا اکاؤنٹ/);
  });

  it('signs out another device, then every device', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    const phone = await signedIn(citizen);
    const kiosk = await signedIn(citizen);
    const page = await phone.get('/account');
    const endPath = /\/account\/sessions\/[0-9a-f-]{36}\/end/.exec(page.body)?.[0];
    assert.ok(endPath !== undefined);
    const ended = await phone.post(endPath, {});
    assert.equal(ended.headers.location, '/account?notice=ended');
    assert.equal((await kiosk.get('/account')).statusCode, 303, 'the kiosk is signed out');
    assert.equal((await phone.get('/account')).statusCode, 200, 'the phone is not');

    const laptop = await signedIn(citizen);
    await phone.get('/account');
    const everywhere = await phone.post('/account/sessions/end-all', {});
    assert.equal(everywhere.statusCode, 303);
    assert.equal((await laptop.get('/account')).statusCode, 303);
    assert.equal((await phone.get('/account')).statusCode, 303);
  });

  it('cannot end a session of somebody else', async () => {
    const owner = await createCitizen(t.testDatabase.database.db);
    const other = await createCitizen(t.testDatabase.database.db);
    const ownerBrowser = await signedIn(owner);

    const otherBrowser = await signedIn(other);
    const secondOwner = await signedIn(owner);
    const listing = await secondOwner.get('/account');
    const ownerSessionPath = /\/account\/sessions\/[0-9a-f-]{36}\/end/.exec(listing.body)?.[0];
    assert.ok(ownerSessionPath !== undefined);
    await otherBrowser.get('/account');
    await otherBrowser.post(ownerSessionPath, {});
    assert.equal((await ownerBrowser.get('/account')).statusCode, 200, "the owner's session is untouched");
  });

  it('downloads the personal data as JSON without any secret', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    const browser = await signedIn(citizen);
    const response = await browser.get('/account/data.json');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-disposition']), /attachment/);
    const data = response.json<{ account: Record<string, unknown>; activity: { action: string }[] }>();
    assert.equal(data.account['cnic'], citizen.cnic);
    assert.ok(data.activity.some((event) => event.action === 'sign_in.password_ok'));
    assert.doesNotMatch(response.body, /argon2|scrypt|password_hash|totp_secret|passwordHash/);
  });
});

describe('changing contact details', () => {
  it('needs the password and a code sent to the new number, and changes nothing before', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    const browser = await signedIn(citizen);
    await browser.get('/account/contacts/mobile');
    const newMobile = `+92333${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const wrong = await browser.post('/account/contacts/mobile', {
      value: newMobile,
      password: 'not my password',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /password is not right/);
    assert.ok(wrong.body.includes(newMobile), 'the new number is kept');

    const started = await browser.post('/account/contacts/mobile', {
      value: newMobile,
      password: citizen.password,
    });
    assert.equal(started.statusCode, 200);
    const messages = await t.services.notifications.recentMessages(systemActor('test'), 100);
    const code = /(\d{6})/.exec(messages.find((m) => m.recipient === newMobile)?.body ?? '')?.[1];
    assert.ok(code !== undefined);
    assert.ok((await browser.get('/account')).body.includes(citizen.mobile.slice(-7)), 'not changed yet');

    const confirmed = await browser.post('/account/contacts/mobile/confirm', {
      destination: newMobile,
      code,
    });
    assert.equal(confirmed.statusCode, 303);
    const account = await browser.get('/account');
    assert.ok(account.body.includes(newMobile.slice(-7)));
  });

  it('adds an e-mail address by a code sent by e-mail', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    const browser = await signedIn(citizen);
    await browser.get('/account/contacts/email');
    const email = `citizen.${Math.random().toString(36).slice(2)}@example.com`;
    assert.equal(
      (await browser.post('/account/contacts/email', { value: email, password: citizen.password }))
        .statusCode,
      200,
    );
    const messages = await t.services.notifications.recentMessages(systemActor('test'), 100);
    const sent = messages.find((m) => m.recipient === email);
    assert.equal(sent?.channel, 'email');
    const code = /(\d{6})/.exec(sent.body)?.[1] ?? '';
    assert.equal(
      (await browser.post('/account/contacts/email/confirm', { destination: email, code })).statusCode,
      303,
    );
    assert.ok((await browser.get('/account')).body.includes(email));
  });
});
