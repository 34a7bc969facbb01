// Builds the self-hosted Urdu web font: Noto Naskh Arabic (SIL OFL 1.1) from the npm package
// @expo-google-fonts/noto-naskh-arabic, subset with harfbuzz (wasm, works offline) to the characters and
// OpenType features Urdu needs, written as WOFF2 to public/fonts/ with the licence beside it.
// The outputs are committed, so `npm start` needs no build step. Re-run after upgrading the font package:
//   node --import tsx scripts/build-fonts.ts
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import subsetFont from 'subset-font';
import { convert } from 'fontverter';
import * as hb from 'harfbuzzjs';

const ROOT = path.join(import.meta.dirname, '..');
const OUT_DIR = path.join(ROOT, 'public', 'fonts');
const CATALOG_DIR = path.join(ROOT, 'src', 'platform', 'i18n', 'catalogs');
const PACKAGE = '@expo-google-fonts/noto-naskh-arabic';
const WEIGHTS = [
  { weight: 400, file: '400Regular/NotoNaskhArabic_400Regular.ttf' },
  { weight: 700, file: '700Bold/NotoNaskhArabic_700Bold.ttf' },
] as const;

/** Inclusive code point ranges kept in the subset. */
const RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e], // ASCII printable
  [0x00a0, 0x00a0], // no-break space
  [0x00a9, 0x00a9], // © (footer)
  [0x00ab, 0x00ab], // «
  [0x00bb, 0x00bb], // »
  [0x0600, 0x06ff], // Arabic, incl. ، (060C), ؛ ؟ (061F), ۔ (06D4) and Extended Arabic-Indic digits (06F0–06F9)
  [0x0750, 0x077f], // Arabic Supplement
  [0x200c, 0x200f], // ZWNJ, ZWJ, LRM, RLM
  [0x2013, 0x2014], // en and em dash
  [0x2018, 0x201d], // quotation marks
  [0x2022, 0x2022], // bullet
  [0x2026, 0x2026], // ellipsis
  [0x2039, 0x203a], // ‹ › (breadcrumb separators)
  [0x2066, 0x2069], // bidi isolates
  [0x25cc, 0x25cc], // dotted circle: harfbuzz shows it under a stray combining mark
  [0xfb50, 0xfdff], // Arabic Presentation Forms-A
  [0xfe70, 0xfeff], // Arabic Presentation Forms-B
];

/**
 * Layout features kept (the rest are dropped). `locl` carries the Urdu (URD) forms of ۴ ۶ ۷; `rtlm` and `curs`
 * are kept in case a font version uses them for kept glyphs (this one has no `isol`, `calt` or `curs`).
 */
const FEATURES = [
  'ccmp',
  'locl',
  'isol',
  'init',
  'medi',
  'fina',
  'rlig',
  'liga',
  'calt',
  'rtlm',
  'curs',
  'mark',
  'mkmk',
  'kern',
];
/** Features that must survive when the source font has them: Urdu joins, ligatures and marks break without them. */
const REQUIRED = ['ccmp', 'locl', 'init', 'medi', 'fina', 'rlig', 'liga', 'mark', 'mkmk', 'kern'];

/** Every Urdu letter, some diacritics, digits and punctuation: must shape without a missing glyph. */
const SAMPLE =
  'ا آ ب پ ت ٹ ث ج چ ح خ د ڈ ذ ر ڑ ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن ں و ہ ھ ء ی ے ۓ ۂ ۃ ئ ؤ أ ٔ َ ِ ُ ً ّ ٰ ۰۱۲۳۴۵۶۷۸۹ ، ؛ ؟ ۔ حکومتِ بلوچستان ﷺ (1-2)';

function keptCodePoints(): number[] {
  const codePoints: number[] = [];
  for (const [from, to] of RANGES) for (let cp = from; cp <= to; cp++) codePoints.push(cp);
  return codePoints;
}

