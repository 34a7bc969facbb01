// One-time recovery codes for officers who lose their authenticator: `xxxx-xxxx-xxxx` from Crockford's
// base32 alphabet (no i, l, o, u; what people read as o, i or l is taken as 0 or 1), 12 symbols of 5 bits
// = 60 random bits each.
//
// Stored as SHA-256, not argon2id: a slow hash protects low-entropy secrets that people choose; these are
// machine-made with 60 bits, so recovering one from a stolen hash still takes about 2^59 SHA-256 guesses
// per code, and online guessing is throttled by sign-in. SHA-256 also lets the database find and spend a
// code with one conditional UPDATE (race-safe single use) instead of trying ten slow hashes in turn.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import {
  countUnusedRecoveryCodes,
  deleteRecoveryCodes,
  insertRecoveryCodes,
  markRecoveryCodeUsed,
} from './repo.ts';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case
const GROUPS = 3;
const GROUP_LENGTH = 4;
export const RECOVERY_CODE_BITS = GROUPS * GROUP_LENGTH * Math.log2(ALPHABET.length);
export const RECOVERY_CODE_COUNT = 10;

export interface RecoveryCodes {
  /** Shown to the officer once, to print or write down. */
  readonly codes: readonly string[];
  /** What is stored (hex SHA-256 of each code's canonical form), in the same order. */
  readonly hashes: readonly string[];
}

function randomCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET.charAt(randomInt(ALPHABET.length));
    groups.push(group);
  }
  return groups.join('-');
}

/**
 * The canonical form of a typed code: lower case, separators and spaces dropped, look-alikes mapped
 * (o → 0, i/l → 1). Undefined when it cannot be a recovery code.
 */
export function canonicalRecoveryCode(typed: string): string | undefined {
  const canonical = typed
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  if (canonical.length !== GROUPS * GROUP_LENGTH) return undefined;
  for (const character of canonical) if (!ALPHABET.includes(character)) return undefined;
  return canonical;
}

/** Hex SHA-256 of a typed code's canonical form; undefined when it is not shaped like a recovery code. */
export function hashRecoveryCode(typed: string): string | undefined {
  const canonical = canonicalRecoveryCode(typed);
  return canonical === undefined ? undefined : createHash('sha256').update(canonical).digest('hex');
}

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): RecoveryCodes {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCode());
  const list = [...codes];
  return { codes: list, hashes: list.map((code) => hashRecoveryCode(code) ?? '') };
}

/** The stored hash the typed code matches, compared in constant time, or null. */
export function matchRecoveryCode(code: string, hashes: readonly string[]): string | null {
  const hash = hashRecoveryCode(code);
  if (hash === undefined) return null;
  const typed = Buffer.from(hash, 'hex');
  let matched: string | null = null;
  for (const candidate of hashes) {
    const stored = Buffer.from(candidate, 'hex');
    if (stored.length === typed.length && timingSafeEqual(stored, typed) && matched === null)
      matched = candidate;
  }
  return matched;
}

/** Replaces all of an account's recovery codes (enrolment, or "make new codes"): the old ones stop working. */
export async function replaceRecoveryCodes(db: Db, userId: string, hashes: readonly string[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    await deleteRecoveryCodes(trx, userId);
    await insertRecoveryCodes(trx, userId, hashes);
  });
}

/**
 * Spends one of the account's unused codes. True when the typed code was valid and unused; a code is
 * accepted once however many requests race with it (one conditional UPDATE).
 */
export async function consumeRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const hash = hashRecoveryCode(code);
  if (hash === undefined) return false;
  return markRecoveryCodeUsed(db, userId, hash);
}

/** How many unused codes the account has left, to warn an officer who is running out. */
export async function remainingRecoveryCodes(db: Db, userId: string): Promise<number> {
  return countUnusedRecoveryCodes(db, userId);
}
