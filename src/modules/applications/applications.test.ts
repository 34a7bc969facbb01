// The application engine at the service level, on the shipped domicile pack: draft, steps, submission
// with its number, the workflow through the office with a return for correction, concurrency, the inbox.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Actor, type RoleGrant, systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { TEST_SESSION_SECRET, type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { FormClient } from '../../test-support/form-client.ts';
import { DOMICILE_ANSWERS, payFeeAtCounter } from '../../test-support/applications.ts';
import { applicationNumber, applicationsService } from './service.ts';

const TEST_ISSUER = { publicUrl: 'http://sahulat.test', sessionSecret: TEST_SESSION_SECRET };

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const isCode = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

async function citizenActor(): Promise<Actor> {
  const citizen = await createCitizen(t.testDatabase.database.db);
  return { kind: 'user', userId: citizen.id, label: 'Test Citizen', accountKind: 'citizen', grants: [] };
}

async function officer(grant: RoleGrant): Promise<Actor> {
  const email = `officer.${Math.random().toString(36).slice(2)}@sahulat.test`;
  const { id } = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email,
    fullName: `Officer ${grant.role}`,
    grants: [grant],
  });
  return { kind: 'user', userId: id, label: `Officer ${grant.role}`, accountKind: 'staff', grants: [grant] };
}

async function submittedDomicile(applicant: Actor): Promise<{ id: string; number: string }> {
  const applications = applicationsService(t.testDatabase.database.db, TEST_ISSUER);
  const id = await applications.startDraft(applicant, {
    serviceCode: 'domicile-certificate',
    districtCode: 'QTA',
  });
  let version = 1;
  for (const [stepId, raw] of Object.entries(DOMICILE_ANSWERS)) {
    const saved = await applications.saveStep(applicant, id, { stepId, raw, version });
    assert.deepEqual(saved.errors, [], stepId);
    version = saved.version;
  }
  const { number } = await applications.submit(applicant, id, version);
  return { id, number };
}

describe('application numbers', () => {
  it('read like DOM-QTA-2026-000123 and never repeat under concurrent submissions', async () => {
    assert.equal(applicationNumber('DOM', 'QTA', 2026, 123), 'DOM-QTA-2026-000123');
    const applicant = await citizenActor();
    const numbers = await Promise.all(
      Array.from({ length: 8 }, () => submittedDomicile(applicant).then((a) => a.number)),
    );
    assert.equal(new Set(numbers).size, 8);
    for (const number of numbers) assert.match(number, /^DOM-QTA-\d{4}-\d{6}$/);
  });
});

