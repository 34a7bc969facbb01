// The province's calendar: public holidays (data that platform administrators keep up to date) and the
// working-time answers other modules need: promised completion dates and working-hour deadlines.
// Holidays are public information, so the computations take no actor; changing the list does.
import { type Actor, actorId, actorLabel, hasProvinceRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, type FieldError, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import {
  HOLIDAY_KINDS,
  type Holiday,
  type HolidayKind,
  allHolidayDates,
  deleteHoliday,
  holidaysInRange,
  insertHoliday,
} from './repo.ts';
import { addWorkingDays, addWorkingHours } from './working-time.ts';

/** How long a process trusts its copy of the holiday list (another process's edits show within this). */
export const HOLIDAY_CACHE_MS = 60_000;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const MAX_NAME_LENGTH = 100;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface NewHoliday {
  readonly date: string;
  readonly nameEn: string;
  readonly nameUr: string;
  readonly kind: string;
}

/** True for a real calendar date written 'YYYY-MM-DD' within the years the calendar accepts. */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function validateHoliday(input: NewHoliday): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCalendarDate(input.date.trim())) errors.push({ field: 'date', messageKey: 'calendar.error.date' });
  for (const field of ['nameEn', 'nameUr'] as const) {
    const name = input[field].trim();
    if (name === '') errors.push({ field, messageKey: `calendar.error.${field}Required` });
    else if (name.length > MAX_NAME_LENGTH)
      errors.push({ field, messageKey: 'calendar.error.nameTooLong', params: { max: MAX_NAME_LENGTH } });
  }
  if (!(HOLIDAY_KINDS as readonly string[]).includes(input.kind))
    errors.push({ field: 'kind', messageKey: 'calendar.error.kind' });
  return errors;
}

function requireAdministrator(actor: Actor, what: string): void {
  if (!hasProvinceRole(actor, 'platform_admin')) {
    throw forbidden(`Only a province-wide platform administrator can ${what}`);
  }
}

export function calendarService(db: Db, now: () => number = Date.now) {
  let cache: { dates: ReadonlySet<string>; until: number } | undefined;

  async function allHolidays(): Promise<ReadonlySet<string>> {
    if (cache === undefined || now() >= cache.until) {
      cache = { dates: new Set(await allHolidayDates(db)), until: now() + HOLIDAY_CACHE_MS };
    }
    return cache.dates;
  }

  return {
    /** Holiday dates from `from` to `to` ('YYYY-MM-DD', inclusive); at most a minute out of date. */
    async holidaysBetween(from: string, to: string): Promise<Set<string>> {
      const all = await allHolidays();
      return new Set([...all].filter((date) => date >= from && date <= to));
    },

    /** Close of office on the `slaDays`th working day after the request counts as received. */
    async promisedDate(submittedAt: Date, slaDays: number): Promise<Date> {
      return addWorkingDays(submittedAt, slaDays, await allHolidays());
    },

    /** The moment `hours` working hours after `start` run out. */
    async deadline(start: Date, hours: number): Promise<Date> {
      return addWorkingHours(start, hours, await allHolidays());
    },

    async listHolidays(actor: Actor, year: number): Promise<Holiday[]> {
      requireAdministrator(actor, 'see the holiday list');
      if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
        throw new AppError('bad_request', `The year must be from ${MIN_YEAR} to ${MAX_YEAR}`);
      }
      return holidaysInRange(db, `${year}-01-01`, `${year}-12-31`);
    },

    async addHoliday(actor: Actor, input: NewHoliday): Promise<void> {
      requireAdministrator(actor, 'add public holidays');
      const errors = validateHoliday(input);
      if (errors.length > 0) throw validationFailed('The holiday is not valid', errors);
      const holiday = {
        date: input.date.trim(),
        nameEn: input.nameEn.trim(),
        nameUr: input.nameUr.trim(),
        kind: input.kind as HolidayKind,
      };
      await inTransaction(db, async (trx) => {
        if (!(await insertHoliday(trx, { ...holiday, createdBy: actorLabel(actor) }))) {
          throw validationFailed('There is already a holiday on that date', [
            { field: 'date', messageKey: 'calendar.error.dateTaken' },
          ]);
        }
        await insertAuditEvent(trx, {
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          action: 'calendar.holiday_added',
          subjectType: 'public_holiday',
          subjectId: holiday.date,
          details: holiday,
        });
      });
      cache = undefined;
    },

    async removeHoliday(actor: Actor, date: string): Promise<void> {
      requireAdministrator(actor, 'remove public holidays');
      if (!isCalendarDate(date)) throw notFound('Holiday');
      await inTransaction(db, async (trx) => {
        const removed = await deleteHoliday(trx, date);
        if (removed === undefined) throw notFound('Holiday');
        await insertAuditEvent(trx, {
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          action: 'calendar.holiday_removed',
          subjectType: 'public_holiday',
          subjectId: date,
          details: { nameEn: removed.nameEn, nameUr: removed.nameUr, kind: removed.kind },
        });
      });
      cache = undefined;
    },
  };
}

export type CalendarService = ReturnType<typeof calendarService>;
