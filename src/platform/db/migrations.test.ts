import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, withDatabaseName } from './database.ts';
import {
  MIGRATIONS_DIR,
  MIGRATION_FILE_PATTERN,
  migrateToLatest,
  migrationNames,
  pendingMigrations,
} from './migrations.ts';
import { createTestDatabase } from '../../test-support/database.ts';

describe('migration files', () => {
  it('are all named YYYYMMDDTHHMM_description.ts and ordered by that timestamp', () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((file) => !file.endsWith('.test.ts'));
    assert.ok(files.length >= 3);
    for (const file of files) assert.match(file, MIGRATION_FILE_PATTERN);
    assert.deepEqual(migrationNames(), [...migrationNames()].sort());
  });
});

describe('migrating an empty database', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('applies every migration once even when two instances start at the same moment', async () => {
    // A clone of the template is already migrated, so start from an empty database on the same server.
    const holder = await createTestDatabase();
    cleanups.push(() => holder.destroy());
    const emptyName = `${holder.name}_empty`;
    await sql`create database ${sql.id(emptyName)}`.execute(holder.database.db);
    const emptyUrl = withDatabaseName(holder.connectionString, emptyName);
    cleanups.push(async () => {
      await sql`drop database if exists ${sql.id(emptyName)} with (force)`.execute(holder.database.db);
    });

    const first = openDatabase(emptyUrl, { max: 2 });
    const second = openDatabase(emptyUrl, { max: 2 });
    try {
      assert.deepEqual(await pendingMigrations(first.db, migrationNames()), migrationNames());
      const [a, b] = await Promise.all([migrateToLatest(first.db), migrateToLatest(second.db)]);
      assert.deepEqual(
        [...a, ...b].sort(),
        migrationNames(),
        'each migration applied by exactly one instance',
      );
      assert.deepEqual(await pendingMigrations(first.db, migrationNames()), []);
      const districts = await sql<{ n: number }>`select count(*)::int as n from district`.execute(first.db);
      assert.equal(districts.rows[0]?.n, 36);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
