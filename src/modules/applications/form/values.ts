// Parsing of what people type into the typed values an application stores, one function per field type.
// Each returns the stored value, or the catalog key (and parameters) of the problem. Empty answers are
// handled by the caller (answers.ts), so these see a non-empty, trimmed string.
import { asciiDigits, formatCnic, normaliseCnic, normaliseMobile } from '../../identity/identifiers.ts';
import type { FormField, HourlySlots } from '../../services/pack/types.ts';

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly messageKey: string; readonly params?: Record<string, string | number> };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const problem = (messageKey: string, params?: Record<string, string | number>): Parsed<never> =>
  params === undefined ? { ok: false, messageKey } : { ok: false, messageKey, params };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseText(field: FormField, input: string): Parsed<string> {
  const length = Array.from(input).length; // code points, as people count letters
  if (field.minLength !== undefined && length < field.minLength) {
    return problem('form.error.tooShort', { min: field.minLength });
  }
  if (field.maxLength !== undefined && length > field.maxLength) {
    return problem('form.error.tooLong', { max: field.maxLength });
  }
  if (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(input)) {
    return problem('form.error.pattern');
  }
  return ok(input);
}

export function parseNumber(field: FormField, input: string): Parsed<number> {
  // Urdu/Arabic digits, the Arabic decimal and thousands separators, and thousands commas or spaces.
  const cleaned = asciiDigits(input)
    .replace(/\u066B/g, '.')
    .replace(/[,\u066C\s]/g, '');
  if (!/^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(cleaned)) return problem('form.error.notNumber');
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return problem('form.error.notNumber');
  if (field.integer === true && !Number.isInteger(value)) return problem('form.error.notWholeNumber');
  const { min, max } = field;
  const outside = (min !== undefined && value < min) || (max !== undefined && value > max);
  if (outside && min !== undefined && max !== undefined) {
    return problem('form.error.numberBetween', { min, max });
  }
  if (outside && min !== undefined) return problem('form.error.numberMin', { min });
  if (outside && max !== undefined) return problem('form.error.numberMax', { max });
  return ok(value);
}

/** YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY (Urdu digits too) → YYYY-MM-DD when it is a real date. */
export function parseDateText(input: string): string | undefined {
  const text = asciiDigits(input.trim()).replace(/[\u2010-\u2015\u2212.]/g, '-');
  let parts: [string, string, string] | undefined;
  const iso = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$/.exec(text);
  const local = /^([0-9]{1,2})([-/ ])([0-9]{1,2})\2([0-9]{4})$/.exec(text);
  if (iso !== null) parts = [iso[1] ?? '', iso[2] ?? '', iso[3] ?? ''];
  else if (local !== null) parts = [local[4] ?? '', local[3] ?? '', local[1] ?? ''];
  if (parts === undefined) return undefined;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1000 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

// Made once: building an Intl.DateTimeFormat costs hundreds of microseconds, and validation asks for
// today's date once per field (the applications benchmark found it the largest cost of a submission).
const PAKISTAN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Karachi' });

/** Today's date in Pakistan (Asia/Karachi) as YYYY-MM-DD. */
export function pakistanToday(now: Date): string {
  return PAKISTAN_DATE.format(now);
}

/** The ISO date `days` days after `isoDate`. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** YYYY-MM-DD → DD-MM-YYYY, the form people type and read. */
export function displayDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day ?? ''}-${month ?? ''}-${year ?? ''}`;
}

export function parseDate(field: FormField, input: string, today: string): Parsed<string> {
  const value = parseDateText(input);
  if (value === undefined) return problem('form.error.dateInvalid');
  const earliest = field.min === undefined ? undefined : addDays(today, field.min);
  const latest = field.max === undefined ? undefined : addDays(today, field.max);
  const tooEarly = earliest !== undefined && value < earliest;
  const tooLate = latest !== undefined && value > latest;
  if (field.max === 0 && tooLate) return problem('form.error.dateNotFuture');
  if (field.min === 0 && tooEarly) return problem('form.error.dateNotPast');
  if ((tooEarly || tooLate) && earliest !== undefined && latest !== undefined) {
    return problem('form.error.dateBetween', { min: displayDate(earliest), max: displayDate(latest) });
  }
  if (tooEarly) return problem('form.error.dateMin', { min: displayDate(earliest) });
  if (tooLate) return problem('form.error.dateMax', { max: displayDate(latest) });
  return ok(value);
}

export function parseOption(field: FormField, input: string): Parsed<string> {
  return field.options?.some((option) => option.value === input) === true
    ? ok(input)
    : problem('form.error.select');
}

export function parseCnic(input: string): Parsed<string> {
  const digits = normaliseCnic(input);
  return digits === undefined ? problem('form.error.cnic') : ok(formatCnic(digits));
}

export function parsePhone(input: string): Parsed<string> {
  const e164 = normaliseMobile(input);
  return e164 === undefined ? problem('form.error.phone') : ok(e164);
}

export function parseEmail(input: string): Parsed<string> {
  const email = input.toLowerCase();
  return EMAIL.test(email) && email.length <= 254 ? ok(email) : problem('form.error.email');
}

export function parseDistrict(input: string, districts: readonly string[]): Parsed<string> {
  return districts.includes(input) ? ok(input) : problem('form.error.select');
}

/** An hour of the day as people read it: 08:00. */
export const clock = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** A slot answer is stored as `YYYY-MM-DDTHH:00` (Pakistan time), the start of the booking. */
export function slotValue(date: string, hour: number): string {
  return `${date}T${clock(hour)}`;
}

/** Splits a stored slot answer into its date and start hour. */
export function splitSlot(value: string): { date: string; hour: number } | undefined {
  const match = /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):00$/.exec(value);
  return match === null ? undefined : { date: match[1] ?? '', hour: Number(match[2]) };
}

export function parseSlot(
  slots: HourlySlots,
  dateInput: string,
  hourInput: string,
  today: string,
  duration: number,
): Parsed<string> {
  const date = parseDateText(dateInput);
  if (date === undefined) return problem('form.error.dateInvalid');
  const earliest = addDays(today, slots.minDaysAhead);
  const latest = addDays(today, slots.maxDaysAhead);
  if (date < earliest || date > latest) {
    return problem('form.error.slotDay', { min: displayDate(earliest), max: displayDate(latest) });
  }
  const hourText = asciiDigits(hourInput.trim()).replace(/:00$/, '');
  const hour = /^[0-9]{1,2}$/.test(hourText) ? Number(hourText) : Number.NaN;
  const lastStart = slots.lastHour - Math.max(duration, 1) + 1;
  if (!(hour >= slots.firstHour && hour <= slots.lastHour)) {
    return problem('form.error.slotHour', { first: clock(slots.firstHour), last: clock(slots.lastHour) });
  }
  if (hour > lastStart) return problem('form.error.slotTooLate', { hours: duration, last: clock(lastStart) });
  return ok(slotValue(date, hour));
}
