// Starts Sahulat: configuration, database (embedded or DATABASE_URL), migrations, demo data, jobs, HTTP.
// Stops in reverse order on SIGTERM/SIGINT, letting in-flight requests and jobs finish.
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, processEnvironment } from './platform/config.ts';
import { resolveDatabase } from './platform/db/connect.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest, migrationNames } from './platform/db/migrations.ts';
import { createJobs } from './platform/jobs.ts';
import { createLogger } from './platform/logger.ts';
import { createNotificationRelay } from './modules/notifications/relay.ts';
import { seedDemo } from './seeds/demo.ts';
import { documentStoreFor } from './platform/storage/document-store.ts';
import { systemActor } from './platform/actor.ts';
import { createServices } from './services.ts';

const SHUTDOWN_TIMEOUT_MS = 25_000;

async function main(): Promise<void> {
  const startedAt = performance.now();
  let config;
  try {
    config = loadConfig(processEnvironment());
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const cleanups: (() => Promise<void>)[] = [];
  const runCleanups = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
      });
    }
  };

  try {
    const target = await resolveDatabase(config, logger, 'server');
    if (target.embedded !== undefined) cleanups.push(() => target.embedded?.stop() ?? Promise.resolve());
    const database = openDatabase(target.connectionString, {
      onIdleError: (error) => {
        logger.warn({ err: error }, 'an idle database connection failed; the pool will replace it');
      },
    });
    cleanups.push(() => database.close());

    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    const services = createServices(database.db, config);
    await services.services.reloadPacks(systemActor('startup'), logger);
    if (config.seedDemo) await seedDemo(database.db, services, logger, documentStoreFor(config.dataDir));

    const jobs = createJobs(target.connectionString, logger);
    await jobs.start();
    cleanups.push(() => jobs.stop());
    const notificationRelay = createNotificationRelay(database.db, { config, logger });
    notificationRelay.start();
    cleanups.push(() => notificationRelay.stop());

    const app = await buildApp(config, { logger, database, jobs, knownMigrations: migrationNames() });
    cleanups.push(() => app.close()); // runs first: stop accepting, finish in-flight requests
    const address = await app.listen({ port: config.port, host: config.host });
    logger.info(
      {
        address,
        url: config.publicUrl,
        database: target.kind,
        startupMs: Math.round(performance.now() - startedAt),
      },
      'Sahulat is ready',
    );
  } catch (error: unknown) {
    logger.fatal({ err: error }, 'Sahulat could not start');
    await runCleanups();
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (signal: string, exitCode = 0) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    void runCleanups().then(() => process.exit(exitCode));
  };
  process.on('SIGTERM', () => {
    shutdown('SIGTERM');
  });
  process.on('SIGINT', () => {
    shutdown('SIGINT');
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    shutdown('uncaughtException', 1);
  });
}

await main();
