// C2SP formats for checkpoints: tlog-checkpoint (the body: origin, tree size, base64 root hash) in a
// signed-note (Ed25519 signature lines "— <key name> base64(key id ‖ signature)") and the verifier key
// string "<name>+<hex key id>+base64(0x01 ‖ public key)". Pure functions over Node's crypto.
import { type KeyObject, createHash, createPublicKey, sign, verify } from 'node:crypto';

/** Signature type of Ed25519 keys in signed notes. */
const ED25519 = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';
const NAME = /^[^\s+]+$/;

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Buffer;
}

export function checkpointBody(checkpoint: Checkpoint): string {
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.rootHash.toString('base64')}\n`;
}

export function parseCheckpointBody(body: string): Checkpoint | undefined {
  const lines = body.split('\n');
  const [origin, size, root] = lines;
  if (origin === undefined || origin === '' || size === undefined || root === undefined) return undefined;
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) return undefined;
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) return undefined;
  return { origin, size: Number(size), rootHash };
}

/** First four bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
export function keyId(name: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.of(0x0a, ED25519))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

export function verifierKey(name: string, publicKey: Uint8Array): string {
  if (!NAME.test(name)) throw new Error(`"${name}" cannot name a signed-note key`);
  const encoded = Buffer.concat([Buffer.of(ED25519), publicKey]).toString('base64');
  return `${name}+${keyId(name, publicKey).toString('hex')}+${encoded}`;
}

export interface ParsedVerifierKey {
  readonly name: string;
  readonly keyId: Buffer;
  readonly publicKey: Buffer;
}

export function parseVerifierKey(text: string): ParsedVerifierKey | undefined {
  // The name and the hex id contain no '+'; the base64 key may.
  const [name, id, ...keyParts] = text.trim().split('+');
  const key = keyParts.join('+');
  if (name === undefined || id === undefined || key === '') return undefined;
  const bytes = Buffer.from(key, 'base64');
  if (!NAME.test(name) || !/^[0-9a-f]{8}$/.test(id) || bytes.length !== 33 || bytes[0] !== ED25519) {
    return undefined;
  }
  const publicKey = bytes.subarray(1);
  return keyId(name, publicKey).toString('hex') === id
    ? { name, keyId: Buffer.from(id, 'hex'), publicKey }
    : undefined;
}

/** Raw 32-byte Ed25519 public key of a Node key object. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(String(jwk.x), 'base64url');
}

/** A Node public key object from the raw 32 bytes. */
export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
}

/** Signs a note body (which must end with a newline): body, blank line, one signature line. */
export function signNote(body: string, name: string, privateKey: KeyObject, publicKey: Uint8Array): string {
  if (!body.endsWith('\n')) throw new Error('A note body ends with a newline');
  const signature = sign(null, Buffer.from(body, 'utf8'), privateKey);
  const encoded = Buffer.concat([keyId(name, publicKey), signature]).toString('base64');
  return `${body}\n${SIGNATURE_PREFIX}${name} ${encoded}\n`;
}

/** The body of a note signed by the given key, or undefined if no signature line by that key verifies. */
export function openNote(note: string, key: ParsedVerifierKey): string | undefined {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return undefined;
  const body = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter((line) => line !== '');
  const publicKey = ed25519PublicKey(key.publicKey);
  for (const line of signatures) {
    if (!line.startsWith(SIGNATURE_PREFIX)) return undefined;
    const [name, encoded] = line.slice(SIGNATURE_PREFIX.length).split(' ');
    if (name !== key.name || encoded === undefined) continue;
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length !== 68 || !bytes.subarray(0, 4).equals(key.keyId)) continue;
    if (verify(null, Buffer.from(body, 'utf8'), publicKey, bytes.subarray(4))) return body;
  }
  return undefined;
}
