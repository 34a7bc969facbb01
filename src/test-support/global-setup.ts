// Runs once before all test files (node --test-global-setup). Starts the embedded PostgreSQL (or uses
// DATABASE_URL's server), builds a migrated template database, and tells the test processes where it is
// through environment variables. Each test file then clones the template (CREATE DATABASE ... TEMPLATE).
// Several runs may share a machine: every database is named after this runner's pid, and a second run
// that finds the embedded test server busy starts its own in a temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { loadConfig, processEnvironment, setProcessEnvironment } from '../platform/config.ts';
import { openDatabase, withDatabaseName } from '../platform/db/database.ts';
import { type EmbeddedInstance, startEmbeddedPostgres } from '../platform/db/embedded-postgres.ts';
import { migrateToLatest } from '../platform/db/migrations.ts';
import { systemActor } from '../platform/actor.ts';
import { servicesService } from '../modules/services/service.ts';
import { type Logger, createLogger } from '../platform/logger.ts';
import {
  ADMIN_URL_VARIABLE,
  RUN_PREFIX_VARIABLE,
  TEMPLATE_VARIABLE,
  TEST_DATABASE_PREFIX,
  dropDatabase,
  runPrefix,
  runnerPidOf,
} from './database-names.ts';

const PREFIX = runPrefix(process.pid);
const TEMPLATE = `${PREFIX}template`;
let embedded: EmbeddedInstance | undefined;
let temporaryDataDir: string | undefined;

async function startTestPostgres(dataDir: string, logger: Logger): Promise<EmbeddedInstance> {
  const shared = path.join(dataDir, 'test');
  try {
    return await startEmbeddedPostgres({ dataDir: shared, logger, durable: false });
  } catch (error: unknown) {
    if (!(error instanceof Error && error.message.includes('in use by another Sahulat process'))) throw error;
    temporaryDataDir = await mkdtemp(path.join(dataDir, 'test-'));
    return startEmbeddedPostgres({ dataDir: temporaryDataDir, logger, durable: false });
  }
}

export async function globalSetup(): Promise<void> {
  const started = performance.now();
  const env = processEnvironment();
  const config = loadConfig({ ...env, NODE_ENV: 'test' });
  const logger = createLogger(env['TEST_LOG_LEVEL'] === undefined ? 'warn' : config.logLevel);

  let adminUrl: string;
  if (config.databaseUrl === undefined) {
    embedded = await startTestPostgres(config.dataDir, logger);
    adminUrl = embedded.connectionString('postgres');
  } else {
    adminUrl = config.databaseUrl;
  }

  await dropDatabases(adminUrl, (name) => {
    const pid = runnerPidOf(name);
    return pid === undefined || pid === process.pid || !isAlive(pid);
  });
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${TEMPLATE}`);
  } finally {
    await admin.end();
  }

  const templateUrl = withDatabaseName(adminUrl, TEMPLATE);
  const database = openDatabase(templateUrl, { max: 2 });
  try {
    await migrateToLatest(database.db);
    // Every test database starts with the shipped service packs, as a started server has them.
    const packs = await servicesService(database.db).reloadPacks(systemActor('test'), logger);
    if (packs.problems.length > 0)
      throw new Error(`Shipped service packs have problems: ${JSON.stringify(packs.problems)}`);
  } finally {
    await database.close();
  }
  // pg-boss installs its own schema on first start; doing it once here puts it in every clone.
  const boss = new PgBoss({ connectionString: templateUrl, max: 2, supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false, close: true });

  setProcessEnvironment(ADMIN_URL_VARIABLE, adminUrl);
  setProcessEnvironment(TEMPLATE_VARIABLE, TEMPLATE);
  setProcessEnvironment(RUN_PREFIX_VARIABLE, PREFIX);
  const where = embedded === undefined ? 'DATABASE_URL server' : 'embedded PostgreSQL';
  process.stdout.write(
    `# test databases: ${where}, template ready in ${Math.round(performance.now() - started)} ms\n`,
  );
}

export async function globalTeardown(): Promise<void> {
  const adminUrl = processEnvironment()[ADMIN_URL_VARIABLE];
  if (adminUrl !== undefined) await dropDatabases(adminUrl, (name) => name.startsWith(PREFIX));
  await embedded?.stop();
  if (temporaryDataDir !== undefined) await rm(temporaryDataDir, { recursive: true, force: true });
}

async function dropDatabases(adminUrl: string, shouldDrop: (name: string) => boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`${TEST_DATABASE_PREFIX}%`],
    );
    for (const row of rows) if (shouldDrop(row.datname)) await dropDatabase(admin, row.datname);
  } finally {
    await admin.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