describe('the domicile workflow', () => {
  it('goes from the counter fee through scrutiny, a return for correction, to approval', async () => {
    const db = t.testDatabase.database.db;
    const applications = applicationsService(db, TEST_ISSUER);
    const applicant = await citizenActor();
    const { number } = await submittedDomicile(applicant);
    let current = await applications.get(applicant, { number });
    assert.equal(current.application.state, 'payment');
    assert.equal(current.application.fee_pkr, '200.00');
    assert.ok(current.application.promised_at !== null);

    await assert.rejects(
      applications.act(applicant, number, {
        action: 'pay',
        remarks: '',
        version: current.application.version,
      }),
      isCode('forbidden'),
    );
    const operator = await officer({ role: 'operator', departmentCode: null, districtCode: 'QTA' });
    await assert.rejects(
      applications.act(operator, number, {
        action: 'pay',
        remarks: 'Receipt QTA-FC-0001',
        version: current.application.version,
      }),
      isCode('forbidden'),
      'only the bill’s payment moves it on',
    );
    await payFeeAtCounter(t, number);

    const clerk = await officer({ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' });
    const otherDistrictClerk = await officer({
      role: 'clerk',
      departmentCode: 'revenue',
      districtCode: 'GWD',
    });
    assert.ok(
      (await applications.inbox(clerk)).some((a) => a.number === number),
      'in the Quetta clerk’s inbox',
    );
    assert.ok(
      !(await applications.inbox(otherDistrictClerk)).some((a) => a.number === number),
      'not in Gwadar’s',
    );
    await assert.rejects(applications.get(otherDistrictClerk, { number }), isCode('not_found'));

    current = await applications.get(clerk, { number });
    assert.deepEqual(current.actions.map((a) => a.id).sort(), ['forward', 'return']);
    await assert.rejects(
      applications.act(clerk, number, {
        action: 'return',
        remarks: ' ',
        version: current.application.version,
      }),
      isCode('validation_failed'),
    );
    await applications.act(clerk, number, {
      action: 'return',
      remarks: 'The residence proof is unreadable',
      version: current.application.version,
    });

    current = await applications.get(applicant, { number });
    assert.equal(current.application.state, 'returned');
    const saved = await applications.saveStep(applicant, current.application.id, {
      stepId: 'documents',
      raw: { ...DOMICILE_ANSWERS['documents'], residenceProof: 'e'.repeat(32) },
      version: current.application.version,
    });
    await applications.act(applicant, number, { action: 'resubmit', remarks: '', version: saved.version });

    current = await applications.get(clerk, { number });
    await applications.act(clerk, number, {
      action: 'forward',
      remarks: '',
      version: current.application.version,
    });
    const approver = await officer({ role: 'approver', departmentCode: 'revenue', districtCode: 'QTA' });
    current = await applications.get(approver, { number });
    await applications.act(approver, number, {
      action: 'approve',
      remarks: 'Verified',
      version: current.application.version,
    });

    current = await applications.get(applicant, { number });
    assert.equal(current.application.outcome, 'approved');
    assert.deepEqual(
      current.events.map((e) => e.action ?? e.kind),
      ['created', 'submitted', 'pay', 'return', 'resubmit', 'forward', 'approve', 'certificate_issued'],
    );
    const messages = await t.services.notifications.recentMessages(systemActor('test'), 200);
    const about = messages.filter((m) => m.body.includes(number)).map((m) => m.event);
    assert.ok(
      about.includes('application.submitted') &&
        about.includes('application.returned') &&
        about.includes('application.decided'),
    );
  });

  it('lets exactly one of two officers acting at once succeed; the other gets a conflict', async () => {
    const db = t.testDatabase.database.db;
    const applications = applicationsService(db, TEST_ISSUER);
    const applicant = await citizenActor();
    const { number } = await submittedDomicile(applicant);
    await payFeeAtCounter(t, number);
    const first = await officer({ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' });
    const second = await officer({ role: 'clerk', departmentCode: 'revenue', districtCode: null });
    const current = await applications.get(first, { number });
    const version = current.application.version;
    const results = await Promise.allSettled([
      applications.act(first, number, { action: 'forward', remarks: '', version }),
      applications.act(second, number, { action: 'return', remarks: 'Missing photo', version }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const failed = results.find((r) => r.status === 'rejected');
    assert.ok(failed !== undefined && isCode('conflict')(failed.reason));
    const events = (await applications.get(first, { number })).events.filter((e) => e.kind === 'action');
    assert.equal(events.length, 2, 'pay and one decision: nothing half-written');
  });
});

describe('the track page and the inbox', () => {
  async function browserFor(actor: Actor) {
    assert.ok(actor.kind === 'user');
    const { token } = await t.services.identity.sessions.create(
      { id: actor.userId, kind: actor.accountKind },
      { ip: '127.0.0.1', userAgent: 'test' },
      true,
    );
    const browser = new FormClient(t.app);
    browser.cookies.set('sid', token);
    return browser;
  }

  it('shows the applicant the timeline and the office, and lets an officer act; a stale form is a conflict', async () => {
    const applicant = await citizenActor();
    const { number } = await submittedDomicile(applicant);
    const citizen = await browserFor(applicant);
    const mine = await citizen.get('/applications');
    assert.ok(mine.body.includes(number));
    const track = await citizen.get(`/applications/${number}`);
    assert.equal(track.statusCode, 200);
    assert.match(track.body, /PSID \(payment slip ID\)/, 'the fee bill is shown');
    assert.match(track.body, /href="\/payments\/bills\/\d{17}">Pay online/);
    assert.doesNotMatch(track.body, /name="action" value="pay"/, 'the citizen cannot mark the fee paid');
    assert.match(track.body, /name="action" value="withdraw"/, 'but may withdraw');

    const operator = await browserFor(
      await officer({ role: 'operator', departmentCode: null, districtCode: 'QTA' }),
    );
    const unpaid = await operator.get(`/applications/${number}`);
    assert.doesNotMatch(unpaid.body, /name="action" value="pay"/, 'the fee is paid against the bill');
    const { psid } = await payFeeAtCounter(t, number);
    assert.match((await citizen.get(`/applications/${number}`)).body, new RegExp(psid));

    const clerk = await browserFor(
      await officer({ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }),
    );
    const inbox = await clerk.get('/inbox');
    assert.ok(inbox.body.includes(number));
    assert.match(inbox.body, /On time|Due soon|Overdue/);
    const page = await clerk.get(`/applications/${number}`);
    const stale = clerk.csrfToken();
    assert.equal(
      (
        await clerk.post(`/applications/${number}/actions`, {
          action: 'return',
          remarks: '',
          version: versionIn(page.body),
        })
      ).statusCode,
      400,
    );
    await clerk.get(`/applications/${number}`);
    const forwarded = await clerk.post(`/applications/${number}/actions`, {
      action: 'forward',
      remarks: '',
      version: versionIn(page.body),
    });
    assert.equal(forwarded.statusCode, 303);
    const again = await clerk.post(`/applications/${number}/actions`, {
      _csrf: stale,
      action: 'forward',
      remarks: '',
      version: versionIn(page.body),
    });
    assert.ok([403, 409].includes(again.statusCode), 'a second, stale submission changes nothing');
    const urdu = await citizen.get(`/applications/${number}?lang=ur`);
    assert.ok(urdu.body.includes(`<bdi dir="ltr">${number}</bdi>`));
  });

  it('finds inbox items by number, CNIC or name, and filters overdue ones', async () => {
    const { number } = await submittedDomicile(await citizenActor());
    await payFeeAtCounter(t, number);
    const browser = await browserFor(
      await officer({ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }),
    );
    const byNumber = await browser.get(`/inbox?q=${number.toLowerCase()}`);
    assert.ok(byNumber.body.includes(number));
    assert.match(
      byNumber.body,
      new RegExp(`value="${number.toLowerCase()}"`),
      'the search is kept in the box',
    );
    const byCnic = await browser.get('/inbox?q=5440076543213');
    assert.ok(byCnic.body.includes(number), 'CNIC without dashes');
    const byName = await browser.get('/inbox?q=gul%20kh');
    assert.ok(byName.body.includes(number), 'part of the name, any case');
    const nobody = await browser.get('/inbox?q=Nobody%20At%20All');
    assert.ok(!nobody.body.includes(number));
    const overdue = await browser.get('/inbox?overdue=1');
    assert.ok(!overdue.body.includes(number), 'a fresh application is not overdue');
  });

  it('hides an application from everyone else', async () => {
    const { number } = await submittedDomicile(await citizenActor());
    const stranger = await browserFor(await citizenActor());
    assert.equal((await stranger.get(`/applications/${number}`)).statusCode, 404);
    assert.equal((await t.app.inject(`/applications/${number}`)).statusCode, 303, 'signed out: to sign in');
  });
});

function versionIn(body: string): string {
  return /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';
}
