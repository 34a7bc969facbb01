// SQL for the registered relying parties (OpenID Connect clients).
import type { ColumnType, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type OidcClientTables = {
  oidc_client: {
    client_id: string;
    client_secret_hash: string;
    name: string;
    redirect_uris: string[];
    post_logout_redirect_uris: string[];
    scopes: string[];
    government_internal: boolean;
    created_by: string;
    created_at: ColumnType<Date, never, never>;
    disabled_at: Date | null;
  };
};

const tables = (db: Db) => db.$extendTables<OidcClientTables>();

export interface ClientRecord {
  readonly clientId: string;
  readonly clientSecretHash: string;
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly scopes: readonly string[];
  readonly governmentInternal: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
}

function toRecord(row: Selectable<OidcClientTables['oidc_client']>): ClientRecord {
  return {
    clientId: row.client_id,
    clientSecretHash: row.client_secret_hash,
    name: row.name,
    redirectUris: row.redirect_uris,
    postLogoutRedirectUris: row.post_logout_redirect_uris,
    scopes: row.scopes,
    governmentInternal: row.government_internal,
    createdBy: row.created_by,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

export async function insertClient(
  db: Db,
  client: Omit<ClientRecord, 'createdAt' | 'disabledAt'>,
): Promise<void> {
  await tables(db)
    .insertInto('oidc_client')
    .values({
      client_id: client.clientId,
      client_secret_hash: client.clientSecretHash,
      name: client.name,
      redirect_uris: [...client.redirectUris],
      post_logout_redirect_uris: [...client.postLogoutRedirectUris],
      scopes: [...client.scopes],
      government_internal: client.governmentInternal,
      created_by: client.createdBy,
    })
    .execute();
}

export async function findClient(db: Db, clientId: string): Promise<ClientRecord | undefined> {
  const row = await tables(db)
    .selectFrom('oidc_client')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row === undefined ? undefined : toRecord(row);
}

export async function findClients(db: Db, clientIds: readonly string[]): Promise<ClientRecord[]> {
  if (clientIds.length === 0) return [];
  const rows = await tables(db)
    .selectFrom('oidc_client')
    .selectAll()
    .where('client_id', 'in', [...clientIds])
    .execute();
  return rows.map(toRecord);
}

export async function listClients(db: Db): Promise<ClientRecord[]> {
  const rows = await tables(db).selectFrom('oidc_client').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(toRecord);
}
