// Read paths at scale, once the complaints are loaded, through the service that serves the pages: the
// grievance officer's inbox of the busiest office (plain, searched by number, overdue only), the division's
// and the province's inboxes (of that office, and of the quietest division and department, where the
// fewest rows match and an inbox reads the most to find its 200), a field officer's, a complainant's own
// list, the lookup by number, and the dashboards' figures. Each runs one at a time after a short warm-up; then the SQL the service sent is run
// again under EXPLAIN (ANALYZE, BUFFERS), and the plan says which indexes it used.
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import { complaintsService } from '../../../src/modules/complaints/service.ts';
import { findComplaint } from '../../../src/modules/complaints/repo.ts';
import { ANONYMOUS } from '../../../src/platform/actor.ts';
import type { Database, Db, PlatformTables } from '../../../src/platform/db/database.ts';
import type { Services } from '../../../src/services.ts';
import { createOfficer } from '../applications/people.ts';
import { percentiles } from '../harness.ts';

const OPTIONS = { publicUrl: 'https://sahulat.example', sessionSecret: 'bench-reads-only-and-signs-nothing' };
const OPEN = sql`state in ('submitted', 'assigned', 'reassignment_requested', 'reopened')`;

export interface QueryFigures {
  readonly name: string;
  readonly runs: number;
  /** Rows the last run returned. */
  readonly rows: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export interface Plan {
  readonly name: string;
  /** Indexes the plan reads, and tables it reads whole. */
  readonly indexes: string[];
  readonly seqScans: string[];
  readonly executionMs: number;
  readonly lines: string[];
}

export interface AtScale {
  readonly office: { department: string; district: string; open: number };
  readonly queries: QueryFigures[];
  readonly plans: Plan[];
}

async function time(name: string, runs: number, run: (turn: number) => Promise<number>) {
  for (let turn = 0; turn < Math.min(10, runs); turn += 1) await run(turn);
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

async function one<T>(db: Db, query: ReturnType<typeof sql<T>>): Promise<T> {
  const row = (await query.execute(db)).rows[0];
  if (row === undefined) throw new Error('The generated data has no such row');
  return row;
}

/** The people whose lists are read: officers of the busiest office, its division and province. */
async function actorsFor(database: Database, services: Services) {
  const { db } = database;
  const office = await one(
    db,
    sql<{ department: string; district: string; open: number }>`
      select department_code as department, district_code as district, count(*)::int as open
      from complaint where ${OPEN} group by 1, 2 order by 3 desc limit 1`,
  );
  const busiestField = await one(
    db,
    sql<{ id: string }>`select assigned_to as id from complaint where state = 'assigned'
      group by 1 order by count(*) desc limit 1`,
  );
  const busiestComplainant = await one(
    db,
    sql<{ id: string }>`select complainant_id as id from complaint where complainant_id is not null
      group by 1 order by count(*) desc limit 1`,
  );
  // Where escalated open complaints are fewest (and any exist): the division and department.
  const quiet = await one(
    db,
    sql<{ division: string; district: string; department: string }>`
      select (select division_code from complaint where ${OPEN} and escalation_level >= 2
                group by 1 order by count(*), 1 limit 1) as division,
             (select department_code from complaint where ${OPEN} and escalation_level >= 3
                group by 1 order by count(*), 1 limit 1) as department,
             (select min(d.code) from district d where d.division_code = (
                select division_code from complaint where ${OPEN} and escalation_level >= 2
                group by 1 order by count(*), 1 limit 1)) as district`,
  );
  const account = async (id: string) => {
    const actor = await services.identity.sessions.actorOfAccount(id);
    if (actor === undefined) throw new Error(`Account ${id} is not active`);
    return actor;
  };
  const role = 'grievance_officer' as const;
  return {
    office,
    grievance: await createOfficer(services, 'scale-go', [
      { role, departmentCode: office.department, districtCode: office.district },
    ]),
    division: await createOfficer(services, 'scale-division', [
      { role, departmentCode: null, districtCode: office.district },
    ]),
    province: await createOfficer(services, 'scale-province', [
      { role, departmentCode: office.department, districtCode: null },
    ]),
    quietDivision: await createOfficer(services, 'scale-quiet-division', [
      { role, departmentCode: null, districtCode: quiet.district },
    ]),
    quietProvince: await createOfficer(services, 'scale-quiet-province', [
      { role, departmentCode: quiet.department, districtCode: null },
    ]),
    quiet,
    auditor: await createOfficer(services, 'scale-auditor', [
      { role: 'auditor', departmentCode: null, districtCode: null },
    ]),
    field: await account(busiestField.id),
    complainant: await account(busiestComplainant.id),
  };
}

type Actors = Awaited<ReturnType<typeof actorsFor>>;
type Samples = { open: string[]; any: string[] };

function cases(actors: Actors, samples: Samples, runs: number) {
  const few = Math.min(runs, 20);
  return [
    { name: 'inbox: grievance officer, busiest office', runs, read: (c: Cs) => c.inbox(actors.grievance) },
    {
      name: 'inbox: search by number (officer search)',
      runs,
      read: (c: Cs, turn: number) => c.inbox(actors.grievance, { number: pick(samples.open, turn) }),
    },
    {
      name: 'inbox: overdue only',
      runs,
      read: (c: Cs) => c.inbox(actors.grievance, { overdueOnly: true }),
    },
    { name: 'inbox: division grievance officer', runs, read: (c: Cs) => c.inbox(actors.division) },
    {
      name: `inbox: division officer, quietest (${actors.quiet.division})`,
      runs,
      read: (c: Cs) => c.inbox(actors.quietDivision),
    },
    { name: 'inbox: province grievance officer', runs, read: (c: Cs) => c.inbox(actors.province) },
    {
      name: `inbox: province officer, quietest (${actors.quiet.department})`,
      runs,
      read: (c: Cs) => c.inbox(actors.quietProvince),
    },
    { name: 'inbox: busiest field officer', runs, read: (c: Cs) => c.inbox(actors.field) },
    { name: "my complaints: busiest complainant's list", runs, read: (c: Cs) => c.mine(actors.complainant) },
    {
      name: 'complaint page: get by number (auditor)',
      runs,
      read: async (c: Cs, turn: number) => [await c.get(actors.auditor, pick(samples.any, turn))],
    },
    { name: 'dashboard: province-wide figures', runs: few, read: (c: Cs) => c.dashboard(actors.auditor) },
    {
      name: 'public page: figures and recent',
      runs: few,
      read: async (c: Cs) => {
        const overview = await c.publicOverview(ANONYMOUS);
        return [...overview.byDepartment, ...overview.byDistrict, ...overview.recent];
      },
    },
  ];
}
type Cs = ReturnType<typeof complaintsService>;

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

async function explain(database: Database, name: string, query: CompiledQuery | undefined): Promise<Plan> {
  if (query === undefined) return { name, indexes: [], seqScans: [], executionMs: NaN, lines: ['(none)'] };
  const result = await database.pool.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) ${query.sql}`,
    [...query.parameters],
  );
  const lines = result.rows.map((row) => row['QUERY PLAN']);
  const text = lines.join('\n');
  return {
    name,
    indexes: [
      ...new Set(
        [...text.matchAll(/(?:Index Scan|Index Only Scan) using (\S+)|Bitmap Index Scan on (\S+)/g)].map(
          (m) => m[1] ?? m[2] ?? '',
        ),
      ),
    ],
    seqScans: [...new Set([...text.matchAll(/Seq Scan on (\S+)/g)].map((m) => m[1] ?? ''))],
    executionMs: Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? NaN),
    lines,
  };
}

export async function queriesAtScale(database: Database, services: Services, runs: number): Promise<AtScale> {
  const actors = await actorsFor(database, services);
  const { db } = database;
  const open = await sql<{ number: string }>`
    select number from complaint where ${OPEN} and department_code = ${actors.office.department}
      and district_code = ${actors.office.district} order by random() limit ${Math.max(1, runs)}`.execute(db);
  const any = await sql<{ number: string }>`
    select number from complaint where number is not null order by random() limit ${Math.max(1, runs)}`.execute(
    db,
  );
  const samples = { open: open.rows.map((r) => r.number), any: any.rows.map((r) => r.number) };
  const service = complaintsService(db, OPTIONS);
  const queries: QueryFigures[] = [];
  const plans: Plan[] = [];
  for (const each of cases(actors, samples, runs)) {
    queries.push(await time(each.name, each.runs, async (turn) => (await each.read(service, turn)).length));
    const sent = await capture(database, (logged) => each.read(complaintsService(logged, OPTIONS), 0));
    // The queries that read the complaint table (not the reference data, history or accounts).
    const reads = sent.filter((q) => q.sql.includes('from "complaint"'));
    for (const [i, query] of reads.entries())
      plans.push(await explain(database, reads.length > 1 ? `${each.name} [${i + 1}]` : each.name, query));
    if (reads.length === 0) plans.push(await explain(database, each.name, undefined));
  }
  const lookup = await capture(database, (logged) => findComplaint(logged, { number: pick(samples.any, 0) }));
  plans.push(await explain(database, 'lookup by number: findComplaint', lookup[0]));
  return { office: actors.office, queries, plans };
}
