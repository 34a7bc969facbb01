// All SQL of the certificates module: signing keys, status lists, certificates and their history.
import { type ColumnType, type Generated, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type CertificateStatus = 'valid' | 'suspended' | 'revoked';
export type CertificateAction = 'issued' | 'suspended' | 'reinstated' | 'revoked';

export type CertificateTables = {
  certificate_signing_key: {
    kid: string;
    department_code: string;
    alg: 'ES256';
    public_jwk: ColumnType<PublicJwk, string, never>;
    private_jwk_encrypted: string;
    created_at: ColumnType<Date, never, never>;
    retired_at: Date | null;
  };
  certificate_status_list: {
    id: string;
    department_code: string;
    length: number;
    used: ColumnType<number, number | undefined, number>;
    created_at: ColumnType<Date, never, never>;
  };
  certificate: {
    id: string;
    department_code: string;
    district_code: string;
    application_number: string;
    service_code: string;
    certificate_type: string;
    kid: string;
    credential: string;
    log_index: number;
    status_list_id: string;
    status_index: number;
    status: ColumnType<CertificateStatus, CertificateStatus | undefined, CertificateStatus>;
    status_changed_at: Date | null;
    issued_by: string;
    issued_at: ColumnType<Date, Date | undefined, never>;
  };
  certificate_event: {
    id: Generated<number>;
    certificate_id: string;
    action: CertificateAction;
    reason: string | null;
    actor_id: string | null;
    actor_label: string;
    occurred_at: ColumnType<Date, never, never>;
  };
};

export interface PublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly alg: 'ES256';
  readonly use: 'sig';
}

export type CertificateRow = Selectable<CertificateTables['certificate']>;
export type CertificateEventRow = Selectable<CertificateTables['certificate_event']>;
export type SigningKeyRow = Selectable<CertificateTables['certificate_signing_key']>;

const tables = (db: Db) => db.$extendTables<CertificateTables>();

