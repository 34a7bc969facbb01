import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LOCALES, findLocale, localeFromAcceptLanguage, translatorFor } from './i18n.ts';

const catalogDir = path.join(import.meta.dirname, 'catalogs');
const english = JSON.parse(readFileSync(path.join(catalogDir, 'en.json'), 'utf8')) as Record<string, string>;

describe('message catalogs', () => {
  for (const file of readdirSync(catalogDir).filter((name) => name.endsWith('.json'))) {
    it(`${file} has exactly the keys of en.json, each non-empty, with the same placeholders`, () => {
      const catalog = JSON.parse(readFileSync(path.join(catalogDir, file), 'utf8')) as Record<string, string>;
      assert.deepEqual(Object.keys(catalog).sort(), Object.keys(english).sort());
      for (const [key, value] of Object.entries(catalog)) {
        assert.ok(value.trim().length > 0, `${file}: ${key} is empty`);
        const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        assert.deepEqual(
          placeholders(value),
          placeholders(english[key] ?? ''),
          `${file}: ${key} placeholders`,
        );
      }
    });
  }

  it('loads English first and Urdu right-to-left', () => {
    assert.equal(LOCALES[0]?.code, 'en');
    assert.equal(findLocale('ur')?.dir, 'rtl');
    assert.equal(findLocale('EN')?.dir, 'ltr');
    assert.equal(findLocale('xx'), undefined);
  });
});

describe('Accept-Language', () => {
  it('picks the best supported language by q-value and falls back through the primary subtag', () => {
    assert.equal(localeFromAcceptLanguage('ur-PK,en;q=0.8')?.code, 'ur');
    assert.equal(localeFromAcceptLanguage('en-GB;q=0.3, ur;q=0.9')?.code, 'ur');
    assert.equal(localeFromAcceptLanguage('fr, de;q=0.5')?.code, undefined);
    assert.equal(localeFromAcceptLanguage('ur;q=0, en')?.code, 'en');
    assert.equal(localeFromAcceptLanguage(undefined), undefined);
    assert.equal(localeFromAcceptLanguage(';;,,q=1')?.code, undefined);
  });
});

describe('translator', () => {
  const en = translatorFor(findLocale('en')!);
  const ur = translatorFor(findLocale('ur')!);

  it('fills placeholders and leaves unknown ones visible', () => {
    assert.equal(en.t('footer.copyright', { year: 2026 }), '© 2026 Government of Balochistan');
    assert.equal(en.t('footer.copyright'), '© {year} Government of Balochistan');
    assert.equal(ur.t('nav.home'), 'سرورق');
  });

  it('formats numbers, rupees and dates for the locale, in Pakistan time', () => {
    assert.equal(en.formatNumber(1234567), '1,234,567');
    assert.match(en.formatMoney(1500), /^Rs\s?1,500(\.00)?$/);
    assert.match(ur.formatMoney(1500), /1,500/);
    assert.match(en.formatMoney(1234.5), /1,234\.5/, 'paisa are kept');
    // 20:00 UTC on 31 December is already 1 January in Quetta (UTC+5).
    assert.equal(en.formatDate(new Date('2025-12-31T20:00:00Z')), '1 January 2026');
    assert.match(ur.formatDate(new Date('2025-12-31T20:00:00Z')), /جنوری/);
  });
});
