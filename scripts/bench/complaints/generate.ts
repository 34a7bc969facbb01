// The complaints generator: complainants, the offices' staff, Open311 apps and --complaints complaints with
// their history, attachments and audit rows, made inside PostgreSQL (see generate-sql.ts for the spread),
// then VACUUM (ANALYZE) and a CHECKPOINT, so neither autovacuum nor the checkpointer is still busy with
// the load while the benchmark measures.
import pg from 'pg';
import {
  APPS_SQL,
  ATTACHMENTS_SQL,
  AUDIT_SQL,
  COMPLAINANTS_SQL,
  COMPLAINTS_SQL,
  EVENTS_SQL,
  PLAN_SQL,
  SEQUENCE_SQL,
  STAFF_GRANTS_SQL,
  STAFF_PLAN_SQL,
  STAFF_SQL,
  STAFF_TABLE_SQL,
} from './generate-sql.ts';
import { channelRanges, kindRanges, subTypeMix } from './mix.ts';
import { DESCRIPTION_DETAILS, DESCRIPTION_OPENINGS, FIRST_NAMES, REMARKS, SURNAMES } from './texts.ts';

export interface GenerateOptions {
  readonly complaints: number;
  readonly complainants: number;
  /** How many past years closed complaints spread over. */
  readonly years: number;
  readonly log: (line: string) => void;
}

export interface Generated {
  readonly complaints: number;
  readonly events: number;
  readonly attachments: number;
  readonly audit: number;
  readonly complainants: number;
  readonly staff: number;
  readonly seconds: Record<
    'people' | 'plan' | 'complaints' | 'events' | 'attachments' | 'audit' | 'vacuumAnalyze' | 'total',
    number
  >;
}

async function loadMix(client: pg.Client): Promise<void> {
  await client.query(
    `create temp table bench_subtype as select * from jsonb_to_recordset($1)
       as x(code text, category text, department text, deadline_hours int, name text, lo float8, hi float8)`,
    [JSON.stringify(subTypeMix())],
  );
  await client.query(
    `create temp table bench_kind as select * from jsonb_to_recordset($1) as x(kind text, lo float8, hi float8)`,
    [JSON.stringify(kindRanges())],
  );
  await client.query(
    `create temp table bench_channel as select * from jsonb_to_recordset($1) as x(channel text, lo float8, hi float8)`,
    [JSON.stringify(channelRanges())],
  );
  // Quetta first (the power skew makes the first districts the busiest), then by code.
  await client.query(`create temp table bench_district as
    select row_number() over (order by case code when 'QTA' then 0 else 1 end, code)::int as idx,
           code, division_code, name_en as name
    from district where active`);
}

export async function generateComplaints(
  connectionString: string,
  options: GenerateOptions,
): Promise<Generated> {
  const client = new pg.Client({ connectionString, application_name: 'sahulat-bench-generator' });
  await client.connect();
  const started = performance.now();
  const seconds: Partial<Record<keyof Generated['seconds'], number>> = {};
  const timed = async (name: keyof Generated['seconds'], text: string, values: unknown[] = []) => {
    const at = performance.now();
    const result = await client.query(text, values);
    seconds[name] = round((seconds[name] ?? 0) + (performance.now() - at) / 1000);
    return result.rowCount ?? 0;
  };
  try {
    // A throw-away database: a crash mid-load loses nothing worth the commit flushes.
    await client.query(`set synchronous_commit = off`);
    // The rows are consistent by construction: skip the per-row foreign-key triggers where allowed (as
    // pg_restore --disable-triggers does; it needs a superuser, as the embedded database's user is).
    await client.query(`set session_replication_role = replica`).catch(() => undefined);
    await client.query(`set work_mem = '256MB'`);
    await client.query(`select setseed(0.2026)`);
    const now = new Date();
    await loadMix(client);
    options.log(`generating ${options.complainants} complainants and the offices' staff…`);
    const complainants = await timed('people', COMPLAINANTS_SQL, [
      options.complainants,
      FIRST_NAMES,
      SURNAMES,
      now,
    ]);
    await client.query(`create temp table bench_complainant as
      select row_number() over (order by cnic)::int as idx, id, full_name
      from user_account where kind = 'citizen' and cnic like '7%'`);
    await client.query(`create unique index on bench_complainant (idx)`);
    await client.query(STAFF_PLAN_SQL);
    const staff = await timed('people', STAFF_SQL, [FIRST_NAMES, SURNAMES, now]);
    await timed('people', STAFF_GRANTS_SQL);
    await client.query(STAFF_TABLE_SQL);
    await client.query(APPS_SQL, [now]);
    await client.query(`create temp table bench_app as
      select row_number() over (order by created_at, app_name)::int as idx, id, app_name from open311_api_key`);
    await client.query(`analyze bench_complainant, bench_staff, bench_app, bench_district, bench_subtype`);

    options.log(`planning ${options.complaints} complaints…`);
    await timed('plan', PLAN_SQL, [
      options.complaints,
      options.complainants,
      options.years,
      now,
      FIRST_NAMES,
      SURNAMES,
      DESCRIPTION_OPENINGS,
      DESCRIPTION_DETAILS,
    ]);
    await client.query(`create unique index on bench_gen (id)`);
    await client.query(`analyze bench_gen`);
    options.log('inserting the complaints…');
    const complaints = await timed('complaints', COMPLAINTS_SQL);
    options.log('their history…');
    const events = await timed('events', EVENTS_SQL, [
      REMARKS.assign,
      REMARKS.resolve,
      REMARKS.reject,
      REMARKS.reopen,
      REMARKS.reassign,
    ]);
    options.log('attachments and audit rows…');
    const attachments = await timed('attachments', ATTACHMENTS_SQL);
    const audit = await timed('audit', AUDIT_SQL);
    await client.query(SEQUENCE_SQL);
    await client.query(`drop table bench_gen`);
    options.log('VACUUM (ANALYZE) and CHECKPOINT…');
    await timed(
      'vacuumAnalyze',
      `vacuum (analyze) complaint, complaint_event, complaint_attachment, complaint_sequence, audit_event,
         user_account, role_assignment, open311_api_key`,
    );
    await timed('vacuumAnalyze', `checkpoint`).catch(() => undefined);
    seconds.total = round((performance.now() - started) / 1000);
    return {
      complaints,
      events,
      attachments,
      audit,
      complainants,
      staff,
      seconds: {
        people: seconds.people ?? 0,
        plan: seconds.plan ?? 0,
        complaints: seconds.complaints ?? 0,
        events: seconds.events ?? 0,
        attachments: seconds.attachments ?? 0,
        audit: seconds.audit ?? 0,
        vacuumAnalyze: seconds.vacuumAnalyze ?? 0,
        total: seconds.total,
      },
    };
  } finally {
    await client.end();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
