// Read paths at scale, through the code that serves them: an officer's inbox (the service's `inbox`, which
// runs `inboxFor`), with and without a search, and looking an application up by number (the service's
// `get`, which also reads its pack and history, and the bare `findApplication`). Each runs one at a time,
// after a short warm-up; then the SQL the service sent is run again under EXPLAIN (ANALYZE, BUFFERS).
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import type { Actor } from '../../../src/platform/actor.ts';
import type { Database, Db, PlatformTables } from '../../../src/platform/db/database.ts';
import { findApplication } from '../../../src/modules/applications/repo.ts';
import { applicationsService } from '../../../src/modules/applications/service.ts';
import { percentiles } from '../harness.ts';

/** The benchmark only reads: the secret would seal certificate keys, and none are issued here. */
const BENCH_OPTIONS = {
  publicUrl: 'https://sahulat.example',
  sessionSecret: 'bench-reads-only-and-issues-nothing',
};

export interface QueryFigures {
  readonly name: string;
  readonly runs: number;
  /** Rows the last run returned. */
  readonly rows: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export interface QueryActors {
  /** Holds the busiest role in one department and district. */
  readonly districtOfficer: Actor;
  /** Holds a role in one department across every district. */
  readonly provinceOfficer: Actor;
  /** Sees every application (for the lookup). */
  readonly auditor: Actor;
}

async function time(
  name: string,
  runs: number,
  run: (turn: number) => Promise<number>,
): Promise<QueryFigures> {
  for (let turn = 0; turn < Math.min(20, runs); turn += 1) await run(turn);
  const times: number[] = [];
  let rows = 0;
  for (let turn = 0; turn < runs; turn += 1) {
    const started = performance.now();
    rows = await run(turn);
    times.push(performance.now() - started);
  }
  return { name, runs, rows, ...percentiles(times) };
}

const pick = <T>(items: readonly T[], turn: number): T => {
  const item = items[turn % items.length];
  if (item === undefined) throw new Error('Nothing to pick from');
  return item;
};

export async function measureQueries(
  database: Database,
  actors: QueryActors,
  samples: { numbers: readonly string[]; cnics: readonly string[]; name: string },
  runs: number,
): Promise<QueryFigures[]> {
  const service = applicationsService(database.db, BENCH_OPTIONS);
  const { districtOfficer, provinceOfficer, auditor } = actors;
  return [
    await time('inbox: district officer', runs, async () => (await service.inbox(districtOfficer)).length),
    await time(
      `inbox: search by name "${samples.name}"`,
      runs,
      async () => (await service.inbox(districtOfficer, { text: samples.name })).length,
    ),
    await time(
      'inbox: search by CNIC',
      runs,
      async (turn) => (await service.inbox(districtOfficer, { text: pick(samples.cnics, turn) })).length,
    ),
    await time('inbox: overdue only', runs, async () => {
      return (await service.inbox(districtOfficer, { overdueOnly: true })).length;
    }),
    await time(
      'inbox: province-wide officer',
      runs,
      async () => (await service.inbox(provinceOfficer)).length,
    ),
    await time('lookup by number: service get', runs, async (turn) => {
      const found = await service.get(auditor, { number: pick(samples.numbers, turn) });
      return found.events.length > 0 ? 1 : 0;
    }),
    await time('lookup by number: findApplication', runs, async (turn) => {
      const found = await findApplication(database.db, { number: pick(samples.numbers, turn) });
      return found === undefined ? 0 : 1;
    }),
  ];
}

/** Runs `work` on a Kysely that records every query it sends (same pool), and returns those queries. */
async function capture(database: Database, work: (db: Db) => Promise<unknown>): Promise<CompiledQuery[]> {
  const queries: CompiledQuery[] = [];
  const db = new Kysely<PlatformTables>({
    dialect: new PostgresDialect({ pool: database.pool }),
    log: (event) => {
      if (event.level === 'query') queries.push(event.query);
    },
  });
  await work(db); // not destroyed: that would end the shared pool
  return queries;
}

async function explain(database: Database, query: CompiledQuery | undefined): Promise<string[]> {
  if (query === undefined) return ['(query not captured)'];
  const result = await database.pool.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) ${query.sql}`,
    [...query.parameters],
  );
  return result.rows.map((row) => row['QUERY PLAN']);
}

/** The plans of the inbox query (plain and searched) and of the lookup, as the service sends them. */
export async function explainPlans(
  database: Database,
  actors: QueryActors,
  samples: { numbers: readonly string[]; cnics: readonly string[]; name: string },
): Promise<Record<string, string[]>> {
  const isInbox = (query: CompiledQuery) => query.sql.includes('"holder_role" =');
  const inboxOf = async (actor: Actor, search: { text?: string }) => {
    const queries = await capture(database, (db) =>
      applicationsService(db, BENCH_OPTIONS).inbox(actor, search),
    );
    return explain(database, queries.find(isInbox));
  };
  const lookup = await capture(database, (db) => findApplication(db, { number: pick(samples.numbers, 0) }));
  return {
    'inbox: district officer': await inboxOf(actors.districtOfficer, {}),
    'inbox: search by CNIC': await inboxOf(actors.districtOfficer, { text: pick(samples.cnics, 0) }),
    'inbox: province-wide officer': await inboxOf(actors.provinceOfficer, {}),
    'lookup by number': await explain(database, lookup[0]),
  };
}
