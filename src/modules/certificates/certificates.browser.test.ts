// /verify, the approver's certificate page and the holder's printable certificate in a real browser, in
// English and Urdu: zero axe-core violations with a result shown (genuine and forged), and the
// paste-and-check journey without JavaScript.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { axeViolations, browserSkipReason, launchChromium } from '../../test-support/browser.ts';
import { signedInClient } from '../../test-support/applications.ts';
import { approvedDomicile, issueTestCertificate, staffClient } from './test-helpers.ts';

const skip = browserSkipReason();

describe('certificate pages in a browser', { skip }, () => {
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

  for (const lang of ['en', 'ur']) {
    it(`checks a pasted certificate without JavaScript, and the pages have no axe violations (${lang})`, async () => {
      const issued = await issueTestCertificate(t);
      const plain = await browser.newContext({ javaScriptEnabled: false });
      const page = await plain.newPage();
      await page.goto(`${baseUrl}/verify?lang=${lang}`);
      await page.fill('#presented', issued.credential);
      await page.click('#verify-form button[type=submit]');
      await page.waitForSelector('#verification-result');
      assert.match(
        (await page.textContent('#verification-result')) ?? '',
        lang === 'en' ? /Genuine/ : /اصلی/,
      );
      await plain.close();

      const context = await browser.newContext({ bypassCSP: true });
      const checked = await context.newPage();
      await checked.goto(`${baseUrl}${issued.shortPath}?lang=${lang}`);
      await checked.goto(`${baseUrl}/verify?lang=${lang}&c=${issued.shortPath.slice(3)}`);
      await checked.waitForSelector('#verification-result');
      assert.deepEqual(await axeViolations(checked), [], `genuine result ${lang}`);
      await checked.fill('#presented', `${issued.credential.slice(0, -4)}AAAA`);
      await checked.click('#verify-form button[type=submit]');
      await checked.waitForSelector('.notice--warning');
      assert.deepEqual(await axeViolations(checked), [], `forged result ${lang}`);

      const approver = await staffClient(t, {
        role: 'approver',
        departmentCode: 'revenue',
        districtCode: 'QTA',
      });
      await context.addCookies([{ name: 'sid', value: approver.cookies.get('sid')!, url: baseUrl }]);
      await checked.goto(`${baseUrl}/certificates/${issued.shortPath.slice(3)}?lang=${lang}`);
      assert.deepEqual(await axeViolations(checked), [], `certificate page ${lang}`);
      await checked.click('form[action$="/status"] button[type=submit]');
      await checked.waitForSelector('.error-summary');
      assert.deepEqual(await axeViolations(checked), [], `certificate page with errors ${lang}`);
      await context.close();
    });
  }

  it('shows the printable certificate with no axe violations, in English and Urdu', async () => {
    const { holderId, code } = await approvedDomicile(t);
    const holder = await signedInClient(t, holderId, 'citizen');
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([{ name: 'sid', value: holder.cookies.get('sid')!, url: baseUrl }]);
    const page = await context.newPage();
    for (const lang of ['en', 'ur']) {
      await page.goto(`${baseUrl}/credentials/${code}/print?lang=${lang}`);
      assert.equal(
        // Once the page's fonts have settled (under load they can still be loading after `load`).
        await page.evaluate(async () => {
          await document.fonts.ready;
          return document.fonts.check('16px "Noto Naskh Arabic"', 'بلوچستان');
        }),
        true,
      );
      assert.deepEqual(await axeViolations(page), [], `printable certificate ${lang}`);
    }
    await context.close();
  });
});
