// Step 1 of the benchmark: submissions through the real server (its own process on the benchmark's
// database, request logging and rate limits off), then, with the server stopped so it takes no CPU,
// the bare SQL loop doing the same row writes at the same concurrency.
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { systemActor } from '../../../src/platform/actor.ts';
import { documentStoreFor } from '../../../src/platform/storage/document-store.ts';
import type { Services } from '../../../src/services.ts';
import type { Figures } from '../harness.ts';
import { startServer } from '../harness.ts';
import type { BenchDatabase } from './database.ts';
import type { BenchCitizen } from './people.ts';
import { type Browser, type Via, detectVia, measureSubmissions, openBrowser } from './submit-http.ts';
import { measureSqlLoop } from './submit-sql.ts';
import { type DocumentKeys, SERVICE_CODE, prepareDrafts, storeDocuments } from './tenant-form.ts';

export interface SubmissionFigures {
  readonly via: Via;
  readonly service: string;
  readonly connections: number;
  readonly seconds: number;
  readonly http: Figures & { expectedStatus: number; unexpected: number; rowsWritten: number };
  readonly sql: { submissionsPerSecond: number; p50: number; p95: number; p99: number; count: number };
  /** HTTP submissions/s ÷ bare SQL submissions/s. */
  readonly ratio: number;
}

export interface SubmissionOptions {
  readonly bench: BenchDatabase;
  readonly services: Services;
  readonly env: NodeJS.ProcessEnv;
  readonly dataDir: string;
  readonly citizens: readonly BenchCitizen[];
  readonly districts: readonly string[];
  readonly via: Via | 'auto';
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly drafts: number;
  readonly log: (line: string) => void;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

async function submittedCount(options: SubmissionOptions): Promise<number> {
  const found = await sql<{ count: number }>`
    select count(*) as count from application where service_code = ${SERVICE_CODE} and number is not null`.execute(
    options.bench.database.db,
  );
  return found.rows[0]?.count ?? 0;
}

export async function submissions(options: SubmissionOptions): Promise<SubmissionFigures> {
  const { services, citizens, districts, log } = options;
  const store = documentStoreFor(options.dataDir);
  const documents = new Map<string, DocumentKeys>();
  for (const citizen of citizens) documents.set(citizen.id, await storeDocuments(store));
  const firstDocuments = documents.get(citizens[0]?.id ?? '');
  if (firstDocuments === undefined) throw new Error('At least one citizen is needed');

  log('starting the server…');
  const server = await startServer('src/server.ts', options.env);
  let via: Via;
  let http: SubmissionFigures['http'];
  try {
    const browsers: Browser[] = [];
    for (const citizen of citizens) browsers.push(await openBrowser(server.address, citizen));
    const first = browsers[0];
    if (first === undefined) throw new Error('At least one citizen is needed');
    via = options.via === 'auto' ? await detectVia(server.address, first) : options.via;
    const drafts =
      via === 'form'
        ? await prepareDrafts(
            options.bench.database.db,
            services,
            citizens,
            districts,
            firstDocuments,
            options.drafts,
          )
        : [];
    log(`submitting through ${via === 'api' ? 'POST /api/v1/applications' : 'the review form'}…`);
    const plan = { address: server.address, via, browsers, districts, documents, drafts };
    if (options.warmupSeconds > 0)
      await measureSubmissions(plan, { connections: options.connections, seconds: options.warmupSeconds });
    const before = await submittedCount(options);
    const figures = await measureSubmissions(plan, options);
    http = { ...figures, rowsWritten: (await submittedCount(options)) - before };
  } finally {
    await stop(server.child);
  }

  log('the same row writes by a bare SQL loop…');
  const { row, pack } = await services.services.service(systemActor('bench'), SERVICE_CODE);
  const drafts =
    via === 'form'
      ? await prepareDrafts(
          options.bench.database.db,
          services,
          citizens,
          districts,
          firstDocuments,
          options.drafts,
        )
      : [];
  const bare = await measureSqlLoop(
    {
      connectionString: options.bench.connectionString,
      via,
      citizens,
      districts,
      documents: firstDocuments,
      packVersion: row.version,
      departmentCode: pack.department,
      prefix: pack.prefix,
      year: pakistanYear(new Date()),
      drafts,
    },
    options,
  );
  return {
    via,
    service: SERVICE_CODE,
    connections: options.connections,
    seconds: options.seconds,
    http,
    sql: bare,
    ratio: Number((http.requestsPerSecond / bare.submissionsPerSecond).toFixed(3)),
  };
}

function pakistanYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Karachi', year: 'numeric' }).format(at));
}
