// Self-service kiosks: enrolment by an administrator (a signed, HttpOnly cookie; the administrator signed
// out), the two-minute idle limit on the server (by back-dating the session row), the no-JavaScript refresh
// on signed-in kiosk pages only, the GET that signs out only a kiosk session, and no links off the site.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type VNode, h } from 'preact';
import { sendPage, renderDocument } from '../../platform/views/render.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { withoutOffSiteLinks } from '../../platform/views/kiosk.tsx';
import { hashToken } from './sessions.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { DOMICILE_ANSWERS } from '../../test-support/applications.ts';
import { officerWith } from '../../test-support/counter.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { FormClient } from '../../test-support/form-client.ts';

let t: TestApp;
let kioskCookie = '';
before(async () => {
  t = await buildTestApp({
    env: { RATE_LIMIT_PER_MINUTE: '0' },
    // A page with links off the site, as any page could have (a department's website, an e-mail address).
    beforeReady: (app) =>
      app.get('/test/links', async (request, reply) =>
        sendPage(
          reply,
          // Layout must render inside sendPage (it reads the kiosk from context): an element, not a call.
          h(Layout, {
            t: request.t,
            title: 'Links',
            currentPath: request.url,
            children: [
              h('a', { href: 'https://www.balochistan.gov.pk/', class: 'x' }, 'Government website'),
              h('a', { href: 'mailto:help@sahulat.example' }, 'Write to us'),
              h('a', { href: '//evil.example/' }, 'Elsewhere'),
              h('a', { href: '/services' }, 'Our services'),
            ],
          }) as VNode,
        ),
      ),
  });
  const admin = await officerWith(t, { role: 'platform_admin', departmentCode: null, districtCode: null });
  await admin.client.get('/kiosk/enrol');
  await admin.client.post('/kiosk/enrol', { centre: 'Quetta Civil Secretariat', district: 'QTA' });
  kioskCookie = admin.client.cookies.get('kiosk') ?? '';
});
after(() => t.close());

const db = () => t.testDatabase.database.db;

/** A browser on the kiosk, optionally with a citizen signed in through the kiosk's own sign-in page. */
async function kioskBrowser(citizen?: { cnic: string; password: string }): Promise<FormClient> {
  const browser = new FormClient(t.app);
  browser.cookies.set('kiosk', kioskCookie);
  if (citizen !== undefined) {
    await browser.get('/sign-in');
    await browser.post('/sign-in', { identifier: citizen.cnic, password: citizen.password, next: '/' });
  }
  return browser;
}

async function ordinaryBrowser(citizen: { cnic: string; password: string }): Promise<FormClient> {
  const browser = new FormClient(t.app);
  await browser.get('/sign-in');
  await browser.post('/sign-in', { identifier: citizen.cnic, password: citizen.password, next: '/' });
  return browser;
}

/** Moves the session's last activity `seconds` into the past; returns its idle limit. */
async function backDate(sessionToken: string, seconds: number) {
  const hash = hashToken(sessionToken);
  await sql`update user_session set last_seen_at = now() - make_interval(secs => ${seconds})
    where token_hash = ${hash}`.execute(db());
  const row = await sql<{ idle_timeout_seconds: number }>`
    select idle_timeout_seconds from user_session where token_hash = ${hash}`.execute(db());
  return row.rows[0]?.idle_timeout_seconds;
}

async function secondsSinceSeen(sessionToken: string): Promise<number> {
  const row = await sql<{ ago: number }>`
    select extract(epoch from now() - last_seen_at)::float8 as ago from user_session
    where token_hash = ${hashToken(sessionToken)}`.execute(db());
  return row.rows[0]?.ago ?? Number.NaN;
}

