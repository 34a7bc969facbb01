// The printed certificate in English and Urdu: a PDF printed by Debian's Chromium with only the Noto Naskh
// fonts embedded, the Urdu extractable in logical order, a QR code that scans to the short link (a domicile
// credential is too large for a code a phone reads), and for the holder and the issuing office only. Without
// a PDF browser the application's page offers the same document as a page to print instead.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compact, embeddedFontNames, pdfText, qrCodesIn } from '../../platform/pdf/inspect.ts';
import { MAX_PRINTED_QR_VERSION } from '../../platform/pdf/qr.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createOfficer, signedInClient } from '../../test-support/applications.ts';
import { browserSkipReason } from '../../test-support/browser.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { FormClient } from '../../test-support/form-client.ts';
import { printedQr } from './document.ts';
import { approvedDomicile } from './test-helpers.ts';

const skip = browserSkipReason();
const REVENUE_QTA = { departmentCode: 'revenue', districtCode: 'QTA' } as const;

/** Says which checks this machine cannot run (poppler-utils, zbar-tools), as the browser tests do. */
function note(missing: string): void {
  process.stdout.write(`# SKIP part of a PDF check: ${missing}\n`);
}

describe('the printed certificate as a PDF', { skip }, () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('gives the holder a bilingual PDF in Noto Naskh with a QR code of the short link', async () => {
    const { number, holderId, code, certificate } = await approvedDomicile(t);
    const holder = await signedInClient(t, holderId, 'citizen');
    const track = await holder.get(`/applications/${number}`);
    assert.ok(track.body.includes(`href="/credentials/${code}.pdf"`), 'the track page links the PDF');
    assert.match(track.body, /Download the certificate as PDF \(English and Urdu\)/);

    const response = await holder.get(`/credentials/${code}.pdf`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.equal(response.headers['cache-control'], 'no-store');
    const pdf = response.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.deepEqual(embeddedFontNames(pdf), ['NotoNaskhArabic-Bold', 'NotoNaskhArabic-Regular']);

    const text = pdfText(pdf);
    if (text === undefined) note('pdftotext is not installed (apt-get install poppler-utils)');
    else {
      const flat = compact(text);
      for (const expected of ['Domicile', 'Gul Khan', '54400-•••••••-3', number, 'Revenue'])
        assert.ok(flat.includes(compact(expected)), `"${expected}" in the text`);
      // The Urdu, in logical order: labels and the department's name as the catalog and reference data have
      // them. (pdftotext puts spaces inside Urdu words, and moves a word's diacritics and letters that sit
      // off the baseline; none of these strings has those, so they must come out whole.)
      for (const urdu of ['والد کا نام', 'شناختی کارڈ نمبر', 'عوامی ریکارڈ کا اندراج', 'بورڈ آف ریونیو'])
        assert.ok(flat.includes(compact(urdu)), `"${urdu}" in logical order`);
    }

    const codes = qrCodesIn(pdf);
    if (codes === undefined)
      note('pdftoppm or zbarimg is not installed (apt-get install poppler-utils zbar-tools)');
    else assert.deepEqual(codes, [`${t.config.publicUrl}${certificate.shortPath}`]);
  });

  it('prints for the issuing office, and for nobody else', async () => {
    const { code } = await approvedDomicile(t);
    const approver = await createOfficer(t, [{ role: 'approver', ...REVENUE_QTA }]);
    const fromOffice = await (await signedInClient(t, approver.actor.userId)).get(`/credentials/${code}.pdf`);
    assert.equal(fromOffice.statusCode, 200);
    assert.equal(fromOffice.headers['content-type'], 'application/pdf');

    const citizen = await createCitizen(t.testDatabase.database.db);
    const other = await (await signedInClient(t, citizen.id, 'citizen')).get(`/credentials/${code}.pdf`);
    assert.equal(other.statusCode, 404);
    const gwadar = await createOfficer(t, [
      { role: 'approver', departmentCode: 'revenue', districtCode: 'GWD' },
    ]);
    const elsewhere = await (await signedInClient(t, gwadar.actor.userId)).get(`/credentials/${code}.pdf`);
    assert.equal(elsewhere.statusCode, 404);
    const signedOut = await new FormClient(t.app).get(`/credentials/${code}.pdf`);
    assert.equal(signedOut.statusCode, 303);
    assert.match(String(signedOut.headers.location), /^\/sign-in\?next=/);
    const unknown = await (
      await signedInClient(t, citizen.id, 'citizen')
    ).get(`/credentials/${'A'.repeat(22)}.pdf`);
    assert.equal(unknown.statusCode, 404);
  });

  it('measures certificate PDFs with the pages warm (reported, not asserted)', async () => {
    const { holderId, code } = await approvedDomicile(t);
    const holder = await signedInClient(t, holderId, 'citizen');
    const fetchOne = async () => {
      const started = performance.now();
      const response = await holder.get(`/credentials/${code}.pdf`);
      assert.equal(response.statusCode, 200);
      return performance.now() - started;
    };
    await Promise.all([fetchOne(), fetchOne()]); // both pages of the pool made and warm
    const count = 40;
    const timings: number[] = [];
    const started = performance.now();
    let begun = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (begun < count) {
          begun += 1;
          timings.push(await fetchOne());
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    timings.sort((a, b) => a - b);
    const at = (q: number) =>
      (timings[Math.min(timings.length - 1, Math.floor(q * timings.length))] ?? 0).toFixed(0);
    process.stdout.write(
      `# certificate PDF through HTTP, 2 at a time: ${(timings.length / seconds).toFixed(1)} documents/s, ` +
        `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (${timings.length} documents)\n`,
    );
  });
});

describe('what the printed certificate’s QR code carries', () => {
  it('carries the credential when it fits a scannable code, else the short link', () => {
    const link = 'https://sahulat.example/c/AAAAAAAAAAAAAAAAAAAAAA';
    const small = `eyJhbGciOiJFUzI1NiJ9.${'a'.repeat(600)}.${'b'.repeat(86)}`;
    assert.deepEqual(printedQr(small, link), { text: small, carries: 'credential' });
    const domicileSized = `eyJhbGciOiJFUzI1NiJ9.${'a'.repeat(1500)}.${'b'.repeat(86)}`;
    assert.deepEqual(printedQr(domicileSized, link), { text: link, carries: 'link' });
    assert.equal(MAX_PRINTED_QR_VERSION, 25);
  });
});

describe('the printed certificate without a PDF browser', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ env: { PDF_BROWSER: 'off' } });
  });
  after(() => t.close());

  it('offers a page to print instead of a PDF link, for the same people', async () => {
    const { number, holderId, code } = await approvedDomicile(t);
    const holder = await signedInClient(t, holderId, 'citizen');
    const track = await holder.get(`/applications/${number}`);
    assert.equal(track.body.includes('.pdf"'), false, 'no PDF link');
    assert.ok(track.body.includes(`href="/credentials/${code}/print"`));
    assert.match(track.body, /Printable certificate \(English and Urdu\)/);

    const page = await holder.get(`/credentials/${code}/print?lang=ur`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<link rel="stylesheet" href="\/assets\/css\/print-document.css"/);
    assert.doesNotMatch(page.body, /<style|style="/, 'nothing inline (CSP)');
    assert.match(page.body, /Gul Khan/);
    assert.match(page.body, /lang="ur" dir="rtl"/);
    assert.match(page.body, /<svg class="qr-code"/);
    assert.match(page.body, /درخواست پر واپس جائیں/, 'the bar speaks the reader’s language');

    const pdf = await holder.get(`/credentials/${code}.pdf`);
    assert.equal(pdf.statusCode, 303);
    assert.equal(pdf.headers.location, `/credentials/${code}/print`);
    const citizen = await createCitizen(t.testDatabase.database.db);
    const other = await (await signedInClient(t, citizen.id, 'citizen')).get(`/credentials/${code}/print`);
    assert.equal(other.statusCode, 404);
  });
});
