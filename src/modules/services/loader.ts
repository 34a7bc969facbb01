// Loads the service packs (services/*.json) into the database at start: each valid pack becomes a stored
// version (an application stays on the version it started on) and, if newest, the current one. An invalid
// pack never goes live: the problems are logged and kept for the administrator's page, and the service's
// previous valid version stays current. `npm run packs:check` fails CI on the same problems.
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Logger } from '../../platform/logger.ts';
import { type KnownCodes, PACKS_DIR, loadPackFiles, validatePackSet } from './pack/validate.ts';
import {
  type PackProblem,
  insertPackVersion,
  packVersionHash,
  replaceProblems,
  upsertService,
} from './repo.ts';

/** JSON with object keys sorted, so the hash depends on the content, not on formatting or key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface LoadResult {
  readonly loaded: readonly string[];
  readonly unchanged: readonly string[];
  readonly problems: readonly PackProblem[];
}

export async function loadServicePacks(
  db: Db,
  known: KnownCodes,
  logger: Logger,
  dir: string = PACKS_DIR,
): Promise<LoadResult> {
  const problems: PackProblem[] = [];
  const loaded: string[] = [];
  const unchanged: string[] = [];
  const files = await loadPackFiles(dir);
  // The set is checked as a whole too (an application-number prefix may belong to one service only).
  const { packs, errors } = validatePackSet(files, known);
  problems.push(...errors);
  await inTransaction(db, async (trx) => {
    for (const pack of packs) {
      const contentHash = createHash('sha256').update(canonicalJson(pack)).digest('hex');
      const stored = await packVersionHash(trx, pack.code, pack.version);
      if (stored !== undefined && stored !== contentHash) {
        problems.push({
          file: `${pack.code}.json`,
          path: '/version',
          message: `version ${pack.version} was changed after it was loaded: give the changed pack a new version number`,
        });
        continue;
      }
      if (stored === undefined) {
        await insertPackVersion(trx, { code: pack.code, version: pack.version, contentHash, pack });
        loaded.push(`${pack.code}@${pack.version}`);
      } else {
        unchanged.push(`${pack.code}@${pack.version}`);
      }
      await upsertService(trx, {
        code: pack.code,
        version: pack.version,
        departmentCode: pack.department,
        nameEn: pack.name.en,
        nameUr: pack.name.ur,
        summaryEn: pack.summary.en,
        summaryUr: pack.summary.ur,
        keywordsEn: pack.keywords.en.join(' '),
        keywordsUr: pack.keywords.ur.join(' '),
      });
    }
    await replaceProblems(trx, problems);
  });
  for (const problem of problems) {
    logger.error({ file: problem.file, path: problem.path }, `service pack problem: ${problem.message}`);
  }
  if (loaded.length > 0) logger.info({ loaded }, 'service packs loaded');
  return { loaded, unchanged, problems };
}