describe('enrolling a kiosk', () => {
  it('sets a long-lived signed HttpOnly cookie naming the centre, and signs the administrator out', async () => {
    const admin = await officerWith(t, { role: 'platform_admin', departmentCode: null, districtCode: null });
    await admin.client.get('/kiosk/enrol');
    const enrolled = await admin.client.post('/kiosk/enrol', {
      centre: 'Gwadar Port facilitation centre',
      district: 'GWD',
    });
    assert.equal(enrolled.statusCode, 303);
    const cookie = enrolled.cookies.find((c) => c.name === 'kiosk');
    assert.ok(cookie !== undefined);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.ok((cookie.maxAge ?? 0) > 300 * 24 * 3600, 'kept for many months');
    assert.match(cookie.value, /\.[A-Za-z0-9+/_-]{20,}$/, 'signed');
    const session = await sql<{ revoked_at: Date | null }>`
      select revoked_at from user_session where user_id = ${admin.id}`.execute(db());
    assert.ok(
      session.rows.every((row) => row.revoked_at !== null),
      'the administrator is signed out',
    );
    const status = await admin.client.get('/kiosk');
    assert.match(status.body, /Self-service kiosk of Gwadar Port facilitation centre/);
    assert.match(status.body, /<body class="kiosk">/);
    const audit = await sql<{ action: string }>`
      select action from audit_event where actor_id = ${admin.id} and action = 'kiosk.enrolled'`.execute(
      db(),
    );
    assert.equal(audit.rows.length, 1);
  });

  it('ignores a forged cookie', async () => {
    const browser = new FormClient(t.app);
    browser.cookies.set('kiosk', encodeURIComponent(JSON.stringify({ c: 'Fake', d: 'QTA' })));
    const page = await browser.get('/');
    assert.ok(!page.body.includes('class="kiosk"'));
    browser.cookies.set('kiosk', `${kioskCookie.slice(0, -3)}abc`);
    assert.ok(!(await browser.get('/')).body.includes('class="kiosk"'));
  });

  it('is for administrators, each within their district', async () => {
    const citizen = await createCitizen(db());
    assert.equal((await (await ordinaryBrowser(citizen)).get('/kiosk/enrol')).statusCode, 403);
    const operator = await officerWith(t, { role: 'operator', departmentCode: null, districtCode: 'QTA' });
    assert.equal((await operator.client.get('/kiosk/enrol')).statusCode, 403);
    const revenue = await officerWith(t, {
      role: 'department_admin',
      departmentCode: 'revenue',
      districtCode: 'QTA',
    });
    const form = await revenue.client.get('/kiosk/enrol');
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('value="QTA"') && !form.body.includes('value="GWD"'));
    const elsewhere = await revenue.client.post('/kiosk/enrol', { centre: 'Gwadar centre', district: 'GWD' });
    assert.equal(elsewhere.statusCode, 400);
    assert.equal(
      elsewhere.cookies.find((c) => c.name === 'kiosk'),
      undefined,
    );
  });

  it('is removed by an administrator at /kiosk/leave', async () => {
    const admin = await officerWith(t, { role: 'platform_admin', departmentCode: null, districtCode: null });
    admin.client.cookies.set('kiosk', kioskCookie);
    assert.equal((await admin.client.get('/kiosk/leave')).statusCode, 200);
    const left = await admin.client.post('/kiosk/leave', {});
    assert.equal(left.statusCode, 303);
    assert.equal(admin.client.cookies.has('kiosk'), false);
    const citizen = await createCitizen(db());
    const passerBy = await kioskBrowser(citizen);
    assert.equal((await passerBy.get('/kiosk/leave')).statusCode, 403);
    await passerBy.get('/account');
    assert.equal((await passerBy.post('/kiosk/leave', {})).statusCode, 403);
    assert.equal(
      passerBy.cookies.get('kiosk'),
      kioskCookie,
      'a citizen cannot take the kiosk out of kiosk mode',
    );
  });
});

describe('sessions on a kiosk', () => {
  it('end after two idle minutes on the server, where an ordinary browser keeps its 30', async () => {
    const citizen = await createCitizen(db());
    const onKiosk = await kioskBrowser(citizen);
    assert.equal((await onKiosk.get('/account')).statusCode, 200);
    const elsewhere = await ordinaryBrowser(citizen);
    assert.equal((await elsewhere.get('/account')).statusCode, 200);

    assert.equal(await backDate(onKiosk.cookies.get('sid') ?? '', 100), 120);
    assert.equal((await onKiosk.get('/kiosk/alive')).statusCode, 204, 'still alive after 100 s');
    assert.equal(await backDate(onKiosk.cookies.get('sid') ?? '', 121), 120);
    const timedOut = await onKiosk.get('/account');
    assert.equal(timedOut.statusCode, 303);
    assert.match(String(timedOut.headers.location), /^\/sign-in/);
    assert.equal((await onKiosk.get('/kiosk/alive')).statusCode, 401);

    assert.equal(await backDate(elsewhere.cookies.get('sid') ?? '', 121), 30 * 60);
    assert.equal((await elsewhere.get('/account')).statusCode, 200);
  });

  it('restart the count at every request, so a busy person is not cut off', async () => {
    const citizen = await createCitizen(db());
    const onKiosk = await kioskBrowser(citizen);
    await onKiosk.get('/account');
    const token = onKiosk.cookies.get('sid') ?? '';
    await backDate(token, 30);
    assert.equal((await onKiosk.get('/kiosk/alive')).statusCode, 204);
    assert.ok((await secondsSinceSeen(token)) < 5, 'seen just now, not a minute ago at best');
  });

  it('carry a refresh to the sign-out page only when someone is signed in on a kiosk', async () => {
    const refresh = '<noscript><meta http-equiv="refresh" content="120;url=/kiosk/timeout"/></noscript>';
    const citizen = await createCitizen(db());
    const signedInKiosk = (await (await kioskBrowser(citizen)).get('/applications')).body;
    assert.ok(signedInKiosk.includes(refresh));
    assert.ok(signedInKiosk.includes('<script src="/assets/js/kiosk.js" defer></script>'));
    assert.ok(signedInKiosk.includes('<body class="kiosk">'));
    assert.match(signedInKiosk, /id="kiosk-warning" role="alert" hidden/);

    const signedOutKiosk = (await (await kioskBrowser()).get('/services')).body;
    assert.ok(signedOutKiosk.includes('<body class="kiosk">'));
    assert.ok(!signedOutKiosk.includes('http-equiv="refresh"'));

    const ordinary = (await (await ordinaryBrowser(citizen)).get('/applications')).body;
    assert.ok(!ordinary.includes('http-equiv="refresh"') && !ordinary.includes('kiosk.js'));
    assert.ok(!ordinary.includes('class="kiosk"'));
  });

  it('are ended by a GET of /kiosk/timeout, which signs nobody out anywhere else', async () => {
    const citizen = await createCitizen(db());
    const onKiosk = await kioskBrowser(citizen);
    const out = await onKiosk.get('/kiosk/timeout');
    assert.equal(out.statusCode, 200);
    assert.match(out.body, /You have been signed out/);
    assert.ok(!out.body.includes('http-equiv="refresh"'), 'the page is signed out: no timer on it');
    assert.equal((await onKiosk.get('/account')).statusCode, 303);
    const audit = await sql<{ details: { reason: string } }>`
      select details from audit_event where actor_id = ${citizen.id} and action = 'session.ended'`.execute(
      db(),
    );
    assert.equal(audit.rows[0]?.details.reason, 'kiosk_idle');

    const elsewhere = await ordinaryBrowser(citizen);
    const ignored = await elsewhere.get('/kiosk/timeout');
    assert.equal(ignored.statusCode, 303);
    assert.equal((await elsewhere.get('/account')).statusCode, 200, 'an ordinary browser stays signed in');
  });
});

