// The e-Services benchmark (`npm run bench`). On a throw-away database (a fresh embedded PostgreSQL in a
// temporary folder, or a new database on the server of DATABASE_URL, dropped at the end) it measures:
//   1. submissions of complete applications through the real server with autocannon, beside the same row
//      writes done by a bare SQL loop at the same concurrency (the ratio is the figure);
//   2. a data generator loading --applications applications (1,000,000 by default) and their applicants;
//   3. the officer's inbox and the lookup by number at that size, with their query plans.
// It prints a table and one JSON line of every figure. It measures and reports; it asserts nothing.
//   node --import tsx scripts/bench/applications.ts [--applications 1000000] [--seconds 10] [--connections 20]
//     [--via auto|api|form] [--runs 500] [--applicants 200000] [--citizens 200] [--drafts 20000]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemActor } from '../../src/platform/actor.ts';
import { loadConfig, processEnvironment } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { createServices } from '../../src/services.ts';
import { throwAwayDatabase } from './applications/database.ts';
import { generateApplications } from './applications/generate.ts';
import { createCitizensWithSessions } from './applications/people.ts';
import { queriesAtScale } from './applications/at-scale.ts';
import { printReport } from './applications/report.ts';
import { submissions } from './applications/submissions.ts';

const { values } = parseArgs({
  options: {
    applications: { type: 'string', default: '1000000' },
    applicants: { type: 'string', default: '200000' },
    years: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
    citizens: { type: 'string', default: '200' },
    via: { type: 'string', default: 'auto' },
    drafts: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '500' },
  },
});
const via = values.via;
if (via !== 'auto' && via !== 'api' && via !== 'form') throw new Error('--via is auto, api or form');
const count = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
};
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-bench-applications-'));
const env: NodeJS.ProcessEnv = {
  ...processEnvironment(),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  SEED_DEMO: '0',
};
delete env['NODE_ENV'];
const config = loadConfig(env);
const logger = createLogger('warn');
log(
  `database: ${config.databaseUrl === undefined ? `embedded, in ${dataDir}` : 'a new database on DATABASE_URL'}`,
);
const bench = await throwAwayDatabase(config, logger);
let cleaned = false;
const cleanUp = async () => {
  if (cleaned) return;
  cleaned = true;
  await bench.dispose().catch((error: unknown) => log(`could not remove the database: ${String(error)}`));
  await rm(dataDir, { recursive: true, force: true });
};
process.once('SIGINT', () => {
  void cleanUp().then(() => process.exit(130));
});

try {
  const { db } = bench.database;
  const services = createServices(db, config);
  const districts = (await services.reference.referenceData(systemActor('bench'))).districts.map(
    (d) => d.code,
  );
  log(`creating ${count('citizens')} citizens with sessions…`);
  const citizens = await createCitizensWithSessions(db, count('citizens'));
  const submitted = await submissions({
    bench,
    services,
    env: { ...env, DATABASE_URL: bench.connectionString, RATE_LIMIT_PER_MINUTE: '0' },
    dataDir,
    citizens,
    districts,
    via,
    connections: count('connections'),
    seconds: count('seconds'),
    warmupSeconds: count('warmup'),
    drafts: count('drafts'),
    log,
  });
  log(`loading ${count('applications')} applications over ${count('applicants')} citizens…`);
  const generated = await generateApplications(bench.connectionString, {
    applications: count('applications'),
    citizens: count('applicants'),
    years: Math.max(1, count('years')),
    log,
  });
  log(`measuring the inbox and the lookup (${count('runs')} runs each)…`);
  const atScale = await queriesAtScale(bench.database, services, count('runs'));
  const versions = await sql<{ server_version: string }>`show server_version`.execute(db);
  const totals = await sql<{ applications: number; events: number; citizens: number }>`
    select (select count(*) from application) as applications,
           (select count(*) from application_event) as events,
           (select count(*) from user_account where kind = 'citizen') as citizens`.execute(db);
  printReport({
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      postgres: versions.rows[0]?.server_version ?? 'unknown',
      database: bench.kind,
    },
    submissions: submitted,
    generated,
    totals: totals.rows[0] ?? { applications: 0, events: 0, citizens: 0 },
    queries: atScale.queries,
    scope: atScale.scope,
    plans: atScale.plans,
  });
} finally {
  await cleanUp();
}
