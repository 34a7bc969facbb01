// A throw-away database for the applications benchmark, owned by the benchmark process so the server it
// starts, its own bare SQL loop and its queries all share it: a fresh embedded PostgreSQL in a temporary
// DATA_DIR (durable, as in production), or a new database on the server of DATABASE_URL, dropped at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { AppConfig } from '../../../src/platform/config.ts';
import { EMBEDDED_DATABASE_NAME, ensureDatabaseExists } from '../../../src/platform/db/connect.ts';
import { type Database, openDatabase, withDatabaseName } from '../../../src/platform/db/database.ts';
import { startEmbeddedPostgres } from '../../../src/platform/db/embedded-postgres.ts';
import { migrateToLatest } from '../../../src/platform/db/migrations.ts';
import type { Logger } from '../../../src/platform/logger.ts';
import { systemActor } from '../../../src/platform/actor.ts';
import { createServices } from '../../../src/services.ts';

export interface BenchDatabase {
  readonly connectionString: string;
  readonly kind: 'embedded' | 'external';
  readonly database: Database;
  /** Closes the pool and removes the database (drops it, or stops the embedded server). */
  dispose(): Promise<void>;
}

async function adminQuery(connectionString: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates the database, applies every migration and loads the service packs. */
export async function throwAwayDatabase(config: AppConfig, logger: Logger): Promise<BenchDatabase> {
  let connectionString: string;
  let remove: () => Promise<void>;
  let kind: BenchDatabase['kind'];
  if (config.databaseUrl !== undefined) {
    const name = `sahulat_bench_${randomBytes(4).toString('hex')}`;
    await adminQuery(config.databaseUrl, `create database ${name}`);
    connectionString = withDatabaseName(config.databaseUrl, name);
    const adminUrl = config.databaseUrl;
    remove = () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    kind = 'external';
  } else {
    const instance = await startEmbeddedPostgres({ dataDir: config.dataDir, logger, durable: true });
    await ensureDatabaseExists(instance.connectionString('postgres'), EMBEDDED_DATABASE_NAME);
    connectionString = instance.connectionString(EMBEDDED_DATABASE_NAME);
    remove = () => instance.stop();
    kind = 'embedded';
  }
  const database = openDatabase(connectionString, { max: 4, applicationName: 'sahulat-bench' });
  try {
    await migrateToLatest(database.db);
    await createServices(database.db, config).services.reloadPacks(systemActor('bench'), logger);
  } catch (error: unknown) {
    await database.close();
    await remove();
    throw error;
  }
  return {
    connectionString,
    kind,
    database,
    async dispose() {
      await database.close();
      await remove();
    },
  };
}
