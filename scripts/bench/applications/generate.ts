// The data generator: citizens and applications made inside PostgreSQL (INSERT ... SELECT over
// generate_series), spread as a busy year might look. Services by weight; the 36 districts skewed towards
// Quetta; most applications decided (approved, rejected, withdrawn) over the past years, some open in a
// workflow state with its holder and due date (a quarter overdue), some drafts. Numbers are in the real
// format, numbered per service, district and year after whatever the sequences already gave out, and the
// sequences are moved past them. Each application has its history events. Then ANALYZE.
import pg from 'pg';
import { type StateRow, serviceMix } from './mix.ts';

const FIRST_NAMES = [
  'Muhammad', 'Ahmed', 'Ali', 'Abdul Rahim', 'Hassan', 'Bilal', 'Zahid', 'Naseer', 'Gul', 'Jan', 'Karim',
  'Wahid', 'Sana', 'Ayesha', 'Fatima', 'Mahnoor', 'Zainab', 'Hina', 'Nazia', 'Shazia', 'Noor', 'Sadia',
  'Khadija', 'Saeed', 'Habib', 'Rashid', 'Asad', 'Shah', 'Yousaf', 'Mir',
]; // prettier-ignore
const SURNAMES = [
  'Baloch', 'Khan', 'Kakar', 'Achakzai', 'Marri', 'Bugti', 'Mengal', 'Raisani', 'Jamali', 'Magsi', 'Zehri',
  'Rind', 'Lehri', 'Hazara', 'Tareen', 'Mandokhail', 'Shahwani', 'Bizenjo', 'Langove', 'Notezai', 'Jogezai',
  'Durrani', 'Qureshi', 'Syed', 'Barech',
]; // prettier-ignore

export interface GenerateOptions {
  readonly applications: number;
  readonly citizens: number;
  /** How many past years decided applications spread over (the current one included). */
  readonly years: number;
  readonly log: (line: string) => void;
}

export interface Generated {
  readonly applications: number;
  readonly citizens: number;
  readonly events: number;
  readonly seconds: {
    citizens: number;
    applications: number;
    events: number;
    analyze: number;
    total: number;
  };
}

async function timed(client: pg.Client, text: string, values: unknown[] = []) {
  const started = performance.now();
  const result = await client.query(text, values);
  return { rowCount: result.rowCount ?? 0, seconds: (performance.now() - started) / 1000 };
}

async function loadMix(client: pg.Client): Promise<void> {
  const mix = await serviceMix(client);
  await client.query(`create temp table bench_service as
    select * from jsonb_to_recordset($1) as x(code text, version int, department text, prefix text,
      initial text, sla_days int, lo float8, hi float8)`, [JSON.stringify(mix.services)]); // prettier-ignore
  await client.query(`create temp table bench_state as
    select * from jsonb_to_recordset($1) as x(service_code text, state text, holder_role text,
      deadline_hours int, outcome text, kind text, lo float8, hi float8)`, [JSON.stringify(mix.states satisfies StateRow[])]); // prettier-ignore
  await client.query(`create temp table bench_district as
    select row_number() over (order by d.sort, d.code)::int as idx, d.code
    from (select code, case code when 'QTA' then 0 else 1 end as sort from district where active) d`);
}

const CITIZENS_SQL = `
  insert into user_account (kind, cnic, full_name, mobile, password_hash, preferred_locale, mobile_verified_at, created_at)
  select 'citizen', '6' || lpad(i::text, 12, '0'),
         ($2::text[])[1 + (i * 7) % array_length($2::text[], 1)] || ' ' || ($3::text[])[1 + (i * 13) % array_length($3::text[], 1)],
         '+92333' || lpad(i::text, 7, '0'), null, case when i % 4 = 0 then 'ur' else 'en' end,
         now(), now() - make_interval(days => i % 1500)
  from generate_series(1, $1::int) as i`;