/** Serialises key creation and rotation for one department (several instances, the CLI). */
export async function lockDepartmentKeys(db: Db, departmentCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`sahulat.certificate_key.${departmentCode}`}))`.execute(
    db,
  );
}

export async function activeKey(db: Db, departmentCode: string): Promise<SigningKeyRow | undefined> {
  return tables(db)
    .selectFrom('certificate_signing_key')
    .selectAll()
    .where('department_code', '=', departmentCode)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
}

export async function keyByKid(db: Db, kid: string): Promise<SigningKeyRow | undefined> {
  return tables(db)
    .selectFrom('certificate_signing_key')
    .selectAll()
    .where('kid', '=', kid)
    .executeTakeFirst();
}

/** Every key ever used (retired ones too: certificates they signed stay verifiable), newest first. */
export async function publishedKeys(db: Db, departmentCode?: string): Promise<SigningKeyRow[]> {
  let query = tables(db).selectFrom('certificate_signing_key').selectAll();
  if (departmentCode !== undefined) query = query.where('department_code', '=', departmentCode);
  return query.orderBy('department_code').orderBy('created_at', 'desc').orderBy('kid').execute();
}

export async function insertKey(
  db: Db,
  key: { kid: string; departmentCode: string; publicJwk: PublicJwk; privateJwkEncrypted: string },
): Promise<void> {
  await tables(db)
    .insertInto('certificate_signing_key')
    .values({
      kid: key.kid,
      department_code: key.departmentCode,
      alg: 'ES256',
      public_jwk: JSON.stringify(key.publicJwk),
      private_jwk_encrypted: key.privateJwkEncrypted,
    })
    .execute();
}

export async function retireKey(db: Db, departmentCode: string): Promise<string | undefined> {
  const row = await tables(db)
    .updateTable('certificate_signing_key')
    .set({ retired_at: sql<Date>`now()` })
    .where('department_code', '=', departmentCode)
    .where('retired_at', 'is', null)
    .returning('kid')
    .executeTakeFirst();
  return row?.kid;
}

/** A department's status list with room, locked for this transaction; undefined when all are full. */
export async function openStatusList(
  db: Db,
  departmentCode: string,
): Promise<{ id: string; length: number } | undefined> {
  return tables(db)
    .selectFrom('certificate_status_list')
    .select(['id', 'length'])
    .where('department_code', '=', departmentCode)
    .where(sql<boolean>`used < length`)
    .orderBy('created_at')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function statusListCount(db: Db, departmentCode: string): Promise<number> {
  const row = await tables(db)
    .selectFrom('certificate_status_list')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('department_code', '=', departmentCode)
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function insertStatusList(db: Db, list: { id: string; departmentCode: string; length: number }) {
  await tables(db)
    .insertInto('certificate_status_list')
    .values({ id: list.id, department_code: list.departmentCode, length: list.length })
    .execute();
}

export async function statusList(db: Db, id: string) {
  return tables(db).selectFrom('certificate_status_list').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function slotTaken(db: Db, listId: string, index: number): Promise<boolean> {
  const row = await tables(db)
    .selectFrom('certificate')
    .select('id')
    .where('status_list_id', '=', listId)
    .where('status_index', '=', index)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countSlotUsed(db: Db, listId: string): Promise<void> {
  await tables(db)
    .updateTable('certificate_status_list')
    .set((eb) => ({ used: eb('used', '+', 1) }))
    .where('id', '=', listId)
    .execute();
}

/** The indices in a list whose certificates have the given status (the set bits of that list). */
export async function indicesWithStatus(
  db: Db,
  listId: string,
  status: CertificateStatus,
): Promise<number[]> {
  const rows = await tables(db)
    .selectFrom('certificate')
    .select('status_index')
    .where('status_list_id', '=', listId)
    .where('status', '=', status)
    .execute();
  return rows.map((row) => row.status_index);
}

export async function insertCertificate(
  db: Db,
  row: Omit<CertificateRow, 'status' | 'status_changed_at' | 'issued_at'>,
) {
  await tables(db).insertInto('certificate').values(row).execute();
}

export async function certificateById(db: Db, id: string): Promise<CertificateRow | undefined> {
  return tables(db).selectFrom('certificate').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function certificateFor(
  db: Db,
  applicationNumber: string,
  certificateType: string,
): Promise<CertificateRow | undefined> {
  return tables(db)
    .selectFrom('certificate')
    .selectAll()
    .where('application_number', '=', applicationNumber)
    .where('certificate_type', '=', certificateType)
    .executeTakeFirst();
}

export async function certificatesOfApplication(
  db: Db,
  applicationNumber: string,
): Promise<CertificateRow[]> {
  return tables(db)
    .selectFrom('certificate')
    .selectAll()
    .where('application_number', '=', applicationNumber)
    .orderBy('issued_at')
    .execute();
}

/** Changes the status only if it is still `from` (optimistic: two officers acting at once). */
export async function updateStatus(
  db: Db,
  id: string,
  from: CertificateStatus,
  to: CertificateStatus,
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('certificate')
    .set({ status: to, status_changed_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function insertEvent(
  db: Db,
  event: {
    certificateId: string;
    action: CertificateAction;
    reason: string | null;
    actorId: string | null;
    actorLabel: string;
  },
): Promise<void> {
  await tables(db)
    .insertInto('certificate_event')
    .values({
      certificate_id: event.certificateId,
      action: event.action,
      reason: event.reason,
      actor_id: event.actorId,
      actor_label: event.actorLabel,
    })
    .execute();
}

export async function eventsOf(db: Db, certificateId: string): Promise<CertificateEventRow[]> {
  return tables(db)
    .selectFrom('certificate_event')
    .selectAll()
    .where('certificate_id', '=', certificateId)
    .orderBy('id')
    .execute();
}
