// Formats of the identifiers citizens type: CNIC/NICOP numbers and mobile numbers. A valid format is
// never proof of identity; it only catches typing mistakes early.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Urdu and Arabic keyboards type ۰–۹ or ٠–٩; treat them as the ASCII digits they are. */
export function asciiDigits(input: string): string {
  return input.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf));
}

/** `#####-#######-#` or 13 digits (Urdu digits and Unicode dashes accepted) → 13 digits, else undefined. */
export function normaliseCnic(input: string): string | undefined {
  const cleaned = asciiDigits(input.trim()).replace(/[\u2010-\u2015\u2212]/g, '-');
  const match = /^([0-9]{5})[- ]?([0-9]{7})[- ]?([0-9])$/.exec(cleaned);
  return match === null ? undefined : `${match[1]}${match[2]}${match[3]}`;
}

export function formatCnic(digits: string): string {
  return `${digits.slice(0, 5)}-${digits.slice(5, 12)}-${digits.slice(12)}`;
}

/**
 * A Pakistani number (03xx…, +92…) or an overseas number in international form → E.164, when it is a
 * valid mobile (or fixed-or-mobile) number; otherwise undefined.
 */
export function normaliseMobile(input: string): string | undefined {
  const phone = parsePhoneNumberFromString(asciiDigits(input.trim()), 'PK');
  if (phone?.isValid() !== true) return undefined;
  const type = phone.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return undefined;
  return phone.number;
}

/** The number as people read it, e.g. +92 300 1234567. */
export function displayMobile(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
