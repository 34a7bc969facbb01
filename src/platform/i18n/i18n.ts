// Message catalogs and locale-aware formatting. A catalog is one JSON file in ./catalogs; adding Balochi,
// Pashto, Brahui or Sindhi means adding `bal.json` (etc.) there with every key of en.json and nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import english from './catalogs/en.json' with { type: 'json' };

export type MessageKey = Exclude<keyof typeof english, `$meta.${string}`>;
export type MessageParams = Readonly<Record<string, string | number>>;
export type TextDirection = 'ltr' | 'rtl';

export interface Locale {
  /** BCP 47 language tag used in `<html lang>` and the `lang` cookie, e.g. `en`, `ur`. */
  readonly code: string;
  /** The language's own name, for the language switch. */
  readonly nativeName: string;
  readonly dir: TextDirection;
  /** The tag handed to `Intl` (region decides currency and date conventions). */
  readonly intlLocale: string;
  readonly messages: Readonly<Record<string, string>>;
}

const CATALOG_DIR = path.join(import.meta.dirname, 'catalogs');
export const DEFAULT_LOCALE_CODE = 'en';

function loadCatalog(file: string): Locale {
  const raw = JSON.parse(readFileSync(path.join(CATALOG_DIR, file), 'utf8')) as Record<string, unknown>;
  const code = path.basename(file, '.json');
  const messages: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw new Error(`Catalog ${file}: "${key}" is not a string`);
    messages[key] = value;
  }
  const dir = messages['$meta.dir'];
  if (dir !== 'ltr' && dir !== 'rtl') throw new Error(`Catalog ${file}: "$meta.dir" must be ltr or rtl`);
  return {
    code,
    nativeName: messages['$meta.name'] ?? code,
    dir,
    intlLocale: messages['$meta.intlLocale'] ?? code,
    messages,
  };
}

/** Every catalog on disk, English first. Loaded once; catalogs ship with the code. */
export const LOCALES: readonly Locale[] = readdirSync(CATALOG_DIR)
  .filter((file) => file.endsWith('.json'))
  .map(loadCatalog)
  .sort((a, b) =>
    a.code === DEFAULT_LOCALE_CODE ? -1 : b.code === DEFAULT_LOCALE_CODE ? 1 : a.code.localeCompare(b.code),
  );

const BY_CODE = new Map(LOCALES.map((locale) => [locale.code, locale]));

export function findLocale(code: string | undefined): Locale | undefined {
  return code === undefined ? undefined : BY_CODE.get(code.toLowerCase());
}

export function defaultLocale(): Locale {
  const locale = BY_CODE.get(DEFAULT_LOCALE_CODE);
  if (locale === undefined) throw new Error('The English catalog is missing');
  return locale;
}

/** Picks the first supported language from an Accept-Language header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (header === undefined) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = findLocale(tag) ?? findLocale(tag.split('-')[0]);
    if (locale !== undefined) return locale;
  }
  return undefined;
}

/** Everything a view needs to speak the reader's language. */
export interface Translator {
  readonly locale: Locale;
  t(key: MessageKey, params?: MessageParams): string;
  formatNumber(value: number): string;
  /** Rupees (PKR), whole or with paisa. */
  formatMoney(amountPkr: number): string;
  formatDate(value: Date): string;
  formatDateTime(value: Date): string;
}

const translators = new Map<string, Translator>();

export function translatorFor(locale: Locale): Translator {
  const cached = translators.get(locale.code);
  if (cached !== undefined) return cached;
  const english = defaultLocale();
  const number = new Intl.NumberFormat(locale.intlLocale);
  const money = new Intl.NumberFormat(locale.intlLocale, {
    style: 'currency',
    currency: 'PKR',
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  });
  const date = new Intl.DateTimeFormat(locale.intlLocale, { dateStyle: 'long', timeZone: 'Asia/Karachi' });
  const dateTime = new Intl.DateTimeFormat(locale.intlLocale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Karachi',
  });
  const translator: Translator = {
    locale,
    t(key, params) {
      // A catalog test keeps every catalog complete; English is the fallback of last resort.
      const template = locale.messages[key] ?? english.messages[key] ?? key;
      return params === undefined ? template : interpolate(template, params);
    },
    formatNumber: (value) => number.format(value),
    formatMoney: (amountPkr) => money.format(amountPkr),
    formatDate: (value) => date.format(value),
    formatDateTime: (value) => dateTime.format(value),
  };
  translators.set(locale.code, translator);
  return translator;
}

/** Fills `{name}` placeholders. Numbers go in as given: callers format counts and money explicitly. */
function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
