// Working time of the Government of Balochistan's offices, as pure functions. Everything is computed in
// Pakistan time (Asia/Karachi, UTC+5 all year: Pakistan has kept no daylight saving since 2009), whatever
// the server's own time zone, by shifting instants by the fixed offset and reading the UTC fields.
// Public holidays are injected as a set of 'YYYY-MM-DD' dates (the calendar service reads them from the
// public_holiday table).

/** Pakistan Standard Time is UTC+5 with no daylight saving. */
const PKT_OFFSET_MS = 5 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Days of the week offices are closed (Date#getUTCDay numbering: 0 Sunday ... 6 Saturday). */
export const WEEKEND_DAYS: ReadonlySet<number> = new Set([0, 6]);
/** Office hours in Pakistan time: open at 09:00, closed from 17:00 (a half-open interval). */
export const OFFICE_OPENS_HOUR = 9;
export const OFFICE_CLOSES_HOUR = 17;

const OPENS_MS = OFFICE_OPENS_HOUR * HOUR_MS;
const CLOSES_MS = OFFICE_CLOSES_HOUR * HOUR_MS;

export type HolidaySet = ReadonlySet<string>;

/** The Pakistan calendar day of an instant, as milliseconds of its local midnight on a UTC-read scale. */
function localDayStart(instant: number): number {
  return Math.floor((instant + PKT_OFFSET_MS) / DAY_MS) * DAY_MS;
}

/** The real instant of a time of day (ms after local midnight) on a local day from `localDayStart`. */
function instantAt(localDay: number, msOfDay: number): number {
  return localDay + msOfDay - PKT_OFFSET_MS;
}

function isWorkingLocalDay(localDay: number, holidays: HolidaySet): boolean {
  const day = new Date(localDay);
  return !WEEKEND_DAYS.has(day.getUTCDay()) && !holidays.has(day.toISOString().slice(0, 10));
}

function nextWorkingLocalDay(localDay: number, holidays: HolidaySet): number {
  let day = localDay + DAY_MS;
  while (!isWorkingLocalDay(day, holidays)) day += DAY_MS;
  return day;
}

function requireInstant(value: Date, name: string): number {
  const time = value.getTime();
  if (!Number.isFinite(time)) throw new RangeError(`${name} is not a valid date`);
  return time;
}

/** The Pakistan calendar date of an instant, 'YYYY-MM-DD'. */
export function pakistanDate(instant: Date): string {
  const time = requireInstant(instant, 'instant');
  return new Date(time + PKT_OFFSET_MS).toISOString().slice(0, 10);
}

/** True when the instant falls on a working day in Pakistan: Monday to Friday and not a public holiday. */
export function isWorkingDay(date: Date, holidays: HolidaySet): boolean {
  return isWorkingLocalDay(localDayStart(requireInstant(date, 'date')), holidays);
}

/**
 * The promised completion date: the close of office (17:00) on the `days`th working day after the day the
 * request counts as received. A request made on a working day before 17:00 (even before 09:00) is received
 * that day; one made at or after 17:00, at a weekend or on a holiday is received on the next working day.
 * `days` is a whole number of at least 1.
 */
export function addWorkingDays(start: Date, days: number, holidays: HolidaySet): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a whole number of at least 1');
  const time = requireInstant(start, 'start');
  let day = localDayStart(time);
  const afterHours = time >= instantAt(day, CLOSES_MS);
  if (!isWorkingLocalDay(day, holidays) || afterHours) day = nextWorkingLocalDay(day, holidays);
  for (let counted = 0; counted < days; counted += 1) day = nextWorkingLocalDay(day, holidays);
  return new Date(instantAt(day, CLOSES_MS));
}

/**
 * A deadline `hours` working hours after `start`: only office hours (09:00-17:00) on working days count.
 * A deadline that uses up a day exactly falls at 17:00 that day, not at 09:00 the next. `hours` may be
 * fractional but must be above 0.
 */
export function addWorkingHours(start: Date, hours: number, holidays: HolidaySet): Date {
  if (!Number.isFinite(hours) || hours <= 0) throw new RangeError('hours must be a number above 0');
  let remaining = Math.round(hours * HOUR_MS);
  let cursor = requireInstant(start, 'start');
  let day = localDayStart(cursor);
  for (;;) {
    const opens = instantAt(day, OPENS_MS);
    const closes = instantAt(day, CLOSES_MS);
    if (isWorkingLocalDay(day, holidays) && cursor < closes) {
      const from = Math.max(cursor, opens);
      if (remaining <= closes - from) return new Date(from + remaining);
      remaining -= closes - from;
    }
    day = nextWorkingLocalDay(day, holidays);
    cursor = instantAt(day, OPENS_MS);
  }
}

/**
 * Working hours (office hours on working days) from `start` to `end`, fractional. Negative when `end` is
 * before `start`, so "overdue by" reads as a negative time left.
 */
export function workingHoursBetween(start: Date, end: Date, holidays: HolidaySet): number {
  const from = requireInstant(start, 'start');
  const to = requireInstant(end, 'end');
  if (to < from) return -workingHoursBetween(end, start, holidays);
  let total = 0;
  const lastDay = localDayStart(to);
  for (let day = localDayStart(from); day <= lastDay; day += DAY_MS) {
    if (!isWorkingLocalDay(day, holidays)) continue;
    const overlap = Math.min(to, instantAt(day, CLOSES_MS)) - Math.max(from, instantAt(day, OPENS_MS));
    if (overlap > 0) total += overlap;
  }
  return total / HOUR_MS;
}
