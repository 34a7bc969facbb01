// The survey page in a real browser, in English and Urdu: answered without JavaScript, with zero axe-core
// violations on the questions and on the error summary.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
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

  async function surveyToken(): Promise<string> {
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
});
