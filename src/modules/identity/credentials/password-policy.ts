// The password policy for sign-up, reset and change (OWASP ASVS 5 level 2, 6.2.x): 8 to 128 characters of
// any kind, spaces and Unicode included, no composition rules; refused when it is a common or breached
// password (the list shipped as data, see scripts/build-common-passwords.ts), a word tied to this service,
// a mere repetition of one or two characters, or built on the person's own CNIC, mobile number, e-mail address or name.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FieldError } from '../../../platform/errors.ts';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  normalizePassword,
  passwordLength,
} from '../accounts/password.ts';

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

export interface PasswordContext {
  /** `#####-#######-#` or 13 digits. */
  readonly cnic?: string | null;
  readonly email?: string | null;
  /** Full name, in any script. */
  readonly name?: string | null;
  /** E.164, e.g. +923001234567. */
  readonly mobile?: string | null;
}

/**
 * ASVS 6.2.11: words specific to this service that people reach for. Refused when the password is one of
 * them once digits, punctuation and spaces are taken away ("Sahulat@2026", "balochistan 123").
 */
const CONTEXT_WORDS: ReadonlySet<string> = new Set([
  'sahulat',
  'balochistan',
  'baluchistan',
  'pakistan',
  'quetta',
  'mygovidentity',
  'govidentity',
  'government',
  'password',
]);

/** Name and e-mail fragments shorter than this are too common inside ordinary words to refuse. */
const MIN_PERSONAL_FRAGMENT = 4;

const LIST_FILE = path.join(import.meta.dirname, 'common-passwords.txt');
let commonPasswords: ReadonlySet<string> | undefined;

/** The list, read once on first use (about 18,000 entries, 10 ms). Call at start-up to take that off a request. */
export function loadCommonPasswords(): ReadonlySet<string> {
  if (commonPasswords === undefined) {
    const text = readFileSync(LIST_FILE, 'utf8');
    const body = text.slice(text.indexOf('\n\n') + 2); // the header ends at the first empty line
    commonPasswords = new Set(body.split('\n').filter((line) => line.length > 0));
  }
  return commonPasswords;
}

const fold = (text: string) => normalizePassword(text).toLowerCase();
/** ASCII digits of a text, Urdu (Extended Arabic-Indic) and Arabic-Indic digits included. */
const digitsOf = (text: string) =>
  text
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/\D/g, '');
/** Strips leading and trailing digits, punctuation, symbols and spaces: "Football!2026" → "football". */
const coreOf = (text: string) => text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
const lettersOf = (text: string) => text.replace(/[^\p{L}]/gu, '');

/** Fewer distinct characters than this is a repetition ("aaaaaaaa", "abababab", "        "). */
const MIN_DISTINCT_CHARACTERS = 3;

export function isCommonPassword(password: string): boolean {
  const folded = fold(password);
  const list = loadCommonPasswords();
  return (
    list.has(folded) ||
    list.has(coreOf(folded)) ||
    CONTEXT_WORDS.has(lettersOf(folded)) ||
    new Set(folded).size < MIN_DISTINCT_CHARACTERS
  );
}

function personalFragments(context: PasswordContext): string[] {
  const fragments: string[] = [];
  const email = context.email === undefined || context.email === null ? '' : fold(context.email.trim());
  const local = email.split('@')[0] ?? '';
  fragments.push(local, ...local.split(/[._+-]+/));
  const name = context.name === undefined || context.name === null ? '' : fold(context.name.trim());
  const nameParts = name.split(/[\s.'’-]+/u);
  fragments.push(nameParts.join(''), ...nameParts);
  return fragments.filter((fragment) => Array.from(fragment).length >= MIN_PERSONAL_FRAGMENT);
}

export function isPersonalPassword(password: string, context: PasswordContext): boolean {
  const folded = fold(password);
  const digits = digitsOf(folded);
  const cnic = digitsOf(context.cnic ?? '');
  if (cnic.length >= 5 && digits.includes(cnic)) return true;
  // The subscriber number without country or trunk prefix: +923001234567, 03001234567 → 3001234567.
  const mobile = digitsOf(context.mobile ?? '').slice(-10);
  if (mobile.length >= 7 && digits.includes(mobile)) return true;
  const compact = folded.replace(/[\s._+-]+/g, '');
  return personalFragments(context).some(
    (fragment) => folded.includes(fragment) || compact.includes(fragment),
  );
}

/**
 * Field errors (catalog keys) for a proposed password, empty when it is acceptable. At most one error:
 * the form shows one message beside the field, the most basic first.
 */
export function checkPasswordPolicy(
  password: string,
  context: PasswordContext = {},
  field = 'password',
): FieldError[] {
  const length = passwordLength(password);
  if (length < MIN_PASSWORD_LENGTH) {
    return [{ field, messageKey: 'validation.passwordTooShort', params: { min: MIN_PASSWORD_LENGTH } }];
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return [{ field, messageKey: 'validation.passwordTooLong', params: { max: MAX_PASSWORD_LENGTH } }];
  }
  if (isPersonalPassword(password, context)) return [{ field, messageKey: 'validation.passwordPersonal' }];
  if (isCommonPassword(password)) return [{ field, messageKey: 'validation.passwordCommon' }];
  return [];
}
