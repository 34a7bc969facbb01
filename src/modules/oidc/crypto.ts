// Key derivation and small cryptographic helpers of the OpenID Provider.
//
// Client secrets are 256 random bits, shown once and stored as a SHA-256 hash: a slow password hash
// (argon2) guards low-entropy human passwords against guessing, which a 256-bit random value does not need,
// and the token endpoint must stay fast. oidc-provider compares secrets through the overridable
// `Client.prototype.compareClientSecret`, so it never needs the secret in clear; in exchange the
// symmetric features that would (client_secret_jwt, HS256 tokens) are switched off in provider.ts.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { deriveKey } from '../../platform/secrets.ts';

const SEALED_PREFIX = 'v1';

/** The keys oidc-provider signs its cookies with (newest first; a list allows rotation later). */
export function cookieKeys(sessionSecret: string): string[] {
  return [deriveKey(sessionSecret, 'oidc cookie signing').toString('base64url')];
}

/** AES-256-GCM with a random 96-bit nonce: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
export function seal(key: Buffer, plaintext: string, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [SEALED_PREFIX, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Opens what `seal` made with the same key and associated data; throws if anything differs. */
export function open(key: Buffer, sealed: string, associatedData: string): string {
  const [prefix, iv, tag, ciphertext] = sealed.split('.');
  if (prefix !== SEALED_PREFIX || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new Error('Not a sealed value');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}

export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function clientSecretMatches(presented: string, storedHash: string): boolean {
  const actual = Buffer.from(hashClientSecret(presented), 'utf8');
  const expected = Buffer.from(storedHash, 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A client id: recognisable prefix, 128 random bits. */
export function generateClientId(): string {
  return `sahulat-${randomBytes(16).toString('base64url')}`;
}

/**
 * The pairwise subject identifier (OpenID Connect Core 8.1): HMAC-SHA-256 over the sector (the host of the
 * client's redirect URIs) and the account id, so two relying parties on different hosts cannot link a
 * citizen by `sub`, while one relying party always sees the same value.
 */
export function pairwiseSubject(salt: string, sectorIdentifier: string, accountId: string): string {
  return createHmac('sha256', salt).update(`${sectorIdentifier}\n${accountId}`, 'utf8').digest('base64url');
}
