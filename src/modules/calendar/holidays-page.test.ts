import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RoleGrant, systemActor } from '../../platform/actor.ts';
import { auditEventsFor } from '../../platform/audit/repo.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { FormClient } from '../../test-support/form-client.ts';

let t: TestApp;

async function signedIn(grant: RoleGrant): Promise<FormClient> {
  const { id } = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email: `holidays.${Math.random().toString(36).slice(2)}@sahulat.test`,
    fullName: `Holidays ${grant.role}`,
    password: 'holidays password 2026',
    grants: [grant],
  });
  const { token } = await t.services.identity.sessions.create(
    { id, kind: 'staff' },
    { ip: '127.0.0.1', userAgent: 't' },
    true,
  );
  const client = new FormClient(t.app);
  client.cookies.set('sid', token);
  return client;
}

const ADMIN: RoleGrant = { role: 'platform_admin', departmentCode: null, districtCode: null };

before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

describe('the holidays page', () => {
  it("lists a year's holidays in English and in Urdu", async () => {
    const client = await signedIn(ADMIN);
    const page = await client.get('/admin/holidays?year=2026');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Public holidays in 2026/);
    assert.match(page.body, /Independence Day/);
    assert.match(page.body, /action="\/admin\/holidays\/2026-08-14\/remove"/);
    assert.doesNotMatch(page.body, /2027-08-14/);
    const urdu = await client.get('/admin/holidays?year=2027&lang=ur');
    assert.equal(urdu.statusCode, 200);
    assert.match(urdu.body, /عام تعطیلات/);
    assert.match(urdu.body, /یومِ آزادی/);
  });

  it('adds a holiday, refuses a clash keeping what was typed, and removes it', async () => {
    const client = await signedIn(ADMIN);
    await client.get('/admin/holidays?year=2026');
    const added = await client.post('/admin/holidays', {
      date: '2026-12-11',
      nameEn: 'Test Day',
      nameUr: 'آزمائشی دن',
      kind: 'optional',
    });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, '/admin/holidays?year=2026');
    const list = await client.get('/admin/holidays?year=2026');
    assert.match(list.body, /Test Day/);
    assert.match(list.body, /آزمائشی دن/);

    const clash = await client.post('/admin/holidays', {
      date: '2026-12-11',
      nameEn: 'Second <Day>',
      nameUr: 'دوسرا دن',
      kind: 'gazetted',
    });
    assert.equal(clash.statusCode, 422);
    assert.match(clash.body, /class="error-summary"/);
    assert.match(clash.body, /There is already a holiday on this date/);
    assert.match(clash.body, /value="Second &lt;Day>"/);
    assert.match(clash.body, /value="دوسرا دن"/);
    assert.match(clash.body, /<option value="gazetted" selected/);

    const removed = await client.post('/admin/holidays/2026-12-11/remove', {});
    assert.equal(removed.statusCode, 303);
    assert.doesNotMatch((await client.get('/admin/holidays?year=2026')).body, /Test Day/);
    const actions = (await auditEventsFor(t.testDatabase.database.db, 'public_holiday', '2026-12-11')).map(
      (event) => event.action,
    );
    assert.deepEqual(actions, ['calendar.holiday_added', 'calendar.holiday_removed']);
  });

  it('shows field errors in Urdu with the typed values kept', async () => {
    const client = await signedIn(ADMIN);
    await client.get('/admin/holidays?lang=ur');
    const response = await client.post('/admin/holidays?lang=ur', {
      date: '2026-13-01',
      nameEn: 'Typed name',
      nameUr: '',
      kind: 'gazetted',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /تعطیل کا نام اردو میں لکھیں/);
    assert.match(response.body, /value="2026-13-01"/);
    assert.match(response.body, /value="Typed name"/);
  });

  it('refuses a form without the CSRF token, and others than province-wide platform administrators', async () => {
    const admin = await signedIn(ADMIN);
    await admin.get('/admin/holidays');
    const forged = await admin.post('/admin/holidays', {
      _csrf: '',
      date: '2026-12-18',
      nameEn: 'Forged',
      nameUr: 'جعلی',
      kind: 'gazetted',
    });
    assert.equal(forged.statusCode, 403);

    const districtAdmin = await signedIn({
      role: 'platform_admin',
      departmentCode: null,
      districtCode: 'QTA',
    });
    assert.equal((await districtAdmin.get('/admin/holidays')).statusCode, 403);
    await districtAdmin.get('/account');
    const removal = await districtAdmin.post('/admin/holidays/2026-08-14/remove', {});
    assert.equal(removal.statusCode, 403);
    assert.match((await admin.get('/admin/holidays?year=2026')).body, /Independence Day/);
    assert.doesNotMatch((await admin.get('/admin/holidays?year=2026')).body, /Forged/);

    const signedOut = await new FormClient(t.app).get('/admin/holidays?year=2026');
    assert.equal(signedOut.statusCode, 303);
    assert.equal(
      signedOut.headers.location,
      `/sign-in?next=${encodeURIComponent('/admin/holidays?year=2026')}`,
    );
  });
});
