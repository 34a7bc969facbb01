// Complaints through the pages, as a browser without JavaScript: filing (with a photo, and with mistakes
// kept as typed), the officers' inbox and actions, resolving with evidence, rating and closing; filing from
// abroad with the code; the dashboards, the public page and the Open311 keys page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tinyPng } from '../../platform/storage/test-fixtures.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { FormClient } from '../../test-support/form-client.ts';
import { citizen, codeSentTo, foreignMobile, grant, officer } from './test-helpers.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const versionIn = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

async function signedInCitizen() {
  const person = await citizen(t);
  const browser = new FormClient(t.app);
  await browser.get('/sign-in');
  await browser.post('/sign-in', { identifier: person.cnic, password: person.password, next: '/' });
  return { person, browser };
}

async function staffBrowser(grants: Parameters<typeof officer>[1]) {
  const actor = await officer(t, grants);
  const { token } = await t.services.identity.sessions.create(
    { id: actor.userId, kind: 'staff' },
    { ip: '127.0.0.1', userAgent: 'test' },
    true,
  );
  const browser = new FormClient(t.app);
  browser.cookies.set('sid', token);
  return { actor, browser };
}

async function multipart(
  browser: FormClient,
  url: string,
  fields: Record<string, string>,
  files: { name: string; bytes: Uint8Array }[] = [],
) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const file of files) body.append('evidence', new Blob([Buffer.from(file.bytes)]), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body });
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
    payload: Buffer.from(await request.arrayBuffer()),
    cookies: Object.fromEntries(browser.cookies),
  });
  if ((response.headers['content-type'] ?? '').includes('text/html')) browser.lastBody = response.body;
  return response;
}

const complaint = {
  subType: 'sewer-blocked',
  district: 'QTA',
  address: 'Satellite Town, block 4, behind the girls school',
  latitude: '30.2',
  longitude: '67.0',
  description: 'The main sewer has overflowed into the street for a week.',
  isPublic: 'yes',
};

