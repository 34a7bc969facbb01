// The facilitation-centre counter through its pages: consent by a code to the citizen's phone (an existing
// account and a new one), wrong, expired and exhausted codes, one consent for one draft, the operator's
// district and department, who may use /counter, the consent on record, "My applications", and the slip.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { tinyPdf, tinyPng } from '../../platform/storage/test-fixtures.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { DOMICILE_ANSWERS, payFeeAtCounter } from '../../test-support/applications.ts';
import { domicileFiledAtCounter, lastCodeTo, officerWith } from '../../test-support/counter.ts';
import { createCitizen, uniqueCnic, uniqueMobile } from '../../test-support/factories.ts';
import { FormClient } from '../../test-support/form-client.ts';
import { findAccountByCnic } from '../identity/accounts/repo-identity.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
});
after(() => t.close());

const db = () => t.testDatabase.database.db;
const QUETTA_OPERATOR = { role: 'operator', departmentCode: null, districtCode: 'QTA' } as const;
const versionIn = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';
const consentIn = (body: string) => /name="consent" value="([^"]+)"/.exec(body)?.[1] ?? '';
const isCode = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

async function signedInCitizen(citizen: { cnic: string; password: string }): Promise<FormClient> {
  const browser = new FormClient(t.app);
  await browser.get('/sign-in');
  await browser.post('/sign-in', { identifier: citizen.cnic, password: citizen.password, next: '/' });
  return browser;
}

async function multipart(browser: FormClient, url: string, fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const name of ['cnicCopy', 'fatherCnicCopy', 'residenceProof'])
    form.append(name, new Blob([Buffer.from(tinyPdf())]), `${name}.pdf`);
  form.append('photo', new Blob([Buffer.from(tinyPng())]), 'photo.png');
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
    payload: Buffer.from(await request.arrayBuffer()),
    cookies: Object.fromEntries(browser.cookies),
  });
}

/** The operator's browser: the walk-in's CNIC and mobile, then the code the citizen reads out. */
async function askConsent(browser: FormClient, walkIn: Record<string, string>) {
  await browser.get('/counter');
  return browser.post('/counter/consent', { locale: 'en', fullName: '', ...walkIn });
}

