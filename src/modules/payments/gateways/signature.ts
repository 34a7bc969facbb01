// Signed gateway messages: `X-Sahulat-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`,
// the scheme Stripe and others use. The timestamp is inside the MAC, so an old message cannot be re-dated;
// a message older (or newer) than five minutes is refused as stale; the body's event id stops replays
// within that window. Several v1= values may be sent while a secret is being rotated.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../platform/errors.ts';

export const SIGNATURE_HEADER = 'x-sahulat-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureProblem = 'unsigned' | 'malformed' | 'wrong' | 'stale';

export class SignatureError extends AppError {
  readonly problem: SignatureProblem;
  constructor(problem: SignatureProblem) {
    super(
      'unauthenticated',
      `The gateway message's signature is ${problem === 'unsigned' ? 'missing' : problem}`,
    );
    this.name = 'SignatureError';
    this.problem = problem;
  }
}

function mac(secret: Buffer, timestamp: number, body: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** The header value for `body` sent at `now`. */
export function signatureHeader(secret: Buffer, body: Buffer | string, now = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${mac(secret, timestamp, body).toString('hex')}`;
}

/** Checks the header against the raw body; throws a `SignatureError` saying what is wrong. */
export function verifySignature(
  secret: Buffer,
  body: Buffer,
  header: string | string[] | undefined,
  now = new Date(),
): void {
  if (header === undefined || header === '') throw new SignatureError('unsigned');
  if (Array.isArray(header)) throw new SignatureError('malformed');
  let timestamp: number | undefined;
  const candidates: Buffer[] = [];
  for (const part of header.split(',')) {
    const [name, value = ''] = part.trim().split('=', 2);
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) candidates.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined || candidates.length === 0) throw new SignatureError('malformed');
  const expected = mac(secret, timestamp, body);
  // Every candidate is compared in constant time, and all of them, so timing says nothing about which.
  let matched = false;
  for (const candidate of candidates) matched = timingSafeEqual(candidate, expected) || matched;
  if (!matched) throw new SignatureError('wrong');
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new SignatureError('stale');
  }
}