describe('complaint pages', () => {
  it('files with a photo, through assignment and resolution with evidence, to a rating', async () => {
    const { person, browser } = await signedInCitizen();
    const form = await browser.get('/complaints/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /enctype="multipart\/form-data"/);

    const wrong = await browser.post('/complaints/new', {
      ...complaint,
      description: 'short',
      latitude: '91',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /error-summary/);
    assert.match(wrong.body, /<title>Error:/);
    assert.ok(wrong.body.includes('Satellite Town, block 4'), 'what was typed is kept');
    assert.ok(wrong.body.includes('href="#description"') && wrong.body.includes('href="#latitude"'));

    await browser.get('/complaints/new');
    const filed = await multipart(browser, '/complaints/new', { _csrf: browser.csrfToken(), ...complaint }, [
      { name: 'drain.png', bytes: tinyPng() },
    ]);
    assert.equal(filed.statusCode, 303, filed.body);
    const page = String(filed.headers.location);
    assert.match(page, /^\/complaints\/CMP-\d{4}-\d{7}$/);
    const number = page.slice('/complaints/'.length);
    const track = await browser.get(page);
    assert.match(track.body, /Received/);
    const photo = /href="(\/complaints\/CMP-[^"]+\/attachments\/\d+)"/.exec(track.body)?.[1] ?? '';
    const image = await browser.get(photo);
    assert.equal(image.statusCode, 200);
    assert.equal(image.headers['content-type'], 'image/png');
    assert.ok((await browser.get('/complaints')).body.includes(number));

    const { browser: grievance } = await staffBrowser([
      grant('grievance_officer', 'local-government', 'QTA'),
    ]);
    const { actor: field, browser: fieldBrowser } = await staffBrowser([
      grant('field_officer', 'local-government', 'QTA'),
    ]);
    assert.ok((await grievance.get('/complaints/inbox')).body.includes(number));
    const officerPage = await grievance.get(page);
    assert.ok(
      officerPage.body.includes(`value="${field.userId}"`),
      'the field officers of the office are offered',
    );
    const version = versionIn(officerPage.body);
    const noOfficer = await grievance.post(`${page}/actions`, {
      action: 'assign',
      version,
      fieldOfficer: '',
      remarks: 'Urgent',
    });
    assert.equal(noOfficer.statusCode, 400);
    assert.ok(noOfficer.body.includes('Urgent'), 'instructions kept');
    await grievance.get(page);
    const assigned = await grievance.post(`${page}/actions`, {
      action: 'assign',
      version,
      fieldOfficer: field.userId,
      remarks: 'Urgent',
    });
    assert.equal(assigned.statusCode, 303);
    await grievance.get(page);
    const stale = await grievance.post(`${page}/actions`, {
      action: 'reject',
      version,
      remarks: 'Late reason',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else acted on this complaint/);

    const fieldPage = await fieldBrowser.get(page);
    const resolved = await multipart(
      fieldBrowser,
      `${page}/actions`,
      {
        _csrf: fieldBrowser.csrfToken(),
        action: 'resolve',
        version: versionIn(fieldPage.body),
        remarks: 'Sewer cleared and relined',
      },
      [{ name: 'after.png', bytes: tinyPng() }],
    );
    assert.equal(resolved.statusCode, 303, resolved.body);

    const citizenPage = await browser.get(page);
    assert.match(citizenPage.body, /Sewer cleared and relined/);
    assert.match(citizenPage.body, /evidence from the office/);
    assert.ok(!citizenPage.body.includes(field.label), 'the complainant sees offices, not officers');
    const closed = await browser.post(`${page}/actions`, {
      action: 'close',
      version: versionIn(citizenPage.body),
      rating: '5',
      remarks: '',
    });
    assert.equal(closed.statusCode, 303);
    assert.match((await browser.get(page)).body, /5: very good/);
    assert.ok(person.mobile !== '');
  });

  it('files from abroad: the code, then the tracking link without an account', async () => {
    const browser = new FormClient(t.app);
    const page = await browser.get('/complaints/overseas?lang=ur');
    assert.match(page.body, /بیرون ملک سے شکایت درج کریں/);
    const mobile = foreignMobile();
    const sent = await browser.post('/complaints/overseas', {
      ...complaint,
      contactName: 'Naseem Akhtar',
      documentKind: 'nicop',
      documentNumber: '54400-7654321-3',
      mobile,
    });
    assert.equal(sent.statusCode, 303, sent.body);
    const confirm = String(sent.headers.location);
    assert.match(confirm, /^\/complaints\/overseas\/[0-9a-f-]{36}\/confirm$/);
    await browser.get(confirm);
    const wrong = await browser.post(confirm, { code: '12' });
    assert.equal(wrong.statusCode, 400);
    await browser.get(confirm);
    const done = await browser.post(confirm, { code: await codeSentTo(t, mobile) });
    assert.equal(done.statusCode, 303);
    const tracking = String(done.headers.location);
    assert.match(tracking, /^\/complaints\/CMP-\d{4}-\d{7}\?key=/);
    const track = await browser.get(tracking);
    assert.equal(track.statusCode, 200);
    const commented = await browser.post(`${tracking.split('?')[0] ?? ''}/actions`, {
      action: 'comment',
      version: versionIn(track.body),
      key: new URL(tracking, 'http://x').searchParams.get('key') ?? '',
      remarks: 'I can send more photos on request.',
    });
    assert.equal(commented.statusCode, 303);
    assert.match((await browser.get(tracking)).body, /more photos on request/);
    assert.equal(
      (await new FormClient(t.app).get(tracking.split('?')[0] ?? '')).statusCode,
      303,
      'without the key: sign in',
    );
  });

  it('shows figures to officers and the public, and the keys page to administrators', async () => {
    const { browser: grievance } = await staffBrowser([
      grant('grievance_officer', 'local-government', 'QTA'),
    ]);
    const dashboard = await grievance.get('/complaints/dashboard?period=all');
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /Resolved within deadline/);
    assert.match(dashboard.body, /Local Government/);
    const { browser } = await signedInCitizen();
    assert.equal((await browser.get('/complaints/dashboard')).statusCode, 403);

    const publicPage = await new FormClient(t.app).get('/complaints/public');
    assert.equal(publicPage.statusCode, 200);
    assert.match(publicPage.body, /By district/);
    assert.ok(!publicPage.body.includes('Naseem'), 'no names on the public page');

    const { browser: admin } = await staffBrowser([grant('platform_admin', null, null)]);
    await admin.get('/admin/open311/keys');
    const issued = await admin.post('/admin/open311/keys', {
      appName: 'FixMyStreet Quetta',
      contactEmail: 'ops@fms.example',
    });
    assert.equal(issued.statusCode, 200);
    assert.match(issued.body, /o311_[A-Za-z0-9_-]{20,}/);
    assert.equal(issued.headers['cache-control'], 'no-store');
    assert.match((await admin.get('/admin/open311/keys')).body, /FixMyStreet Quetta/);
  });
});