describe('pages on a kiosk', () => {
  it('show the printable slip after an application is sent', async () => {
    const citizen = await createCitizen(db());
    const actor = {
      kind: 'user',
      userId: citizen.id,
      label: 'Kiosk user',
      accountKind: 'citizen',
      grants: [],
    } as const;
    const { applications } = t.services;
    const id = await applications.startDraft(actor, {
      serviceCode: 'domicile-certificate',
      districtCode: 'QTA',
    });
    let version = 1;
    for (const [stepId, raw] of Object.entries(DOMICILE_ANSWERS))
      version = (await applications.saveStep(actor, id, { stepId, raw, version })).version;
    const onKiosk = await kioskBrowser(citizen);
    await onKiosk.get(`/applications/draft/${id}/review`);
    const sent = await onKiosk.post(`/applications/draft/${id}/submit`, { version: String(version) });
    assert.equal(sent.statusCode, 303);
    assert.match(String(sent.headers.location), /^\/applications\/DOM-QTA-\d{4}-\d{6}\/slip$/);
    const slip = await onKiosk.get(String(sent.headers.location));
    assert.equal(slip.statusCode, 200);
    assert.match(slip.body, /<svg class="qr-code"/);
  });

  it('render links off the site as plain text, and keep the site’s own', async () => {
    const page = (await (await kioskBrowser()).get('/test/links')).body;
    assert.ok(
      !page.includes('balochistan.gov.pk') && !page.includes('mailto:') && !page.includes('evil.example'),
    );
    assert.match(page, /<span class="kiosk-offsite">Government website<\/span>/);
    assert.match(page, /<a href="\/services">Our services<\/a>/);
    assert.match(page, /hreflang="ur"/, 'the language switch stays');
    const ordinary = (await new FormClient(t.app).get('/test/links')).body;
    assert.ok(ordinary.includes('href="https://www.balochistan.gov.pk/"'));
  });

  it('strip every kind of way out, even with a ">" inside an attribute', () => {
    const html = [
      '<a href="https://x.example/?a=1&amp;b=2" title="a > b">one</a>',
      '<a href="tel:+923001234567">two</a>',
      '<a href=" javascript:alert(1)">three</a>',
      '<a href="#main">four</a>',
      '<a href="?lang=ur">five</a>',
      '<a class="button" href="/applications">six <strong>!</strong></a>',
    ].join('');
    assert.equal(
      withoutOffSiteLinks(html),
      '<span class="kiosk-offsite">one</span><span class="kiosk-offsite">two</span>' +
        '<span class="kiosk-offsite">three</span><a href="#main">four</a><a href="?lang=ur">five</a>' +
        '<a class="button" href="/applications">six <strong>!</strong></a>',
    );
    assert.ok(renderDocument(h('a', { href: 'https://x.example/' }, 'x')).includes('https://x.example/'));
  });
});
