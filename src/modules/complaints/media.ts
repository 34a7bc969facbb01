// Photos of public complaints, made safe to publish: a copy of the picture without what a camera or an
// editor writes beside it. A phone's JPEG carries EXIF (GPS position, time, device, owner's name), XMP,
// IPTC, comments, a thumbnail that may show what was cropped out, and sometimes further images after
// the end of the first (depth or "motion" pictures); a PNG carries text, time and EXIF chunks. We keep
// only what draws the picture: the JPEG's tables, frame and scans (plus its colour profile and Adobe
// colour-transform marker), the PNG's image and colour chunks; nothing after the image's end. EXIF's
// orientation alone is kept (rewritten from scratch), so a phone's upright photo is not shown sideways.
// Pixels are not touched: faces or number plates in the picture are what the complainant chose to show.
import { type DocumentType, sniffDocumentType } from '../../platform/storage/content-type.ts';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP1 = 0xe1;

/** Whether the bytes start with this ASCII text. */
const startsWithText = (bytes: Uint8Array, text: string) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, text.length)).toString('latin1') ===
  text;

/** APPn segments that draw the picture right: the ICC colour profile (APP2) and Adobe's (APP14). */
function keepApp(marker: number, body: Uint8Array): boolean {
  if (marker === 0xe2) return startsWithText(body, 'ICC_PROFILE\0');
  if (marker === 0xee) return startsWithText(body, 'Adobe');
  return false;
}

/** EXIF orientation (1–8) from an APP1 body, or undefined. */
function exifOrientation(body: Uint8Array): number | undefined {
  if (!startsWithText(body, 'Exif\0\0') || body.length < 14) return undefined;
  const tiff = new DataView(body.buffer, body.byteOffset + 6, body.byteLength - 6);
  const little = tiff.getUint16(0) === 0x4949;
  if (!little && tiff.getUint16(0) !== 0x4d4d) return undefined;
  const ifd = tiff.getUint32(4, little);
  if (ifd + 2 > tiff.byteLength) return undefined;
  const count = tiff.getUint16(ifd, little);
  for (let entry = 0; entry < count; entry += 1) {
    const at = ifd + 2 + entry * 12;
    if (at + 12 > tiff.byteLength) return undefined;
    if (tiff.getUint16(at, little) !== 0x0112 || tiff.getUint16(at + 2, little) !== 3) continue;
    const value = tiff.getUint16(at + 8, little);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** A minimal APP1 segment: EXIF with IFD0 holding the orientation and nothing else. */
function orientationSegment(orientation: number): Uint8Array {
  const body = [
    ...[0x45, 0x78, 0x69, 0x66, 0, 0], // "Exif\0\0"
    ...[0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8], // big-endian TIFF, IFD0 at 8
    ...[0, 1], // one entry
    ...[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0], // Orientation, SHORT, 1 value
    ...[0, 0, 0, 0], // no next IFD
  ];
  const length = body.length + 2;
  return Uint8Array.from([0xff, APP1, length >> 8, length & 0xff, ...body]);
}

/** Index of the marker ending the entropy-coded data that starts at `from` (stuffed FF00 and RSTn are data). */
function endOfScan(bytes: Uint8Array, from: number): number {
  let at = from;
  while (at < bytes.length - 1) {
    if (bytes[at] === 0xff) {
      const next = bytes[at + 1] ?? 0;
      if (next !== 0x00 && next !== 0xff && (next < 0xd0 || next > 0xd7)) return at;
      at += next === 0xff ? 1 : 2;
    } else at += 1;
  }
  return bytes.length;
}

function stripJpeg(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return undefined;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation: number | undefined;
  let at = 2;
  while (at < bytes.length - 1) {
    if (bytes[at] !== 0xff) return undefined;
    let marker = bytes[at + 1] ?? 0;
    while (marker === 0xff && at < bytes.length - 2) marker = bytes[++at + 1] ?? 0; // fill bytes
    if (marker === EOI) {
      parts.push(Uint8Array.from([0xff, EOI]));
      if (orientation !== undefined && orientation !== 1) parts.splice(1, 0, orientationSegment(orientation));
      return Buffer.concat(parts);
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(bytes.subarray(at, at + 2)); // markers without a length
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) return undefined;
    const end = at + 2 + (((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0));
    if (end <= at + 3 || end > bytes.length) return undefined;
    const body = bytes.subarray(at + 4, end);
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker === APP1) orientation ??= exifOrientation(body);
    if (!(isApp && !keepApp(marker, body)) && marker !== COM) parts.push(bytes.subarray(at, end));
    at = end;
    if (marker === SOS) {
      const scanEnd = endOfScan(bytes, at);
      parts.push(bytes.subarray(at, scanEnd));
      at = scanEnd;
    }
  }
  return undefined; // no end-of-image marker
}

/** PNG chunks that draw the picture; text, time, EXIF and anything unknown are left out. */
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'bKGD',
  'pHYs',
]);

function stripPng(bytes: Uint8Array): Uint8Array | undefined {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const end = at + 12 + view.getUint32(at);
    if (end > bytes.length) return undefined;
    const type = Buffer.from(bytes.subarray(at + 4, at + 8)).toString('latin1');
    if (PNG_KEEP.has(type)) parts.push(bytes.subarray(at, end));
    if (type === 'IEND') return Buffer.concat(parts);
    at = end;
  }
  return undefined; // no IEND
}

/**
 * The picture without its metadata, or undefined when the bytes are not a well-formed JPEG or PNG (then
 * nothing is published). PDFs are never published.
 */
export function publishableImage(bytes: Uint8Array, type: DocumentType): Uint8Array | undefined {
  if (type === 'pdf' || sniffDocumentType(bytes) !== type) return undefined;
  const stripped = type === 'jpeg' ? stripJpeg(bytes) : stripPng(bytes);
  if (stripped === undefined || sniffDocumentType(stripped) !== type) return undefined;
  return new Uint8Array(stripped.buffer, stripped.byteOffset, stripped.byteLength);
}

/** Where a public complaint's photo is published (a path; Open311 prefixes the public address). */
export function publicPhotoPath(number: string, photo: { id: number; mediaType: 'jpeg' | 'png' }): string {
  return `/complaints/public/${number}/photos/${photo.id}.${photo.mediaType === 'png' ? 'png' : 'jpg'}`;
}
