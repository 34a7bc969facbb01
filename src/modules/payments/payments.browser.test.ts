// Paying a fee in a real browser: the bill, "Pay online", the sandbox bank's checkout, "Pay", back to the
// result and the receipt, with axe-core on every page in English and Urdu; and the time from pressing
// "Pay" to the bill being paid (which, through the settlement hook, is when an application moves on).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { axeViolations, browserSkipReason, launchChromium } from '../../test-support/browser.ts';
import { billForNewCitizen } from './test-helpers.ts';

const skip = browserSkipReason();

describe('paying a fee through the sandbox bank, in a browser', { skip }, () => {
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

  async function payerPage(userId: string, lang: string): Promise<Page> {
    const { token } = await t.services.identity.sessions.create(
      { id: userId, kind: 'citizen' },
      { ip: '127.0.0.1', userAgent: 'chromium' },
      true,
    );
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([
      { name: 'sid', value: token, url: baseUrl },
      { name: 'lang', value: lang, url: baseUrl },
    ]);
    return context.newPage();
  }

  async function accessible(page: Page, where: string) {
    assert.deepEqual(await axeViolations(page), [], `${where}: ${page.url()}`);
  }

  for (const lang of ['en', 'ur']) {
    it(`pays, gets a receipt, and every page passes axe (${lang})`, async () => {
      const { bill, citizenId } = await billForNewCitizen(t.testDatabase.database.db, t.services);
      const page = await payerPage(citizenId, lang);
      await page.goto(`${baseUrl}/payments/bills/${bill.psid}`);
      await accessible(page, 'bill');
      await page.goto(`${baseUrl}/payments/bills/${bill.psid}/slip`);
      await accessible(page, 'slip');
      await page.goto(`${baseUrl}/payments/bills/${bill.psid}`);
      await page.locator('form[action$="/pay"] button[type="submit"]').click();
      await page.waitForURL(/\/sandbox-bank\/checkout\//);
      await accessible(page, 'sandbox checkout');
      const pressed = performance.now();
      await page.locator('button[name="outcome"][value="pay"]').click();
      await page.waitForURL(/\/payments\/[0-9a-f-]{36}\/return$/);
      const elapsed = performance.now() - pressed;
      assert.equal(
        (await t.services.payments.bills.bill(systemActor('test'), bill.psid)).bill.status,
        'paid',
      );
      process.stdout.write(
        `# ${lang}: "Pay" pressed to bill paid and result page shown: ${elapsed.toFixed(0)} ms\n`,
      );
      await accessible(page, 'result');
      await page.locator('a[href^="/payments/receipts/"]').first().click();
      await page.waitForURL(/\/payments\/receipts\/RCT-/);
      await accessible(page, 'receipt');
      await page.context().close();
    });
  }
});
