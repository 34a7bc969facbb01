// The PDF printer with Debian's Chromium: one browser launched on the first document, pages reused and
// never more than the pool, documents queued beyond it, a 503 when one takes too long, a new browser when
// the old one is killed, and nothing left running after close. The semaphore is checked without a browser.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { browserSkipReason, CHROMIUM } from '../../test-support/browser.ts';
import { embeddedFontNames } from './inspect.ts';
import { printableHtml } from './document.tsx';
import { type PdfPrinter, createPdfPrinter } from './printer.ts';
import { createSlots } from './slots.ts';

const skip = browserSkipReason();
const logger = createLogger('silent');

const html = (text: string) =>
  printableHtml({
    lang: 'ur',
    dir: 'rtl',
    title: text,
    body: (
      <p>
        {text} <bdi dir="ltr">54400-1234567-1</bdi> <b>بلوچستان</b>
      </p>
    ),
  });

/** Chromium processes started by this test process (the browser's own children hang off it). */
function browserProcesses(): number[] {
  const found = spawnSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' });
  return found.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map(Number)
    .filter((pid) => {
      const command = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout;
      return command.includes('chromium');
    });
}

const isUnavailable = (error: unknown) => error instanceof AppError && error.code === 'unavailable';

describe('the PDF printer', { skip }, () => {
  const printers: PdfPrinter[] = [];
  const printer = (options: { pages?: number; timeoutMs?: number } = {}) => {
    const created = createPdfPrinter({ executablePath: CHROMIUM, logger, ...options });
    printers.push(created);
    return created;
  };
  after(async () => {
    await Promise.all(printers.map((each) => each.close()));
  });

  it('launches on the first document, reuses its pages and queues beyond the pool', async () => {
    const pdfs = printer({ pages: 2 });
    assert.deepEqual(pdfs.stats(), { launches: 0, pagesOpened: 0, printed: 0 }, 'nothing before use');
    const printed = await Promise.all(['۱', '۲', '۳', '۴', '۵'].map((n) => pdfs.print(html(`سند ${n}`))));
    for (const pdf of printed) {
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.deepEqual(embeddedFontNames(pdf), ['NotoNaskhArabic-Bold', 'NotoNaskhArabic-Regular']);
    }
    await pdfs.print(html('ایک اور'));
    assert.deepEqual(pdfs.stats(), { launches: 1, pagesOpened: 2, printed: 6 });
  });

  it('answers 503 when a document takes too long', async () => {
    const pdfs = printer({ timeoutMs: 1 });
    await assert.rejects(pdfs.print(html('دیر')), isUnavailable);
  });

  it('starts a new browser when the old one is killed', async () => {
    const pdfs = printer({ pages: 1 });
    await pdfs.print(html('پہلا'));
    const before = browserProcesses();
    assert.ok(before.length > 0, 'a Chromium process runs');
    for (const pid of before) process.kill(pid, 'SIGKILL');
    const again = await pdfs.print(html('دوسرا'));
    assert.equal(again.subarray(0, 5).toString(), '%PDF-');
    assert.equal(pdfs.stats().launches, 2);
  });

  it('closes its browser, and refuses documents afterwards', async () => {
    const running = new Set(browserProcesses());
    const pdfs = createPdfPrinter({ executablePath: CHROMIUM, logger, pages: 1 });
    await pdfs.print(html('آخری'));
    const mine = browserProcesses().filter((pid) => !running.has(pid));
    assert.equal(mine.length, 1);
    await pdfs.close();
    assert.deepEqual(
      browserProcesses().filter((pid) => mine.includes(pid)),
      [],
    );
    await assert.rejects(pdfs.print(html('بند')), isUnavailable);
  });
});

describe('a printer whose browser cannot start', () => {
  it('answers 503, and tries again with the next document', async () => {
    const pdfs = createPdfPrinter({ executablePath: '/nonexistent/chromium', logger });
    await assert.rejects(pdfs.print(html('ناکام')), isUnavailable);
    await assert.rejects(pdfs.print(html('پھر ناکام')), isUnavailable);
    assert.equal(pdfs.stats().launches, 0);
    await pdfs.close();
  });
});

describe('the printer’s slots', () => {
  it('hands slots out in order and refuses a waiter past its deadline', async () => {
    const slots = createSlots(1);
    const late = () => new Error('late');
    await slots.acquire(Date.now() + 1000, late);
    const order: string[] = [];
    const first = slots.acquire(Date.now() + 1000, late).then(() => order.push('first'));
    const second = slots.acquire(Date.now() + 1000, late).then(() => order.push('second'));
    await assert.rejects(slots.acquire(Date.now() + 20, late), /late/);
    slots.release();
    await first;
    slots.release();
    await second;
    assert.deepEqual(order, ['first', 'second']);
    const refused = slots.acquire(Date.now() + 1000, late);
    slots.refuseWaiting(new Error('closed'));
    await assert.rejects(refused, /closed/);
  });
});
