// Prints our own HTML documents to PDF with Chromium through playwright-core: the one renderer here that sets
// Urdu right (shaping, right-to-left order, line breaks, copyable text). One browser, launched on the first
// document and again if it dies; a few pages reused from one document to the next (a fresh page or context
// costs ten times the print). The pages run with JavaScript off and no network: a document prints only what
// it carries inline. See README.md in this folder.
import os from 'node:os';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { type Slots, createSlots } from './slots.ts';

/** Debian's Chromium needs these on a server: no sandbox (containers), and no calls home it cannot make. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PdfPrinter {
  /** Prints a complete HTML document (styles and fonts inline; see `printableHtml`) to an A4 PDF. */
  print(html: string): Promise<Buffer>;
  /** Closes the browser; documents asked for afterwards are refused. */
  close(): Promise<void>;
  /** Counts since start: browsers launched, pages opened, documents printed (for tests and metrics). */
  stats(): { readonly launches: number; readonly pagesOpened: number; readonly printed: number };
}

export interface PdfPrinterOptions {
  readonly executablePath: string;
  readonly logger: Logger;
  /** Documents printed at once, each on its own reused page: one per core by default, at most 4. */
  readonly pages?: number;
  /** How long one document may take, its wait for a free page included. */
  readonly timeoutMs?: number;
}

interface Running {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly idle: Page[];
}

const unavailable = (message: string, cause?: unknown) => new AppError('unavailable', message, { cause });

/** Rejects with a 503 once the deadline passes; the losing promise's later rejection is swallowed. */
function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => {
        reject(unavailable('Printing the document took too long'));
      },
      Math.max(0, deadline - Date.now()),
    );
  });
  return Promise.race([work, late]).finally(() => {
    clearTimeout(timer);
  });
}

async function render(page: Page, html: string): Promise<Buffer> {
  await page.setContent(html, { waitUntil: 'load' });
  // Chromium prints with a fallback font while a web font is still loading, and silently when one failed.
  const failedFonts = await page.evaluate(async () => {
    await document.fonts.ready;
    // Iterated, not forEach: with JavaScript off the page runs no callbacks of ours.
    const fonts = document.fonts as unknown as Iterable<FontFace>;
    const failed: string[] = [];
    for (const font of fonts) if (font.status === 'error') failed.push(`${font.family} ${font.weight}`);
    return failed;
  });
  if (failedFonts.length > 0) throw new Error(`Fonts did not load: ${failedFonts.join(', ')}`);
  return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true });
}

export function createPdfPrinter(options: PdfPrinterOptions): PdfPrinter {
  const { logger } = options;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const slots: Slots = createSlots(options.pages ?? Math.min(4, os.availableParallelism()));
  let launching: Promise<Running> | undefined;
  let current: Running | undefined;
  let closed = false;
  const counts = { launches: 0, pagesOpened: 0, printed: 0 };

  /** Drops a browser that died or hung, so the next document starts a new one. */
  function forget(running: Running): void {
    if (current !== running) return;
    current = undefined;
    launching = undefined;
  }

  async function launch(): Promise<Running> {
    const started = performance.now();
    const browser = await chromium.launch({
      executablePath: options.executablePath,
      args: [...CHROMIUM_ARGS],
      timeout: timeoutMs,
    });
    counts.launches += 1;
    const context = await browser
      .newContext({ javaScriptEnabled: false, offline: true })
      .catch(async (error: unknown) => {
        await browser.close().catch(() => undefined); // no browser left behind without its context
        throw error;
      });
    const running: Running = { browser, context, idle: [] };
    browser.on('disconnected', () => {
      if (current === running && !closed)
        logger.warn('The PDF browser exited; the next document starts it again');
      forget(running);
    });
    current = running;
    logger.info({ ms: Math.round(performance.now() - started) }, 'PDF browser started');
    return running;
  }

  function browser(): Promise<Running> {
    if (launching === undefined) {
      const started = launch();
      launching = started;
      started.catch((error: unknown) => {
        if (launching === started) launching = undefined; // the next document tries again
        logger.error({ err: error }, 'The PDF browser did not start');
      });
    }
    return launching;
  }

  async function printOnce(html: string, deadline: number, attempt: number): Promise<Buffer> {
    const running = await beforeDeadline(browser(), deadline).catch((error: unknown) => {
      throw error instanceof AppError ? error : unavailable('The PDF browser did not start', error);
    });
    let page: Page | undefined;
    try {
      page = running.idle.pop();
      if (page === undefined) {
        counts.pagesOpened += 1;
        page = await beforeDeadline(running.context.newPage(), deadline);
      }
      const pdf = await beforeDeadline(render(page, html), deadline);
      running.idle.push(page);
      counts.printed += 1;
      return pdf;
    } catch (error: unknown) {
      void page?.close().catch(() => undefined);
      if (error instanceof AppError) {
        // A document that hangs may mean a browser that hangs: start afresh (others printing in it retry).
        logger.warn('A PDF took too long to print; restarting the PDF browser');
        forget(running);
        void running.browser.close().catch(() => undefined);
      } else if (!running.browser.isConnected() && !closed && attempt === 1) {
        // The browser died under this document (a crash, the OOM killer): once more on a new one.
        forget(running);
        return printOnce(html, deadline, attempt + 1);
      }
      throw error;
    }
  }

  return {
    async print(html) {
      if (closed) throw unavailable('The PDF printer is closed');
      const deadline = Date.now() + timeoutMs;
      await slots.acquire(deadline, () => unavailable('Too many documents are being printed; try again'));
      try {
        return await printOnce(html, deadline, 1);
      } finally {
        slots.release();
      }
    },

    stats: () => ({ ...counts }),

    async close() {
      closed = true;
      slots.refuseWaiting(unavailable('The PDF printer is closed'));
      const running = launching;
      launching = undefined;
      current = undefined;
      if (running === undefined) return;
      try {
        await (await running).browser.close();
      } catch {
        // It never started, or is gone already.
      }
    },
  };
}