function shapeGlyphs(font: hb.Font, text: string, language: string): number[] {
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.setDirection(hb.Direction.RTL);
  buffer.setScript('Arab');
  buffer.setLanguage(language);
  hb.shape(font, buffer);
  return buffer.getGlyphInfos().map((info) => info.codepoint);
}

/** Fails the build if the subset lost a character, a feature or the Urdu digit forms. */
function verify(label: string, original: Uint8Array, subset: Uint8Array, kept: readonly number[]): void {
  const before = new hb.Face(new hb.Blob(original));
  const after = new hb.Face(new hb.Blob(subset));
  const had = new Set(before.collectUnicodes());
  const has = new Set(after.collectUnicodes());
  const lost = kept.filter((cp) => had.has(cp) && !has.has(cp));
  if (lost.length > 0)
    throw new Error(`${label}: subset lost ${lost.map((cp) => cp.toString(16)).join(' ')}`);
  for (const table of ['GSUB', 'GPOS'] as const) {
    const source = new Set(before.getTableFeatureTags(table));
    const kept = new Set(after.getTableFeatureTags(table));
    const missing = REQUIRED.filter((tag) => source.has(tag) && !kept.has(tag));
    if (missing.length > 0) throw new Error(`${label}: ${table} lost ${missing.join(' ')}`);
  }
  const font = new hb.Font(after);
  const glyphs = shapeGlyphs(font, SAMPLE, 'ur');
  if (glyphs.includes(0)) throw new Error(`${label}: the Urdu sample shapes with a missing glyph`);
  if (shapeGlyphs(font, '۴۶۷', 'ur').join() === shapeGlyphs(font, '۴۶۷', 'fa').join()) {
    throw new Error(`${label}: the Urdu (locl URD) digit forms are gone`);
  }
}

/** Warns about Urdu catalog characters the source font has but the subset drops (widen RANGES then). */
async function checkCatalogs(codePoints: readonly number[], original: Uint8Array): Promise<void> {
  const inFont = new Set(new hb.Face(new hb.Blob(original)).collectUnicodes());
  const kept = new Set(codePoints);
  const missing = new Set<string>();
  for (const file of (await readdir(CATALOG_DIR)).filter((name) => name.endsWith('.json'))) {
    for (const ch of await readFile(path.join(CATALOG_DIR, file), 'utf8')) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp > 0x7f && inFont.has(cp) && !kept.has(cp))
        missing.add(`U+${cp.toString(16).toUpperCase()} ${ch}`);
    }
  }
  if (missing.size > 0)
    console.warn(`warning: catalog characters not in the subset: ${[...missing].join(', ')}`);
}

async function main(): Promise<void> {
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(require.resolve(`${PACKAGE}/package.json`));
  const codePoints = keptCodePoints();
  const text = String.fromCodePoint(...codePoints);
  await mkdir(OUT_DIR, { recursive: true });
  for (const { weight, file } of WEIGHTS) {
    const original = await readFile(path.join(packageDir, file));
    if (weight === 400) await checkCatalogs(codePoints, original);
    const sfnt = await subsetFont(original, text, {
      targetFormat: 'sfnt',
      keepFeatures: FEATURES,
      preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 13, 14], // keep copyright and the OFL notice and URL
    });
    verify(`${weight}`, original, sfnt, codePoints);
    const woff2 = await convert(sfnt, 'woff2', 'sfnt');
    const target = path.join(OUT_DIR, `noto-naskh-arabic-${weight}.woff2`);
    await writeFile(target, woff2);
    console.log(
      `${path.relative(ROOT, target)}: ${woff2.byteLength} bytes (from ${original.byteLength} TTF)`,
    );
  }
  await copyFile(path.join(packageDir, 'LICENSE_FONT'), path.join(OUT_DIR, 'OFL.txt'));
  console.log(`${path.relative(ROOT, path.join(OUT_DIR, 'OFL.txt'))}: copied`);
}

await main();
