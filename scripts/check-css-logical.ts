// Fails (exit 1) when a stylesheet in public/css uses physical directions instead of logical ones, so
// right-to-left pages keep working: margin-left, padding-right, border-left, left:, right:,
// text-align: left, float: right, border-top-left-radius, ... and 3- or 4-value margin/padding/inset
// shorthands (whose second and fourth values are physical sides), and sideways translate(). Comments are ignored.
//   node --import tsx scripts/check-css-logical.ts [file.css ...]
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const CSS_DIR = path.join(import.meta.dirname, '..', 'public', 'css');
const PHYSICAL_WORD = /\b(left|right)\b/i;
const SIDED_SHORTHAND =
  /(?:^|[;{\s])(margin|padding|inset|border-width|border-style|border-color)\s*:\s*([^;{}]+)/gi;
const SIDEWAYS_MOVE = /translateX\(\s*(?!0\s*\))|translate\(\s*(?!0[\s,)])/i;
const CORNER_SHORTHAND = /(?:^|[;{\s])border-radius\s*:\s*([^;{}]+)/gi;

/** Blanks out comments but keeps newlines, so line numbers stay true. */
function stripComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
}

function valueCount(value: string): number {
  return value
    .replace(/!important/i, '')
    .trim()
    .split(/\s+(?![^(]*\))/).length;
}

function findPhysical(css: string): { line: number; text: string; reason: string }[] {
  const problems: { line: number; text: string; reason: string }[] = [];
  stripComments(css)
    .split('\n')
    .forEach((text, index) => {
      const line = index + 1;
      const word = PHYSICAL_WORD.exec(text);
      if (word) problems.push({ line, text, reason: `physical direction "${word[0]}"` });
      if (SIDEWAYS_MOVE.test(text))
        problems.push({ line, text, reason: 'sideways translate (flip it for rtl)' });
      for (const [, property = '', value = ''] of text.matchAll(SIDED_SHORTHAND)) {
        if (valueCount(value) > 2)
          problems.push({ line, text, reason: `${property} shorthand with physical sides` });
      }
      for (const [, value = ''] of text.matchAll(CORNER_SHORTHAND)) {
        if (valueCount(value.split('/')[0] ?? '') > 1)
          problems.push({ line, text, reason: 'border-radius with physical corners' });
      }
    });
  return problems;
}

function main(): void {
  const args = process.argv.slice(2);
  const files =
    args.length > 0
      ? args
      : readdirSync(CSS_DIR)
          .filter((f) => f.endsWith('.css'))
          .map((f) => path.join(CSS_DIR, f));
  let count = 0;
  for (const file of files) {
    for (const problem of findPhysical(readFileSync(file, 'utf8'))) {
      console.error(
        `${path.relative(process.cwd(), file)}:${problem.line}: ${problem.reason}: ${problem.text.trim()}`,
      );
      count++;
    }
  }
  if (count > 0) {
    console.error(
      `${count} physical direction(s) found: use logical properties (margin-inline-start, inset-inline-end, text-align: start, ...)`,
    );
    process.exit(1);
  }
  console.log(`${files.length} stylesheet(s) use logical properties only`);
}

main();
