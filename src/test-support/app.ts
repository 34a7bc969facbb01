// Builds the real application on a fresh test database, for tests that go through `app.inject()`.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { type AppConfig, loadConfig } from '../platform/config.ts';
import { migrationNames } from '../platform/db/migrations.ts';
import { type Jobs, createJobs } from '../platform/jobs.ts';
import { createLogger } from '../platform/logger.ts';
import { type Services, createServices } from '../services.ts';
import { type TestDatabase, createTestDatabase } from './database.ts';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly config: AppConfig;
  readonly testDatabase: TestDatabase;
  readonly services: Services;
  readonly jobs: Jobs | undefined;
  close(): Promise<void>;
}

export const TEST_SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  /** Start pg-boss too (off by default: most tests need no background jobs). */
  readonly jobs?: boolean;
  /** Add test-only routes before the app is sealed. */
  readonly beforeReady?: (app: FastifyInstance) => void;
}

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  // Uploaded documents go to a folder of this test app's own, removed on close.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: TEST_SESSION_SECRET,
    DATABASE_URL: testDatabase.connectionString,
    DATA_DIR: dataDir,
    ...options.env,
  });
  const logger = createLogger(config.logLevel);
  const jobs = options.jobs === true ? createJobs(testDatabase.connectionString, logger) : undefined;
  await jobs?.start();
  const app = await buildApp(config, {
    logger,
    database: testDatabase.database,
    ...(jobs === undefined ? {} : { jobs }),
    knownMigrations: migrationNames(),
  });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    config,
    testDatabase,
    services: createServices(testDatabase.database.db, config),
    jobs,
    async close() {
      await app.close();
      await jobs?.stop(1000);
      await testDatabase.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
