// Measures the PDF printer (src/platform/pdf) on a certificate and a receipt like the real ones: the cold
// first document, then documents per second and p50/p95 with the page pool warm, `--concurrency` at a time
// (default: one per core). With --out DIR it also writes one PDF of each kind and their pages as PNG.
//   node --import tsx scripts/bench/pdf.ts [--documents 200] [--concurrency 2] [--out /tmp/pdfs]
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PDF_BROWSER, loadConfig, processEnvironment } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { printableHtml } from '../../src/platform/pdf/document.tsx';
import { rasterise } from '../../src/platform/pdf/inspect.ts';
import { createPdfPrinter } from '../../src/platform/pdf/printer.ts';
import { printedQr } from '../../src/modules/certificates/document.ts';
import { certificatePrintout } from '../../src/modules/certificates/views/certificate-document.tsx';
import type { BillHeadRow, BillRow, PaymentRow } from '../../src/modules/payments/repo.ts';
import { receiptPrintout } from '../../src/modules/payments/views/receipt-document.tsx';

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: String(os.availableParallelism()) },
    out: { type: 'string' },
  },
});
const documents = Number(values.documents);
const concurrency = Number(values.concurrency);
const config = loadConfig({ ...processEnvironment(), LOG_LEVEL: 'warn' });
const executablePath = config.pdfBrowser ?? DEFAULT_PDF_BROWSER;

const publicUrl = 'https://sahulat.balochistan.gov.pk';
const shortUrl = `${publicUrl}/c/J2CumjsnRt6SPlbkIRZ1gg`;
// A domicile credential is about 1.6 KB: too large for a printed QR code, so the code carries the link.
const credential = `eyJhbGciOiJFUzI1NiJ9.${'x'.repeat(1540)}.${'s'.repeat(86)}`;
const certificateHtml = printableHtml(
  certificatePrintout({
    id: 'urn:uuid:2760ae9a-3b27-46de-923e-56e421167582',
    applicationNumber: 'DOM-QTA-2026-000123',
    title: { en: 'Domicile certificate', ur: 'ڈومیسائل سرٹیفکیٹ' },
    facts: [
      ['fullName', 'Gul Khan'],
      ['fatherName', 'Sher Khan'],
      ['cnic', '54400-•••••••-3'],
      ['district', 'Quetta'],
      ['applicationNumber', 'DOM-QTA-2026-000123'],
    ],
    issuer: { en: 'Board of Revenue', ur: 'بورڈ آف ریونیو' },
    issuedAt: new Date('2026-11-28T10:00:00Z'),
    logIndex: 4211,
    status: 'valid',
    shortUrl,
    verifyUrl: `${publicUrl}/verify`,
    qr: printedQr(credential, shortUrl),
  }),
);
const paidAt = new Date('2026-11-28T10:05:00Z');
const receiptHtml = printableHtml(
  receiptPrintout({
    payment: {
      receipt_number: 'RCT-2026-000123',
      amount_paisa: 155_050,
      finished_at: paidAt,
      channel: 'counter',
      counter_receipt_book_number: 'QTA-FC-0001',
    } as PaymentRow,
    bill: {
      psid: '04000000000012345',
      department_code: 'revenue',
      description_en: 'Domicile certificate fee',
      description_ur: 'ڈومیسائل سرٹیفکیٹ کی فیس',
      subject_label: 'DOM-QTA-2026-000123',
    } as BillRow,
    heads: [
      { position: 1, head_code: 'C02101', description: 'Domicile fee', amount_paisa: 150_000 },
      { position: 2, head_code: 'C03847', description: 'Service charge', amount_paisa: 5_050 },
    ].map((head) => ({ ...head, department_code: 'revenue' }) as BillHeadRow),
    departmentName: () => ({ en: 'Board of Revenue', ur: 'بورڈ آف ریونیو' }),
    verifyUrl: `${publicUrl}/payments/verify/RCT-2026-000123`,
  }),
);

const printer = createPdfPrinter({ executablePath, logger: createLogger('warn'), pages: concurrency });
try {
  const coldStart = performance.now();
  const certificate = await printer.print(certificateHtml);
  const cold = performance.now() - coldStart;
  const receipt = await printer.print(receiptHtml);
  if (values.out !== undefined) {
    mkdirSync(values.out, { recursive: true });
    for (const [name, pdf] of [
      ['certificate', certificate],
      ['receipt', receipt],
    ] as const) {
      writeFileSync(path.join(values.out, `${name}.pdf`), pdf);
      rasterise(pdf, path.join(values.out, name));
    }
  }
  const results: Record<string, unknown> = {
    executablePath,
    concurrency,
    coldFirstDocumentMs: Math.round(cold),
  };
  for (const [name, html] of [
    ['certificate', certificateHtml],
    ['receipt', receiptHtml],
  ] as const) {
    await Promise.all(Array.from({ length: concurrency }, () => printer.print(html))); // every page warm
    const timings: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < documents) {
          next += 1;
          const one = performance.now();
          await printer.print(html);
          timings.push(performance.now() - one);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    timings.sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round(timings[Math.min(timings.length - 1, Math.floor(q * timings.length))] ?? 0);
    results[name] = {
      documents: timings.length,
      perSecond: Number((timings.length / seconds).toFixed(1)),
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      bytes: (name === 'certificate' ? certificate : receipt).length,
    };
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} finally {
  await printer.close();
}
