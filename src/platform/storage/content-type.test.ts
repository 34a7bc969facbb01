import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { checkUpload, MAX_DOCUMENT_BYTES, sniffDocumentType } from './content-type.ts';
import { tinyJpeg, tinyPdf, tinyPng } from './test-fixtures.ts';

const ALL = ['pdf', 'jpeg', 'png'] as const;
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

describe('sniffDocumentType', () => {
  it('recognises real minimal PDF, JPEG and PNG files', () => {
    assert.equal(sniffDocumentType(tinyPdf()), 'pdf');
    assert.equal(sniffDocumentType(tinyJpeg()), 'jpeg');
    assert.equal(sniffDocumentType(tinyPng()), 'png');
  });

  it('works on a view into a larger buffer', () => {
    const png = tinyPng();
    const host = new Uint8Array(png.length + 7);
    host.set(png, 7);
    assert.equal(sniffDocumentType(host.subarray(7)), 'png');
  });

  it('allows trailing padding after the end marker', () => {
    assert.equal(sniffDocumentType(concat(tinyJpeg(), latin1('\r\n\0\0 '))), 'jpeg');
    assert.equal(sniffDocumentType(concat(tinyPng(), new Uint8Array(4))), 'png');
  });

  it('refuses a Windows executable and an HTML page', () => {
    const exe = concat(
      latin1('MZ\x90\0\x03\0\0\0\x04\0'),
      new Uint8Array(200),
      latin1('This program cannot be run'),
    );
    assert.equal(sniffDocumentType(exe), undefined);
    assert.equal(
      sniffDocumentType(latin1('<!DOCTYPE html><html><script>alert(1)</script></html>')),
      undefined,
    );
  });

  it('refuses files that only start like a document', () => {
    assert.equal(sniffDocumentType(latin1('%PDF-1.7\n<html><body>no end marker</body></html>')), undefined);
    assert.equal(sniffDocumentType(tinyPdf().subarray(0, 60)), undefined, 'PDF cut short: no %%EOF');
    assert.equal(sniffDocumentType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 1, 2, 3])), undefined);
    const png = tinyPng();
    assert.equal(sniffDocumentType(png.subarray(0, png.length - 12)), undefined, 'PNG without IEND');
    const noIhdr = png.slice();
    noIhdr.set(latin1('IDAT'), 12);
    assert.equal(sniffDocumentType(noIhdr), undefined, 'PNG whose first chunk is not IHDR');
    assert.equal(sniffDocumentType(new Uint8Array()), undefined);
  });

  it('never throws on a truncated file, and refuses every cut-short PNG and JPEG', () => {
    for (const file of [tinyPng(), tinyJpeg()]) {
      for (let length = 0; length < file.length; length += 1) {
        assert.equal(sniffDocumentType(file.subarray(0, length)), undefined, `first ${length} bytes`);
      }
    }
    const pdf = tinyPdf();
    const endOfEof = Buffer.from(pdf).lastIndexOf('%%EOF') + 5;
    for (let length = 0; length < endOfEof; length += 1) {
      assert.equal(sniffDocumentType(pdf.subarray(0, length)), undefined, `first ${length} bytes of the PDF`);
    }
  });

  it('refuses polyglots: markup near the start, or a PDF with a page appended after %%EOF', () => {
    const pdf = new TextDecoder('latin1').decode(tinyPdf());
    const withScript = latin1(pdf.replace('%PDF-1.4\n', '%PDF-1.4\n%<script>alert(1)</script>\n'));
    assert.equal(sniffDocumentType(withScript), undefined);
    const appended = concat(tinyPdf(), latin1(`<html>${'x'.repeat(2000)}</html>`));
    assert.equal(sniffDocumentType(appended), undefined, '%%EOF is not near the end');
    const jpegThenHtml = concat(tinyJpeg(), latin1('<html><body>hi</body></html>'));
    assert.equal(sniffDocumentType(jpegThenHtml), undefined, 'JPEG that does not end at FF D9');
  });
});

describe('checkUpload', () => {
  it('accepts an allowed type whatever its declared name, with size and SHA-256', () => {
    const png = tinyPng();
    const result = checkUpload({ bytes: png, declaredName: 'scan.pdf', accept: ['png'] });
    assert.deepEqual(result, {
      ok: true,
      type: 'png',
      size: png.length,
      sha256: createHash('sha256').update(png).digest('hex'),
    });
  });

  it('refuses an executable or HTML page renamed to .pdf', () => {
    const exe = concat(latin1('MZ'), new Uint8Array(300));
    assert.deepEqual(checkUpload({ bytes: exe, declaredName: 'cnic.pdf', accept: [...ALL] }), {
      ok: false,
      reason: 'unrecognised',
    });
    const html = latin1('<html><body><form action="https://evil.example/"></form></body></html>');
    assert.deepEqual(checkUpload({ bytes: html, declaredName: 'domicile.pdf', accept: [...ALL] }), {
      ok: false,
      reason: 'unrecognised',
    });
  });

  it('refuses a real document of a type the form does not accept', () => {
    assert.deepEqual(checkUpload({ bytes: tinyPdf(), declaredName: 'photo.jpg', accept: ['jpeg', 'png'] }), {
      ok: false,
      reason: 'type_not_allowed',
    });
  });

  it('refuses an empty file', () => {
    assert.deepEqual(checkUpload({ bytes: new Uint8Array(), declaredName: 'a.pdf', accept: [...ALL] }), {
      ok: false,
      reason: 'empty',
    });
  });

  it('allows exactly 5 MiB and refuses one byte more', () => {
    const exact = tinyPdf(MAX_DOCUMENT_BYTES);
    assert.equal(exact.length, 5 * 1024 * 1024);
    const allowed = checkUpload({ bytes: exact, declaredName: 'big.pdf', accept: ['pdf'] });
    assert.equal(allowed.ok && allowed.size, MAX_DOCUMENT_BYTES);
    const over = tinyPdf(MAX_DOCUMENT_BYTES + 1);
    assert.equal(sniffDocumentType(over), 'pdf', 'the only thing wrong with it is its size');
    assert.deepEqual(checkUpload({ bytes: over, declaredName: 'big.pdf', accept: ['pdf'] }), {
      ok: false,
      reason: 'too_large',
    });
  });
});
