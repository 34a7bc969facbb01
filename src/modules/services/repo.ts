// All SQL for the service catalogue: pack versions, current services, search, load problems.
import { type Generated, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

type ServiceTables = {
  service_pack_version: {
    code: string;
    version: number;
    content_hash: string;
    pack: unknown;
    loaded_at: Generated<Date>;
  };
  service: {
    code: string;
    current_version: number;
    department_code: string;
    name_en: string;
    name_ur: string;
    summary_en: string;
    summary_ur: string;
    keywords_en: string;
    keywords_ur: string;
    active: Generated<boolean>;
    updated_at: Generated<Date>;
  };
  service_pack_problem: {
    id: Generated<number>;
    file: string;
    path: string;
    message: string;
    found_at: Generated<Date>;
  };
};

const tables = (db: Db) => db.$extendTables<ServiceTables>();

export interface ServiceRow {
  readonly code: string;
  readonly version: number;
  readonly departmentCode: string;
  readonly nameEn: string;
  readonly nameUr: string;
  readonly summaryEn: string;
  readonly summaryUr: string;
}

export interface PackProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export async function packVersionHash(db: Db, code: string, version: number): Promise<string | undefined> {
  const row = await tables(db)
    .selectFrom('service_pack_version')
    .select('content_hash')
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.content_hash;
}

export async function insertPackVersion(
  db: Db,
  version: { code: string; version: number; contentHash: string; pack: unknown },
): Promise<void> {
  await tables(db)
    .insertInto('service_pack_version')
    .values({
      code: version.code,
      version: version.version,
      content_hash: version.contentHash,
      pack: JSON.stringify(version.pack),
    })
    .execute();
}

/** Makes `version` the current one unless a newer version is already current. */
export async function upsertService(
  db: Db,
  service: ServiceRow & { keywordsEn: string; keywordsUr: string },
): Promise<void> {
  const values = {
    code: service.code,
    current_version: service.version,
    department_code: service.departmentCode,
    name_en: service.nameEn,
    name_ur: service.nameUr,
    summary_en: service.summaryEn,
    summary_ur: service.summaryUr,
    keywords_en: service.keywordsEn,
    keywords_ur: service.keywordsUr,
  };
  await tables(db)
    .insertInto('service')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet({ ...values, updated_at: new Date() })
        .where('service.current_version', '<=', service.version),
    )
    .execute();
}

export async function replaceProblems(db: Db, problems: readonly PackProblem[]): Promise<void> {
  await tables(db).deleteFrom('service_pack_problem').execute();
  if (problems.length > 0)
    await tables(db)
      .insertInto('service_pack_problem')
      .values([...problems])
      .execute();
}

export async function listProblems(db: Db): Promise<(PackProblem & { foundAt: Date })[]> {
  const rows = await tables(db)
    .selectFrom('service_pack_problem')
    .selectAll()
    .orderBy('file')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ file: row.file, path: row.path, message: row.message, foundAt: row.found_at }));
}

export async function listVersions(db: Db) {
  return tables(db)
    .selectFrom('service_pack_version')
    .select(['code', 'version', 'content_hash', 'loaded_at'])
    .orderBy('code')
    .orderBy('version', 'desc')
    .execute();
}

function selectServices(db: Db) {
  return tables(db)
    .selectFrom('service')
    .select(['code', 'current_version', 'department_code', 'name_en', 'name_ur', 'summary_en', 'summary_ur'])
    .where('active', '=', true);
}

function toRow(row: {
  code: string;
  current_version: number;
  department_code: string;
  name_en: string;
  name_ur: string;
  summary_en: string;
  summary_ur: string;
}): ServiceRow {
  return {
    code: row.code,
    version: row.current_version,
    departmentCode: row.department_code,
    nameEn: row.name_en,
    nameUr: row.name_ur,
    summaryEn: row.summary_en,
    summaryUr: row.summary_ur,
  };
}

/**
 * Active services matching `query` in English or Urdu, best first: English stemming ("licences" finds
 * "licence"), Urdu words, and misspellings by trigram word similarity. Without a query: all, by name.
 */
export async function searchServices(db: Db, query: string | undefined): Promise<ServiceRow[]> {
  if (query === undefined) return (await selectServices(db).orderBy('name_en').execute()).map(toRow);
  const q = query.toLowerCase();
  const english = sql`websearch_to_tsquery('english', ${q})`;
  const simple = sql`plainto_tsquery('simple', ${q})`;
  const rows = await selectServices(db)
    .where(
      sql<boolean>`(search_en @@ ${english} or search_ur @@ ${simple}
        or word_similarity(${q}, search_text) >= 0.5 or strpos(search_text, ${q}) > 0)`,
    )
    .orderBy(
      sql`greatest(ts_rank(search_en, ${english}), ts_rank(search_ur, ${simple}), word_similarity(${q}, search_text))`,
      'desc',
    )
    .orderBy('name_en')
    .execute();
  return rows.map(toRow);
}

export async function currentPack(
  db: Db,
  code: string,
): Promise<{ row: ServiceRow; pack: unknown } | undefined> {
  const row = await selectServices(db).where('code', '=', code).executeTakeFirst();
  if (row === undefined) return undefined;
  const version = await tables(db)
    .selectFrom('service_pack_version')
    .select('pack')
    .where('code', '=', code)
    .where('version', '=', row.current_version)
    .executeTakeFirstOrThrow();
  return { row: toRow(row), pack: version.pack };
}

/** The pack as it was at `version` (applications stay on the version they started on). */
export async function packAtVersion(db: Db, code: string, version: number): Promise<unknown> {
  const row = await tables(db)
    .selectFrom('service_pack_version')
    .select('pack')
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.pack;
}
