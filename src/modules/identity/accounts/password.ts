// Password hashing with argon2id (@node-rs/argon2, a prebuilt native add-on shipped in npm packages).
// Parameters: OWASP Password Storage Cheat Sheet's argon2id setting m=19 MiB, t=2, p=1 (equivalent to its
// m=46 MiB, t=1 and m=12 MiB, t=3 settings). Measured on the 2-core development machine (Node 24): a median
// 5.5 ms per hash on one core, 135-170 hashes/s on both cores, 19 MiB per hash in flight (libuv runs at
// most four at once: under 80 MiB). Hashes are PHC strings ($argon2id$v=19$m=…,t=…,p=…$salt$hash), so they
// carry their parameters and `needsRehash` can move old ones to new settings at the next sign-in.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { hash, parseOptions, verify } from '@node-rs/argon2';

/** OWASP ASVS 5 level 2: 8 to 128 characters, any characters, no composition rules. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

// The package's algorithm and version options are const enums, which isolatedModules cannot read; its
// defaults are argon2id and version 0x13, which is what we want (the tests check the PHC prefix).
const ARGON2ID_PREFIX = '$argon2id$v=19$';
export const ARGON2_PARAMETERS = {
  memoryCost: 19_456, // KiB
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

/** Unicode compatibility normalisation, so the same password typed on another keyboard or OS matches. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** The password's length as the policy counts it: Unicode code points after NFKC. */
export function passwordLength(password: string): number {
  return Array.from(normalizePassword(password)).length;
}

export async function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2_PARAMETERS);
}

/** False for a wrong password and for a stored value that is not a hash we understand; never throws. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  try {
    if (stored.startsWith('$argon2')) return await verify(stored, normalizePassword(password));
    if (stored.startsWith('scrypt$')) return await verifyLegacyScrypt(password, stored);
    return false;
  } catch {
    return false;
  }
}

/** True when the stored hash is not argon2id with today's parameters: hash the password again after sign-in. */
export function needsRehash(stored: string): boolean {
  try {
    if (!stored.startsWith(ARGON2ID_PREFIX)) return true;
    const options = parseOptions(stored);
    return (
      options.memoryCost !== ARGON2_PARAMETERS.memoryCost ||
      options.timeCost !== ARGON2_PARAMETERS.timeCost ||
      options.parallelism !== ARGON2_PARAMETERS.parallelism ||
      options.outputLen !== ARGON2_PARAMETERS.outputLen
    );
  } catch {
    return true;
  }
}

export function generatePassword(): string {
  return randomBytes(15).toString('base64url'); // 20 characters, 120 bits
}

// Accounts created before argon2id (development databases, CLI administrators) hold
// `scrypt$N$r$p$salt$hash`. They still verify; `needsRehash` is true for them, so the first sign-in
// replaces them with argon2id.
const LEGACY_SCRYPT_MAX_N = 2 ** 17;
function verifyLegacyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, expectedText] = stored.split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (salt === undefined || expectedText === undefined) return Promise.resolve(false);
  if (![N, R, P].every(Number.isSafeInteger) || N > LEGACY_SCRYPT_MAX_N || R > 16 || P > 4) {
    return Promise.resolve(false);
  }
  const expected = Buffer.from(expectedText, 'base64url');
  if (expected.length === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    scryptCallback(
      normalizePassword(password),
      Buffer.from(salt, 'base64url'),
      expected.length,
      { N, r: R, p: P, maxmem: 256 * 1024 * 1024 },
      (error, actual) => {
        resolve(error === null && actual.length === expected.length && timingSafeEqual(actual, expected));
      },
    );
  });
}
