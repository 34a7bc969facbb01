// The baseline: the row writes of one submission, done by a bare loop through `pg` with prepared
// statements, one transaction each, at the same concurrency as the HTTP run. What the HTTP path adds on top
// (parsing, sessions, validation, pack and reference reads, rendering the message) is the difference.
//   api   a filing: draft insert, "created" event, answers update, then what "send" writes;
//   form  "send" on a prepared draft: number from the sequence row, application update, "submitted" event,
//         audit row, notification outbox row.
import pg from 'pg';
import { percentiles } from '../harness.ts';
import type { Via } from './submit-http.ts';
import { type DocumentKeys, type PreparedDraft, SERVICE_CODE, tenantAnswers } from './tenant-form.ts';
import type { BenchCitizen } from './people.ts';

const q = (name: string, text: string) => ({ name, text });
const INSERT_DRAFT = q(
  'bench_insert_draft',
  `insert into application (service_code, pack_version, applicant_id, district_code, department_code)
   values ($1, $2, $3, $4, $5) returning id`,
);
const INSERT_CREATED = q(
  'bench_insert_created',
  `insert into application_event (application_id, actor_id, actor_label, kind) values ($1, $2, $3, 'created')`,
);
const SAVE_ANSWERS = q(
  'bench_save_answers',
  `update application set answers = $2, version = version + 1, updated_at = now() where id = $1 and version = 1`,
);
const NEXT_NUMBER = q(
  'bench_next_number',
  `insert into application_sequence (prefix, district_code, year, last_number) values ($1, $2, $3, 1)
   on conflict (prefix, district_code, year) do update set last_number = application_sequence.last_number + 1
   returning last_number`,
);
const SUBMIT = q(
  'bench_submit',
  `update application set number = $2, district_code = $3, state = 'verification', holder_role = 'clerk',
     fee_pkr = null, submitted_at = now(), due_at = now() + interval '8 hours',
     promised_at = now() + interval '2 days', version = version + 1, updated_at = now()
   where id = $1 and version = $4`,
);
const INSERT_SUBMITTED = q(
  'bench_insert_submitted',
  `insert into application_event (application_id, actor_id, actor_label, kind, to_state)
   values ($1, $2, $3, 'submitted', 'verification')`,
);
const INSERT_AUDIT = q(
  'bench_insert_audit',
  `insert into audit_event (actor_id, actor_label, action, subject_type, subject_id, details)
   values ($1, $2, 'application.submitted', 'application', $3, '{}')`,
);
const INSERT_OUTBOX = q(
  'bench_insert_outbox',
  `insert into notification_message (event, channel, recipient, locale, subject, body, user_id)
   values ('application.submitted', 'sms', $1, 'en', null, $2, $3) returning id`,
);

export interface SqlLoopPlan {
  readonly connectionString: string;
  readonly via: Via;
  readonly citizens: readonly BenchCitizen[];
  readonly districts: readonly string[];
  readonly documents: DocumentKeys;
  readonly packVersion: number;
  readonly departmentCode: string;
  readonly prefix: string;
  readonly year: number;
  /** Drafts to send, consumed in order (form). */
  readonly drafts: PreparedDraft[];
}

async function submitOnce(client: pg.PoolClient, plan: SqlLoopPlan, turn: number): Promise<void> {
  const citizen = plan.citizens[turn % plan.citizens.length];
  const district = plan.districts[turn % plan.districts.length] ?? 'QTA';
  if (citizen === undefined) throw new Error('No citizens');
  await client.query('begin');
  try {
    let id: string;
    let version = 1;
    if (plan.via === 'api') {
      const draft = await client.query<{ id: string }>({
        ...INSERT_DRAFT,
        values: [SERVICE_CODE, plan.packVersion, citizen.id, district, plan.departmentCode],
      });
      id = draft.rows[0]?.id ?? '';
      await client.query({ ...INSERT_CREATED, values: [id, citizen.id, citizen.fullName] });
      const answers = tenantAnswers(citizen, district, plan.documents);
      await client.query({ ...SAVE_ANSWERS, values: [id, JSON.stringify(answers)] });
      version = 2;
    } else {
      const draft = plan.drafts.shift();
      if (draft === undefined) throw new Error('Out of prepared drafts: raise --drafts');
      id = draft.id;
    }
    const sequence = await client.query<{ last_number: number }>({
      ...NEXT_NUMBER,
      values: [plan.prefix, district, plan.year],
    });
    const number = `${plan.prefix}-${district}-${plan.year}-${String(sequence.rows[0]?.last_number).padStart(6, '0')}`;
    const updated = await client.query({ ...SUBMIT, values: [id, number, district, version] });
    if (updated.rowCount !== 1) throw new Error(`Submitting ${id} changed no row`);
    await client.query({ ...INSERT_SUBMITTED, values: [id, citizen.id, citizen.fullName] });
    await client.query({ ...INSERT_AUDIT, values: [citizen.id, citizen.fullName, number] });
    const body = `Your application ${number} for Tenant registration was received. Track it at https://sahulat.example/applications/${number}`;
    await client.query({ ...INSERT_OUTBOX, values: [citizen.mobile, body, citizen.id] });
    await client.query('commit');
  } catch (error: unknown) {
    await client.query('rollback');
    throw error;
  }
}

/** `connections` workers submitting for `seconds`; each transaction's time is one sample. */
export async function measureSqlLoop(
  plan: SqlLoopPlan,
  options: { connections: number; seconds: number },
): Promise<{ submissionsPerSecond: number; p50: number; p95: number; p99: number; count: number }> {
  const pool = new pg.Pool({ connectionString: plan.connectionString, max: options.connections });
  const times: number[] = [];
  let turn = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        const client = await pool.connect();
        try {
          while (performance.now() < deadline) {
            turn += 1;
            const begun = performance.now();
            await submitOnce(client, plan, turn);
            times.push(performance.now() - begun);
          }
        } finally {
          client.release();
        }
      }),
    );
  } finally {
    await pool.end();
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    submissionsPerSecond: Math.round(times.length / elapsed),
    ...percentiles(times),
    count: times.length,
  };
}