describe('filing at the counter', () => {
  it('for a citizen with an account: the code goes to their verified mobile, the operator fills the steps', async () => {
    const citizen = await createCitizen(db());
    const operator = await officerWith(t, QUETTA_OPERATOR, 'Nadia Baloch');
    const browser = operator.client;
    const typed = uniqueMobile();

    const home = await browser.get('/counter');
    assert.equal(home.statusCode, 200);
    const sent = await askConsent(browser, { cnic: citizen.cnic, mobile: typed });
    assert.equal(sent.statusCode, 200, sent.body.slice(0, 500));
    assert.ok(sent.body.includes(citizen.mobile.slice(-2)), 'the page names the phone by its last digits');
    assert.ok(!sent.body.includes(citizen.mobile), 'but not the whole number');
    assert.equal(await lastCodeTo(t, typed), undefined, 'nothing goes to the number the operator typed');
    const code = await lastCodeTo(t, citizen.mobile);
    assert.ok(code !== undefined);

    const confirmed = await browser.post('/counter/consent/confirm', {
      cnic: citizen.cnic,
      mobile: typed,
      code,
    });
    assert.equal(confirmed.statusCode, 200);
    assert.match(confirmed.body, new RegExp(`Test Citizen ${citizen.cnic.slice(-4)}`));
    const consent = consentIn(confirmed.body);
    const started = await browser.post('/counter/start', {
      consent,
      serviceCode: 'domicile-certificate',
      district: 'QTA',
    });
    assert.equal(started.statusCode, 303, started.body.slice(0, 300));
    const base = String(started.headers.location).replace(/\/applicant$/, '');
    assert.match(base, /^\/applications\/draft\/[0-9a-f-]{36}$/);
    const id = base.split('/').at(-1) ?? '';

    // The same step pages, on the citizen's behalf.
    for (const step of ['applicant', 'residence'] as const) {
      const page = await browser.get(`${base}/${step}`);
      assert.equal(page.statusCode, 200);
      const saved = await browser.post(`${base}/${step}`, {
        version: versionIn(page.body),
        ...DOMICILE_ANSWERS[step],
      });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    }
    const documents = await browser.get(`${base}/documents`);
    const uploaded = await multipart(browser, `${base}/documents`, {
      _csrf: browser.csrfToken(),
      version: versionIn(documents.body),
    });
    assert.equal(uploaded.statusCode, 303);
    const review = await browser.get(`${base}/review`);
    const submitted = await browser.post(`${base}/submit`, { version: versionIn(review.body) });
    assert.equal(submitted.statusCode, 303);
    const slipUrl = String(submitted.headers.location);
    assert.match(slipUrl, /^\/applications\/DOM-QTA-\d{4}-\d{6}\/slip$/, 'the operator lands on the slip');

    // On record: applicant, filer, and the consent (who, when, which code) in the history and the audit.
    const { application, events } = await t.services.applications.get(operator.actor, { id });
    assert.equal(application.applicant_id, citizen.id);
    assert.equal(application.filed_by, operator.id);
    const codeRow = await sql<{ id: string }>`
      select id from one_time_code where user_id = ${citizen.id} and purpose = 'counter_consent'`.execute(
      db(),
    );
    const consentEvent = events.find((event) => event.kind === 'counter_consent');
    const [codeIssued] = codeRow.rows;
    assert.ok(consentEvent !== undefined && codeIssued !== undefined);
    assert.equal(consentEvent.actor_id, citizen.id);
    assert.equal(consentEvent.remarks, codeIssued.id);
    const audit = await sql<{
      actor_id: string;
      details: { codeId: string; citizenId: string; consentedAt: string };
    }>`
      select actor_id, details from audit_event where action = 'application.counter_consent' and subject_id = ${id}`.execute(
      db(),
    );
    const [record] = audit.rows;
    assert.ok(record !== undefined);
    assert.equal(record.actor_id, operator.id);
    assert.equal(record.details.codeId, codeIssued.id);
    assert.equal(record.details.citizenId, citizen.id);
    assert.ok(!Number.isNaN(Date.parse(record.details.consentedAt)));

    // The citizen sees it as theirs, filed for them, with the consent in the timeline.
    const own = await signedInCitizen(citizen);
    const mine = await own.get('/applications');
    assert.match(mine.body, /Filed for you at a facilitation centre/);
    assert.ok(mine.body.includes(application.number ?? '-'));
    const track = await own.get(`/applications/${application.number ?? ''}`);
    assert.match(track.body, /gave consent at a facilitation centre/);
    assert.ok(track.body.includes(`href="${slipUrl}"`), 'the track page links the slip');
  });

  it('for a citizen without an account: opens a password-less one and texts the typed mobile', async () => {
    const operator = await officerWith(t, QUETTA_OPERATOR);
    const cnic = uniqueCnic();
    const mobile = uniqueMobile();
    const nameless = await askConsent(operator.client, { cnic, mobile });
    assert.equal(nameless.statusCode, 400);
    assert.match(nameless.body, /enter the citizen(’|'|&#39;)s full name to open one/);
    assert.equal(await findAccountByCnic(db(), cnic), undefined, 'no account without a name');

    const sent = await askConsent(operator.client, { cnic, mobile, fullName: 'Mahgul Marri', locale: 'ur' });
    assert.equal(sent.statusCode, 200);
    assert.match(sent.body, /A Sahulat account has been opened/);
    const account = await findAccountByCnic(db(), cnic);
    assert.equal(account?.passwordHash, null);
    assert.equal(account.mobile, mobile);
    assert.equal(account.mobileVerifiedAt, null);
    assert.equal(account.preferredLocale, 'ur');
    const messages = await t.services.notifications.recentMessages(systemActor('test'), 50);
    assert.match(
      messages.find((m) => m.recipient === mobile)?.body ?? '',
      /سہولت مرکز/,
      'in the chosen language',
    );

    const code = await lastCodeTo(t, mobile);
    const confirmed = await operator.client.post('/counter/consent/confirm', {
      cnic,
      mobile,
      code: code ?? '',
    });
    assert.equal(confirmed.statusCode, 200);
    assert.match(confirmed.body, /Mahgul Marri/);
    assert.ok(
      (await findAccountByCnic(db(), cnic))?.mobileVerifiedAt instanceof Date,
      'the code proved the mobile',
    );
    const started = await operator.client.post('/counter/start', {
      consent: consentIn(confirmed.body),
      serviceCode: 'domicile-certificate',
      district: 'QTA',
    });
    assert.equal(started.statusCode, 303);
  });
});

describe('consent codes', () => {
  it('refuses a wrong code, then allows 5 tries in all', async () => {
    const citizen = await createCitizen(db());
    const operator = await officerWith(t, QUETTA_OPERATOR);
    await askConsent(operator.client, { cnic: citizen.cnic, mobile: citizen.mobile });
    const code = (await lastCodeTo(t, citizen.mobile)) ?? '';
    const wrongCode = code === '000000' ? '111111' : '000000';
    const walkIn = { cnic: citizen.cnic, mobile: citizen.mobile };
    const first = await operator.client.post('/counter/consent/confirm', { ...walkIn, code: wrongCode });
    assert.equal(first.statusCode, 400);
    assert.match(first.body, /That code is not right. You have 4 more tries/);
    for (let attempt = 2; attempt <= 5; attempt += 1)
      await operator.client.post('/counter/consent/confirm', { ...walkIn, code: wrongCode });
    const rightTooLate = await operator.client.post('/counter/consent/confirm', { ...walkIn, code });
    assert.equal(rightTooLate.statusCode, 400);
    assert.match(rightTooLate.body, /Too many wrong codes/);
    assert.ok(!rightTooLate.body.includes('name="consent"'));
  });

  it('refuses an expired code (10 minutes)', async () => {
    const citizen = await createCitizen(db());
    const operator = await officerWith(t, QUETTA_OPERATOR);
    await askConsent(operator.client, { cnic: citizen.cnic, mobile: citizen.mobile });
    const code = (await lastCodeTo(t, citizen.mobile)) ?? '';
    await sql`update one_time_code set expires_at = now() - interval '1 second'
      where user_id = ${citizen.id} and purpose = 'counter_consent'`.execute(db());
    const late = await operator.client.post('/counter/consent/confirm', {
      cnic: citizen.cnic,
      mobile: citizen.mobile,
      code,
    });
    assert.equal(late.statusCode, 400);
    assert.match(late.body, /That code has expired/);
  });

  it('is single use, and one consent starts one draft for the operator who asked for it', async () => {
    const citizen = await createCitizen(db());
    const operator = await officerWith(t, QUETTA_OPERATOR);
    const colleague = await officerWith(t, QUETTA_OPERATOR);
    await askConsent(operator.client, { cnic: citizen.cnic, mobile: citizen.mobile });
    const code = (await lastCodeTo(t, citizen.mobile)) ?? '';
    const walkIn = { cnic: citizen.cnic, mobile: citizen.mobile, code };
    const confirmed = await operator.client.post('/counter/consent/confirm', walkIn);
    const again = await operator.client.post('/counter/consent/confirm', walkIn);
    assert.equal(again.statusCode, 400, 'the code is spent');
    const consent = consentIn(confirmed.body);
    const start = { consent, serviceCode: 'domicile-certificate', district: 'QTA' };

    await colleague.client.get('/counter');
    const borrowed = await colleague.client.post('/counter/start', start);
    assert.equal(borrowed.statusCode, 400, 'another operator cannot use it');
    const forged = await operator.client.post('/counter/start', { ...start, consent: `${consent}x` });
    assert.equal(forged.statusCode, 400);
    assert.equal((await operator.client.post('/counter/start', start)).statusCode, 303);
    const twice = await operator.client.post('/counter/start', start);
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /already been used/);
  });
});

describe('who may file where', () => {
  it('keeps an operator to their own district and department', async () => {
    const citizen = await createCitizen(db());
    const operator = await officerWith(t, QUETTA_OPERATOR);
    await askConsent(operator.client, { cnic: citizen.cnic, mobile: citizen.mobile });
    const confirmed = await operator.client.post('/counter/consent/confirm', {
      cnic: citizen.cnic,
      mobile: citizen.mobile,
      code: (await lastCodeTo(t, citizen.mobile)) ?? '',
    });
    assert.ok(!confirmed.body.includes('value="GWD"'), 'only their district is offered');
    const gwadar = await operator.client.post('/counter/start', {
      consent: consentIn(confirmed.body),
      serviceCode: 'domicile-certificate',
      district: 'GWD',
    });
    assert.equal(gwadar.statusCode, 403);

    // A Health operator files Health's services only.
    const health = await officerWith(t, { role: 'operator', departmentCode: 'health', districtCode: 'QTA' });
    const desk = await t.services.counter.desk(health.actor);
    assert.ok(desk.services.every((service) => service.departmentCode === 'health'));
    const other = await createCitizen(db());
    await t.services.counter.requestConsent(health.actor, {
      cnic: other.cnic,
      mobile: other.mobile,
      locale: 'en',
    });
    const healthConsent = await t.services.counter.confirmConsent(health.actor, {
      cnic: other.cnic,
      mobile: other.mobile,
      locale: 'en',
      code: (await lastCodeTo(t, other.mobile)) ?? '',
    });
    assert.equal(healthConsent.status, 'ok');
    await assert.rejects(
      t.services.counter.startFor(health.actor, {
        consent: healthConsent.sealed,
        serviceCode: 'domicile-certificate',
        districtCode: 'QTA',
      }),
      isCode('forbidden'),
    );
  });

  it('refuses to send a draft whose form names another district, and keeps other operators out', async () => {
    const citizen = await createCitizen(db());
    const operator = await officerWith(t, QUETTA_OPERATOR);
    const { counter, applications } = t.services;
    const walkIn = { cnic: citizen.cnic, mobile: citizen.mobile, locale: 'en' };
    await counter.requestConsent(operator.actor, walkIn);
    const consent = await counter.confirmConsent(operator.actor, {
      ...walkIn,
      code: (await lastCodeTo(t, citizen.mobile)) ?? '',
    });
    if (consent.status !== 'ok') throw new Error('no consent');
    const id = await counter.startFor(operator.actor, {
      consent: consent.sealed,
      serviceCode: 'domicile-certificate',
      districtCode: 'QTA',
    });
    const colleague = await officerWith(t, QUETTA_OPERATOR);
    await assert.rejects(
      applications.saveStep(colleague.actor, id, {
        stepId: 'applicant',
        raw: DOMICILE_ANSWERS['applicant'] ?? {},
        version: 1,
      }),
      isCode('forbidden'),
      'only the operator who filed it',
    );
    let version = 1;
    for (const [stepId, raw] of Object.entries(DOMICILE_ANSWERS)) {
      const answers = stepId === 'residence' ? { ...raw, district: 'GWD' } : raw;
      version = (await applications.saveStep(operator.actor, id, { stepId, raw: answers, version })).version;
    }
    await assert.rejects(applications.submit(operator.actor, id, version), (error: unknown) => {
      assert.ok(error instanceof AppError && error.code === 'validation_failed');
      assert.deepEqual(
        error.fieldErrors.map((e) => e.messageKey),
        ['counter.otherDistrict'],
      );
      return true;
    });
  });

  it('is for operators only', async () => {
    const citizen = await createCitizen(db());
    const own = await signedInCitizen(citizen);
    assert.equal((await own.get('/counter')).statusCode, 403);
    await own.get('/applications');
    const posted = await own.post('/counter/consent', {
      cnic: citizen.cnic,
      mobile: citizen.mobile,
      locale: 'en',
    });
    assert.equal(posted.statusCode, 403);
    assert.equal(await lastCodeTo(t, citizen.mobile), undefined);
    const clerk = await officerWith(t, { role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' });
    assert.equal((await clerk.client.get('/counter')).statusCode, 403);
    const anonymous = await new FormClient(t.app).get('/counter');
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/sign-in\?next=%2Fcounter/);
  });
});

describe('the acknowledgement slip', () => {
  it('shows what to keep, and how the fee was paid once it is', async () => {
    const citizen = await createCitizen(db());
    const operator = await officerWith(t, QUETTA_OPERATOR, 'Nadia Baloch');
    const { number } = await domicileFiledAtCounter(t, operator.actor, citizen);
    let slip = await operator.client.get(`/applications/${number}/slip`);
    assert.equal(slip.statusCode, 200);
    const cnic = citizen.cnic;
    const masked = `${cnic.slice(0, 5)}-*****${cnic.slice(10, 12)}-${cnic.slice(12)}`;
    for (const expected of [
      number,
      'Domicile certificate',
      `Test Citizen ${cnic.slice(-4)}`,
      masked,
      'not paid yet',
      'Nadia Baloch',
      `${t.config.publicUrl}/applications/${number}`,
      '<svg class="qr-code"',
      'Decision expected by',
    ])
      assert.ok(slip.body.includes(expected), `the slip shows ${expected}`);
    assert.ok(!slip.body.includes(cnic), 'never the whole CNIC');
    assert.ok(!/style=|<script>/.test(slip.body), 'no inline style or script');

    const { psid, receiptNumber } = await payFeeAtCounter(t, number);
    slip = await operator.client.get(`/applications/${number}/slip`);
    assert.ok(slip.body.includes(`paid, receipt ${receiptNumber} (PSID ${psid})`), 'the receipt and PSID');

    const urdu = await operator.client.get(`/applications/${number}/slip?lang=ur`);
    assert.match(urdu.body, /وصولی کی رسید/);
  });

  it('is for the applicant, the filing operator and the officers who can see the application', async () => {
    const citizen = await createCitizen(db());
    const operator = await officerWith(t, QUETTA_OPERATOR);
    const { number } = await domicileFiledAtCounter(t, operator.actor, citizen);
    const url = `/applications/${number}/slip`;
    assert.equal((await (await signedInCitizen(citizen)).get(url)).statusCode, 200, 'applicant');
    assert.equal((await operator.client.get(url)).statusCode, 200, 'filing operator');
    const clerk = await officerWith(t, { role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' });
    assert.equal((await clerk.client.get(url)).statusCode, 200, 'the office');
    const gwadar = await officerWith(t, { role: 'clerk', departmentCode: 'revenue', districtCode: 'GWD' });
    assert.equal((await gwadar.client.get(url)).statusCode, 404, 'another district');
    const stranger = await createCitizen(db());
    assert.equal((await (await signedInCitizen(stranger)).get(url)).statusCode, 404, 'another citizen');
    assert.equal((await new FormClient(t.app).get(url)).statusCode, 303, 'signed out: sign in first');
  });
});
