// The shell of a printed document (certificate, receipt) in two forms with one body and one stylesheet,
// public/css/print-document.css: for the PDF printer, a self-contained HTML string with the stylesheet and
// its fonts inline (the printing page has no network); and, where no printer is configured, the same
// document as a page of the site that the reader prints with their browser (stylesheet linked; CSP-clean).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Translator } from '../i18n/i18n.ts';
import { ASSET_PREFIX, FAVICON_HREF, URDU_FONT_HREF } from '../views/layout.tsx';

const PUBLIC_DIR = path.join(import.meta.dirname, '..', '..', '..', 'public');
export const PRINT_STYLESHEET_HREF = `${ASSET_PREFIX}/css/print-document.css`;
const FONT_URL = /url\('\.\.\/fonts\/([a-z0-9-]+\.woff2)'\)/g;

let inlineStylesheet: string | undefined;

/** The print stylesheet with every font it names inlined as a data: URL (read once; about 130 KB). */
export function inlinePrintStylesheet(): string {
  inlineStylesheet ??= readFileSync(path.join(PUBLIC_DIR, 'css', 'print-document.css'), 'utf8').replace(
    FONT_URL,
    (_url, file: string) =>
      `url(data:font/woff2;base64,${readFileSync(path.join(PUBLIC_DIR, 'fonts', file)).toString('base64')})`,
  );
  return inlineStylesheet;
}

export interface PrintedDocument {
  /** The document's base language; parts in the other language carry their own `lang` and `dir`. */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  /** The PDF's title (its metadata) and the page's. */
  readonly title: string;
  readonly body: VNode;
}

/** A complete HTML document for `PdfPrinter.print`: nothing to fetch, so it prints the same everywhere. */
export function printableHtml(document: PrintedDocument): string {
  // The stylesheet is ours and goes in as it is (rendering it as a child would escape `>` and quotes).
  const head = renderToString(
    <>
      <meta charset="utf-8" />
      <title>{document.title}</title>
    </>,
  );
  const root = renderToString(
    <html lang={document.lang} dir={document.dir}>
      <body>{document.body}</body>
    </html>,
  );
  const withHead = root.replace(
    '<body>',
    () => `<head>${head}<style>${inlinePrintStylesheet()}</style></head><body>`,
  );
  return `<!doctype html>${withHead}`;
}

export interface PrintablePageProps extends PrintedDocument {
  /** The reader's language, for the bar above the document. */
  readonly t: Translator;
  readonly back: { readonly href: string; readonly label: string };
  /** How to print it, in the reader's language. */
  readonly hint: ComponentChildren;
}

/**
 * The same document as a page of the site (render with `sendPage`): the stylesheet linked, the Urdu font
 * preloaded, and above the document a bar for the screen only, with a way back and how to print.
 */
export function PrintablePage(props: PrintablePageProps) {
  const { t } = props;
  return (
    <html lang={props.lang} dir={props.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="preload" href={URDU_FONT_HREF} as="font" type="font/woff2" crossorigin="anonymous" />
        <link rel="stylesheet" href={PRINT_STYLESHEET_HREF} />
        <link rel="icon" href={FAVICON_HREF} type="image/svg+xml" />
      </head>
      <body>
        <nav class="print-toolbar" lang={t.locale.code} dir={t.locale.dir}>
          <a href={props.back.href}>{props.back.label}</a>
          <span>{props.hint}</span>
        </nav>
        <main>{props.body}</main>
      </body>
    </html>
  );
}
