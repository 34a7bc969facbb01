// SQL for the Open311 API: the keys issued to apps, and complaints and their updates as the API lists them.
import type { Generated, Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import {
  type ComplaintEventRow,
  type ComplaintRow,
  type ComplaintState,
  type ComplaintTables,
  complaintTables,
} from '../repo.ts';

type KeyTables = {
  open311_api_key: {
    id: Generated<string>;
    app_name: string;
    contact_email: string;
    key_hash: string;
    key_prefix: string;
    created_by: string;
    created_at: Generated<Date>;
    revoked_at: Date | null;
  };
};

const keys = (db: Db) => db.$extendTables<KeyTables>();
export type ApiKeyRow = Selectable<KeyTables['open311_api_key']>;

export async function insertApiKey(
  db: Db,
  key: { appName: string; contactEmail: string; keyHash: string; keyPrefix: string; createdBy: string },
): Promise<string> {
  const row = await keys(db)
    .insertInto('open311_api_key')
    .values({
      app_name: key.appName,
      contact_email: key.contactEmail,
      key_hash: key.keyHash,
      key_prefix: key.keyPrefix,
      created_by: key.createdBy,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findActiveKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRow | undefined> {
  return keys(db)
    .selectFrom('open311_api_key')
    .selectAll()
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return keys(db).selectFrom('open311_api_key').selectAll().orderBy('created_at', 'desc').execute();
}

export async function revokeApiKey(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await keys(db)
    .updateTable('open311_api_key')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface RequestFilter {
  readonly numbers?: readonly string[];
  readonly serviceCodes?: readonly string[];
  readonly states?: readonly ComplaintState[];
  readonly from?: Date;
  readonly to?: Date;
  /** The calling app's key: its own requests are listed besides the public ones. */
  readonly apiKeyId?: string;
  readonly limit: number;
}

type Eb = import('kysely').ExpressionBuilder<ComplaintTables, 'complaint'>;

/** Public complaints (never frivolous or abusive ones), or any the calling app filed itself. */
function visible(eb: Eb, apiKeyId: string | undefined) {
  const isPublic = eb.and([eb('is_public', '=', true), eb('state', 'not in', ['frivolous', 'abusive'])]);
  return eb.and([
    eb('number', 'is not', null),
    apiKeyId === undefined ? isPublic : eb.or([isPublic, eb('api_key_id', '=', apiKeyId)]),
  ]);
}

export async function listRequests(db: Db, filter: RequestFilter): Promise<ComplaintRow[]> {
  let query = complaintTables(db)
    .selectFrom('complaint')
    .selectAll()
    .where((eb) => visible(eb, filter.apiKeyId));
  if (filter.numbers !== undefined) query = query.where('number', 'in', [...filter.numbers]);
  if (filter.serviceCodes !== undefined) query = query.where('sub_type_code', 'in', [...filter.serviceCodes]);
  if (filter.states !== undefined) query = query.where('state', 'in', [...filter.states]);
  if (filter.from !== undefined) query = query.where('filed_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('filed_at', '<=', filter.to);
  return query.orderBy('filed_at', 'desc').limit(filter.limit).execute();
}

/** The office's last word on each complaint (a resolution's or a rejection's remarks), for status_notes. */
export async function lastOfficialRemarks(
  db: Db,
  complaintIds: readonly string[],
): Promise<Map<string, string>> {
  if (complaintIds.length === 0) return new Map();
  const rows = await complaintTables(db)
    .selectFrom('complaint_event')
    .select(['complaint_id', 'remarks'])
    .distinctOn('complaint_id')
    .where('complaint_id', 'in', [...complaintIds])
    .where('kind', 'in', ['resolve', 'reject'])
    .where('remarks', 'is not', null)
    .orderBy('complaint_id')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.complaint_id, row.remarks ?? '']));
}

/** Status changes of visible complaints in a time window, oldest first. */
export async function listUpdates(
  db: Db,
  filter: { from: Date; to: Date; kinds: readonly string[]; apiKeyId?: string; limit: number },
): Promise<(ComplaintEventRow & { number: string | null; state: ComplaintState })[]> {
  return complaintTables(db)
    .selectFrom('complaint_event')
    .innerJoin('complaint', 'complaint.id', 'complaint_event.complaint_id')
    .selectAll('complaint_event')
    .select(['complaint.number', 'complaint.state'])
    .where((eb) => visible(eb as unknown as Eb, filter.apiKeyId))
    .where('complaint_event.kind', 'in', [...filter.kinds])
    .where('complaint_event.occurred_at', '>=', filter.from)
    .where('complaint_event.occurred_at', '<=', filter.to)
    .orderBy('complaint_event.occurred_at')
    .orderBy('complaint_event.id')
    .limit(filter.limit)
    .execute();
}
