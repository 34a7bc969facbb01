// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) with node:crypto only: HMAC-SHA1, 30-second
// steps, 6 digits, the settings every authenticator app supports. A code is accepted one step either side
// of now (clock drift, typing time) and only for a step later than the last one accepted (no replay).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted before and after the current one. */
export const TOTP_WINDOW = 1;
const SECRET_BYTES = 20; // 160 bits, the HMAC-SHA1 block-size recommendation of RFC 4226

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps expect it. */
export function base32Encode(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET.charAt((buffer >>> (bits - 5)) & 31);
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) output += BASE32_ALPHABET.charAt((buffer << (5 - bits)) & 31);
  return output;
}

/** Accepts lower case, spaces, hyphens and `=` padding (people copy secrets by hand); throws on other characters. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const character of clean) {
    const value = BASE32_ALPHABET.indexOf(character);
    if (value === -1) throw new Error('The secret is not base32');
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}

/** A new secret: 20 random bytes as 32 base32 characters. Store it encrypted or at least never log it. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

/** RFC 4226 HOTP: HMAC-SHA1 over the 8-byte big-endian counter, dynamic truncation, `digits` decimals. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step (RFC 6238 T) of an instant. */
export function totpStep(now: Date | number = Date.now()): number {
  const milliseconds = typeof now === 'number' ? now : now.getTime();
  return Math.floor(milliseconds / 1000 / TOTP_STEP_SECONDS);
}

/** The code an authenticator shows at `now` for a base32 secret. */
export function totpCode(secret: string, now: Date | number = Date.now(), digits = TOTP_DIGITS): string {
  return hotp(base32Decode(secret), totpStep(now), digits);
}

/**
 * Checks a code typed by the person. Returns the matched step, to be stored as the new `lastUsedStep`, or
 * null when the code is wrong, malformed, outside the window, or for a step at or before `lastUsedStep`
 * (a replay, or an older code after a newer one was used).
 */
export function verifyTotp(
  secret: string,
  code: string,
  lastUsedStep: number | null,
  now: Date | number = Date.now(),
): number | null {
  const typed = code.replace(/[\s-]/g, '');
  if (!new RegExp(`^\\d{${String(TOTP_DIGITS)}}$`).test(typed)) return null;
  let key: Buffer;
  try {
    key = base32Decode(secret);
  } catch {
    return null;
  }
  if (key.length === 0) return null;
  const current = totpStep(now);
  const typedBytes = Buffer.from(typed);
  let matched: number | null = null;
  // Every candidate is computed and compared in constant time, so timing does not reveal which one matched.
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    if (step < 0) continue;
    const equal = timingSafeEqual(Buffer.from(hotp(key, step)), typedBytes);
    if (equal && (lastUsedStep === null || step > lastUsedStep) && matched === null) matched = step;
  }
  return matched;
}

/** The Key URI Format authenticator apps read from a QR code: otpauth://totp/Issuer:account?secret=…. */
export function otpauthUri(secret: string, accountLabel: string, issuer = 'Sahulat'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountLabel)}`;
  // encodeURIComponent, not URLSearchParams: some authenticator apps show a '+' for a space literally.
  const query = [
    ['secret', base32Encode(base32Decode(secret))],
    ['issuer', issuer],
    ['algorithm', 'SHA1'],
    ['digits', String(TOTP_DIGITS)],
    ['period', String(TOTP_STEP_SECONDS)],
  ]
    .map(([name, value = '']) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return `otpauth://totp/${label}?${query}`;
}

/** A QR code as a standalone SVG document, rendered on the server (no script on the page). */
export async function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, width: 240 });
}

/** The QR code as a `data:` URL for `<img src>`: the CSP allows data: images, and no inline markup is needed. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await qrCodeSvg(text)).toString('base64')}`;
}

/** The secret in groups of four for people who type it into their app instead of scanning. */
export function formatSecretForDisplay(secret: string): string {
  return (base32Encode(base32Decode(secret)).match(/.{1,4}/g) ?? []).join(' ');
}
