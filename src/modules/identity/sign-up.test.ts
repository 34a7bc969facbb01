import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { uniqueCnic, uniqueMobile } from '../../test-support/factories.ts';
import { FormClient } from '../../test-support/form-client.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const PASSWORD = 'Ziarat juniper forest 2026';

/** The newest code sent by SMS to `mobile` (the development outbox keeps the rendered text). */
async function lastCodeSentTo(mobile: string): Promise<string> {
  const messages = await t.services.notifications.recentMessages(systemActor('test'), 200);
  const message = messages.find((m) => m.recipient === mobile);
  const code = message === undefined ? undefined : /\b(\d{6})\b/.exec(message.body)?.[1];
  assert.ok(code !== undefined, `a code was sent to ${mobile}`);
  return code;
}

function dashed(cnic: string): string {
  return `${cnic.slice(0, 5)}-${cnic.slice(5, 12)}-${cnic.slice(12)}`;
}

async function signUp(browser: FormClient, fields: Record<string, string>) {
  await browser.get('/sign-up');
  return browser.post('/sign-up', {
    cnic: '',
    fullName: '',
    fullNameUr: '',
    mobile: '',
    email: '',
    password: '',
    ...fields,
  });
}

describe('citizen sign-up', () => {
  it('creates the account, texts a code, and confirms the mobile number', async () => {
    const cnic = uniqueCnic();
    const mobile = uniqueMobile();
    const browser = new FormClient(t.app);
    const created = await signUp(browser, {
      cnic: dashed(cnic),
      fullName: 'Gul Bano',
      fullNameUr: 'گل بانو',
      mobile: `0${mobile.slice(3, 6)} ${mobile.slice(6)}`,
      password: PASSWORD,
    });
    assert.equal(created.statusCode, 303);
    assert.equal(created.headers.location, '/verify/mobile');
    const verify = await browser.get('/verify/mobile');
    assert.equal(verify.statusCode, 200);
    assert.match(verify.body, /\+92 300/);

    assert.equal((await browser.post('/verify/mobile', { code: '000000' })).statusCode, 400);
    const code = await lastCodeSentTo(mobile);
    const confirmed = await browser.post('/verify/mobile', { code });
    assert.equal(confirmed.statusCode, 303);
    const account = await browser.get('/account');
    assert.match(account.body, /Verified/);
    assert.match(account.body, /گل بانو/);
  });

  it('explains every problem in the reader’s language, keeps what was typed, never the password', async () => {
    const browser = new FormClient(t.app);
    const response = await signUp(browser, {
      cnic: '1234',
      fullName: 'A',
      mobile: '12',
      email: 'nope',
      password: 'password',
    });
    assert.equal(response.statusCode, 400);
    for (const text of [
      '13 digits',
      'full name',
      'mobile number like',
      'e-mail address like',
      'too common',
    ]) {
      assert.ok(response.body.includes(text), text);
    }
    assert.ok(response.body.includes('value="1234"'));
    assert.ok(!response.body.includes('value="password"'));
    const inUrdu = new FormClient(t.app);
    await inUrdu.get('/sign-up?lang=ur');
    const urduResponse = await inUrdu.post('/sign-up', {
      cnic: '1234',
      fullName: '',
      fullNameUr: '',
      mobile: '',
      email: '',
      password: '',
    });
    assert.match(urduResponse.body, /13 ہندسوں/);
  });

  it('also confirms an e-mail address given at sign-up, by a code sent by e-mail', async () => {
    const mobile = uniqueMobile();
    const email = `signup.${Math.random().toString(36).slice(2)}@example.com`;
    const browser = new FormClient(t.app);
    await signUp(browser, {
      cnic: uniqueCnic(),
      fullName: 'Shahzada Bibi',
      mobile,
      email,
      password: PASSWORD,
    });
    await browser.get('/verify/mobile');
    await browser.post('/verify/mobile', { code: await lastCodeSentTo(mobile) });
    const account = await browser.get('/account');
    assert.match(account.body, /href="\/verify\/email"/);
    const messages = await t.services.notifications.recentMessages(systemActor('test'), 200);
    const sent = messages.find((m) => m.recipient === email);
    assert.equal(sent?.channel, 'email');
    assert.equal((await browser.get('/verify/email')).statusCode, 200);
    const confirmed = await browser.post('/verify/email', { code: /(\d{6})/.exec(sent.body)?.[1] ?? '' });
    assert.equal(confirmed.statusCode, 303);
    assert.doesNotMatch((await browser.get('/account')).body, /href="\/verify\/email"/);
    const data = (await browser.get('/account/data.json')).json<{ activity: { action: string }[] }>();
    const actions = data.activity.map((event) => event.action);
    assert.equal(
      actions.filter((action) => action === 'code.sent').length,
      2,
      'both codes sent are in the audit trail',
    );
    assert.ok(actions.includes('account.email_verified'));
  });

  it('allows one account per CNIC and points to recovery', async () => {
    const cnic = uniqueCnic();
    const fields = { cnic, fullName: 'Abdul Qadir', mobile: uniqueMobile(), password: PASSWORD };
    assert.equal((await signUp(new FormClient(t.app), fields)).statusCode, 303);
    const again = await signUp(new FormClient(t.app), { ...fields, mobile: uniqueMobile() });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /already exists/);
  });
});

describe('password reset', () => {
  it('resets by a code to the verified mobile, ends old sessions and lifts a lock', async () => {
    const cnic = uniqueCnic();
    const mobile = uniqueMobile();
    const browser = new FormClient(t.app);
    await signUp(browser, { cnic, fullName: 'Mir Hazar', mobile, password: PASSWORD });
    await browser.get('/verify/mobile');
    await browser.post('/verify/mobile', { code: await lastCodeSentTo(mobile) });
    assert.equal((await browser.get('/account')).statusCode, 200);

    const attacker = new FormClient(t.app, { remoteAddress: '10.66.6.6' });
    for (let i = 0; i < 6; i += 1) {
      await attacker.get('/sign-in');
      await attacker.post('/sign-in', { identifier: cnic, password: `guess ${i}` });
    }

    const reset = new FormClient(t.app, { remoteAddress: '10.66.6.6' });
    await reset.get('/reset-password');
    const sent = await reset.post('/reset-password', { identifier: dashed(cnic) });
    assert.equal(sent.statusCode, 200);
    assert.match(sent.body, /we have sent it a code/);
    const code = await lastCodeSentTo(mobile);
    const tooWeak = await reset.post('/reset-password/confirm', {
      identifier: dashed(cnic),
      code,
      password: '12345678',
    });
    assert.equal(tooWeak.statusCode, 400);
    const done = await reset.post('/reset-password/confirm', {
      identifier: dashed(cnic),
      code,
      password: 'a brand new passphrase',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/sign-in?reset=1');

    assert.equal((await browser.get('/account')).statusCode, 303, 'the old session has ended');
    await reset.get('/sign-in');
    const signedIn = await reset.post('/sign-in', { identifier: cnic, password: 'a brand new passphrase' });
    assert.equal(signedIn.statusCode, 303, 'the lock on this address was lifted');
  });

  it('answers the same for an unknown account', async () => {
    const browser = new FormClient(t.app);
    await browser.get('/reset-password');
    const response = await browser.post('/reset-password', { identifier: '99999-9999999-9' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /we have sent it a code/);
  });
});
