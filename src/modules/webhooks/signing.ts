// Webhooks are signed exactly as the gateways sign their messages to us (payments/gateways/signature.ts):
//   X-Sahulat-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<raw body>")>
// The key is the subscription's secret as shown to the administrator (`whsec_…`), its UTF-8 bytes. After a
// rotation the old secret signs too, for a day, as a second v1= value, so a receiver can switch over without
// refusing anything. Receivers refuse a timestamp more than five minutes from their clock, and drop repeats
// by the event id. Secrets are stored sealed (AES-256-GCM, key derived from SESSION_SECRET): unlike a
// password they must be recoverable, to sign with.
import { randomBytes } from 'node:crypto';
import { open, seal } from '../../platform/sealed.ts';
import { deriveKey } from '../../platform/secrets.ts';
import { signatureHeader } from '../payments/gateways/signature.ts';

export {
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  verifySignature,
} from '../payments/gateways/signature.ts';

export const SECRET_PREFIX = 'whsec_';
/** How long the secret before a rotation still signs. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function secretSealer(sessionSecret: string) {
  const key = deriveKey(sessionSecret, 'webhook subscription secrets');
  const aad = (subscriptionId: string) => `webhook_subscription:${subscriptionId}`;
  return {
    seal: (subscriptionId: string, secret: string) => seal(key, secret, aad(subscriptionId)),
    open: (subscriptionId: string, sealed: string) => open(key, sealed, aad(subscriptionId)),
  };
}

/** The signature header for `body` at `now`, with one v1= value per secret (the current one first). */
export function signWithSecrets(secrets: readonly string[], body: string, now: Date): string {
  const [first, ...others] = secrets.map((secret) => signatureHeader(Buffer.from(secret, 'utf8'), body, now));
  if (first === undefined) throw new Error('A webhook needs a secret to be signed with');
  // Same `now`, so every header starts with the same t=; keep it once and append the other v1= values.
  return [first, ...others.map((header) => header.slice(header.indexOf(',') + 1))].join(',');
}
