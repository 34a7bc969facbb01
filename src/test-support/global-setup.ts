// Runs once before all test files (node --test-global-setup). Starts the embedded PostgreSQL (or uses
// DATABASE_URL's server), builds a migrated template database, and tells the test processes where it is
// through environment variables. Each test file then clones the template (CREATE DATABASE ... TEMPLATE).
import path from 'node:path';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { loadConfig, processEnvironment } from '../platform/config.ts';
import { openDatabase, withDatabaseName } from '../platform/db/database.ts';
import { type EmbeddedInstance, startEmbeddedPostgres } from '../platform/db/embedded-postgres.ts';
import { migrateToLatest } from '../platform/db/migrations.ts';
import { createLogger } from '../platform/logger.ts';
import {
  ADMIN_URL_VARIABLE,
  TEMPLATE_VARIABLE,
  TEST_DATABASE_PREFIX,
  dropDatabase,
} from './database-names.ts';

const TEMPLATE = 'sahulat_test_template';
let embedded: EmbeddedInstance | undefined;

export async function globalSetup(): Promise<void> {
  const started = performance.now();
  const env = processEnvironment();
  const config = loadConfig({ ...env, NODE_ENV: 'test' });
  const logger = createLogger(env['TEST_LOG_LEVEL'] === undefined ? 'warn' : config.logLevel);

  let adminUrl: string;
  if (config.databaseUrl === undefined) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'test'),
      logger,
      durable: false,
    });
    adminUrl = embedded.connectionString('postgres');
  } else {
    adminUrl = config.databaseUrl;
  }

  await dropLeftovers(adminUrl);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await dropDatabase(admin, TEMPLATE);
    await admin.query(`create database ${TEMPLATE}`);
  } finally {
    await admin.end();
  }

  const templateUrl = withDatabaseName(adminUrl, TEMPLATE);
  const database = openDatabase(templateUrl, { max: 2 });
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
  // pg-boss installs its own schema on first start; doing it once here puts it in every clone.
  const boss = new PgBoss({ connectionString: templateUrl, max: 2, supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false, close: true });

  process.env[ADMIN_URL_VARIABLE] = adminUrl;
  process.env[TEMPLATE_VARIABLE] = TEMPLATE;
  const where = embedded === undefined ? 'DATABASE_URL server' : 'embedded PostgreSQL';
  process.stdout.write(
    `# test databases: ${where}, template ready in ${Math.round(performance.now() - started)} ms\n`,
  );
}

export async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  if (adminUrl !== undefined) await dropLeftovers(adminUrl);
  await embedded?.stop();
}

/** Databases left by test files that crashed; they are ours by name. */
async function dropLeftovers(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`${TEST_DATABASE_PREFIX}%`],
    );
    for (const row of rows) await dropDatabase(admin, row.datname);
  } finally {
    await admin.end();
  }
}
