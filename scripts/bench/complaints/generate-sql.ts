// The SQL of the complaints generator (run by generate.ts, in this order, on one connection: the mix lives
// in temporary tables). Every statement is set-based: generate_series and INSERT ... SELECT.
//
// The rows are those the module writes (src/modules/complaints/filing.ts, actions.ts, deadlines.ts): the
// complaint at the version its changes left it, one complaint_event per step (filed, assign, the deadline
// job's escalations, requestReassignment, resolve, reopen, close or autoClosed, reject/markFrivolous/
// markAbusive), attachments (the filer's photos, a resolution's evidence), an audit_event per step, and
// complaint_sequence past the numbers given out. Closed, rejected and dismissed complaints spread over
// --years years; open ones were filed within the last 30 days (most within a week), resolved ones within
// the last 9.5 days, overseas filings still waiting for their code within the last 20 hours. All are where
// the jobs would have left them: below province level only while their deadline is ahead, resolved ones
// not yet 10 days old, unconfirmed ones not yet a day old (so the jobs find nothing to do at start).
// Not generated: the SMS outbox rows and feedback requests of past steps.

/** $1 how many, $2 now. Staff per office: one grievance officer, two field officers; an agent per district. */
export const STAFF_PLAN_SQL = `
  create temp table bench_staff_plan as
  with offices as (
    select dep.department, d.code as district, d.idx
    from (select distinct department from bench_subtype) dep cross join bench_district d
  ), plan as (
    select 'grievance_officer' as role, department, district, 1 as slot, idx from offices
    union all
    select 'field_officer', department, district, s, idx from offices cross join generate_series(1, 2) as s
    union all
    select 'contact_centre_agent', null, code, 1, idx from bench_district
  )
  select plan.*, row_number() over (order by role, department, district, slot)::int as n,
         'gen.' || replace(role, '_', '-') || '.' || coalesce(department, 'all') || '.' || lower(district) || '.'
           || slot || '@sahulat.example' as email
  from plan`;

export const STAFF_SQL = `
  insert into user_account (kind, full_name, email, status, preferred_locale, created_at)
  select 'staff', ($1::text[])[1 + (n * 7) % array_length($1::text[], 1)] || ' '
           || ($2::text[])[1 + (n * 13) % array_length($2::text[], 1)],
         email, 'active', 'en', $3::timestamptz - interval '5 years'
  from bench_staff_plan`;

export const STAFF_GRANTS_SQL = `
  insert into role_assignment (user_id, role, department_code, district_code, granted_by, granted_at)
  select u.id, p.role, p.department, p.district, 'bench', u.created_at
  from bench_staff_plan p join user_account u on lower(u.email) = p.email`;

export const STAFF_TABLE_SQL = `
  create temp table bench_staff as
  select p.role, p.department, p.district, p.slot, u.id, u.full_name
  from bench_staff_plan p join user_account u on lower(u.email) = p.email`;

export const APPS_SQL = `
  insert into open311_api_key (app_name, contact_email, key_hash, key_prefix, created_by, created_at)
  select name, 'apps@' || lower(replace(name, ' ', '-')) || '.example',
         encode(sha256(('bench-app-' || name)::bytea), 'hex'), 'gen' || i, 'bench', $1::timestamptz - interval '3 years'
  from unnest(array['Quetta Civic App', 'Balochistan 311', 'Gwadar Smart City']) with ordinality as a(name, i)`;

/** $1 how many, $2 first names, $3 surnames, $4 now. CNICs 7…, mobiles +92345…: apart from any other. */
export const COMPLAINANTS_SQL = `
  insert into user_account (kind, cnic, full_name, mobile, password_hash, preferred_locale, mobile_verified_at, created_at)
  select 'citizen', '7' || lpad(i::text, 12, '0'),
         ($2::text[])[1 + (i * 7) % array_length($2::text[], 1)] || ' ' || ($3::text[])[1 + (i * 13) % array_length($3::text[], 1)],
         '+92345' || lpad(i::text, 7, '0'), null, case when i % 4 = 0 then 'ur' else 'en' end,
         $4::timestamptz - make_interval(days => i % 1800), $4::timestamptz - make_interval(days => i % 1800)
  from generate_series(1, $1::int) as i`;

