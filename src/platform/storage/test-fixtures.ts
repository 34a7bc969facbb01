// Tiny but complete documents for tests: each is a file a real viewer opens (a 1×1 grey PNG, a 1×1 grey
// baseline JPEG, a one-page PDF), built here byte by byte so no binary fixture is checked in.
import { crc32, deflateSync } from 'node:zlib';

function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A valid 1×1 8-bit greyscale PNG. */
export function tinyPng(): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, adaptive filtering, no interlace
  const scanline = Uint8Array.from([0, 0x80]); // filter type 0, one grey pixel
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('IDAT', deflateSync(scanline)),
      pngChunk('IEND', new Uint8Array()),
    ]),
  );
}

function jpegSegment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

/**
 * A valid 1×1 greyscale baseline JPEG: one quantisation table of ones, Huffman tables with a single
 * one-bit code each (DC difference 0, AC end-of-block), and a scan of those two codes padded with 1s.
 */
export function tinyJpeg(): Uint8Array {
  const jfif = [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const quantisation = [0x00, ...new Array<number>(64).fill(1)];
  const frame = [8, 0, 1, 0, 1, 1, 1, 0x11, 0]; // 8-bit, 1×1, one component: id 1, 1×1 sampling, table 0
  const huffman = (tableClass: number) => [(tableClass << 4) | 0, 1, ...new Array<number>(15).fill(0), 0x00];
  const scanHeader = [1, 1, 0x00, 0, 63, 0];
  return Uint8Array.from([
    0xff,
    0xd8,
    ...jpegSegment(0xe0, jfif),
    ...jpegSegment(0xdb, quantisation),
    ...jpegSegment(0xc0, frame),
    ...jpegSegment(0xc4, huffman(0)),
    ...jpegSegment(0xc4, huffman(1)),
    ...jpegSegment(0xda, scanHeader),
    0x3f, // bits 0 (DC diff 0), 0 (EOB), then six 1s of padding
    0xff,
    0xd9,
  ]);
}

function pdfText(padding: number): string {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>',
  ];
  // A comment line of `padding` bytes (at least 2) grows the file without changing what it shows.
  let text = '%PDF-1.4\n' + (padding >= 2 ? `%${'x'.repeat(padding - 2)}\n` : '');
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return text;
}

/**
 * A valid one-page PDF 1.4 with a correct cross-reference table; with `size`, padded (by a comment line)
 * to exactly that many bytes.
 */
export function tinyPdf(size?: number): Uint8Array {
  let text = pdfText(0);
  if (size !== undefined) {
    // The startxref number grows with the padding, so settle the length in a few rounds.
    let padding = size - text.length;
    for (let round = 0; round < 4 && text.length !== size; round += 1) {
      text = pdfText(padding);
      padding += size - text.length;
    }
    if (text.length !== size) throw new Error(`cannot build a PDF of ${size} bytes`);
  }
  return new Uint8Array(Buffer.from(text, 'latin1'));
}
