// What a leaf of the log holds: canonical JSON naming the kind of event, its public identifiers, when it
// was appended, and the SHA-256 of the full record. The record itself (which may hold personal data) never
// enters the log: whoever holds the record can hash it and find the leaf; nobody can read it from the log.
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * JSON Canonicalization Scheme (RFC 8785) for the values we log: object members sorted by UTF-16 code units
 * (JavaScript's default string order), no whitespace, numbers and strings as ECMAScript serialises them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('Canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  throw new Error(`Canonical JSON cannot hold a ${typeof value}`);
}

/** SHA-256 of the record's canonical JSON, base64url: what a leaf says about the record. */
export function recordHash(record: unknown): string {
  return createHash('sha256').update(canonicalJson(record), 'utf8').digest('base64url');
}

/** Kinds look like `certificate.issued`, `application.decided`, `payment.receipt`. */
const KIND = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const IDENTIFIER_NAME = /^[a-z][a-zA-Z0-9]*$/;
const MAX_IDENTIFIER_LENGTH = 200;

export type PublicIdentifiers = Readonly<Record<string, string | number>>;

export interface LogRecord {
  /** Public identifiers only (numbers, codes, credential ids): they are published in clear. */
  readonly ids: PublicIdentifiers;
  /** The full record; only its hash is logged. Include something unique so the hash cannot be guessed. */
  readonly record: unknown;
}

export interface LeafContent {
  readonly v: 1;
  readonly kind: string;
  readonly time: string;
  readonly ids: PublicIdentifiers;
  readonly recordHash: string;
}

export function leafContent(kind: string, entry: LogRecord, time: Date): LeafContent {
  if (!KIND.test(kind) || kind.length > 100) {
    throw new AppError('bad_request', `"${kind}" is not a log entry kind`);
  }
  for (const [name, value] of Object.entries(entry.ids)) {
    const text = String(value);
    if (!IDENTIFIER_NAME.test(name) || text.length > MAX_IDENTIFIER_LENGTH) {
      throw new AppError('bad_request', `Identifier "${name}" cannot be logged`);
    }
  }
  return { v: 1, kind, time: time.toISOString(), ids: entry.ids, recordHash: recordHash(entry.record) };
}

/** The exact bytes of a leaf: UTF-8 of its canonical JSON. */
export function leafBytes(content: LeafContent): Buffer {
  return Buffer.from(canonicalJson(content), 'utf8');
}

/** Reads leaf bytes back (for the verifier and the /verify page); undefined when they are not ours. */
export function parseLeaf(data: Uint8Array): LeafContent | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(data).toString('utf8')) as Partial<LeafContent>;
    if (parsed.v !== 1 || typeof parsed.kind !== 'string' || typeof parsed.recordHash !== 'string') {
      return undefined;
    }
    return parsed as LeafContent;
  } catch {
    return undefined;
  }
}
