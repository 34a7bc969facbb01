// Applying through the pages as a browser without JavaScript would: the service page's "apply" form, each
// step (the documents step as a real multipart upload, checked by content), the review, and sending.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tinyPdf, tinyPng } from '../../platform/storage/test-fixtures.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { FormClient } from '../../test-support/form-client.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const versionIn = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

async function multipart(
  browser: FormClient,
  url: string,
  fields: Record<string, string>,
  files: Record<string, { name: string; bytes: Uint8Array }>,
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, file] of Object.entries(files))
    form.append(name, new Blob([Buffer.from(file.bytes)]), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
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

describe('applying online', () => {
  it('walks the domicile form from the service page to a numbered application', async () => {
    const citizen = await createCitizen(t.testDatabase.database.db);
    const browser = new FormClient(t.app);
    await browser.get('/sign-in');
    await browser.post('/sign-in', { identifier: citizen.cnic, password: citizen.password, next: '/' });

    const service = await browser.get('/services/domicile-certificate');
    assert.match(service.body, /action="\/applications\/start"/);
    const started = await browser.post('/applications/start', {
      serviceCode: 'domicile-certificate',
      district: 'QTA',
    });
    assert.equal(started.statusCode, 303);
    const base = String(started.headers.location).replace(/\/applicant$/, '');
    assert.match(base, /^\/applications\/draft\/[0-9a-f-]{36}$/);

    let page = await browser.get(`${base}/applicant`);
    const wrong = await browser.post(`${base}/applicant`, {
      version: versionIn(page.body),
      fullName: 'Gul Khan',
      applicantCnic: '123',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /error-summary/);
    assert.ok(wrong.body.includes('value="Gul Khan"'), 'what was typed is kept');

    page = await browser.get(`${base}/applicant`);
    const applicant = await browser.post(`${base}/applicant`, {
      version: versionIn(page.body),
      applicantCnic: '54400-7654321-3',
      fullName: 'Gul Khan',
      fatherName: 'Sher Khan',
      dateOfBirth: '23-03-1998',
      gender: 'male',
      mobile: '0300 1234567',
      purpose: 'education',
    });
    assert.equal(applicant.headers.location, `${base}/residence`);
    page = await browser.get(`${base}/residence`);
    const residence = await browser.post(`${base}/residence`, {
      version: versionIn(page.body),
      district: 'QTA',
      tehsil: 'Quetta City',
      permanentAddress: 'House 12, Street 4, Satellite Town, Quetta',
      yearsResident: '20',
      residenceBasis: 'born-here',
      otherDomicile: 'no',
    });
    assert.equal(residence.headers.location, `${base}/documents`);

    page = await browser.get(`${base}/documents`);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    const disguised = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const refused = await multipart(
      browser,
      `${base}/documents`,
      { _csrf: browser.csrfToken(), version: versionIn(page.body) },
      {
        cnicCopy: { name: 'cnic.pdf', bytes: disguised },
      },
    );
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /not a PDF, JPEG or PNG/);
    const forged = await multipart(
      browser,
      `${base}/documents`,
      { _csrf: 'forged', version: versionIn(page.body) },
      {},
    );
    assert.equal(forged.statusCode, 403, 'an upload without the form’s token is refused');

    page = await browser.get(`${base}/documents`);
    const uploaded = await multipart(
      browser,
      `${base}/documents`,
      { _csrf: browser.csrfToken(), version: versionIn(page.body) },
      {
        cnicCopy: { name: 'cnic.pdf', bytes: tinyPdf() },
        fatherCnicCopy: { name: 'father.pdf', bytes: tinyPdf() },
        residenceProof: { name: 'bill.png', bytes: tinyPng() },
        photo: { name: 'me.png', bytes: tinyPng() },
      },
    );
    assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 300));
    assert.equal(uploaded.headers.location, `${base}/review`);

    const review = await browser.get(`${base}/review`);
    assert.match(review.body, /Rs\s?200/);
    const sent = await browser.post(`${base}/submit`, { version: versionIn(review.body) });
    assert.equal(sent.statusCode, 303);
    assert.match(String(sent.headers.location), /^\/applications\/DOM-QTA-\d{4}-\d{6}$/);
    const track = await browser.get(String(sent.headers.location));
    assert.match(track.body, /Waiting for the fee/);

    // The documents are served back inline to those who may see the application, exactly as uploaded.
    const link = /href="(\/applications\/DOM-QTA-\d{4}-\d{6}\/documents\/cnicCopy)"/.exec(track.body)?.[1];
    assert.ok(link !== undefined, 'the track page links the documents');
    const document = await browser.get(link);
    assert.equal(document.statusCode, 200);
    assert.equal(document.headers['content-type'], 'application/pdf');
    assert.equal(document.headers['x-content-type-options'], 'nosniff');
    assert.match(String(document.headers['content-disposition']), /^inline;/);
    assert.deepEqual(new Uint8Array(document.rawPayload), tinyPdf());
    const stranger = await createCitizen(t.testDatabase.database.db);
    const other = new FormClient(t.app);
    await other.get('/sign-in');
    await other.post('/sign-in', { identifier: stranger.cnic, password: stranger.password, next: '/' });
    assert.equal((await other.get(link)).statusCode, 404);
  });
});
