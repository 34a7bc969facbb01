// Public holidays of the Government of Balochistan (the federal gazetted holidays, which the province
// observes), used to compute promised completion dates and working-hour deadlines. One row per date;
// administrators correct and extend the list on /admin/holidays.
//
// The Islamic holidays (Eid-ul-Fitr, Eid-ul-Adha, Ashura, Eid Milad-un-Nabi) follow the lunar calendar and
// are fixed only when the moon is sighted (Ruet-e-Hilal Committee). The dates below are the EXPECTED
// Gregorian dates for 2026 and 2027, worked out from the astronomical new moons; each may move by a day.
// When the government notifies the actual dates, an administrator corrects them on the holidays page.
// Where two holidays fall on one date, the row names both.
import { type Kysely, sql } from 'kysely';

type Kind = 'gazetted' | 'optional';
const HOLIDAYS: readonly [date: string, nameEn: string, nameUr: string, kind: Kind][] = [
  // 2026
  ['2026-02-05', 'Kashmir Solidarity Day', 'یومِ یکجہتیٔ کشمیر', 'gazetted'],
  ['2026-03-21', 'Eid-ul-Fitr (first day)', 'عید الفطر (پہلا دن)', 'gazetted'],
  ['2026-03-22', 'Eid-ul-Fitr (second day)', 'عید الفطر (دوسرا دن)', 'gazetted'],
  ['2026-03-23', 'Pakistan Day; Eid-ul-Fitr (third day)', 'یومِ پاکستان؛ عید الفطر (تیسرا دن)', 'gazetted'],
  ['2026-05-01', 'Labour Day', 'یومِ مزدور', 'gazetted'],
  ['2026-05-27', 'Eid-ul-Adha (first day)', 'عید الاضحیٰ (پہلا دن)', 'gazetted'],
  ['2026-05-28', 'Youm-e-Takbeer; Eid-ul-Adha (second day)', 'یومِ تکبیر؛ عید الاضحیٰ (دوسرا دن)', 'gazetted'],
  ['2026-05-29', 'Eid-ul-Adha (third day)', 'عید الاضحیٰ (تیسرا دن)', 'gazetted'],
  ['2026-06-25', 'Ashura (9 Muharram)', 'عاشورہ (۹ محرم)', 'gazetted'],
  ['2026-06-26', 'Ashura (10 Muharram)', 'عاشورہ (۱۰ محرم)', 'gazetted'],
  ['2026-08-14', 'Independence Day', 'یومِ آزادی', 'gazetted'],
  ['2026-08-26', 'Eid Milad-un-Nabi (12 Rabi-ul-Awwal)', 'عید میلاد النبی ﷺ (۱۲ ربیع الاوّل)', 'gazetted'],
  ['2026-11-09', 'Iqbal Day', 'یومِ اقبال', 'gazetted'],
  ['2026-12-25', 'Quaid-e-Azam Day and Christmas', 'یومِ قائدِاعظم و کرسمس', 'gazetted'],
  // 2027
  ['2027-02-05', 'Kashmir Solidarity Day', 'یومِ یکجہتیٔ کشمیر', 'gazetted'],
  ['2027-03-10', 'Eid-ul-Fitr (first day)', 'عید الفطر (پہلا دن)', 'gazetted'],
  ['2027-03-11', 'Eid-ul-Fitr (second day)', 'عید الفطر (دوسرا دن)', 'gazetted'],
  ['2027-03-12', 'Eid-ul-Fitr (third day)', 'عید الفطر (تیسرا دن)', 'gazetted'],
  ['2027-03-23', 'Pakistan Day', 'یومِ پاکستان', 'gazetted'],
  ['2027-05-01', 'Labour Day', 'یومِ مزدور', 'gazetted'],
  ['2027-05-17', 'Eid-ul-Adha (first day)', 'عید الاضحیٰ (پہلا دن)', 'gazetted'],
  ['2027-05-18', 'Eid-ul-Adha (second day)', 'عید الاضحیٰ (دوسرا دن)', 'gazetted'],
  ['2027-05-19', 'Eid-ul-Adha (third day)', 'عید الاضحیٰ (تیسرا دن)', 'gazetted'],
  ['2027-05-28', 'Youm-e-Takbeer', 'یومِ تکبیر', 'gazetted'],
  ['2027-06-15', 'Ashura (9 Muharram)', 'عاشورہ (۹ محرم)', 'gazetted'],
  ['2027-06-16', 'Ashura (10 Muharram)', 'عاشورہ (۱۰ محرم)', 'gazetted'],
  ['2027-08-14', 'Independence Day', 'یومِ آزادی', 'gazetted'],
  ['2027-08-15', 'Eid Milad-un-Nabi (12 Rabi-ul-Awwal)', 'عید میلاد النبی ﷺ (۱۲ ربیع الاوّل)', 'gazetted'],
  ['2027-11-09', 'Iqbal Day', 'یومِ اقبال', 'gazetted'],
  ['2027-12-25', 'Quaid-e-Azam Day and Christmas', 'یومِ قائدِاعظم و کرسمس', 'gazetted'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('public_holiday')
    .addColumn('date', 'date', (col) => col.primaryKey())
    .addColumn('name_en', 'text', (col) => col.notNull().check(sql`length(trim(name_en)) > 0`))
    .addColumn('name_ur', 'text', (col) => col.notNull().check(sql`length(trim(name_ur)) > 0`))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('gazetted', 'optional')`))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db
    .$extendTables<{
      public_holiday: { date: string; name_en: string; name_ur: string; kind: Kind; created_by: string };
    }>()
    .insertInto('public_holiday')
    .values(
      HOLIDAYS.map(([date, nameEn, nameUr, kind]) => ({
        date,
        name_en: nameEn,
        name_ur: nameUr,
        kind,
        created_by: 'migration 20261128T0010_calendar',
      })),
    )
    .execute();
}
