// Service-pack validation: the JSON Schema (docs/service-pack.schema.json) first, then the checks it
// cannot express. Used by the loader at start and by `npm run packs:check` in CI.
import path from 'node:path';
import { checkForm } from './check-form.ts';
import { checkWorkflow } from './check-workflow.ts';
import { pointer } from './pointer.ts';
import { checkAgainstSchema } from './schema-check.ts';
import type { KnownCodes, PackError, ServicePack } from './types.ts';

export { PACKS_DIR, loadPackFiles, parsePackText, type PackFile } from './files.ts';
export { MIGRATION_KNOWN_CODES } from './known-codes.ts';
export type * from './types.ts';

export type PackValidation =
  | { readonly ok: true; readonly pack: ServicePack }
  | { readonly ok: false; readonly errors: readonly PackError[] };

function checkIdentity(pack: ServicePack, fileName: string, known: KnownCodes) {
  const problems: { path: string; message: string }[] = [];
  const base = path.basename(fileName);
  if (base !== `${pack.code}.json`) {
    problems.push({ path: '/code', message: `code "${pack.code}" does not match the file name "${base}"` });
  }
  if (!known.departments.includes(pack.department)) {
    problems.push({ path: '/department', message: `unknown department "${pack.department}"` });
  }
  pack.offices.forEach((office, o) => {
    if (office.district !== '*' && !known.districts.includes(office.district)) {
      problems.push({
        path: pointer('/offices', o, 'district'),
        message: `unknown district "${office.district}"`,
      });
    }
  });
  return problems;
}

/**
 * Checks one parsed pack file. The schema's problems come alone (later checks need its shape); when it
 * passes, every other problem is reported at once.
 */
export function validatePack(json: unknown, fileName: string, known: KnownCodes): PackValidation {
  const file = path.basename(fileName);
  const schemaProblems = checkAgainstSchema(json);
  const problems =
    schemaProblems.length > 0
      ? schemaProblems
      : [
          ...checkIdentity(json as ServicePack, fileName, known),
          ...checkForm(json as ServicePack),
          ...checkWorkflow(json as ServicePack),
        ];
  if (problems.length === 0) return { ok: true, pack: json as ServicePack };
  return { ok: false, errors: problems.map((problem) => ({ file, ...problem })) };
}

/**
 * Checks a set of pack files together: each one, then what must be unique between them (codes and the
 * prefixes of application numbers). Returns the valid packs and every problem.
 */
export function validatePackSet(
  files: readonly ({ file: string; json: unknown } | { file: string; error: PackError })[],
  known: KnownCodes,
): { packs: ServicePack[]; errors: PackError[] } {
  const packs: ServicePack[] = [];
  const errors: PackError[] = [];
  const prefixes = new Map<string, string>();
  for (const entry of files) {
    if ('error' in entry) {
      errors.push(entry.error);
      continue;
    }
    const result = validatePack(entry.json, entry.file, known);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const other = prefixes.get(result.pack.prefix);
    if (other !== undefined) {
      errors.push({
        file: path.basename(entry.file),
        path: '/prefix',
        message: `prefix "${result.pack.prefix}" is already used by ${other}`,
      });
      continue;
    }
    prefixes.set(result.pack.prefix, result.pack.code);
    packs.push(result.pack);
  }
  return { packs, errors };
}
