// SQL for the provider's signing keys.
import { type ColumnType, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type SigningKeyAlg = 'ES256' | 'RS256';

export type OidcKeyTables = {
  oidc_signing_key: {
    kid: string;
    alg: SigningKeyAlg;
    private_jwk_encrypted: string;
    created_at: ColumnType<Date, never, never>;
    retired_at: Date | null;
  };
};

const tables = (db: Db) => db.$extendTables<OidcKeyTables>();

export interface SigningKeyRow {
  readonly kid: string;
  readonly alg: SigningKeyAlg;
  readonly privateJwkEncrypted: string;
  readonly createdAt: Date;
  readonly retiredAt: Date | null;
}

/** Serialises key creation between processes (several app instances starting, the CLI). */
export async function lockSigningKeys(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('sahulat.oidc_signing_key'))`.execute(db);
}

/** The signing key and the retired keys still inside their grace period, newest first. */
export async function publishedKeys(db: Db, graceSeconds: number): Promise<SigningKeyRow[]> {
  const rows = await tables(db)
    .selectFrom('oidc_signing_key')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('retired_at', 'is', null),
        eb('retired_at', '>', sql<Date>`now() - make_interval(secs => ${graceSeconds})`),
      ]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('kid')
    .execute();
  return rows.map((row) => ({
    kid: row.kid,
    alg: row.alg,
    privateJwkEncrypted: row.private_jwk_encrypted,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  }));
}

/** A cheap summary that changes whenever the published key set does (checked by every instance). */
export async function keySetFingerprint(db: Db, graceSeconds: number): Promise<string> {
  const row = await sql<{ fingerprint: string | null }>`
    select string_agg(kid || ':' || coalesce(retired_at::text, 'active'), ',' order by kid) as fingerprint
    from oidc_signing_key
    where retired_at is null or retired_at > now() - make_interval(secs => ${graceSeconds})`.execute(db);
  return row.rows[0]?.fingerprint ?? '';
}

export async function activeKid(db: Db): Promise<string | undefined> {
  const row = await tables(db)
    .selectFrom('oidc_signing_key')
    .select('kid')
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return row?.kid;
}

export async function retireActiveKey(db: Db): Promise<string | undefined> {
  const row = await tables(db)
    .updateTable('oidc_signing_key')
    .set({ retired_at: sql<Date>`now()` })
    .where('retired_at', 'is', null)
    .returning('kid')
    .executeTakeFirst();
  return row?.kid;
}

export async function insertSigningKey(
  db: Db,
  key: { kid: string; alg: SigningKeyAlg; privateJwkEncrypted: string },
): Promise<void> {
  await tables(db)
    .insertInto('oidc_signing_key')
    .values({ kid: key.kid, alg: key.alg, private_jwk_encrypted: key.privateJwkEncrypted })
    .execute();
}
