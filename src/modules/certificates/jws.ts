// JWS compact serialisation (RFC 7515) with ES256 only. Verification accepts exactly one algorithm, so a
// token that says `alg: none`, or HS256 "signed" with the public key as a shared secret, is refused before
// any key is touched.
import {
  type JsonWebKey,
  type KeyObject,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
} from 'node:crypto';
import type { PublicJwk } from './repo.ts';

export const VC_JWT_TYPE = 'vc+jwt';
const SEGMENT = /^[A-Za-z0-9_-]+$/;

export interface JoseHeader {
  readonly alg: string;
  readonly typ?: string;
  readonly kid?: string;
  readonly crit?: unknown;
  readonly [member: string]: unknown;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export function signCompact(header: JoseHeader, payload: unknown, privateKey: KeyObject): string {
  const input = `${encode(header)}.${encode(payload)}`;
  const signature = sign('sha256', Buffer.from(input, 'ascii'), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

export interface ParsedJws {
  readonly header: JoseHeader;
  readonly payload: unknown;
  readonly signingInput: string;
  readonly signature: Buffer;
}

function decodeJson(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
}

/** Splits and decodes a compact JWS; undefined when it is not one (three base64url parts of JSON). */
export function parseCompact(token: string): ParsedJws | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  if (!SEGMENT.test(header) || !SEGMENT.test(payload) || !(signature === '' || SEGMENT.test(signature))) {
    return undefined;
  }
  try {
    const decodedHeader = decodeJson(header);
    if (typeof decodedHeader !== 'object' || decodedHeader === null || Array.isArray(decodedHeader))
      return undefined;
    return {
      header: decodedHeader as JoseHeader,
      payload: decodeJson(payload),
      signingInput: `${header}.${payload}`,
      signature: Buffer.from(signature, 'base64url'),
    };
  } catch {
    return undefined;
  }
}

/** ES256 with a P-256 public JWK; the signature must be the 64-byte r ‖ s form JWS uses. */
export function verifyEs256(jws: ParsedJws, jwk: PublicJwk): boolean {
  if (jws.header.alg !== 'ES256' || jws.signature.length !== 64) {
    return false;
  }
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
  return verify(
    'sha256',
    Buffer.from(jws.signingInput, 'ascii'),
    { key, dsaEncoding: 'ieee-p1363' },
    jws.signature,
  );
}

export function privateKeyFromJwk(jwk: JsonWebKey): KeyObject {
  return createPrivateKey({ key: jwk, format: 'jwk' });
}
