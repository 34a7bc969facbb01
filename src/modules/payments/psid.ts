// Payment Slip IDs (PSIDs): the 17-digit reference a citizen pays against at any bank, ATM or app.
// Layout: 2-digit province prefix, 14-digit serial from a database sequence, 1 Damm check digit over the
// first 16. Damm's quasigroup (weakly totally anti-symmetric, zero diagonal) catches every single mistyped
// digit and every swap of two adjacent different digits, so a bank can refuse a typo before asking us.

/** The standard Damm operation table of order 10 (H. Michael Damm, 2004). */
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export const PSID_LENGTH = 17;
/** Balochistan's collecting-agency prefix in our numbering. */
export const PSID_PROVINCE_PREFIX = '04';
const SERIAL_DIGITS = PSID_LENGTH - 1 - PSID_PROVINCE_PREFIX.length;
const DIGITS = /^\d+$/;

function dammInterim(digits: string): number {
  let interim = 0;
  for (const character of digits) {
    interim = DAMM[interim]?.[character.charCodeAt(0) - 48] ?? Number.NaN;
  }
  return interim;
}

/** The Damm check digit for a string of decimal digits. */
export function dammCheckDigit(digits: string): string {
  if (!DIGITS.test(digits)) throw new Error('A check digit is computed over decimal digits only');
  return String(dammInterim(digits));
}

/** Whether `value` is 17 digits whose last is the Damm check digit of the first 16. */
export function isValidPsid(value: string): boolean {
  return value.length === PSID_LENGTH && DIGITS.test(value) && dammInterim(value) === 0;
}

/** The PSID for the `serial`-th bill (from the database sequence, so never repeated). */
export function psidFromSerial(serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1 || serial >= 10 ** SERIAL_DIGITS) {
    throw new Error(`PSID serial ${serial} is out of range`);
  }
  const body = `${PSID_PROVINCE_PREFIX}${String(serial).padStart(SERIAL_DIGITS, '0')}`;
  return `${body}${dammCheckDigit(body)}`;
}

/** What a person typed, without the spaces and hyphens people put in long numbers. */
export function normalisePsid(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** The PSID in groups (0400 0000 0000 1234 5) for reading aloud and copying from a slip. */
export function formatPsid(psid: string): string {
  return (psid.match(/.{1,4}/g) ?? []).join(' ');
}
