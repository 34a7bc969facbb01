// The identity pages in a real browser, in English and Urdu: zero axe-core violations, including with
// form errors shown, and the sign-up → verify → account journey with JavaScript switched off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { axeViolations, browserSkipReason, launchChromium } from '../../test-support/browser.ts';
import { uniqueCnic, uniqueMobile } from '../../test-support/factories.ts';
import { DEMO_ADMIN, DEMO_CITIZEN, DEMO_TOTP_SECRET, seedDemo } from '../../seeds/demo.ts';
import { createLogger } from '../../platform/logger.ts';
import { totpCode } from './credentials/totp.ts';

const skip = browserSkipReason();

describe('identity pages in a browser', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl = '';

  before(async () => {
    t = await buildTestApp();
    await seedDemo(t.testDatabase.database.db, t.services, createLogger('silent'));
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await t.close();
  });

  async function fresh(
    lang: string,
    javaScriptEnabled = true,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      bypassCSP: true,
      javaScriptEnabled,
      locale: lang === 'ur' ? 'ur-PK' : 'en-GB',
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?lang=${lang}`);
    return { context, page };
  }

  async function checkAxe(page: Page, what: string) {
    // axe needs script; a fresh JS-enabled page on the same URL and cookies does it.
    assert.deepEqual(await axeViolations(page), [], what);
  }

  for (const lang of ['en', 'ur']) {
    it(`sign-in, sign-up (with errors), reset and verify pages have no violations in ${lang}`, async () => {
      const { context, page } = await fresh(lang);
      for (const path of ['/sign-in', '/sign-up', '/reset-password']) {
        await page.goto(`${baseUrl}${path}`);
        await checkAxe(page, `${path} ${lang}`);
      }
      await page.goto(`${baseUrl}/sign-up`);
      await page.click('button[type=submit]');
      await page.waitForSelector('.error-summary');
      await checkAxe(page, `/sign-up with errors ${lang}`);

      await page.goto(`${baseUrl}/sign-up`);
      await page.fill('#cnic', uniqueCnic());
      await page.fill('#fullName', 'Browser Citizen');
      await page.fill('#mobile', uniqueMobile());
      await page.fill('#password', 'Hanna lake at sunrise');
      await page.click('button[type=submit]');
      await page.waitForURL(/\/verify\/mobile/);
      await checkAxe(page, `/verify/mobile ${lang}`);
      await context.close();
    });

    it(`the account, second-factor, staff and audit pages have no violations in ${lang}`, async () => {
      const citizen = await fresh(lang);
      await citizen.page.goto(`${baseUrl}/sign-in`);
      await citizen.page.fill('#identifier', DEMO_CITIZEN.cnic);
      await citizen.page.fill('#password', DEMO_CITIZEN.password);
      await citizen.page.click('form[action="/sign-in"] button[type=submit]');
      await citizen.page.waitForURL(/\/account/);
      await checkAxe(citizen.page, `/account ${lang}`);
      await citizen.context.close();

      const admin = await fresh(lang);
      await admin.page.goto(`${baseUrl}/sign-in`);
      await admin.page.fill('#identifier', DEMO_ADMIN.email);
      await admin.page.fill('#password', DEMO_ADMIN.password);
      await admin.page.click('form[action="/sign-in"] button[type=submit]');
      await admin.page.waitForURL(/second-factor/);
      await checkAxe(admin.page, `/sign-in/second-factor ${lang}`);
      // A TOTP code works once: the second language's run takes the next step's code (the window allows it).
      await admin.page.fill('#code', totpCode(DEMO_TOTP_SECRET, Date.now() + (lang === 'ur' ? 30_000 : 0)));
      await admin.page.click('form[action="/sign-in/second-factor"] button[type=submit]');
      await admin.page.waitForURL(/\/account/);
      for (const path of ['/admin/staff', '/admin/audit']) {
        await admin.page.goto(`${baseUrl}${path}`);
        await checkAxe(admin.page, `${path} ${lang}`);
      }
      await admin.context.close();

      const newcomer = await t.services.accounts.createStaffAccount(systemActor('test'), {
        email: `browser.${lang}.${Math.random().toString(36).slice(2)}@sahulat.test`,
        fullName: 'Browser Officer',
        password: 'browser officer password',
        grants: [{ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }],
      });
      const officer = await fresh(lang);
      await officer.page.goto(`${baseUrl}/sign-in`);
      await officer.page.fill('#identifier', newcomer.email);
      await officer.page.fill('#password', 'browser officer password');
      await officer.page.click('form[action="/sign-in"] button[type=submit]');
      await officer.page.waitForURL(/totp-setup/);
      await checkAxe(officer.page, `/sign-in/totp-setup ${lang}`);
      await officer.context.close();
    });
  }

  it('lets a citizen sign up, confirm the mobile and reach the account with JavaScript off', async () => {
    const { context, page } = await fresh('ur', false);
    const mobile = uniqueMobile();
    await page.goto(`${baseUrl}/sign-up`);
    await page.fill('#cnic', uniqueCnic());
    await page.fill('#fullName', 'No Script Citizen');
    await page.fill('#mobile', mobile);
    await page.fill('#password', 'Hingol national park');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/verify\/mobile/);
    const messages = await t.services.notifications.recentMessages(systemActor('test'), 50);
    const code = /(\d{6})/.exec(messages.find((m) => m.recipient === mobile)?.body ?? '')?.[1] ?? '';
    await page.fill('#code', code);
    await page.click('form[action="/verify/mobile"] button[type=submit]');
    await page.waitForURL(/\/account/);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.ok((await page.content()).includes('تصدیق شدہ'));
    await context.close();
  });
});
