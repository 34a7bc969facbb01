import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemActor } from '../platform/actor.ts';
import { createLogger } from '../platform/logger.ts';
import { localDiskStore } from '../platform/storage/document-store.ts';
import { totpCode } from '../modules/identity/credentials/totp.ts';
import { type TestApp, buildTestApp } from '../test-support/app.ts';
import { FormClient } from '../test-support/form-client.ts';
import {
  DEMO_ADMIN,
  DEMO_CITIZEN,
  DEMO_OFFICER_PASSWORD,
  DEMO_OFFICERS,
  DEMO_TOTP_SECRET,
  seedDemo,
} from './demo.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

async function signIn(identifier: string, password: string) {
  const browser = new FormClient(t.app);
  await browser.get('/sign-in');
  const response = await browser.post('/sign-in', { identifier, password, next: '/account' });
  return { browser, response };
}

/** A demo officer signed in with the published password and TOTP secret, as the README says. */
async function officerBrowser(email: string) {
  const { browser, response } = await signIn(email, DEMO_OFFICER_PASSWORD);
  assert.match(String(response.headers.location), /second-factor/, email);
  await browser.get('/sign-in/second-factor');
  const second = await browser.post('/sign-in/second-factor', {
    code: totpCode(DEMO_TOTP_SECRET),
    next: '/account',
  });
  assert.equal(second.headers.location, '/account', email);
  return browser;
}

