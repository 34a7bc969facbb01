// axe-core over every page a citizen or officer meets on the way through e-Services, in English and Urdu:
// the catalogue (with a search), every service's "how do I" page, every step of every shipped pack's form
// (empty, and a step refused with errors), the review page, "My applications", track pages in several
// states, and an officer's inbox. Data is the demo data, loaded through the real services.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemActor } from '../../platform/actor.ts';
import { createLogger } from '../../platform/logger.ts';
import { documentStoreFor } from '../../platform/storage/document-store.ts';
import { DEMO_CITIZEN, seedDemo } from '../../seeds/demo.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { axeViolations, browserSkipReason, launchChromium } from '../../test-support/browser.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { findAccountByCnic, findAccountByEmail } from '../identity/accounts/repo-identity.ts';

const skip = browserSkipReason();
const LANGUAGES = ['en', 'ur'] as const;
const citizenActor = { kind: 'user', label: 'A11y', accountKind: 'citizen', grants: [] } as const;

describe('e-Services pages have no axe-core violations', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl = '';
  const contexts: BrowserContext[] = [];

  before(async () => {
    t = await buildTestApp();
    await seedDemo(
      t.testDatabase.database.db,
      t.services,
      createLogger('silent'),
      documentStoreFor(t.config.dataDir),
    );
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
    await t.close();
  });

  /** A page in `lang`, signed in as `userId` when given (the sign-in pages have tests of their own). */
  async function pageFor(lang: string, user?: { id: string; kind: 'citizen' | 'staff' }): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true });
    contexts.push(context);
    await context.addCookies([{ name: 'lang', value: lang, url: baseUrl }]);
    if (user !== undefined) {
      const { token } = await t.services.identity.sessions.create(
        user,
        { ip: '127.0.0.1', userAgent: 'chromium' },
        true,
      );
      await context.addCookies([{ name: 'sid', value: token, url: baseUrl }]);
    }
    return context.newPage();
  }

  async function check(page: Page, path: string, failures: string[]) {
    const response = await page.goto(`${baseUrl}${path}`);
    assert.equal(response?.status(), 200, `${path} answers 200`);
    for (const violation of await axeViolations(page)) failures.push(`${path}: ${violation}`);
  }

  async function userIdOf(login: string): Promise<string> {
    const db = t.testDatabase.database.db;
    const found = login.includes('@')
      ? await findAccountByEmail(db, login)
      : await findAccountByCnic(db, login.replaceAll('-', ''));
    assert.ok(found !== undefined, `${login} is seeded`);
    return found.id;
  }

  for (const lang of LANGUAGES) {
    it(`the catalogue and every service page, in ${lang}`, async () => {
      const page = await pageFor(lang);
      const failures: string[] = [];
      await check(page, '/services', failures);
      await check(
        page,
        `/services?q=${encodeURIComponent(lang === 'ur' ? 'ڈومیسائل' : 'licence')}`,
        failures,
      );
      for (const service of await t.services.services.catalogue(systemActor('test'), '')) {
        await check(page, `/services/${service.code}`, failures);
      }
      assert.deepEqual(failures, []);
    });

    it(`every step of every service's form, a refused step and the review, in ${lang}`, async () => {
      const citizen = await createCitizen(t.testDatabase.database.db);
      const actor = { ...citizenActor, userId: citizen.id };
      const page = await pageFor(lang, { id: citizen.id, kind: 'citizen' });
      const failures: string[] = [];
      let steps = 0;
      for (const service of await t.services.services.catalogue(actor, '')) {
        const { pack } = await t.services.services.service(actor, service.code);
        const id = await t.services.applications.startDraft(actor, {
          serviceCode: service.code,
          districtCode: 'QTA',
        });
        for (const step of pack.form.steps) {
          await check(page, `/applications/draft/${id}/${step.id}`, failures);
          steps += 1;
        }
        await check(page, `/applications/draft/${id}/review`, failures);
      }
      assert.ok(steps >= 20, `visited ${steps} steps`);
      // A step sent empty comes back with its error summary and the fields marked.
      const { pack } = await t.services.services.service(actor, 'domicile-certificate');
      const first = pack.form.steps[0];
      assert.ok(first !== undefined);
      const id = await t.services.applications.startDraft(actor, {
        serviceCode: 'domicile-certificate',
        districtCode: 'QTA',
      });
      await page.goto(`${baseUrl}/applications/draft/${id}/${first.id}`);
      await page.click('form:not([action="/sign-out"]) button[type="submit"]');
      assert.ok((await page.locator('.error-summary').count()) > 0, 'the error summary shows');
      for (const violation of await axeViolations(page)) failures.push(`refused step: ${violation}`);
      assert.deepEqual(failures, []);
    });

    it(`"My applications", track pages in each state and an officer's inbox, in ${lang}`, async () => {
      const citizenId = await userIdOf(DEMO_CITIZEN.cnic);
      const page = await pageFor(lang, { id: citizenId, kind: 'citizen' });
      const failures: string[] = [];
      await check(page, '/applications', failures);
      const numbers = (await t.services.applications.mine({ ...citizenActor, userId: citizenId }))
        .map((application) => application.number)
        .filter((number): number is string => number !== null);
      assert.ok(numbers.length >= 15, `the demo citizen has ${numbers.length} applications`);
      for (const number of numbers) await check(page, `/applications/${number}`, failures);

      const clerk = await pageFor(lang, {
        id: await userIdOf('clerk.revenue.quetta@sahulat.example'),
        kind: 'staff',
      });
      await check(clerk, '/inbox', failures);
      await check(clerk, '/inbox?q=DOM', failures);
      assert.deepEqual(failures, []);
    });
  }
});
