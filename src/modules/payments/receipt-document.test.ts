// The receipt PDF: in English and Urdu, printed by Debian's Chromium with only the Noto Naskh fonts
// embedded and a QR code of the public receipt check, for the payer and not for another citizen; and,
// with no PDF browser configured, pdfkit's English receipt as before, named as English on the page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RoleGrant, systemActor } from '../../platform/actor.ts';
import { compact, embeddedFontNames, pdfText, qrCodesIn } from '../../platform/pdf/inspect.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { browserSkipReason } from '../../test-support/browser.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { billForNewCitizen, signedIn } from './test-helpers.ts';

const skip = browserSkipReason();

/** A fresh citizen's Revenue, Quetta bill paid in cash at a Quetta counter: the payer's client and receipt. */
async function paidAtCounter(t: TestApp) {
  const { bill, citizenId } = await billForNewCitizen(t.testDatabase.database.db, t.services);
  const grants: RoleGrant[] = [{ role: 'operator', departmentCode: null, districtCode: 'QTA' }];
  const { id } = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email: `receipt.${Math.random().toString(36).slice(2)}@sahulat.test`,
    fullName: 'Counter Operator',
    grants,
  });
  const operator = { kind: 'user', userId: id, label: 'Operator', accountKind: 'staff', grants } as const;
  const { receiptNumber } = await t.services.payments.recordCounterPayment(operator, {
    psid: bill.psid,
    amountPaisa: bill.amount_paisa,
    receiptBookNumber: 'QTA-FC-0042',
  });
  const payer = await signedIn(t.app, t.services, { citizenId });
  return { payer, receiptNumber, path: `/payments/receipts/${receiptNumber}` };
}

function note(missing: string): void {
  process.stdout.write(`# SKIP part of a PDF check: ${missing}\n`);
}

describe('the receipt PDF in English and Urdu', { skip }, () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('prints the bilingual receipt in Noto Naskh with the check’s QR code, for the payer only', async () => {
    const { payer, receiptNumber, path } = await paidAtCounter(t);
    const page = await payer.get(path);
    assert.match(page.body, /Download the receipt as PDF \(English and Urdu\)/);

    const response = await payer.get(`${path}/receipt.pdf`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    const pdf = response.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.deepEqual(embeddedFontNames(pdf), ['NotoNaskhArabic-Bold', 'NotoNaskhArabic-Regular']);

    const text = pdfText(pdf);
    if (text === undefined) note('pdftotext is not installed (apt-get install poppler-utils)');
    else {
      const flat = compact(text);
      for (const expected of [receiptNumber, 'Test fee', 'Rs 1,550.50', 'QTA-FC-0042', 'C03802'])
        assert.ok(flat.includes(compact(expected)), `"${expected}" in the text`);
      for (const urdu of ['آزمائشی فیس', 'رسید نمبر', 'ادا شدہ رقم', 'سہولت مرکز پر نقد'])
        assert.ok(flat.includes(compact(urdu)), `"${urdu}" in logical order`);
    }
    const codes = qrCodesIn(pdf);
    if (codes === undefined)
      note('pdftoppm or zbarimg is not installed (apt-get install poppler-utils zbar-tools)');
    else assert.deepEqual(codes, [`${t.config.publicUrl}/payments/verify/${receiptNumber}`]);

    const other = await createCitizen(t.testDatabase.database.db);
    const stranger = await signedIn(t.app, t.services, { citizenId: other.id });
    assert.equal((await stranger.get(`${path}/receipt.pdf`)).statusCode, 404);
  });
});

describe('the receipt PDF without a PDF browser', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ env: { PDF_BROWSER: 'off' } });
  });
  after(() => t.close());

  it('is pdfkit’s English receipt, and the page says so', async () => {
    const { payer, path } = await paidAtCounter(t);
    const page = await payer.get(path);
    assert.match(page.body, /Download the receipt as PDF \(English\)/);
    const response = await payer.get(`${path}/receipt.pdf`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.equal(response.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal(
      embeddedFontNames(response.rawPayload).some((name) => name.startsWith('NotoNaskh')),
      false,
    );
  });
});
