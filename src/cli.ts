// Administration from the console: `npm run cli -- <command> [options]`. Works whether or not the server
// runs: on the embedded database it joins the server's running instance, or starts one for itself.
import { parseArgs } from 'node:util';
import { systemActor } from './platform/actor.ts';
import { type AppConfig, ConfigError, loadConfig, processEnvironment } from './platform/config.ts';
import { resolveDatabase } from './platform/db/connect.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrations.ts';
import { isAppError } from './platform/errors.ts';
import { createLogger } from './platform/logger.ts';
import { seedDemo } from './seeds/demo.ts';
import { documentStoreFor } from './platform/storage/document-store.ts';
import { createServices } from './services.ts';
import { oidcCommands } from './modules/oidc/cli.ts';
import { transparencyLogCommands } from './modules/transparency-log/cli.ts';
import { certificateCommands } from './modules/certificates/cli.ts';

interface Command {
  readonly summary: string;
  readonly usage: string;
  run(database: Database, args: string[], config: AppConfig): Promise<string>;
}

const COMMANDS: Record<string, Command> = {
  'db:migrate': {
    summary: 'Apply pending database migrations',
    usage: 'db:migrate',
    async run(database) {
      const applied = await migrateToLatest(database.db);
      return applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`;
    },
  },
  'seed:demo': {
    summary: 'Load the demo accounts (once per database; refused in production)',
    usage: 'seed:demo',
    async run(database, _args, config) {
      await migrateToLatest(database.db);
      const loaded = await seedDemo(
        database.db,
        createServices(database.db, config),
        createLogger('warn'),
        documentStoreFor(config.dataDir),
      );
      return loaded ? 'Demo data loaded.' : 'Demo data was already loaded.';
    },
  },
  'user:create-admin': {
    summary: 'Create a platform administrator (S&IT/BITB)',
    usage: 'user:create-admin --email <address> --name "<full name>" [--password <at least 8 characters>]',
    async run(database, args, config) {
      const { values } = parseArgs({
        args,
        options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
        strict: true,
      });
      if (values.email === undefined || values.name === undefined) {
        throw new UsageError('--email and --name are required');
      }
      const created = await createServices(database.db, config).accounts.createStaffAccount(
        systemActor('cli'),
        {
          email: values.email,
          fullName: values.name,
          ...(values.password === undefined ? {} : { password: values.password }),
          grants: [{ role: 'platform_admin', departmentCode: null, districtCode: null }],
        },
      );
      const lines = [`Created platform administrator ${created.email} (${created.id}).`];
      if (created.generatedPassword !== undefined) {
        lines.push(`Password (shown once, change it at first sign-in): ${created.generatedPassword}`);
      }
      return lines.join('\n');
    },
  },
  ...oidcCommands,
  ...transparencyLogCommands,
  ...certificateCommands,
};

class UsageError extends Error {}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands:',
    `  ${'help'.padEnd(width)}  Show this help`,
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Options per command:',
    ...Object.values(COMMANDS).map((command) => `  ${command.usage}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${help()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`Unknown command "${name}".\n\n${help()}\n`);
    return 2;
  }
  const config = loadConfig(processEnvironment());
  if (name === 'seed:demo' && config.nodeEnv === 'production') {
    process.stderr.write('seed:demo is refused in production: demo accounts have published passwords.\n');
    return 1;
  }
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const target = await resolveDatabase(config, logger, 'cli');
  const database = openDatabase(target.connectionString, { max: 2, applicationName: 'sahulat-cli' });
  try {
    process.stdout.write(`${await command.run(database, args, config)}\n`);
    return 0;
  } finally {
    await database.close();
    await target.embedded?.stop();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error: unknown) {
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else if (isAppError(error)) {
    const fields = error.fieldErrors.map((field) => ` (${field.field})`).join('');
    process.stderr.write(`${error.message}${fields}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
