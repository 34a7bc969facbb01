// All SQL of the calendar: the public holidays.
import type { Generated } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type HolidayKind = 'gazetted' | 'optional';
export const HOLIDAY_KINDS: readonly HolidayKind[] = ['gazetted', 'optional'];

type CalendarTables = {
  public_holiday: {
    /** 'YYYY-MM-DD' (the pg type parser keeps dates as strings). */
    date: string;
    name_en: string;
    name_ur: string;
    kind: HolidayKind;
    created_by: string;
    created_at: Generated<Date>;
  };
};

const tables = (db: Db) => db.$extendTables<CalendarTables>();

export interface Holiday {
  readonly date: string;
  readonly nameEn: string;
  readonly nameUr: string;
  readonly kind: HolidayKind;
  readonly createdBy: string;
  readonly createdAt: Date;
}

const COLUMNS = ['date', 'name_en', 'name_ur', 'kind', 'created_by', 'created_at'] as const;

function toHoliday(row: {
  date: string;
  name_en: string;
  name_ur: string;
  kind: HolidayKind;
  created_by: string;
  created_at: Date;
}): Holiday {
  return {
    date: row.date,
    nameEn: row.name_en,
    nameUr: row.name_ur,
    kind: row.kind,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** Every holiday date (the table holds a few dozen rows a year). */
export async function allHolidayDates(db: Db): Promise<string[]> {
  const rows = await tables(db).selectFrom('public_holiday').select('date').orderBy('date').execute();
  return rows.map((row) => row.date);
}

/** Holidays from `from` to `to`, both 'YYYY-MM-DD' and inclusive, in date order. */
export async function holidaysInRange(db: Db, from: string, to: string): Promise<Holiday[]> {
  const rows = await tables(db)
    .selectFrom('public_holiday')
    .select(COLUMNS)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
  return rows.map(toHoliday);
}

/** Inserts a holiday; returns false (and changes nothing) when the date already has one. */
export async function insertHoliday(
  db: Db,
  holiday: { date: string; nameEn: string; nameUr: string; kind: HolidayKind; createdBy: string },
): Promise<boolean> {
  const inserted = await tables(db)
    .insertInto('public_holiday')
    .values({
      date: holiday.date,
      name_en: holiday.nameEn,
      name_ur: holiday.nameUr,
      kind: holiday.kind,
      created_by: holiday.createdBy,
    })
    .onConflict((conflict) => conflict.column('date').doNothing())
    .returning('date')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Deletes the holiday on `date`; returns what was deleted, if anything. */
export async function deleteHoliday(db: Db, date: string): Promise<Holiday | undefined> {
  const row = await tables(db)
    .deleteFrom('public_holiday')
    .where('date', '=', date)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row === undefined ? undefined : toHoliday(row);
}
