import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createNotificationRelay } from './relay.ts';
import { OTP_SMS, enqueueCommitted, manualClock, silentLogger } from './test-helpers.ts';

describe('GET /dev/outbox outside production', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await buildTestApp();
  });
  after(async () => {
    await testApp.close();
  });

  it('lists sent codes newest first, each in its own language, under a development-only banner', async () => {
    const db = testApp.testDatabase.database.db;
    const relay = createNotificationRelay(db, {
      config: testApp.config,
      logger: silentLogger,
      now: manualClock().now,
    });
    await enqueueCommitted(db, {
      ...OTP_SMS,
      recipient: '+923001110001',
      params: { code: '111111', minutes: 10 },
    });
    await enqueueCommitted(db, {
      event: 'otp.verifyEmail',
      channel: 'email',
      recipient: 'sana@example.test',
      locale: 'ur',
      params: { code: '222222', minutes: 15 },
    });
    await relay.drain();

    const response = await testApp.app.inject({ method: 'GET', url: '/dev/outbox?lang=en' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    const html = response.body;
    assert.match(html, /<h1>Development outbox<\/h1>/);
    assert.match(html, /exists only outside production/);
    assert.ok(html.includes('+923001110001') && html.includes('sana@example.test'));
    assert.ok(html.includes('Your Sahulat verification code is 111111.'), 'the English SMS as sent');
    assert.ok(html.includes('\u2066222222\u2069'), 'the Urdu e-mail keeps its isolated code');
    assert.ok(html.indexOf('222222') < html.indexOf('111111'), 'newest first');
    assert.match(html, /<div class="notice" lang="ur" dir="rtl">/);
    assert.match(html, /otp\.verifyEmail/);
    assert.match(html, /dev-outbox/);
  });

  it('speaks Urdu in its page chrome', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/dev/outbox?lang=ur' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<html lang="ur" dir="rtl">/);
    assert.match(response.body, /<h1>آزمائشی آؤٹ باکس<\/h1>/);
    assert.match(response.body, /صرف پروڈکشن سے باہر/);
  });
});

describe('GET /dev/outbox in production', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await buildTestApp({
      env: { NODE_ENV: 'production', PUBLIC_URL: 'https://sahulat.example.gov.pk' },
    });
  });
  after(async () => {
    await testApp.close();
  });

  it('does not exist', async () => {
    assert.equal(testApp.app.hasRoute({ method: 'GET', url: '/dev/outbox' }), false);
    const response = await testApp.app.inject({ method: 'GET', url: '/dev/outbox' });
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /Page not found/);
    assert.doesNotMatch(response.body, /Development outbox|exists only outside production/);
  });
});
