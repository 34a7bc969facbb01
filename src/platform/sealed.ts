// Encryption at rest for small secrets kept in the database (private signing keys): AES-256-GCM with a
// random 96-bit nonce and associated data binding the value to its row, as `v1.<iv>.<tag>.<ciphertext>`
// (base64url parts). The key comes from `deriveKey(SESSION_SECRET, purpose)`.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'v1';

export function seal(key: Buffer, plaintext: string, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [PREFIX, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'))].join(
    '.',
  );
}

/** Opens what `seal` made with the same key and associated data; throws if anything differs. */
export function open(key: Buffer, sealed: string, associatedData: string): string {
  const [prefix, iv, tag, ciphertext] = sealed.split('.');
  if (prefix !== PREFIX || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new Error('Not a sealed value');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}
