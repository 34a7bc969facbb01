// Keys for separate purposes (one-time code MACs, encryption at rest, cookie signing), derived from the
// one SESSION_SECRET with HKDF so that no key is reused across purposes.
import { hkdfSync } from 'node:crypto';

export function deriveKey(sessionSecret: string, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'sahulat/v1', purpose, length));
}
