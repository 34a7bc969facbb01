// The survey page in a real browser, in English and Urdu: answered without JavaScript, with zero axe-core
// violations on the questions, the error summary, the thanks, the used, expired and unknown links, and on
// the staff pages (integrity cases, monthly report).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { systemActor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { axeViolations, browserSkipReason, launchChromium } from '../../test-support/browser.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { queueFeedbackRequest } from './queue.ts';

const skip = browserSkipReason();

describe('the feedback survey in a browser', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl = '';

  before(async () => {
    t = await buildTestApp();
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await t.close();
  });

  async function surveyToken(now = new Date()): Promise<string> {
    const db = t.testDatabase.database.db;
    const citizen = await createCitizen(db);
    const token = await inTransaction(db, (trx) =>
      queueFeedbackRequest(
        trx,
        { publicUrl: baseUrl },
        {
          kind: 'complaint',
          number: `CMP-${Math.random().toString(36).slice(2, 10)}`,
          departmentCode: 'revenue',
          districtCode: 'QTA',
          citizenId: citizen.id,
        },
        now,
      ),
    );
    assert.ok(token !== undefined);
    return token;
  }

  for (const lang of ['en', 'ur']) {
    it(`is answered without JavaScript, with no axe violations (${lang})`, async () => {
      const token = await surveyToken();
      const axeContext = await browser.newContext({ bypassCSP: true });
      const checked = await axeContext.newPage();
      await checked.goto(`${baseUrl}/f/${token}?lang=${lang}`);
      assert.deepEqual(await axeViolations(checked), [], `questions ${lang}`);
      await checked.click('form button[type=submit]');
      await checked.waitForSelector('.error-summary');
      assert.deepEqual(await axeViolations(checked), [], `errors ${lang}`);
      await axeContext.close();

      const plain = await browser.newContext({ javaScriptEnabled: false });
      const page = await plain.newPage();
      await page.goto(`${baseUrl}/f/${token}?lang=${lang}`);
      await page.check('#satisfied');
      await page.check('#delayed-no');
      await page.check('#bribeAsked-no');
      await page.fill('#comment', 'Quick and polite');
      await page.click('form button[type=submit]');
      await page.waitForSelector('h1');
      assert.match((await page.textContent('h1')) ?? '', lang === 'en' ? /Thank you/ : /شکریہ/);
      await plain.close();
    });
  }

  /** A staff member's browser context, signed in (second factor done), reading `lang`. */
  async function staffPage(lang: string, role: 'integrity_officer' | 'department_admin') {
    const email = `fb.${Math.random().toString(36).slice(2)}@sahulat.test`;
    const { id } = await t.services.accounts.createStaffAccount(systemActor('test'), {
      email,
      fullName: `Staff ${email.slice(3, 9)}`,
      password: 'feedback staff member 2026',
      grants: [{ role, departmentCode: 'revenue', districtCode: null }],
    });
    const { token } = await t.services.identity.sessions.create(
      { id, kind: 'staff' },
      { ip: '127.0.0.1', userAgent: 'chromium' },
      true,
    );
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([
      { name: 'lang', value: lang, url: baseUrl },
      { name: 'sid', value: token, url: baseUrl },
    ]);
    return { context, page: await context.newPage() };
  }

  for (const lang of ['en', 'ur']) {
    it(`has no axe violations after answering, on used, expired and unknown links, or on the staff pages (${lang})`, async () => {
      const failures: string[] = [];
      const check = async (page: import('playwright-core').Page, what: string) => {
        for (const violation of await axeViolations(page)) failures.push(`${what}: ${violation}`);
      };
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const token = await surveyToken();
      await page.goto(`${baseUrl}/f/${token}?lang=${lang}`);
      await page.check('#satisfied-no');
      await page.check('#delayed');
      await page.check('#bribeAsked');
      await page.fill('#comment', 'The clerk asked for 2,000 rupees to move the file.');
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
        page.click('form button[type=submit]'),
      ]);
      await page.waitForLoadState('load');
      assert.match((await page.textContent('h1')) ?? '', lang === 'en' ? /Thank you/ : /شکریہ/);
      await check(page, 'thanks');
      assert.equal((await page.goto(`${baseUrl}/f/${token}?lang=${lang}`))?.status(), 410);
      await check(page, 'answered');
      const expired = await surveyToken(new Date(Date.now() - 30 * 24 * 3_600_000));
      assert.equal((await page.goto(`${baseUrl}/f/${expired}?lang=${lang}`))?.status(), 410);
      await check(page, 'expired');
      assert.equal((await page.goto(`${baseUrl}/f/not-a-token-of-ours-at-all?lang=${lang}`))?.status(), 404);
      await check(page, 'unknown');
      await context.close();

      const integrity = await staffPage(lang, 'integrity_officer');
      assert.equal((await integrity.page.goto(`${baseUrl}/integrity/cases`))?.status(), 200);
      assert.match((await integrity.page.textContent('main')) ?? '', /2,000 rupees/, 'the case is listed');
      await check(integrity.page, 'cases');
      await integrity.context.close();
      const admin = await staffPage(lang, 'department_admin');
      const month = new Date().toISOString().slice(0, 7);
      assert.equal((await admin.page.goto(`${baseUrl}/feedback/reports?month=${month}`))?.status(), 200);
      await check(admin.page, 'report');
      await admin.context.close();
      assert.deepEqual(failures, []);
    });
  }
});
