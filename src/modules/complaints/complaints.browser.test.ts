// A complaint's whole life in a real browser (file, assign, resolve, rate; and another reopened), with
// axe-core over every complaint page on the way, then every complaint page again in Urdu.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { axeViolations, browserSkipReason, launchChromium } from '../../test-support/browser.ts';
import { citizen, codeSentTo, foreignMobile, form, grant, officer } from './test-helpers.ts';

const skip = browserSkipReason();

describe('complaints in a browser', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl = '';
  const contexts: BrowserContext[] = [];
  const failures: string[] = [];

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

  async function axe(page: Page) {
    for (const violation of await axeViolations(page))
      failures.push(`${new URL(page.url()).pathname}: ${violation}`);
  }
  /** Clicks a form's button and waits for the page the form leads back to. */
  async function submit(page: Page, selector: string, path: string) {
    await Promise.all([
      page.waitForResponse(
        (response) => response.request().method() === 'GET' && new URL(response.url()).pathname === path,
      ),
      page.click(selector),
    ]);
    await page.waitForLoadState('load');
  }
  async function visit(page: Page, path: string) {
    const response = await page.goto(`${baseUrl}${path}`);
    assert.equal(response?.status(), 200, `${path} answers 200`);
    await axe(page);
  }

  it('files, assigns, resolves and rates; reopens another; every page passes axe', async () => {
    const person = await citizen(t);
    const grievance = await officer(t, [grant('grievance_officer', 'local-government', 'QTA')], 'Grievance');
    const field = await officer(t, [grant('field_officer', 'local-government', 'QTA')], 'Field');
    const me = await pageFor('en', { id: person.userId, kind: 'citizen' });

    await visit(me, '/complaints/new');
    await me.click('main form button[type=submit]');
    await me.waitForSelector('.error-summary');
    await axe(me);
    await me.selectOption('#subType', 'garbage-not-collected');
    await me.selectOption('#district', 'QTA');
    await me.fill('#address', 'Street 7, Samungli Road');
    await me.fill('#description', 'Garbage has not been collected for two weeks.');
    await me.check('#isPublic');
    await Promise.all([me.waitForURL(/\/complaints\/CMP-/), me.click('main form button[type=submit]')]);
    const path = new URL(me.url()).pathname;
    await axe(me);
    await visit(me, '/complaints');

    const office = await pageFor('en', { id: grievance.userId, kind: 'staff' });
    await visit(office, '/complaints/inbox');
    await visit(office, path);
    await office.selectOption('#fieldOfficer', field.userId);
    await submit(office, 'button[value=assign]', path);
    assert.match((await office.textContent('main')) ?? '', /With a field officer/);
    await visit(office, '/complaints/dashboard');

    const fieldPage = await pageFor('en', { id: field.userId, kind: 'staff' });
    await visit(fieldPage, '/complaints/inbox');
    await visit(fieldPage, path);
    await fieldPage.fill('#remarks-field', 'Collected and the bins replaced.');
    await submit(fieldPage, 'button[value=resolve]', path);

    await visit(me, path);
    await me.check('#rating-4');
    await submit(me, 'button[value=close]', path);
    assert.match((await me.textContent('main')) ?? '', /Closed/);
    assert.match((await me.textContent('main')) ?? '', /4: good/);

    // Another complaint, resolved by the office, which the citizen reopens.
    const again = await t.services.complaints.file(person, 'citizen', form());
    if (again.kind !== 'filed') throw new Error('not filed');
    await t.services.complaints.act(grievance, again.number, {
      action: 'assign',
      remarks: '',
      version: 1,
      fieldOfficerId: field.userId,
    });
    await t.services.complaints.act(field, again.number, { action: 'resolve', remarks: 'Fixed', version: 2 });
    await visit(me, `/complaints/${again.number}`);
    await me.fill('#remarks-reopen', 'Still leaking this morning.');
    await submit(me, 'button[value=reopen]', `/complaints/${again.number}`);
    assert.match((await me.textContent('main')) ?? '', /Reopened/);
    await axe(me);

    assert.deepEqual(failures, []);
  });

  it('has no axe violations on the complaint pages in Urdu, or on the overseas and public pages', async () => {
    const person = await citizen(t);
    const grievance = await officer(t, [grant('grievance_officer', 'local-government', 'QTA')]);
    const admin = await officer(t, [grant('platform_admin', null, null)]);
    const filed = await t.services.complaints.file(person, 'citizen', form());
    if (filed.kind !== 'filed') throw new Error('not filed');
    for (const lang of ['ur', 'en']) {
      const me = await pageFor(lang, { id: person.userId, kind: 'citizen' });
      for (const path of [
        '/complaints/new',
        '/complaints',
        `/complaints/${filed.number}`,
        '/complaints/suspension',
      ])
        await visit(me, path);
      const office = await pageFor(lang, { id: grievance.userId, kind: 'staff' });
      for (const path of ['/complaints/inbox', `/complaints/${filed.number}`, '/complaints/dashboard'])
        await visit(office, path);
      const administrator = await pageFor(lang, { id: admin.userId, kind: 'staff' });
      for (const path of ['/admin/open311/keys', '/complaints/appeals']) await visit(administrator, path);

      const anyone = await pageFor(lang);
      await visit(anyone, '/complaints/public');
      await visit(anyone, '/complaints/overseas');
      await anyone.selectOption('#subType', 'road-damaged');
      await anyone.selectOption('#district', 'GWD');
      await anyone.fill('#contactName', 'Sana Baloch');
      await anyone.check('#documentKind');
      await anyone.fill('#documentNumber', '54400-7654321-3');
      const mobile = foreignMobile();
      await anyone.fill('#mobile', mobile);
      await anyone.fill('#address', 'Marine Drive, Gwadar');
      await anyone.fill('#description', 'A large pothole at the fish harbour turning.');
      await Promise.all([anyone.waitForURL(/\/confirm$/), anyone.click('main form button[type=submit]')]);
      await axe(anyone);
      await anyone.fill('#code', await codeSentTo(t, mobile));
      await Promise.all([
        anyone.waitForURL(/\/complaints\/CMP-.*\?key=/),
        anyone.click('main form button[type=submit]'),
      ]);
      await axe(anyone);
    }
    assert.deepEqual(failures, []);
  });
});
