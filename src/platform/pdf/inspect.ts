// For tests and benchmarks of printed documents: the fonts a PDF embeds (read from its bytes), and, where
// the machine has Debian's poppler-utils and zbar-tools, its text, its pages as PNG and the QR codes on them.
// Each tool-backed check answers undefined without its tool, so a test can skip that part and say so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The base names of the fonts a PDF embeds (`/FontName /AAAAAA+NotoNaskhArabic-Bold` → `NotoNaskhArabic-Bold`). */
export function embeddedFontNames(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf).toString('latin1');
  const names = [...text.matchAll(/\/FontName\s*\/(?:[A-Z]{6}\+)?([^\s/<>[\]()]+)/g)].map((m) => m[1] ?? '');
  return [...new Set(names)].sort();
}

export function hasTool(tool: string): boolean {
  return spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined;
}

function withPdfFile<T>(pdf: Uint8Array, work: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sahulat-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return work(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text as pdftotext extracts it (logical order for right-to-left text), or undefined without it. */
export function pdfText(pdf: Uint8Array): string | undefined {
  if (!hasTool('pdftotext')) return undefined;
  return withPdfFile(pdf, (file) => spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout);
}

/** Writes each page as `<prefix>-<n>.png` at `dpi`; undefined without pdftoppm. */
export function rasterise(pdf: Uint8Array, prefix: string, dpi = 110): string[] | undefined {
  if (!hasTool('pdftoppm')) return undefined;
  return withPdfFile(pdf, (file) => {
    spawnSync('pdftoppm', ['-png', '-r', String(dpi), file, prefix]);
    const dir = path.dirname(prefix);
    return readdirSync(dir)
      .filter((name) => name.startsWith(path.basename(prefix)) && name.endsWith('.png'))
      .map((name) => path.join(dir, name));
  });
}

/** Every QR code on the PDF's pages, decoded by zbarimg; undefined without pdftoppm or zbarimg. */
export function qrCodesIn(pdf: Uint8Array): string[] | undefined {
  if (!hasTool('pdftoppm') || !hasTool('zbarimg')) return undefined;
  return withPdfFile(pdf, (_file, dir) => {
    const pages = rasterise(pdf, path.join(dir, 'page'), 200) ?? [];
    const found = spawnSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', ...pages], {
      encoding: 'utf8',
    });
    return found.stdout.split('\n').filter((line) => line !== '');
  });
}

/** Text for comparing Urdu: without whitespace and bidi controls, which extraction adds or drops. */
export const compact = (text: string) => text.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
