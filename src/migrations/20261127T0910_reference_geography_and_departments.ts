// Reference data every module uses: the divisions and districts of Balochistan and the departments of
// the Government of Balochistan that the Digital Policy 2021 names. Bilingual names. The district codes
// (three letters) appear in application numbers such as DOM-QTA-2026-000123, so they never change;
// a new district arrives by a later migration.
import { type Kysely, sql } from 'kysely';

// Administrative map as notified up to 2023: 8 divisions, 36 districts.
const DIVISIONS: readonly [code: string, en: string, ur: string][] = [
  ['quetta', 'Quetta', 'کوئٹہ'],
  ['kalat', 'Kalat', 'قلات'],
  ['makran', 'Makran', 'مکران'],
  ['rakhshan', 'Rakhshan', 'رخشان'],
  ['nasirabad', 'Nasirabad', 'نصیرآباد'],
  ['sibi', 'Sibi', 'سبی'],
  ['zhob', 'Zhob', 'ژوب'],
  ['loralai', 'Loralai', 'لورالائی'],
];

const DISTRICTS: readonly [code: string, division: string, en: string, ur: string][] = [
  ['QTA', 'quetta', 'Quetta', 'کوئٹہ'],
  ['PSN', 'quetta', 'Pishin', 'پشین'],
  ['KAB', 'quetta', 'Killa Abdullah', 'قلعہ عبداللہ'],
  ['CMN', 'quetta', 'Chaman', 'چمن'],
  ['KLT', 'kalat', 'Kalat', 'قلات'],
  ['MST', 'kalat', 'Mastung', 'مستونگ'],
  ['KHZ', 'kalat', 'Khuzdar', 'خضدار'],
  ['AWN', 'kalat', 'Awaran', 'آواران'],
  ['LSB', 'kalat', 'Lasbela', 'لسبیلہ'],
  ['HUB', 'kalat', 'Hub', 'حب'],
  ['KCH', 'makran', 'Kech', 'کیچ'],
  ['GWD', 'makran', 'Gwadar', 'گوادر'],
  ['PJG', 'makran', 'Panjgur', 'پنجگور'],
  ['KRN', 'rakhshan', 'Kharan', 'خاران'],
  ['WSK', 'rakhshan', 'Washuk', 'واشک'],
  ['CHG', 'rakhshan', 'Chagai', 'چاغی'],
  ['NSK', 'rakhshan', 'Nushki', 'نوشکی'],
  ['NSB', 'nasirabad', 'Nasirabad', 'نصیرآباد'],
  ['JFB', 'nasirabad', 'Jaffarabad', 'جعفرآباد'],
  ['JML', 'nasirabad', 'Jhal Magsi', 'جھل مگسی'],
  ['KCI', 'nasirabad', 'Kachhi', 'کچھی'],
  ['SBP', 'nasirabad', 'Sohbatpur', 'صحبت پور'],
  ['UMD', 'nasirabad', 'Usta Muhammad', 'اوستہ محمد'],
  ['SBI', 'sibi', 'Sibi', 'سبی'],
  ['ZRT', 'sibi', 'Ziarat', 'زیارت'],
  ['KHL', 'sibi', 'Kohlu', 'کوہلو'],
  ['DBG', 'sibi', 'Dera Bugti', 'ڈیرہ بگٹی'],
  ['HRN', 'sibi', 'Harnai', 'ہرنائی'],
  ['LHR', 'sibi', 'Lehri', 'لہڑی'],
  ['ZHB', 'zhob', 'Zhob', 'ژوب'],
  ['KSF', 'zhob', 'Killa Saifullah', 'قلعہ سیف اللہ'],
  ['SRN', 'zhob', 'Sherani', 'شیرانی'],
  ['LRL', 'loralai', 'Loralai', 'لورالائی'],
  ['BKN', 'loralai', 'Barkhan', 'بارکھان'],
  ['MSK', 'loralai', 'Musakhel', 'موسیٰ خیل'],
  ['DKI', 'loralai', 'Duki', 'دکی'],
];

const DEPARTMENTS: readonly [code: string, en: string, ur: string][] = [
  ['sit', 'Science & Information Technology Department', 'محکمہ سائنس و انفارمیشن ٹیکنالوجی'],
  ['sgad', 'Services & General Administration Department', 'محکمہ سروسز و جنرل ایڈمنسٹریشن'],
  ['pnd', 'Planning & Development Department', 'محکمہ منصوبہ بندی و ترقیات'],
  ['finance', 'Finance Department', 'محکمہ خزانہ'],
  ['home', 'Home & Tribal Affairs Department', 'محکمہ داخلہ و قبائلی امور'],
  ['police', 'Balochistan Police', 'بلوچستان پولیس'],
  ['revenue', 'Board of Revenue', 'بورڈ آف ریونیو'],
  ['excise', 'Excise, Taxation & Anti-Narcotics Department', 'محکمہ ایکسائز، ٹیکسیشن و انسدادِ منشیات'],
  ['health', 'Health Department', 'محکمہ صحت'],
  ['education', 'School Education Department', 'محکمہ اسکول ایجوکیشن'],
  ['agriculture', 'Agriculture & Cooperatives Department', 'محکمہ زراعت و امدادِ باہمی'],
  ['local-government', 'Local Government & Rural Development Department', 'محکمہ بلدیات و دیہی ترقی'],
  ['industries', 'Industries & Commerce Department', 'محکمہ صنعت و تجارت'],
  ['food-authority', 'Balochistan Food Authority', 'بلوچستان فوڈ اتھارٹی'],
  ['law', 'Law & Parliamentary Affairs Department', 'محکمہ قانون و پارلیمانی امور'],
  ['transport', 'Transport Department', 'محکمہ ٹرانسپورٹ'],
  ['cw', 'Communication & Works Department', 'محکمہ مواصلات و تعمیرات'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('division')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('name_ur', 'text', (col) => col.notNull())
    .addColumn('sort_order', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('district')
    .addColumn('code', 'text', (col) => col.primaryKey().check(sql`code ~ '^[A-Z]{3}$'`))
    .addColumn('division_code', 'text', (col) => col.notNull().references('division.code'))
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('name_ur', 'text', (col) => col.notNull())
    .addColumn('active', 'boolean', (col) => col.notNull().defaultTo(true))
    .execute();
  await db.schema
    .createTable('department')
    .addColumn('code', 'text', (col) => col.primaryKey().check(sql`code ~ '^[a-z][a-z0-9-]*$'`))
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('name_ur', 'text', (col) => col.notNull())
    .addColumn('active', 'boolean', (col) => col.notNull().defaultTo(true))
    .execute();

  const rows = (table: string, values: Record<string, unknown>[]) =>
    (db as Kysely<Record<string, Record<string, unknown>>>).insertInto(table).values(values);
  await rows(
    'division',
    DIVISIONS.map(([code, en, ur], index) => ({ code, name_en: en, name_ur: ur, sort_order: index + 1 })),
  ).execute();
  await rows(
    'district',
    DISTRICTS.map(([code, division, en, ur]) => ({
      code,
      division_code: division,
      name_en: en,
      name_ur: ur,
    })),
  ).execute();
  await rows(
    'department',
    DEPARTMENTS.map(([code, en, ur]) => ({ code, name_en: en, name_ur: ur })),
  ).execute();
}