/**
 * One row per complaint with every time and person its history needs. $1 how many, $2 complainants,
 * $3 years, $4 now, $5 first names, $6 surnames, $7 description openings, $8 description details.
 * Hours: dh is the sub-type's deadline, res_h how long the office took to resolve.
 */
export const PLAN_SQL = `
  create unlogged table bench_gen as
  with g as (
    select i, random() as r_sub, random() as r_dist, random() as r_kind, random() as r_chan, random() as r_time,
           random() as r_res, random() as r_who, random() as r_x, random() as r_y, random() as r_z
    from generate_series(1, $1::int) as i
  ), a as (
    select g.*, st.code as sub_type_code, st.category as category_code, st.department as department_code,
           st.deadline_hours as dh, d.code as district_code, d.division_code, d.name as district_name, k.kind,
           case when k.kind = 'pending' then 'overseas' else ch.channel end as channel,
           (0.05 + g.r_res * g.r_res * 2.2) * st.deadline_hours as res_h
    from g
    join bench_subtype st on g.r_sub >= st.lo and g.r_sub < st.hi
    join bench_district d on d.idx = least((select count(*) from bench_district),
      1 + floor((select count(*) from bench_district) * power(g.r_dist, 1.8)))::int
    join bench_kind k on g.r_kind >= k.lo and g.r_kind < k.hi
    join bench_channel ch on g.r_chan >= ch.lo and g.r_chan < ch.hi
  ), t as (
    select a.*, case
        when a.kind in ('closed_rated', 'closed_auto', 'rejected', 'frivolous', 'abusive')
          then $4::timestamptz - make_interval(secs => (45 + a.r_time * ($3::int * 365 - 45)) * 86400)
        when a.kind = 'resolved'
          then $4::timestamptz - make_interval(secs => a.r_time * 9.5 * 86400 + a.res_h * 3600)
        when a.kind = 'pending' then $4::timestamptz - make_interval(secs => a.r_time * 20 * 3600)
        else $4::timestamptz - make_interval(secs => (0.02 + power(a.r_time, 3) * 30) * 86400)
      end as filed
    from a
  ), u as (
    select t.*, extract(epoch from $4::timestamptz - t.filed) / 3600 as age_h,
           extract(year from t.filed at time zone 'Asia/Karachi')::int as yr
    from t
  ), s as (
    select u.*,
      case when kind in ('closed_rated', 'closed_auto', 'resolved')
             then filed + make_interval(secs => res_h * (0.05 + 0.2 * r_x) * 3600)
           when kind in ('assigned', 'reopened') then filed + make_interval(secs => age_h * 0.1 * r_x * 3600)
           when kind = 'reassignment' then filed + make_interval(secs => age_h * 0.1 * 3600) end as assigned_at,
      case when kind = 'reassignment'
             then filed + make_interval(secs => age_h * (0.2 + 0.6 * r_x) * 3600) end as requested_at,
      case when kind in ('closed_rated', 'closed_auto', 'resolved') then filed + make_interval(secs => res_h * 3600)
           when kind = 'reopened' then filed + make_interval(secs => age_h * 0.4 * 3600) end as resolved_at,
      case when kind = 'reopened'
             then filed + make_interval(secs => age_h * (0.45 + 0.5 * r_x) * 3600) end as reopened_at,
      case when kind in ('rejected', 'frivolous', 'abusive')
             then filed + make_interval(secs => r_res * 0.5 * dh * 3600) end as dismissed_at,
      -- The level reached before any reopening: one more each time a deadline passed, at most 3.
      least(3, 1 + floor(case
        when kind in ('closed_rated', 'closed_auto', 'resolved') then res_h
        when kind = 'reopened' then age_h * 0.4
        when kind in ('submitted', 'assigned', 'reassignment') then age_h
        else 0 end / dh))::int as l0
    from u
  ), l as (
    select s.*,
      case when kind = 'reopened'
        then least(3, l0 + floor(extract(epoch from $4::timestamptz - reopened_at) / 3600 / dh))::int
        else l0 end as level,
      case kind when 'closed_rated' then resolved_at + make_interval(secs => r_y * 5 * 86400)
        when 'closed_auto' then resolved_at + make_interval(secs => 10 * 86400 + r_y * 900)
        else dismissed_at end as closed_at
    from s
  ), w as (
    select l.*,
      case when level >= 2 then case when 2 <= l0 then filed + make_interval(hours => dh)
        else reopened_at + make_interval(hours => (2 - l0) * dh) end end as esc2_at,
      case when level >= 3 then case when 3 <= l0 then filed + make_interval(hours => 2 * dh)
        else reopened_at + make_interval(hours => (3 - l0) * dh) end end as esc3_at
    from l
  ), n as (
    select w.*, case when w.kind = 'pending' then null else 'CMP-' || w.yr || '-' || lpad((row_number() over (
             partition by w.yr, w.kind = 'pending' order by w.filed, w.i) + coalesce(sq.last_number, 0))::text, 7, '0')
           end as number
    from w left join complaint_sequence sq on sq.year = w.yr
  )
  select gen_random_uuid() as id, n.i, n.number, n.kind, n.channel, n.sub_type_code, n.category_code,
    n.department_code, n.district_code, n.division_code, n.dh, n.filed, n.assigned_at, n.requested_at,
    n.resolved_at, n.reopened_at, n.closed_at, n.esc2_at, n.esc3_at, n.level, n.l0,
    case n.kind when 'closed_rated' then 'closed' when 'closed_auto' then 'closed' when 'reassignment'
      then 'reassignment_requested' when 'pending' then 'pending_verification' else n.kind end as state,
    case when n.kind in ('submitted', 'assigned', 'reassignment') then n.filed + make_interval(hours => n.level * n.dh)
         when n.kind = 'reopened' then n.reopened_at + make_interval(hours => (1 + n.level - n.l0) * n.dh) end as due_at,
    case when n.kind = 'closed_rated' then least(5, 1 + floor(5 * power(n.r_z, 0.55)))::smallint end as rating,
    c.id as complainant_id, c.full_name as complainant_name,
    go.id as go_id, go.full_name as go_name, fo.id as fo_id, fo.full_name as fo_name,
    ag.id as agent_id, ag.full_name as agent_name, app.id as app_id, app.app_name,
    'House ' || (n.i % 700 + 1) || ', Street ' || (n.i % 45 + 1) || ', Ward ' || (n.i % 12 + 1) || ', ' || n.district_name as address,
    case when n.r_y < 0.4 then 25 + n.r_x * 6.5 end as latitude,
    case when n.r_y < 0.4 then 61 + n.r_z * 9.5 end as longitude,
    ($7::text[])[1 + n.i % array_length($7::text[], 1)] || ' ' || ($8::text[])[1 + (n.i / 7) % array_length($8::text[], 1)] as description,
    n.r_x < 0.55 as is_public,
    case when n.channel = 'web' then null
         else ($5::text[])[1 + (n.i * 3) % array_length($5::text[], 1)] || ' ' || ($6::text[])[1 + (n.i * 11) % array_length($6::text[], 1)] end as contact_name,
    case n.channel when 'contact_centre' then '+92300' || lpad((n.i % 9999999)::text, 7, '0')
      when 'open311' then case when n.r_y < 0.7 then '+92310' || lpad((n.i % 9999999)::text, 7, '0') end
      when 'overseas' then '+9715' || lpad((n.i % 99999999)::text, 8, '0') end as contact_mobile,
    case when n.r_z < 0.25 then 'ur' else 'en' end as contact_locale
  from n
  left join bench_complainant c on n.channel = 'web' and c.idx = 1 + floor(n.r_who * $2::int)::int
  join bench_staff go on go.role = 'grievance_officer' and go.department = n.department_code and go.district = n.district_code
  join bench_staff fo on fo.role = 'field_officer' and fo.department = n.department_code and fo.district = n.district_code
    and fo.slot = case when n.r_x < 0.5 then 1 else 2 end
  join bench_staff ag on ag.role = 'contact_centre_agent' and ag.district = n.district_code
  join bench_app app on app.idx = 1 + n.i % 3
  order by n.filed, n.i`;

