// What an uploaded document really is, decided from its bytes alone. The file name and the browser's
// Content-Type are chosen by whoever uploads, so they never decide anything here. Besides the magic bytes
// at the start, each format must also look right further in (PNG's IHDR and IEND, PDF's %%EOF, JPEG's
// end-of-image marker), and a file that carries HTML markup in its first kilobyte is refused: that is
// how a polyglot tries to be read as a web page.
import { createHash } from 'node:crypto';

export type DocumentType = 'pdf' | 'jpeg' | 'png';

export const DOCUMENT_TYPES: readonly DocumentType[] = ['pdf', 'jpeg', 'png'];
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export const MEDIA_TYPES: Readonly<Record<DocumentType, string>> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IHDR = [0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]; // length 13, then "IHDR"
const PNG_IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]; // empty IEND + CRC
const PDF_HEADER = /^%PDF-\d\.\d/;
/** PDF readers look for the end-of-file marker in the last kilobyte; so do we. */
const PDF_EOF_WINDOW = 1024;
const MARKUP_WINDOW = 1024;
const MARKUP = /<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed)[\s/>]/i;

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

/** Index just past the last byte that is not padding (NUL or ASCII whitespace). */
function endWithoutPadding(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0) {
    const byte = bytes[end - 1];
    if (byte !== 0x00 && byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) break;
    end -= 1;
  }
  return end;
}

/** bytes[start, end) as Latin-1 text, clamped to the array (no copy). */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  const from = Math.min(Math.max(0, start), bytes.length);
  const to = Math.min(Math.max(from, end), bytes.length);
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
}

function isPng(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, PNG_SIGNATURE) || !startsWith(bytes, PNG_IHDR, 8)) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24 || view.getUint32(16) === 0 || view.getUint32(20) === 0) return false; // width, height
  const end = endWithoutPadding(bytes);
  return end >= PNG_IEND.length && startsWith(bytes, PNG_IEND, end - PNG_IEND.length);
}

function isJpeg(bytes: Uint8Array): boolean {
  // SOI, then the first marker of a segment (FF C0..FE: APPn, DQT, SOF, COM...).
  if (bytes.length < 6 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return false;
  const firstMarker = bytes[3] ?? 0;
  if (firstMarker < 0xc0 || firstMarker === 0xff) return false;
  const end = endWithoutPadding(bytes);
  return end >= 2 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
}

function isPdf(bytes: Uint8Array): boolean {
  if (!PDF_HEADER.test(latin1(bytes, 0, 8))) return false;
  return latin1(bytes, bytes.length - PDF_EOF_WINDOW, bytes.length).includes('%%EOF');
}

function carriesMarkup(bytes: Uint8Array): boolean {
  return MARKUP.test(latin1(bytes, 0, MARKUP_WINDOW));
}

/** The document type the bytes really are, or undefined when they are none of ours (or look forged). */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | undefined {
  let type: DocumentType | undefined;
  if (isPdf(bytes)) type = 'pdf';
  else if (isPng(bytes)) type = 'png';
  else if (isJpeg(bytes)) type = 'jpeg';
  if (type === undefined || carriesMarkup(bytes)) return undefined;
  return type;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type UploadCheck =
  | { readonly ok: true; readonly type: DocumentType; readonly size: number; readonly sha256: string }
  | { readonly ok: false; readonly reason: 'empty' | 'too_large' | 'type_not_allowed' | 'unrecognised' };

export interface UploadCandidate {
  readonly bytes: Uint8Array;
  /** What the browser called the file. Passed along for logs and display; it decides nothing. */
  readonly declaredName: string;
  readonly accept: readonly DocumentType[];
}

/** Decides whether an upload may be stored, from its size and content only. */
export function checkUpload(candidate: UploadCandidate): UploadCheck {
  const { bytes, accept } = candidate;
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, reason: 'too_large' };
  const type = sniffDocumentType(bytes);
  if (type === undefined) return { ok: false, reason: 'unrecognised' };
  if (!accept.includes(type)) return { ok: false, reason: 'type_not_allowed' };
  return { ok: true, type, size: bytes.length, sha256: sha256Hex(bytes) };
}
