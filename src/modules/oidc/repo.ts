// SQL for oidc-provider's artefacts (one table keyed by (id, type)) and the provider's settings.
import { type ColumnType, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

type Json = Record<string, unknown>;

export type OidcPayloadTables = {
  oidc_payload: {
    id: string;
    type: string;
    payload: ColumnType<Json, string, string>;
    grant_id: string | null;
    uid: string | null;
    user_code: string | null;
    expires_at: Date | null;
    consumed_at: Date | null;
  };
  oidc_setting: {
    name: string;
    value: string;
    created_at: ColumnType<Date, never, never>;
  };
};

const tables = (db: Db) => db.$extendTables<OidcPayloadTables>();

export interface StoredPayload {
  readonly payload: Json;
  readonly consumedAt: Date | null;
}

export async function upsertPayload(
  db: Db,
  row: {
    id: string;
    type: string;
    payload: Json;
    grantId: string | null;
    uid: string | null;
    userCode: string | null;
    expiresInSeconds: number | undefined;
  },
): Promise<void> {
  const expiresAt =
    row.expiresInSeconds === undefined ? null : new Date(Date.now() + row.expiresInSeconds * 1000);
  const values = {
    payload: JSON.stringify(row.payload),
    grant_id: row.grantId,
    uid: row.uid,
    user_code: row.userCode,
    expires_at: expiresAt,
  };
  await tables(db)
    .insertInto('oidc_payload')
    .values({ id: row.id, type: row.type, ...values })
    .onConflict((oc) => oc.columns(['id', 'type']).doUpdateSet(values))
    .execute();
}

/** One artefact by id, uid or user code; expired ones are as good as absent. */
export async function findPayload(
  db: Db,
  type: string,
  by: 'id' | 'uid' | 'user_code',
  value: string,
): Promise<StoredPayload | undefined> {
  const row = await tables(db)
    .selectFrom('oidc_payload')
    .select(['payload', 'consumed_at'])
    .where('type', '=', type)
    .where(by, '=', value)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
  return row === undefined ? undefined : { payload: row.payload, consumedAt: row.consumed_at };
}

/**
 * Marks an artefact consumed if nobody has yet, atomically. Returns 'consumed' on success,
 * 'already' when another request consumed it first (the caller treats that as a replay), 'missing'.
 */
export async function consumePayload(
  db: Db,
  type: string,
  id: string,
): Promise<{ outcome: 'consumed' | 'already' | 'missing'; grantId: string | null }> {
  const updated = await tables(db)
    .updateTable('oidc_payload')
    .set({ consumed_at: sql<Date>`now()` })
    .where('type', '=', type)
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .returning('grant_id')
    .executeTakeFirst();
  if (updated !== undefined) return { outcome: 'consumed', grantId: updated.grant_id };
  const existing = await tables(db)
    .selectFrom('oidc_payload')
    .select('grant_id')
    .where('type', '=', type)
    .where('id', '=', id)
    .executeTakeFirst();
  return { outcome: existing === undefined ? 'missing' : 'already', grantId: existing?.grant_id ?? null };
}

export async function destroyPayload(db: Db, type: string, id: string): Promise<void> {
  await tables(db).deleteFrom('oidc_payload').where('type', '=', type).where('id', '=', id).execute();
}

/** The artefacts of one type issued under a grant (oidc-provider calls this once per model). */
export async function revokePayloadsOfGrant(db: Db, type: string, grantId: string): Promise<void> {
  await tables(db)
    .deleteFrom('oidc_payload')
    .where('type', '=', type)
    .where('grant_id', '=', grantId)
    .execute();
}

/** Every artefact issued under a grant (codes, tokens) and the grant itself. */
export async function revokeGrantEverywhere(db: Db, grantId: string): Promise<void> {
  await tables(db)
    .deleteFrom('oidc_payload')
    .where((eb) =>
      eb.or([eb('grant_id', '=', grantId), eb.and([eb('type', '=', 'Grant'), eb('id', '=', grantId)])]),
    )
    .execute();
}

/** Deletes up to `limit` artefacts that expired more than `graceSeconds` ago; returns how many. */
export async function deleteExpiredPayloads(db: Db, graceSeconds: number, limit: number): Promise<number> {
  const result = await sql<{ count: number }>`
    with doomed as (
      select id, type from oidc_payload
      where expires_at < now() - make_interval(secs => ${graceSeconds})
      limit ${limit}
    )
    delete from oidc_payload p using doomed d where p.id = d.id and p.type = d.type`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

export interface GrantRow {
  readonly grantId: string;
  readonly clientId: string;
  readonly payload: Json;
}

/** The live grants an account gave to relying parties. */
export async function grantsOfAccount(db: Db, accountId: string): Promise<GrantRow[]> {
  const rows = await tables(db)
    .selectFrom('oidc_payload')
    .select(['id', 'payload'])
    .where('type', '=', 'Grant')
    .where(sql<string>`payload->>'accountId'`, '=', accountId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .execute();
  return rows.map((row) => ({
    grantId: row.id,
    clientId: typeof row.payload['clientId'] === 'string' ? row.payload['clientId'] : '',
    payload: row.payload,
  }));
}

export async function findSetting(db: Db, name: string): Promise<string | undefined> {
  const row = await tables(db)
    .selectFrom('oidc_setting')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.value;
}