export const COMPLAINTS_SQL = `
  insert into complaint (id, number, category_code, sub_type_code, department_code, district_code, division_code,
    address, latitude, longitude, description, attributes, is_public, channel, state, escalation_level,
    complainant_id, filed_by, api_key_id, contact_name, contact_mobile, contact_email, contact_locale,
    overseas_document_kind, overseas_document_number, mobile_verified_at, tracking_key, assigned_to, version,
    deadline_hours, first_due_at, due_at, filed_at, resolved_at, closed_at, rating, reopen_count, created_at, updated_at)
  select b.id, b.number, b.category_code, b.sub_type_code, b.department_code, b.district_code, b.division_code,
    b.address, b.latitude, b.longitude, b.description, '{}'::jsonb, b.is_public, b.channel, b.state, b.level,
    b.complainant_id, case when b.channel = 'contact_centre' then b.agent_id end,
    case when b.channel = 'open311' then b.app_id end,
    b.contact_name, b.contact_mobile, null, b.contact_locale,
    case when b.channel = 'overseas' then case when b.i % 3 = 0 then 'passport' else 'nicop' end end,
    case when b.channel = 'overseas' then case when b.i % 3 = 0 then 'AB' || lpad((b.i % 9999999)::text, 7, '0')
      else '4' || lpad(b.i::text, 12, '0') end end,
    case when b.channel = 'overseas' and b.number is not null then b.filed end,
    case when b.complainant_id is null and b.number is not null
      then left(rtrim(translate(encode(sha256(b.id::text::bytea), 'base64'), '+/', '-_'), '='), 24) end,
    case when b.assigned_at is not null then b.fo_id end,
    1 + (case when b.channel = 'overseas' and b.number is not null then 1 else 0 end)
      + (case when b.assigned_at is not null then 1 else 0 end) + (b.level - 1)
      + (case when b.requested_at is not null then 1 else 0 end) + (case when b.resolved_at is not null then 1 else 0 end)
      + (case when b.reopened_at is not null then 1 else 0 end) + (case when b.closed_at is not null then 1 else 0 end),
    b.dh, case when b.number is not null then b.filed + make_interval(hours => b.dh) end, b.due_at,
    case when b.number is not null then b.filed end,
    case when b.kind = 'reopened' then null else b.resolved_at end, b.closed_at, b.rating,
    case when b.kind = 'reopened' then 1 else 0 end,
    case when b.channel = 'overseas' then b.filed - interval '3 minutes' else b.filed end,
    greatest(b.filed, b.assigned_at, b.esc2_at, b.esc3_at, b.requested_at, b.resolved_at, b.reopened_at, b.closed_at)
  from bench_gen b order by b.filed, b.i`;

