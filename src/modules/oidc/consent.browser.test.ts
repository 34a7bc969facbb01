// The consent page a relying party sends citizens to, in a real browser and both languages: reached through
// the real sign-in page, zero axe-core violations, and "Allow" takes the browser back to the relying party.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, browserSkipReason, launchChromium } from '../../test-support/browser.ts';
import { createCitizen } from '../../test-support/factories.ts';
import {
  type ListeningApp,
  authorizationRequest,
  registerRelyingParty,
  startListeningApp,
} from './test-helpers.ts';

const skip = browserSkipReason();

describe('the consent page in a browser', { skip }, () => {
  let app: ListeningApp;
  let browser: Browser;

  before(async () => {
    app = await startListeningApp();
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await app.close();
  });

  for (const lang of ['en', 'ur']) {
    it(`has no violations in ${lang}, and Allow returns to the relying party`, async () => {
      const citizen = await createCitizen(app.testDatabase.database.db);
      const redirectUri = 'https://rp.example.gov.pk/callback';
      const rp = await registerRelyingParty(app, { redirectUri, name: 'Quetta Development Authority' });
      const request = await authorizationRequest(rp, 'openid profile phone cnic');
      const context = await browser.newContext({ bypassCSP: true });
      await context.addCookies([{ name: 'lang', value: lang, url: app.issuer }]);
      // The relying party's callback host does not exist here: stop the browser there and read the URL.
      let callback: string | undefined;
      await context.route('https://rp.example.gov.pk/**', async (route) => {
        callback = route.request().url();
        await route.fulfill({ status: 200, body: 'relying party' });
      });
      const page = await context.newPage();
      await page.goto(request.url.href);
      await page.waitForURL(/\/sign-in/);
      await page.fill('#identifier', citizen.cnic);
      await page.fill('#password', citizen.password);
      await page.click('form[action="/sign-in"] button[type=submit]');
      await page.waitForSelector('input[name="shareCnic"]');
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ur' ? 'rtl' : 'ltr');
      assert.deepEqual(await axeViolations(page), []);
      await page.click(
        'button[type=submit][formaction$="/confirm"], form[action$="/confirm"] button[type=submit]',
      );
      await page.waitForURL(/rp\.example\.gov\.pk/);
      assert.ok(callback?.startsWith(`${redirectUri}?code=`), callback);
      await context.close();
    });
  }
});
