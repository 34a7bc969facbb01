// Checks every service pack (services/*.json) against docs/service-pack.schema.json and the rules the
// schema cannot express, with the migration's department and district codes. Prints one line per problem,
// "file path: message", and exits 1 when there is any. CI and pack authors run it: npm run packs:check
//   node --import tsx scripts/check-packs.ts [directory]
import path from 'node:path';
import {
  MIGRATION_KNOWN_CODES,
  PACKS_DIR,
  loadPackFiles,
  validatePackSet,
} from '../src/modules/services/pack/validate.ts';

const dir = path.resolve(process.argv[2] ?? PACKS_DIR);
const shown = (file: string) => path.relative(process.cwd(), path.join(dir, file)) || file;

const files = await loadPackFiles(dir);
const { packs, errors } = validatePackSet(files, MIGRATION_KNOWN_CODES);
for (const error of errors) {
  process.stdout.write(
    `${shown(error.file)}${error.path === '' ? '' : ` ${error.path}`}: ${error.message}\n`,
  );
}
if (files.length === 0) {
  process.stdout.write(`${shown('')}: no service packs (*.json) found\n`);
  process.exitCode = 1;
} else if (errors.length > 0) {
  process.stdout.write(`\n${errors.length} problem(s) in ${files.length} service pack file(s)\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(
    `${packs.length} service packs are valid: ${packs.map((p) => `${p.code}@${p.version}`).join(', ')}\n`,
  );
}