describe('demo data', () => {
  it('loads once, and the README’s accounts work as documented', async () => {
    const db = t.testDatabase.database.db;
    const store = localDiskStore(await mkdtemp(path.join(os.tmpdir(), 'sahulat-demo-docs-')));
    assert.equal(await seedDemo(db, t.services, createLogger('silent'), store), true);
    assert.equal(await seedDemo(db, t.services, createLogger('silent'), store), false, 'only once');

    const citizen = await signIn(DEMO_CITIZEN.cnic, DEMO_CITIZEN.password);
    assert.equal(citizen.response.headers.location, '/account', 'the citizen’s mobile is already verified');

    const admin = await signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
    assert.equal(
      admin.response.headers.location,
      '/sign-in/second-factor?next=%2Faccount',
      'TOTP already enrolled',
    );
    await admin.browser.get('/sign-in/second-factor');
    const second = await admin.browser.post('/sign-in/second-factor', {
      code: totpCode(DEMO_TOTP_SECRET),
      next: '/account',
    });
    assert.equal(second.headers.location, '/account');

    // The demo citizen has applications of three services in every state their workflows have (seven of the
    // domicile certificate and of business registration, five of tenant registration, a draft of each),
    // and the Quetta Revenue clerk has work waiting.
    const mine = await citizen.browser.get('/applications');
    assert.equal((mine.body.match(/href="\/applications\/DOM-QTA-/g) ?? []).length, 7);
    assert.equal((mine.body.match(/href="\/applications\/TNT-QTA-/g) ?? []).length, 5);
    assert.equal((mine.body.match(/href="\/applications\/BRG-QTA-/g) ?? []).length, 7);
    assert.equal((mine.body.match(/href="\/applications\/draft\//g) ?? []).length, 3);
    const states = await t.testDatabase.database.db
      .$extendTables<{ application: { service_code: string; state: string } }>()
      .selectFrom('application')
      .select(['service_code', 'state'])
      .execute();
    const seen = (code: string) =>
      new Set(states.filter((row) => row.service_code === code).map((row) => row.state));
    for (const code of ['domicile-certificate', 'tenant-registration', 'business-registration']) {
      const { pack } = await t.services.services.service(systemActor('test'), code);
      const expected = ['draft', ...Object.keys(pack.workflow.states)];
      assert.deepEqual([...seen(code)].sort(), expected.sort(), `${code}: every state`);
    }
    const clerk = await signIn('clerk.revenue.quetta@sahulat.example', DEMO_OFFICER_PASSWORD);
    await clerk.browser.get('/sign-in/second-factor');
    await clerk.browser.post('/sign-in/second-factor', {
      code: totpCode(DEMO_TOTP_SECRET, Date.now() + 30_000),
      next: '/inbox',
    });
    const inbox = await clerk.browser.get('/inbox');
    assert.equal(inbox.statusCode, 200);
    assert.match(inbox.body, /DOM-QTA-\d{4}-\d{6}/);
    assert.match(inbox.body, /On time|Due soon|Overdue/);

    const officer = DEMO_OFFICERS[0];
    assert.ok(officer !== undefined);
    const officerSignIn = await signIn(officer.email, DEMO_OFFICER_PASSWORD);
    assert.match(String(officerSignIn.response.headers.location), /second-factor/);
  });

  it('gives the approved domicile application a certificate that /verify finds genuine and logged', async () => {
    const [approved, ...others] = await t.testDatabase.database.db
      .$extendTables<{ application: { service_code: string; state: string; number: string | null } }>()
      .selectFrom('application')
      .select('number')
      .where('service_code', '=', 'domicile-certificate')
      .where('state', '=', 'approved')
      .execute();
    assert.ok(approved?.number != null);
    assert.equal(others.length, 0);
    const [certificate] = await t.services.certificates.ofApplication(approved.number);
    assert.ok(certificate !== undefined, 'issued through the approval itself');
    const verified = await new FormClient(t.app).get(`/verify?c=${certificate.shortPath.slice(3)}`);
    assert.match(verified.body, /Genuine: issued by Board of Revenue/);
    assert.match(verified.body, /Recorded as entry \d+ of the public log[^<]*checked/);
    const proven = await t.services.transparencyLog.provenEntry(certificate.logIndex);
    assert.ok(proven !== undefined);
    assert.equal(proven.verified, true, 'the inclusion proof checks against the signed checkpoint');
    assert.equal(proven.leaf?.ids['applicationNumber'], approved.number);
  });

  it('gives the demo citizen a complaint in every state, and the officers and the public figures', async () => {
    const db = t.testDatabase.database.db;
    const citizenRow = await db
      .$extendTables<{ user_account: { id: string; cnic: string | null } }>()
      .selectFrom('user_account')
      .select('id')
      .where('cnic', '=', DEMO_CITIZEN.cnic.replaceAll('-', ''))
      .executeTakeFirstOrThrow();
    const rows = await db
      .$extendTables<{
        complaint: {
          number: string | null;
          state: string;
          complainant_id: string | null;
          channel: string;
          is_public: boolean;
          rating: number | null;
        };
      }>()
      .selectFrom('complaint')
      .select(['number', 'state', 'complainant_id', 'channel', 'is_public', 'rating'])
      .execute();
    const mine = rows.filter((row) => row.complainant_id === citizenRow.id);
    assert.deepEqual(
      mine.map((row) => row.state).sort(),
      [
        'assigned',
        'closed',
        'frivolous',
        'reassignment_requested',
        'rejected',
        'reopened',
        'resolved',
        'submitted',
      ],
      'one complaint in every state the citizen can meet',
    );
    assert.equal(mine.find((row) => row.state === 'closed')?.rating, 5);
    assert.equal(
      await t.services.complaints.escalateOverdue(systemActor('test')),
      0,
      'nothing is overdue on a new machine',
    );
    assert.equal(await t.services.complaints.autoCloseResolved(systemActor('test')), 0);
    const callers = rows.filter((row) => row.channel === 'contact_centre');
    assert.ok(callers.length >= 3 && callers.every((row) => row.is_public), 'callers’ public complaints');

    const citizen = await signIn(DEMO_CITIZEN.cnic, DEMO_CITIZEN.password);
    const list = await citizen.browser.get('/complaints');
    assert.equal((list.body.match(/href="\/complaints\/CMP-\d{4}-\d{7}"/g) ?? []).length, mine.length);
    const resolved = mine.find((row) => row.state === 'resolved')?.number ?? '';
    const toRate = await citizen.browser.get(`/complaints/${resolved}`);
    assert.match(toRate.body, /value="close"/, 'the resolved one waits for the citizen’s rating');
    const today = await citizen.browser.get('/complaints/new');
    assert.equal(today.statusCode, 200);
    const filed = await t.services.complaints.file(
      { kind: 'user', userId: citizenRow.id, label: 'Demo', accountKind: 'citizen', grants: [] },
      'citizen',
      {
        subType: 'sewer-blocked',
        district: 'QTA',
        address: 'Samungli Road',
        latitude: '',
        longitude: '',
        description: 'The drain by the mosque is blocked again.',
        isPublic: true,
      },
    );
    assert.equal(filed.kind, 'filed', 'the seed leaves the citizen free to file today');

    const grievance = await officerBrowser('grievance.lg.quetta@sahulat.example');
    const inbox = await grievance.get('/complaints/inbox');
    assert.equal(inbox.statusCode, 200);
    for (const state of ['submitted', 'reopened', 'reassignment_requested']) {
      const number = mine.find((row) => row.state === state)?.number ?? '';
      assert.ok(inbox.body.includes(number), `${state} is in the grievance officer’s inbox`);
    }
    const dashboard = await grievance.get('/complaints/dashboard');
    assert.equal(dashboard.statusCode, 200);
    const field = await officerBrowser('field.lg.quetta@sahulat.example');
    assert.ok(
      (await field.get('/complaints/inbox')).body.includes(
        mine.find((row) => row.state === 'assigned')?.number ?? '',
      ),
    );
    const agent = await officerBrowser('contact.centre@sahulat.example');
    assert.match((await agent.get('/complaints/new')).body, /id="contactName"/, 'files for callers');
    const province = await officerBrowser('grievance.province@sahulat.example');
    assert.equal((await province.get('/complaints/appeals')).statusCode, 200);

    const publicPage = await new FormClient(t.app).get('/complaints/public');
    assert.match(publicPage.body, /Local Government/);
    assert.ok(!publicPage.body.includes('Demo Citizen') && !publicPage.body.includes('Sana Baloch'));
    const requests = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json' });
    const listed = requests.json<{ service_request_id: string; media_url: string | null }[]>();
    assert.ok(listed.length >= 5, 'Open311 lists the public ones');
    assert.ok(
      listed.some((request) => request.media_url !== null),
      'with a photo',
    );
  });
});
