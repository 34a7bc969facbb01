// axe-core over the facilitation-centre counter (the walk-in form, the code page, the choice of service)
// and the acknowledgement slip, in English and Urdu, in Chromium; and a signed-in page in kiosk mode.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { axeViolations, browserSkipReason, launchChromium } from '../../test-support/browser.ts';
import { domicileFiledAtCounter, lastCodeTo, officerWith } from '../../test-support/counter.ts';
import { createCitizen } from '../../test-support/factories.ts';

const skip = browserSkipReason();

describe('the counter and the slip have no axe-core violations', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl = '';
  const contexts: BrowserContext[] = [];

  before(async () => {
    t = await buildTestApp();
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
    await t.close();
  });

  async function pageWith(lang: string, cookies: Record<string, string>): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true });
    contexts.push(context);
    const all = { lang, ...cookies };
    await context.addCookies(Object.entries(all).map(([name, value]) => ({ name, value, url: baseUrl })));
    return context.newPage();
  }

  async function check(page: Page, label: string, failures: string[]) {
    for (const violation of await axeViolations(page)) failures.push(`${label}: ${violation}`);
  }

  for (const lang of ['en', 'ur'] as const) {
    it(`the counter, step by step, and the slip, in ${lang}`, async () => {
      const db = t.testDatabase.database.db;
      const operator = await officerWith(t, { role: 'operator', departmentCode: null, districtCode: 'QTA' });
      const citizen = await createCitizen(db);
      const page = await pageWith(lang, { sid: operator.token });
      const failures: string[] = [];

      assert.equal((await page.goto(`${baseUrl}/counter`))?.status(), 200);
      await check(page, '/counter', failures);
      await page.click('button[type="submit"]:not(.header__button)'); // nothing typed: errors
      await page.waitForSelector('.error-summary');
      await check(page, '/counter with errors', failures);

      await page.fill('#cnic', citizen.cnic);
      await page.fill('#mobile', citizen.mobile);
      await page.click('button[type="submit"]:not(.header__button)');
      await page.waitForSelector('#code');
      await check(page, 'the code page', failures);
      await page.fill('#code', (await lastCodeTo(t, citizen.mobile)) ?? '');
      await page.click('button[type="submit"]:not(.header__button)');
      await page.waitForSelector('#serviceCode');
      await check(page, 'the choice of service', failures);

      const { number } = await domicileFiledAtCounter(t, operator.actor, await createCitizen(db));
      assert.equal((await page.goto(`${baseUrl}/applications/${number}/slip`))?.status(), 200);
      await check(page, 'the slip', failures);
      assert.equal(await page.locator('svg.qr-code').count(), 1);
      assert.deepEqual(failures, []);
    });

    it(`a signed-in page in kiosk mode, in ${lang}`, async () => {
      const admin = await officerWith(t, {
        role: 'platform_admin',
        departmentCode: null,
        districtCode: null,
      });
      await admin.client.get('/kiosk/enrol');
      await admin.client.post('/kiosk/enrol', { centre: 'Quetta Civil Secretariat', district: 'QTA' });
      const citizen = await createCitizen(t.testDatabase.database.db);
      const { token } = await t.services.identity.sessions.create(
        { id: citizen.id, kind: 'citizen' },
        { ip: '127.0.0.1', userAgent: 'chromium' },
        true,
      );
      const page = await pageWith(lang, { kiosk: admin.client.cookies.get('kiosk') ?? '', sid: token });
      assert.equal((await page.goto(`${baseUrl}/applications`))?.status(), 200);
      assert.equal(await page.locator('body.kiosk').count(), 1);
      const failures: string[] = [];
      await check(page, '/applications on a kiosk', failures);
      assert.deepEqual(failures, []);
    });
  }
});
