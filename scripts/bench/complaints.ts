// The complaints benchmark (`npm run bench:complaints`, issue 7). On a throw-away database (a fresh embedded
// PostgreSQL in a temporary folder, or a new database on the server of DATABASE_URL, dropped at the end):
//   1. a data generator loads --complaints complaints (1,000,000 by default) with their history, attachments,
//      audit rows, complainants and the offices' staff (complaints/generate.ts);
//   2. the real server (its own process, request logging and rate limits off) runs --connections concurrent
//      complaint lifecycles for --seconds after a warm-up: file → assign → resolve → close → search, through
//      the pages with session cookies and CSRF tokens (complaints/lifecycle.ts);
//   3. the read paths at that size (inboxes, the search by number, lists, dashboards) with their plans.
// It prints a table and one JSON line of every figure. It measures and reports; it asserts nothing.
//   node --import tsx scripts/bench/complaints.ts [--complaints 1000000] [--complainants N/4] [--years 4]
//     [--connections 10] [--seconds 30] [--warmup 5] [--citizens 2000] [--districts 3] [--runs 200]
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig, processEnvironment } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { createServices } from '../../src/services.ts';
import { throwAwayDatabase } from './applications/database.ts';
import { generateComplaints } from './complaints/generate.ts';
import { runLifecycles } from './complaints/load.ts';
import { createPeople } from './complaints/people.ts';
import { queriesAtScale } from './complaints/queries.ts';
import { printReport } from './complaints/report.ts';
import { startServer } from './harness.ts';

const { values } = parseArgs({
  options: {
    complaints: { type: 'string', default: '1000000' },
    complainants: { type: 'string', default: '' },
    years: { type: 'string', default: '4' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    citizens: { type: 'string', default: '2000' },
    districts: { type: 'string', default: '3' },
    runs: { type: 'string', default: '200' },
  },
});
const count = (name: keyof typeof values, fallback?: number) => {
  if (values[name] === '' && fallback !== undefined) return fallback;
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
};
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

const complaints = count('complaints');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-bench-complaints-'));
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
let server: ChildProcess | undefined;
let cleaned = false;
const cleanUp = async () => {
  if (cleaned) return;
  cleaned = true;
  if (server !== undefined) await stop(server).catch(() => undefined);
  await bench.dispose().catch((error: unknown) => log(`could not remove the database: ${String(error)}`));
  await rm(dataDir, { recursive: true, force: true });
};
process.once('SIGINT', () => {
  void cleanUp().then(() => process.exit(130));
});

try {
  const { db } = bench.database;
  const services = createServices(db, config);
  const complainants = count('complainants', Math.max(1, Math.round(complaints / 4)));
  log(`loading ${complaints} complaints over ${complainants} complainants…`);
  const generated = await generateComplaints(bench.connectionString, {
    complaints,
    complainants,
    years: Math.max(1, count('years')),
    log,
  });

  log('starting the server…');
  const started = await startServer('src/server.ts', {
    ...env,
    DATABASE_URL: bench.connectionString,
    RATE_LIMIT_PER_MINUTE: '0',
  });
  server = started.child;
  log(`creating ${count('citizens')} citizens and the offices' officers with sessions…`);
  const people = await createPeople(db, services, started.address, {
    citizens: Math.max(1, count('citizens')),
    districts: Math.max(1, count('districts')),
  });
  const connections = Math.max(1, count('connections'));
  let firstTurn = 0;
  if (count('warmup') > 0) {
    log(`warming up for ${count('warmup')} s…`);
    firstTurn = (await runLifecycles(people, { connections, seconds: count('warmup'), firstTurn })).nextTurn;
  }
  log(`running lifecycles: ${connections} concurrent for ${count('seconds')} s…`);
  const { figures: load } = await runLifecycles(people, {
    connections,
    seconds: count('seconds'),
    firstTurn,
  });
  await stop(server);
  server = undefined;

  log(`measuring the read paths (${count('runs')} runs each)…`);
  const atScale = await queriesAtScale(bench.database, services, Math.max(1, count('runs')));
  const version = await sql<{ server_version: string }>`show server_version`.execute(db);
  const sizes = await sql<{ name: string; bytes: string }>`
    select 'database' as name, pg_database_size(current_database())::text as bytes
    union all
    select c.relname, pg_total_relation_size(c.oid)::text from pg_class c
    where c.relname in ('complaint', 'complaint_event', 'complaint_attachment', 'audit_event', 'user_account')
      and c.relkind = 'r'`.execute(db);
  const bytes = Object.fromEntries(sizes.rows.map((r) => [r.name, Number(r.bytes)]));
  const { database: totalBytes = 0, ...tables } = bytes;
  const total = await sql<{ n: number }>`select count(*)::int as n from complaint`.execute(db);
  printReport({
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      postgres: version.rows[0]?.server_version ?? 'unknown',
      database: bench.kind,
    },
    generated,
    database: { totalBytes, tables, complaints: total.rows[0]?.n ?? 0 },
    people: { citizens: people.citizens, offices: people.offices, districts: people.districts },
    warmupSeconds: count('warmup'),
    load,
    atScale,
  });
} finally {
  await cleanUp();
}
