// What one benchmark submission is: a complete tenant registration (the police's highest-volume service).
// Every pack has required documents, none is document-free: the documents are stored once per citizen
// before the clock starts, and each submission names them, as a citizen re-using uploaded files would.
import { sql } from 'kysely';
import type { Actor } from '../../../src/platform/actor.ts';
import type { Db } from '../../../src/platform/db/database.ts';
import type { DocumentStore } from '../../../src/platform/storage/document-store.ts';
import { tinyPng } from '../../../src/platform/storage/test-fixtures.ts';
import { pakistanToday } from '../../../src/modules/applications/form/values.ts';
import type { Services } from '../../../src/services.ts';
import type { BenchCitizen } from './people.ts';

export const SERVICE_CODE = 'tenant-registration';
export const DOCUMENT_FIELDS = ['tenantCnicCopy', 'tenantPhoto', 'ownerCnicCopy'] as const;
export type DocumentKeys = Record<(typeof DOCUMENT_FIELDS)[number], string>;

const dashed = (cnic: string) => `${cnic.slice(0, 5)}-${cnic.slice(5, 12)}-${cnic.slice(12)}`;

/** Every answer of the form, as strings (the web form's shape; the API takes the same values). */
export function tenantAnswers(
  owner: BenchCitizen,
  district: string,
  documents: DocumentKeys,
  now: Date = new Date(),
): Record<string, string> {
  return {
    ownerCnic: dashed(owner.cnic),
    ownerName: owner.fullName,
    ownerMobile: owner.mobile,
    district,
    policeStation: 'City Police Station',
    propertyType: 'house',
    propertyAddress: 'House 14, Street 3, Satellite Town',
    tenancyStart: pakistanToday(now),
    monthlyRent: '35000',
    tenantCnic: '54401-7654321-3',
    tenantName: 'Abdul Wahid',
    tenantFatherName: 'Abdul Majeed',
    tenantMobile: '+923009876543',
    tenantPermanentAddress: 'Village Kuchlak, Tehsil Quetta Saddar',
    occupants: '4',
    ...documents,
  };
}

/** Stores one set of (tiny, valid) documents in the server's document store. */
export async function storeDocuments(store: DocumentStore): Promise<DocumentKeys> {
  const keys: Partial<DocumentKeys> = {};
  for (const field of DOCUMENT_FIELDS) keys[field] = (await store.put(tinyPng(), 'png')).key;
  return keys as DocumentKeys;
}

export interface PreparedDraft {
  readonly id: string;
  readonly applicantId: string;
}

/**
 * `count` complete drafts ready to send, spread over the citizens and districts. One is filled through
 * the service, step by step, so its answers are exactly what the form stores; the rest are copies of it
 * made in SQL (with their "created" history events), which is quick for thousands.
 */
export async function prepareDrafts(
  db: Db,
  services: Services,
  citizens: readonly BenchCitizen[],
  districts: readonly string[],
  documents: DocumentKeys,
  count: number,
): Promise<PreparedDraft[]> {
  const first = citizens[0];
  if (first === undefined) throw new Error('No citizens');
  const actor: Actor = {
    kind: 'user',
    userId: first.id,
    label: first.fullName,
    accountKind: 'citizen',
    grants: [],
  };
  const template = await services.applications.startDraft(actor, {
    serviceCode: SERVICE_CODE,
    districtCode: districts[0] ?? 'QTA',
  });
  const { pack } = await services.applications.get(actor, { id: template });
  const raw = tenantAnswers(first, districts[0] ?? 'QTA', documents);
  let version = 1;
  for (const step of pack.form.steps) {
    const saved = await services.applications.saveStep(actor, template, { stepId: step.id, raw, version });
    if (saved.errors.length > 0)
      throw new Error(`The benchmark answers fail: ${JSON.stringify(saved.errors)}`);
    version = saved.version;
  }
  const applicants = Array.from({ length: count }, (_, i) => citizens[i % citizens.length]?.id ?? first.id);
  const spread = Array.from({ length: count }, (_, i) => districts[i % districts.length] ?? 'QTA');
  const rows = await sql<{ id: string; applicant_id: string }>`
    insert into application (service_code, pack_version, applicant_id, district_code, department_code, answers)
    select t.service_code, t.pack_version, x.applicant_id, x.district_code, t.department_code,
           jsonb_set(t.answers, '{district}', to_jsonb(x.district_code))
    from application t
    cross join unnest(${applicants}::uuid[], ${spread}::text[]) as x(applicant_id, district_code)
    where t.id = ${template}
    returning id, applicant_id`.execute(db);
  await sql`
    insert into application_event (application_id, actor_id, actor_label, kind)
    select a.id, a.applicant_id, u.full_name, 'created'
    from application a join user_account u on u.id = a.applicant_id
    where a.id = any(${rows.rows.map((row) => row.id)}::uuid[])`.execute(db);
  return rows.rows.map((row) => ({ id: row.id, applicantId: row.applicant_id }));
}
