import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  base32Decode,
  base32Encode,
  formatSecretForDisplay,
  generateTotpSecret,
  hotp,
  otpauthUri,
  qrCodeDataUrl,
  qrCodeSvg,
  totpCode,
  totpStep,
  verifyTotp,
} from './totp.ts';

const RFC_SEED = Buffer.from('12345678901234567890'); // RFC 4226 / RFC 6238 SHA-1 test key
const DEMO_SECRET = 'JBSWY3DPEHPK3PXP';

describe('base32 (RFC 4648)', () => {
  it('matches the RFC 4648 test vectors without padding and reads them back', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [text, encoded] of vectors) {
      assert.equal(base32Encode(Buffer.from(text)), encoded);
      assert.equal(base32Decode(encoded).toString(), text);
      assert.equal(base32Decode(`${encoded.toLowerCase()}======`).toString(), text, 'lower case, padded');
    }
    assert.deepEqual(base32Decode(DEMO_SECRET), Buffer.from('48656c6c6f21deadbeef', 'hex'));
    assert.throws(() => base32Decode('JBSWY3DP1'), /not base32/);
  });
});

describe('HOTP and TOTP', () => {
  it('produces the RFC 4226 Appendix D HOTP values', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
    ];
    for (const [counter, code] of expected.entries()) {
      assert.equal(hotp(RFC_SEED, counter), code, `counter ${counter}`);
    }
  });

  it('produces the RFC 6238 Appendix B SHA-1 values (8 digits)', () => {
    const secret = base32Encode(RFC_SEED);
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors)
      assert.equal(totpCode(secret, seconds * 1000, 8), code, `T=${seconds}`);
  });

  it('matches an independent implementation for the demo secret', () => {
    // Computed with oathtool (OATH Toolkit 2.6.7): oathtool --totp -b JBSWY3DPEHPK3PXP -N @<seconds>
    const vectors: [number, string][] = [
      [0, '282760'],
      [59, '996554'],
      [1111111109, '071271'],
      [1700000000, '324550'],
      [2000000000, '890699'],
    ];
    for (const [seconds, code] of vectors)
      assert.equal(totpCode(DEMO_SECRET, seconds * 1000), code, `T=${seconds}`);
  });

  it('accepts the current step and one either side, returning the step matched', () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    assert.equal(step, 56_666_666);
    assert.equal(verifyTotp(DEMO_SECRET, '324550', null, now), step);
    assert.equal(verifyTotp(DEMO_SECRET, totpCode(DEMO_SECRET, now.getTime() - 30_000), null, now), step - 1);
    assert.equal(verifyTotp(DEMO_SECRET, totpCode(DEMO_SECRET, now.getTime() + 30_000), null, now), step + 1);
    assert.equal(verifyTotp(DEMO_SECRET, totpCode(DEMO_SECRET, now.getTime() - 60_000), null, now), null);
    assert.equal(verifyTotp(DEMO_SECRET, totpCode(DEMO_SECRET, now.getTime() + 60_000), null, now), null);
    assert.equal(verifyTotp(DEMO_SECRET, '324 550', null, now), step, 'spaces as typed from the app');
  });

  it('refuses a replayed code and any code for a step at or before the last one used', () => {
    const now = new Date(1_700_000_000_000);
    const step = verifyTotp(DEMO_SECRET, '324550', null, now);
    assert.equal(step, 56_666_666);
    assert.equal(verifyTotp(DEMO_SECRET, '324550', step, now), null, 'same code again');
    const previous = totpCode(DEMO_SECRET, now.getTime() - 30_000);
    assert.equal(verifyTotp(DEMO_SECRET, previous, step, now), null, 'an older code after a newer one');
    const next = totpCode(DEMO_SECRET, now.getTime() + 30_000);
    assert.equal(verifyTotp(DEMO_SECRET, next, step, now), step + 1, 'the next step still works');
  });

  it('refuses wrong, malformed and empty input without throwing', () => {
    const now = 1_700_000_000_000;
    for (const code of ['324551', '', '32455', '3245500', 'abcdef', '３２４５５０']) {
      assert.equal(verifyTotp(DEMO_SECRET, code, null, now), null, code);
    }
    assert.equal(verifyTotp('not base32!', '324550', null, now), null);
    assert.equal(verifyTotp('', '324550', null, now), null);
  });

  it('makes 160-bit secrets that round-trip and verify', () => {
    const secret = generateTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.equal(base32Decode(secret).length, 20);
    assert.notEqual(generateTotpSecret(), secret);
    const now = Date.now();
    assert.equal(verifyTotp(secret, totpCode(secret, now), null, now), totpStep(now));
    assert.equal(formatSecretForDisplay(DEMO_SECRET.toLowerCase()), 'JBSW Y3DP EHPK 3PXP');
  });
});

describe('enrolment QR code', () => {
  it('builds the otpauth key URI with an escaped label and issuer', () => {
    assert.equal(
      otpauthUri(DEMO_SECRET, 'admin@sahulat.example'),
      'otpauth://totp/Sahulat:admin%40sahulat.example?secret=JBSWY3DPEHPK3PXP&issuer=Sahulat&algorithm=SHA1&digits=6&period=30',
    );
    const uri = new URL(otpauthUri('jbsw y3dp ehpk 3pxp', 'Naseem Baloch', 'Sahulat Test'));
    assert.equal(uri.host, 'totp');
    assert.equal(uri.pathname, '/Sahulat%20Test:Naseem%20Baloch');
    assert.match(uri.search, /&issuer=Sahulat%20Test&/, 'a space as %20, never +');
    assert.equal(uri.searchParams.get('secret'), DEMO_SECRET, 'secret canonicalised');
    assert.equal(uri.searchParams.get('issuer'), 'Sahulat Test');
  });

  it('renders an SVG QR code and a data URL an <img> can show', async () => {
    const uri = otpauthUri(DEMO_SECRET, 'admin@sahulat.example');
    const svg = await qrCodeSvg(uri);
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 \d+ \d+"/);
    assert.match(svg, /<path [^>]*d="M[^"]+"/);
    assert.doesNotMatch(svg, /<script|on\w+=/i, 'no script in the image');
    assert.notEqual(await qrCodeSvg(`${uri}x`), svg, 'the picture depends on the text');
    const dataUrl = await qrCodeDataUrl(uri);
    assert.ok(dataUrl.startsWith('data:image/svg+xml;base64,'));
    assert.equal(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64').toString(), svg);
  });
});
