// Photos made safe to publish: a phone's JPEG and an editor's PNG lose every piece of metadata (EXIF with
// its GPS and owner, XMP, IPTC, comments, the JFIF thumbnail, images hidden after the end) and keep the
// picture, its colour profile and its orientation; anything malformed is not published at all.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import { sniffDocumentType } from '../../platform/storage/content-type.ts';
import { tinyJpeg, tinyPdf, tinyPng } from '../../platform/storage/test-fixtures.ts';
import { publishableImage } from './media.ts';

const ascii = (text: string) => [...Buffer.from(text, 'latin1')];
const segment = (marker: number, body: number[]) => {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
};
/** Little-endian EXIF: IFD0 with the orientation and the owner's name (Artist), then GPS-looking text. */
const exif = (orientation: number) =>
  segment(0xe1, [
    ...ascii('Exif\0\0II*\0'),
    ...[8, 0, 0, 0],
    ...[2, 0],
    ...[0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0],
    ...[0x3b, 0x01, 2, 0, 12, 0, 0, 0, 38, 0, 0, 0],
    ...[0, 0, 0, 0],
    ...ascii('Zarina Khan\0GPS 30.1798N 66.9750E'),
  ]);
const ICC = segment(0xe2, [...ascii('ICC_PROFILE\0'), 1, 1, 0, 0, 0, 0]);
const PICTURE = [...tinyJpeg().subarray(20)]; // after SOI and JFIF: tables, frame, scan, end

/** A phone's photo: JFIF, EXIF, XMP, ICC, IPTC, a comment, the picture, and a second image after it. */
function phonePhoto(orientation = 6): Uint8Array {
  return Uint8Array.from([
    0xff,
    0xd8,
    ...segment(0xe0, ascii('JFIF\0\x01\x01\0\0\x01\0\x01\0\0')),
    ...exif(orientation),
    ...segment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Zarina</x:xmpmeta>')),
    ...ICC,
    ...segment(0xed, ascii('Photoshop 3.0\x008BIM IPTC by Zarina')),
    ...segment(0xfe, ascii("Shot on Zarina's phone")),
    ...PICTURE,
    ...[0xff, 0xd8, ...segment(0xfe, ascii('HIDDEN original')), 0xff, 0xd9],
  ]);
}

function chunk(type: string, data: number[]): number[] {
  const typeAndData = Buffer.from([...ascii(type), ...data]);
  const crc = crc32(typeAndData);
  const length = data.length;
  return [
    ...[length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff],
    ...typeAndData,
    ...[crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff],
  ];
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('publishable images', () => {
  it('strips a JPEG to its picture, colour profile and orientation', () => {
    const original = phonePhoto();
    assert.equal(sniffDocumentType(original), 'jpeg');
    const published = publishableImage(original, 'jpeg');
    assert.ok(published !== undefined);
    assert.equal(sniffDocumentType(published), 'jpeg');
    for (const secret of ['Zarina', 'GPS', 'xmpmeta', 'Photoshop', 'HIDDEN', 'JFIF'])
      assert.ok(!text(published).includes(secret), `no ${secret}`);
    const orientationOnly = [
      ...segment(0xe1, [
        ...ascii('Exif\0\0MM\0*'),
        ...[0, 0, 0, 8, 0, 1],
        ...[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0],
        ...[0, 0, 0, 0],
      ]),
    ];
    assert.deepEqual([...published], [0xff, 0xd8, ...orientationOnly, ...ICC, ...PICTURE]);
  });

  it('adds no EXIF at all to an upright photo', () => {
    assert.deepEqual([...(publishableImage(phonePhoto(1), 'jpeg') ?? [])], [0xff, 0xd8, ...ICC, ...PICTURE]);
    assert.deepEqual([...(publishableImage(tinyJpeg(), 'jpeg') ?? [])], [0xff, 0xd8, ...PICTURE]);
  });

  it('strips a PNG to its image and colour chunks', () => {
    const png = [...tinyPng()];
    const signatureAndHeader = png.slice(0, 8 + 25);
    const rest = png.slice(8 + 25);
    const gamma = chunk('gAMA', [0, 0, 0xb1, 0x8f]);
    const original = Uint8Array.from([
      ...signatureAndHeader,
      ...chunk('tEXt', ascii('Author\0Zarina Khan')),
      ...chunk('tIME', [0x07, 0xea, 11, 28, 10, 0, 0]),
      ...chunk('eXIf', ascii('MM\0*GPS 30.1798')),
      ...chunk('iTXt', ascii('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>')),
      ...chunk('prVt', ascii('Zarina')),
      ...gamma,
      ...rest,
    ]);
    assert.equal(sniffDocumentType(original), 'png');
    const published = publishableImage(original, 'png');
    assert.ok(published !== undefined);
    assert.deepEqual([...published], [...signatureAndHeader, ...gamma, ...rest]);
  });

  it('publishes nothing that is not a well-formed picture', () => {
    assert.equal(publishableImage(tinyPdf(), 'pdf'), undefined);
    assert.equal(publishableImage(tinyPng(), 'jpeg'), undefined, 'the stored type must match the bytes');
    const cut = phonePhoto().subarray(0, 60);
    assert.equal(publishableImage(Uint8Array.from([...cut, 0xff, 0xd9]), 'jpeg'), undefined);
  });
});