const STATE_AT = (at: string) => `case when b.reopened_at <= ${at} then 'reopened'
  when b.requested_at <= ${at} then 'reassignment_requested' when b.assigned_at <= ${at} then 'assigned'
  else 'submitted' end`;

/** $1 assign, $2 resolve, $3 reject/dismiss, $4 reopen, $5 reassignment remarks. In time order (ids too). */
export const EVENTS_SQL = `
  insert into complaint_event (complaint_id, occurred_at, actor_id, actor_label, kind, from_state, to_state, remarks, assignee_id)
  select b.id, e.at, e.actor_id, e.label, e.kind, e.from_state, e.to_state, e.remarks, e.assignee
  from bench_gen b
  cross join lateral (select
      case b.channel when 'web' then b.complainant_id when 'contact_centre' then b.agent_id end as filer_id,
      case b.channel when 'web' then b.complainant_name when 'contact_centre' then b.agent_name
        when 'open311' then 'open311:' || b.app_name else 'anonymous' end as filer_label,
      b.complainant_id as closer_id, coalesce(b.complainant_name, 'complainant') as closer_label) as p
  cross join lateral (values
    (b.number is not null, b.filed, p.filer_id, p.filer_label, 'filed', null, 'submitted', null, null::uuid),
    (b.assigned_at is not null, b.assigned_at, b.go_id, b.go_name, 'assign', 'submitted', 'assigned',
      case when b.i % 2 = 0 then ($1::text[])[1 + b.i % array_length($1::text[], 1)] end, b.fo_id),
    (b.esc2_at is not null, b.esc2_at, null, 'deadline', 'escalatedToDivision', ${STATE_AT('b.esc2_at')},
      ${STATE_AT('b.esc2_at')}, null, null),
    (b.esc3_at is not null, b.esc3_at, null, 'deadline', 'escalatedToProvince', ${STATE_AT('b.esc3_at')},
      ${STATE_AT('b.esc3_at')}, null, null),
    (b.requested_at is not null, b.requested_at, b.fo_id, b.fo_name, 'requestReassignment', 'assigned',
      'reassignment_requested', ($5::text[])[1 + b.i % array_length($5::text[], 1)], null),
    (b.resolved_at is not null, b.resolved_at, b.fo_id, b.fo_name, 'resolve', 'assigned', 'resolved',
      ($2::text[])[1 + b.i % array_length($2::text[], 1)], null),
    (b.reopened_at is not null, b.reopened_at, p.closer_id, p.closer_label, 'reopen', 'resolved', 'reopened',
      ($4::text[])[1 + b.i % array_length($4::text[], 1)], null),
    (b.kind = 'closed_rated', b.closed_at, p.closer_id, p.closer_label, 'close', 'resolved', 'closed', null, null),
    (b.kind = 'closed_auto', b.closed_at, null, 'deadline', 'autoClosed', 'resolved', 'closed', null, null),
    (b.kind in ('rejected', 'frivolous', 'abusive'), b.closed_at, b.go_id, b.go_name,
      case b.kind when 'rejected' then 'reject' when 'frivolous' then 'markFrivolous' else 'markAbusive' end,
      ${STATE_AT('b.closed_at')}, b.state, ($3::text[])[1 + b.i % array_length($3::text[], 1)], null)
  ) as e(keep, at, actor_id, label, kind, from_state, to_state, remarks, assignee)
  where e.keep
  order by e.at, b.i`;

