// Adds message keys to every catalog in one quick read-modify-write, so that people (and tools) working in
// parallel do not overwrite each other's keys.
//   node --import tsx scripts/i18n-add.ts keys.json
// keys.json: { "en": { "module.key": "English text" }, "ur": { "module.key": "اردو متن" } }
// Every language present in src/platform/i18n/catalogs must be given every new key.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const CATALOGS = path.join(import.meta.dirname, '..', 'src', 'platform', 'i18n', 'catalogs');
const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: node --import tsx scripts/i18n-add.ts keys.json\n');
  process.exit(2);
}
const additions = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
const languages = readdirSync(CATALOGS)
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.slice(0, -'.json'.length));
const keys = new Set(Object.values(additions).flatMap((entries) => Object.keys(entries)));
const missing = languages.flatMap((lang) =>
  [...keys].filter((key) => additions[lang]?.[key] === undefined).map((key) => `${lang}: ${key}`),
);
if (missing.length > 0) {
  process.stderr.write(`Every catalog needs every key. Missing:\n  ${missing.join('\n  ')}\n`);
  process.exit(1);
}
for (const lang of languages) {
  const target = path.join(CATALOGS, `${lang}.json`);
  const catalog = JSON.parse(readFileSync(target, 'utf8')) as Record<string, string>;
  Object.assign(catalog, additions[lang]);
  writeFileSync(target, `${JSON.stringify(catalog, null, 2)}\n`);
}
process.stdout.write(`Added ${keys.size} key(s) to ${languages.join(', ')}\n`);
