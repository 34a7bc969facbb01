// axe-core over every complaint page the walk-through in complaints.browser.test.ts does not reach, in
// English and Urdu: the track page in every state and to every kind of viewer (with its documents and the
// errors of each action form), the contact centre's form, every form's error summary, the inbox's
// filters, a suspension with its appeal and the appeal to decide, the overseas code's refusals, and the
// Open311 keys page with a key issued.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ANONYMOUS, type Actor } from '../../platform/actor.ts';
import { documentStoreFor } from '../../platform/storage/document-store.ts';
import { tinyPdf } from '../../platform/storage/test-fixtures.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { axeViolations, browserSkipReason, launchChromium } from '../../test-support/browser.ts';
import { DISMISSALS_TO_SUSPEND } from './abuse.ts';
import type { FilingForm } from './filing-form.ts';
import {
  SYSTEM,
  citizen,
  codeSentTo,
  foreignMobile,
  form,
  grant,
  officer,
  photoWithMetadata,
} from './test-helpers.ts';

const skip = browserSkipReason();
const HOUR = 3_600_000;
type User = Actor & { kind: 'user' };

describe('every complaint page in a browser, in both languages', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl = '';
  const contexts: BrowserContext[] = [];
  const people: Record<
    'person' | 'suspended' | 'appealed' | 'grievance' | 'field' | 'agent' | 'province' | 'admin',
    User
  > = {} as never;
  const numbers: Record<string, string> = {};

  async function fileAs(actor: User, extra: Partial<FilingForm> = {}, documents = false, at = new Date()) {
    const store = documentStoreFor(t.config.dataDir);
    const stored = documents
      ? [await store.put(photoWithMetadata(), 'jpeg'), await store.put(tinyPdf(), 'pdf')]
      : [];
    const mode = actor.accountKind === 'citizen' ? 'citizen' : 'contact_centre';
    const filed = await t.services.complaints.file(actor, mode, form(extra), { documents: stored }, at);
    if (filed.kind !== 'filed') throw new Error('not filed');
    return filed.number;
  }
  async function act(actor: User, number: string, action: string, extra: Record<string, unknown> = {}) {
    const { complaint } = await t.services.complaints.get(actor, number);
    await t.services.complaints.act(actor, number, {
      action,
      remarks: `Remarks for ${action}`,
      version: complaint.version,
      ...(action === 'assign' ? { fieldOfficerId: people.field.userId } : {}),
      ...extra,
    });
  }
  /** A citizen whose complaints were dismissed often enough to suspend their filing. */
  async function suspendedCitizen(): Promise<User & { frivolous: string }> {
    const who = await citizen(t);
    let last = '';
    for (let i = 0; i < DISMISSALS_TO_SUSPEND; i += 1) {
      last = await fileAs(who);
      await act(people.grievance, last, 'markFrivolous');
    }
    return { ...who, frivolous: last };
  }

  before(async () => {
    t = await buildTestApp();
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    people.person = await citizen(t);
    people.grievance = await officer(t, [grant('grievance_officer', 'local-government', 'QTA')], 'Grievance');
    people.field = await officer(t, [grant('field_officer', 'local-government', 'QTA')], 'Field');
    people.agent = await officer(t, [grant('contact_centre_agent', null, null)], 'Agent');
    people.province = await officer(t, [grant('grievance_officer', null, null)], 'Province');
    people.admin = await officer(t, [grant('platform_admin', null, null)], 'Admin');
    const { person, grievance, field } = people;

    // Oldest first, a day apart at most five at a time: the daily limit counts filings by their time.
    const ago = (hours: number) => new Date(Date.now() - hours * HOUR);
    numbers['escalated'] = await fileAs(person, {}, false, ago(100));
    await t.services.complaints.escalateOverdue(SYSTEM);
    numbers['submitted'] = await fileAs(person, {}, false, ago(30));
    numbers['assigned'] = await fileAs(person, { subType: 'sewer-blocked' }, true, ago(30));
    await act(grievance, numbers['assigned'], 'assign');
    numbers['resolved'] = await fileAs(person, { subType: 'garbage-not-collected' }, false, ago(30));
    await act(grievance, numbers['resolved'], 'assign');
    const evidence = await documentStoreFor(t.config.dataDir).put(photoWithMetadata(), 'jpeg');
    await act(field, numbers['resolved'], 'resolve', { documents: [evidence] });
    numbers['closed'] = await fileAs(person, {}, false, ago(30));
    await act(grievance, numbers['closed'], 'assign');
    await act(field, numbers['closed'], 'resolve');
    await act(person, numbers['closed'], 'close', { rating: '4' });
    numbers['reopened'] = await fileAs(person);
    await act(grievance, numbers['reopened'], 'assign');
    await act(field, numbers['reopened'], 'resolve');
    await act(person, numbers['reopened'], 'reopen');
    numbers['reassignment'] = await fileAs(person, { subType: 'streetlight-out' });
    await act(grievance, numbers['reassignment'], 'assign');
    await act(field, numbers['reassignment'], 'requestReassignment');
    numbers['rejected'] = await fileAs(person, { subType: 'encroachment', isPublic: false });
    await act(grievance, numbers['rejected'], 'reject');
    numbers['caller'] = await fileAs(people.agent, {
      contactName: 'Sana Baloch',
      mobile: '+923331112201',
      locale: 'ur',
    });

    people.suspended = await suspendedCitizen();
    const appealed = await suspendedCitizen();
    people.appealed = appealed;
    numbers['frivolous'] = appealed.frivolous;
    await t.services.complaints.appeal(appealed, 'I only reported real problems; please look again.');
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
    await t.close();
  });

  for (const lang of ['en', 'ur']) {
    it(`has no axe violations on any complaint page (${lang})`, async () => {
      const failures: string[] = [];
      async function pageFor(user?: User): Promise<Page> {
        const context = await browser.newContext({ bypassCSP: true });
        contexts.push(context);
        await context.addCookies([{ name: 'lang', value: lang, url: baseUrl }]);
        if (user !== undefined) {
          const { token } = await t.services.identity.sessions.create(
            { id: user.userId, kind: user.accountKind },
            { ip: '127.0.0.1', userAgent: 'chromium' },
            true,
          );
          await context.addCookies([{ name: 'sid', value: token, url: baseUrl }]);
        }
        return context.newPage();
      }
      async function axe(page: Page, what: string) {
        for (const violation of await axeViolations(page)) failures.push(`${what}: ${violation}`);
      }
      async function visit(page: Page, path: string) {
        const response = await page.goto(`${baseUrl}${path}`);
        assert.equal(response?.status(), 200, `${path} answers 200`);
        await axe(page, path);
      }
      /** Sends a form by clicking `selector`, expects `status` and checks the page that comes back. */
      async function send(page: Page, selector: string, status: number) {
        const what = `${new URL(page.url()).pathname} after ${selector}`;
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
          page.click(selector),
        ]);
        await page.waitForLoadState('load');
        assert.equal(response.status(), status, what);
        await axe(page, what);
      }
      const track = (name: string) => `/complaints/${numbers[name] ?? ''}`;

      const person = await pageFor(people.person);
      await visit(person, '/complaints');
      for (const name of ['assigned', 'closed', 'reopened', 'reassignment', 'rejected', 'escalated'])
        await visit(person, track(name));
      await visit(person, track('resolved'));
      await send(person, 'button[value=reopen]', 400);
      await send(person, 'button[value=close]', 400);
      await visit(person, '/complaints/new');
      await send(person, 'main form button[type=submit]', 400);

      const suspended = await pageFor(people.suspended);
      await visit(suspended, '/complaints/suspension');
      await send(suspended, 'main form button[type=submit]', 400);
      const appealed = await pageFor(people.appealed);
      await visit(appealed, '/complaints/suspension');
      await visit(appealed, track('frivolous'));

      const grievance = await pageFor(people.grievance);
      await visit(grievance, '/complaints/inbox?overdue=1');
      await visit(grievance, `/complaints/inbox?q=${numbers['submitted'] ?? ''}`);
      await visit(grievance, '/complaints/dashboard?period=all');
      for (const name of ['reassignment', 'resolved', 'frivolous']) await visit(grievance, track(name));
      await visit(grievance, track('submitted'));
      await send(grievance, 'button[value=reject]', 400);
      await send(grievance, 'button[value=assign]', 400);

      const field = await pageFor(people.field);
      await visit(field, '/complaints/inbox');
      await visit(field, track('assigned'));
      await send(field, 'button[value=resolve]', 400);

      const agent = await pageFor(people.agent);
      await visit(agent, '/complaints/new');
      await send(agent, 'main form button[type=submit]', 400);
      await visit(agent, track('caller'));

      const province = await pageFor(people.province);
      await visit(province, '/complaints/appeals');
      await send(province, 'main form button[type=submit]', 400);
      await visit(province, track('escalated'));

      const admin = await pageFor(people.admin);
      await visit(admin, '/admin/open311/keys');
      await send(admin, 'main form button[type=submit]:not(.button--warning)', 400);
      await admin.fill('#appName', 'FixMyStreet Quetta');
      await admin.fill('#contactEmail', 'ops@fms.example');
      await send(admin, 'main form button[type=submit]:not(.button--warning)', 200);
      await visit(admin, '/admin/open311/keys');

      const anyone = await pageFor();
      await visit(anyone, '/complaints/overseas');
      await send(anyone, 'main form button[type=submit]', 400);
      const mobile = foreignMobile();
      const pending = await t.services.complaints.file(
        ANONYMOUS,
        'overseas',
        form({ contactName: 'Amina Baloch', documentKind: 'passport', documentNumber: 'AB1234567', mobile }),
      );
      if (pending.kind !== 'pending') throw new Error('not pending');
      const code = await codeSentTo(t, mobile);
      await visit(anyone, `/complaints/overseas/${pending.id}/confirm`);
      await anyone.fill('#code', code === '000000' ? '111111' : '000000');
      await send(anyone, 'main form button[type=submit] >> nth=0', 400);
      await send(anyone, 'main form:last-of-type button[type=submit]', 429); // resent within the minute

      assert.deepEqual(failures, []);
    });
  }
});