// Times: decided ones from a month ago back over the years; open ones within the last 20 days; drafts
// within 90 days. A row's random numbers decide its service, district (power skew: Quetta first), state
// and applicant.
const APPLICATIONS_SQL = `
  insert into application (number, service_code, pack_version, applicant_id, district_code, department_code,
    state, answers, version, holder_role, due_at, promised_at, outcome, created_at, submitted_at, decided_at,
    updated_at, entered_state_at)
  with g as (
    select i, random() as rs, random() as rd, random() as rst, random() as rc, random() as rt, random() as rdue,
           random() as rdec
    from generate_series(1, $1::int) as i
  ), p as (
    select g.*, s.code as service_code, s.version, s.department, s.prefix, s.sla_days, d.code as district,
           st.state, st.holder_role, st.deadline_hours, st.outcome, st.kind, c.id as applicant_id, c.cnic,
           c.full_name, c.mobile,
           now() - case st.kind
             when 'decided' then make_interval(secs => 30 * 86400 + g.rt * ($3::int * 365 - 60) * 86400)
             when 'open' then make_interval(secs => g.rt * 20 * 86400)
             else make_interval(secs => g.rt * 90 * 86400) end as created
    from g
    join bench_service s on g.rs >= s.lo and g.rs < s.hi
    join bench_state st on st.service_code = s.code and g.rst >= st.lo and g.rst < st.hi
    join bench_district d on d.idx = least((select count(*) from bench_district), 1 + floor((select count(*) from bench_district) * power(g.rd, 1.8)))::int
    join bench_citizen c on c.idx = 1 + floor(g.rc * $2::int)::int
  ), n as (
    select p.*, extract(year from p.created at time zone 'Asia/Karachi')::int as yr,
           p.created + make_interval(mins => 5 + (p.i % 240)) as submitted,
           row_number() over (
             partition by p.prefix, p.district, extract(year from p.created at time zone 'Asia/Karachi'), p.kind = 'draft'
             order by p.created) as rn
    from p
  )
  select case when n.kind = 'draft' then null
           else n.prefix || '-' || n.district || '-' || n.yr || '-' || lpad((n.rn + coalesce(sq.last_number, 0))::text, 6, '0') end,
         n.service_code, n.version, n.applicant_id, n.district, n.department, n.state,
         jsonb_build_object(
           'applicantCnic', substr(n.cnic, 1, 5) || '-' || substr(n.cnic, 6, 7) || '-' || substr(n.cnic, 13, 1),
           'fullName', n.full_name, 'fatherName', 'Haji ' || split_part(n.full_name, ' ', 1),
           'mobile', n.mobile, 'district', n.district, 'tehsil', 'Tehsil ' || n.district,
           'address', 'House ' || (n.i % 700) || ', Street ' || (n.i % 45) || ', Ward ' || (n.i % 12) || ', ' || n.district,
           'purpose', (array['education', 'employment', 'other'])[1 + n.i % 3]),
         case n.kind when 'draft' then 1 when 'open' then 3 else 4 end,
         n.holder_role,
         case when n.kind = 'open' and n.deadline_hours is not null
           then now() + make_interval(secs => (n.rdue - 0.25) * n.deadline_hours * 2 * 3600) end,
         case when n.kind <> 'draft' then n.submitted + make_interval(days => n.sla_days) end,
         n.outcome, n.created,
         case when n.kind <> 'draft' then n.submitted end,
         case when n.kind = 'decided' then n.submitted + make_interval(secs => n.rdec * n.sla_days * 1.5 * 86400) end,
         case when n.kind = 'decided' then n.submitted + make_interval(secs => n.rdec * n.sla_days * 1.5 * 86400)
              when n.kind = 'open' then n.submitted else n.created end,
         case when n.kind = 'decided' then n.submitted + make_interval(secs => n.rdec * n.sla_days * 1.5 * 86400)
              when n.kind = 'open' then n.submitted end
  from n
  left join application_sequence sq on sq.prefix = n.prefix and sq.district_code = n.district and sq.year = n.yr`;

const EVENTS_SQL = `
  insert into application_event (application_id, occurred_at, actor_id, actor_label, kind, action, from_state, to_state)
  select a.id, a.created_at, a.applicant_id, c.full_name, 'created', null, null, null
  from application a join bench_citizen c on c.id = a.applicant_id
  union all
  select a.id, a.submitted_at, a.applicant_id, c.full_name, 'submitted', null, null, s.initial
  from application a join bench_citizen c on c.id = a.applicant_id join bench_service s on s.code = a.service_code
  where a.submitted_at is not null
  union all
  select a.id, a.decided_at, null, 'Officer', 'action',
         case a.outcome when 'approved' then 'approve' when 'rejected' then 'reject' else 'withdraw' end, null, a.state
  from application a join bench_citizen c on c.id = a.applicant_id where a.decided_at is not null`;

const SEQUENCES_SQL = `
  insert into application_sequence (prefix, district_code, year, last_number)
  select split_part(number, '-', 1), split_part(number, '-', 2), split_part(number, '-', 3)::int,
         max(split_part(number, '-', 4)::int)
  from application where number is not null group by 1, 2, 3
  on conflict (prefix, district_code, year)
  do update set last_number = greatest(application_sequence.last_number, excluded.last_number)`;

/** Loads the citizens and applications; one connection, since the mix lives in temporary tables. */
export async function generateApplications(
  connectionString: string,
  options: GenerateOptions,
): Promise<Generated> {
  const client = new pg.Client({ connectionString, application_name: 'sahulat-bench-generator' });
  await client.connect();
  const started = performance.now();
  try {
    // A throw-away database: a crash mid-load loses nothing worth the commit flushes.
    await client.query(`set synchronous_commit = off`);
    // The rows are consistent by construction: skip the per-row foreign-key checks where allowed (as
    // pg_restore --disable-triggers does; it needs a superuser, as the embedded database's user is).
    await client.query(`set session_replication_role = replica`).catch(() => undefined);
    await client.query(`set work_mem = '256MB'`);
    await client.query(`select setseed(0.2026)`);
    await loadMix(client);
    options.log(`generating ${options.citizens} citizens…`);
    const citizens = await timed(client, CITIZENS_SQL, [options.citizens, FIRST_NAMES, SURNAMES]);
    await client.query(`create temp table bench_citizen as
      select row_number() over (order by cnic)::int as idx, id, cnic, full_name, mobile
      from user_account where cnic like '6%'`);
    await client.query(`create unique index on bench_citizen (idx)`);
    await client.query(`analyze bench_citizen`);
    options.log(`generating ${options.applications} applications…`);
    const applications = await timed(client, APPLICATIONS_SQL, [
      options.applications,
      options.citizens,
      options.years,
    ]);
    options.log('generating their history events…');
    const events = await timed(client, EVENTS_SQL);
    await client.query(SEQUENCES_SQL);
    options.log('ANALYZE…');
    const analyze = await timed(
      client,
      'analyze application, application_event, user_account, application_sequence',
    );
    return {
      applications: applications.rowCount,
      citizens: citizens.rowCount,
      events: events.rowCount,
      seconds: {
        citizens: round(citizens.seconds),
        applications: round(applications.seconds),
        events: round(events.seconds),
        analyze: round(analyze.seconds),
        total: round((performance.now() - started) / 1000),
      },
    };
  } finally {
    await client.end();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
