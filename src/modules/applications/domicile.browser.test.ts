// The walk-through in a real browser: a citizen applies for a domicile certificate through the
// pages (uploads included), the fee is taken at the counter, the clerk returns it for a correction, the
// citizen corrects and sends it back, the clerk forwards it, the Deputy Commissioner approves. axe-core
// checks the form, track and inbox pages in English and Urdu on the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type RoleGrant, systemActor } from '../../platform/actor.ts';
import { tinyPdf, tinyPng } from '../../platform/storage/test-fixtures.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { payFeeAtCounter } from '../../test-support/applications.ts';
import { axeViolations, browserSkipReason, launchChromium } from '../../test-support/browser.ts';
import { createCitizen } from '../../test-support/factories.ts';

const skip = browserSkipReason();

describe('a domicile certificate from application to approval, in a browser', { skip }, () => {
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

  /** A browser context signed in as `userId` (the sign-in pages have tests of their own). */
  async function signedIn(
    userId: string,
    kind: 'citizen' | 'staff',
    lang = 'en',
  ): Promise<{ context: BrowserContext; page: Page }> {
    const { token } = await t.services.identity.sessions.create(
      { id: userId, kind },
      { ip: '127.0.0.1', userAgent: 'chromium' },
      true,
    );
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([
      { name: 'sid', value: token, url: baseUrl },
      { name: 'lang', value: lang, url: baseUrl },
    ]);
    return { context, page: await context.newPage() };
  }

  async function staff(grant: RoleGrant): Promise<string> {
    const created = await t.services.accounts.createStaffAccount(systemActor('test'), {
      email: `walk.${grant.role}.${Math.random().toString(36).slice(2)}@sahulat.test`,
      fullName: `Walk ${grant.role}`,
      grants: [grant],
    });
    return created.id;
  }

  async function act(page: Page, number: string, action: string, remarks = '') {
    await page.goto(`${baseUrl}/applications/${number}`);
    if (remarks !== '') await page.fill('#remarks', remarks);
    await page.click(`button[name="action"][value="${action}"]`);
    await page.waitForURL(new RegExp(`/applications/${number}$`));
  }

  it('works end to end with one return for correction', async () => {
    const citizenAccount = await createCitizen(t.testDatabase.database.db);
    const citizen = await signedIn(citizenAccount.id, 'citizen', 'ur');
    const page = citizen.page;
    await page.goto(`${baseUrl}/services/domicile-certificate`);
    await page.selectOption('#district', 'QTA');
    await page.click('form[action="/applications/start"] button[type=submit]');
    await page.waitForURL(/\/applicant$/);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.deepEqual(await axeViolations(page), [], 'the applicant step in Urdu');

    await page.fill('#applicantCnic', '54400-7654321-3');
    await page.fill('#fullName', 'Gul Khan');
    await page.fill('#fatherName', 'Sher Khan');
    await page.fill('#dateOfBirth', '23-03-1998');
    await page.selectOption('#gender', 'male');
    await page.fill('#mobile', '0300 1234567');
    await page.selectOption('#purpose', 'education');
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/residence$/);
    await page.selectOption('#district', 'QTA');
    await page.fill('#tehsil', 'Quetta City');
    await page.fill('#permanentAddress', 'House 12, Street 4, Satellite Town, Quetta');
    await page.fill('#yearsResident', '20');
    await page.selectOption('#residenceBasis', 'born-here');
    await page.selectOption('#otherDomicile', 'no');
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/documents$/);
    assert.deepEqual(await axeViolations(page), [], 'the documents step');
    const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(tinyPdf()) });
    await page.setInputFiles('#cnicCopy', pdf('cnic.pdf'));
    await page.setInputFiles('#fatherCnicCopy', pdf('father.pdf'));
    await page.setInputFiles('#residenceProof', {
      name: 'bill.png',
      mimeType: 'image/png',
      buffer: Buffer.from(tinyPng()),
    });
    await page.setInputFiles('#photo', {
      name: 'me.png',
      mimeType: 'image/png',
      buffer: Buffer.from(tinyPng()),
    });
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/review$/);
    await page.click('form[action$="/submit"] button[type=submit]');
    await page.waitForURL(/\/applications\/DOM-QTA-\d{4}-\d{6}$/);
    const number = /DOM-QTA-\d{4}-\d{6}/.exec(page.url())?.[0] ?? '';
    assert.deepEqual(await axeViolations(page), [], 'the track page in Urdu');

    // The fee is paid in cash against the application's bill (PSID) at a facilitation centre.
    await payFeeAtCounter(t, number);
    const clerk = await signedIn(
      await staff({ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }),
      'staff',
    );
    await clerk.page.goto(`${baseUrl}/inbox`);
    assert.ok((await clerk.page.content()).includes(number));
    assert.deepEqual(await axeViolations(clerk.page), [], 'the inbox');
    await act(clerk.page, number, 'return', 'The residence proof is not readable.');

    await page.goto(`${baseUrl}/applications/${number}`);
    assert.ok((await page.content()).includes('The residence proof is not readable.'));
    await page.click('a[href$="/documents"]');
    await page.setInputFiles('#residenceProof', pdf('clearer-bill.pdf'));
    await page.click('main form button[type=submit]');
    await page.waitForURL(new RegExp(`/applications/${number}$`));
    await page.click('button[name="action"][value="resubmit"]');
    await page.waitForURL(new RegExp(`/applications/${number}$`));

    await act(clerk.page, number, 'forward');
    const approver = await signedIn(
      await staff({ role: 'approver', departmentCode: 'revenue', districtCode: 'QTA' }),
      'staff',
    );
    await act(approver.page, number, 'approve', 'Verified against the district record.');

    const { application } = await t.services.applications.get(systemActorFor(citizenAccount.id), { number });
    assert.equal(application.outcome, 'approved');
    for (const context of [citizen.context, clerk.context, approver.context]) await context.close();
  });
});

function systemActorFor(userId: string) {
  return { kind: 'user' as const, userId, label: 'citizen', accountKind: 'citizen' as const, grants: [] };
}