/** A fifth of web and app filings came with a photo; about a third of resolutions with evidence. */
export const ATTACHMENTS_SQL = `
  insert into complaint_attachment (complaint_id, event_id, document_key, media_type, size_bytes, sha256, created_at)
  select b.id, null, md5(b.id::text || '/photo'), 'jpeg', 120000 + (b.i::bigint * 7919) % 1800000,
         encode(sha256((b.id::text || '/photo')::bytea), 'hex'), b.filed
  from bench_gen b where b.number is not null and b.channel in ('web', 'open311') and b.i % 5 = 0
  union all
  select e.complaint_id, e.id, md5(e.id::text || '/evidence'), case when e.id % 10 = 0 then 'pdf' else 'jpeg' end,
         90000 + (e.id * 7919) % 2400000, encode(sha256((e.id::text || '/evidence')::bytea), 'hex'), e.occurred_at
  from complaint_event e where e.kind = 'resolve' and e.id % 20 < 7`;

/** The audit row each step writes (insertAuditEvent in the same transaction), in the events' order. */
export const AUDIT_SQL = `
  insert into audit_event (occurred_at, actor_id, actor_label, action, subject_type, subject_id, details)
  select e.occurred_at, e.actor_id, e.actor_label,
    case e.kind when 'escalatedToDivision' then 'complaint.escalated' when 'escalatedToProvince' then 'complaint.escalated'
      when 'autoClosed' then 'complaint.auto_closed' else 'complaint.' || e.kind end,
    'complaint', b.number,
    case e.kind
      when 'filed' then jsonb_build_object('channel', b.channel, 'department', b.department_code, 'district', b.district_code)
      when 'escalatedToDivision' then '{"level": 2}'::jsonb when 'escalatedToProvince' then '{"level": 3}'::jsonb
      when 'autoClosed' then '{}'::jsonb
      else jsonb_build_object('from', e.from_state, 'to', e.to_state) end
  from complaint_event e join bench_gen b on b.id = e.complaint_id
  order by e.id`;

export const SEQUENCE_SQL = `
  insert into complaint_sequence (year, last_number)
  select split_part(number, '-', 2)::int, max(split_part(number, '-', 3)::int)
  from bench_gen where number is not null group by 1
  on conflict (year) do update set last_number = greatest(complaint_sequence.last_number, excluded.last_number)`;
