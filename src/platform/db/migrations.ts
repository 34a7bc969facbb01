// Forward-only, timestamped migrations in src/migrations, applied in name order by Kysely's Migrator.
// On PostgreSQL the Migrator holds a session advisory lock while it runs, so two instances starting at
// once apply each migration exactly once: the second waits, then finds nothing left to do.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './database.ts';

export const MIGRATIONS_DIR = path.join(import.meta.dirname, '..', '..', 'migrations');
const MIGRATION_TABLE = 'schema_migration';
const MIGRATION_LOCK_TABLE = 'schema_migration_lock';
/** `YYYYMMDDTHHMM_what_it_does.ts`: the timestamp orders them; names never change once merged. */
export const MIGRATION_FILE_PATTERN = /^(\d{8}T\d{4})_[a-z0-9_]+\.ts$/;

export function migrationNames(dir: string = MIGRATIONS_DIR): string[] {
  const files = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  for (const file of files) {
    if (!MIGRATION_FILE_PATTERN.test(file)) {
      throw new Error(`Migration file name "${file}" does not match YYYYMMDDTHHMM_description.ts`);
    }
  }
  return files.map((file) => file.slice(0, -'.ts'.length)).sort();
}

class DirectoryMigrationProvider implements MigrationProvider {
  readonly #dir: string;
  constructor(dir: string) {
    this.#dir = dir;
  }
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const name of migrationNames(this.#dir)) {
      const module = (await import(
        pathToFileURL(path.join(this.#dir, `${name}.ts`)).href
      )) as Partial<Migration>;
      if (typeof module.up !== 'function') throw new Error(`Migration ${name} does not export up()`);
      migrations[name] = { up: module.up };
    }
    return migrations;
  }
}

function migrator(db: Db, dir: string): Migrator {
  return new Migrator({
    db,
    provider: new DirectoryMigrationProvider(dir),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
}

/** Applies every pending migration; returns the names applied now. Throws with the failing migration's name. */
export async function migrateToLatest(db: Db, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const { error, results = [] } = await migrator(db, dir).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Names of migrations present in the code but not yet applied to the database. */
export async function pendingMigrations(db: Db, known: readonly string[]): Promise<string[]> {
  const exists = await sql<{
    present: boolean;
  }>`select to_regclass(${MIGRATION_TABLE}) is not null as present`.execute(db);
  if (exists.rows[0]?.present !== true) return [...known];
  const applied = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
  const done = new Set(applied.rows.map((row) => row.name));
  return known.filter((name) => !done.has(name));
}
