// SQL of the API's idempotency keys (table idempotency_key, see the migration 20261128T0120). Safe across
// app instances: a key is claimed by one insert-if-absent, so of two requests racing with one key exactly
// one runs; the other sees the claim.
import { randomBytes } from 'node:crypto';
import { type ColumnType, sql } from 'kysely';
import type { Db } from '../db/database.ts';

type IdempotencyTables = {
  idempotency_key: {
    scope: string;
    key: string;
    fingerprint: string;
    state: 'in_flight' | 'done';
    claim: string;
    started_at: ColumnType<Date, Date | undefined, Date>;
    response_status: number | null;
    response_headers: ColumnType<Record<string, string> | null, string | null, string | null>;
    response_body: string | null;
    expires_at: Date;
  };
};

const tables = (db: Db) => db.$extendTables<IdempotencyTables>();

export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type ClaimOutcome =
  | { readonly outcome: 'claimed'; readonly claim: string }
  | { readonly outcome: 'replay'; readonly response: StoredResponse }
  | { readonly outcome: 'mismatch' }
  | { readonly outcome: 'in_flight' };

export interface ClaimRequest {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly lifetimeSeconds: number;
  /** An in-flight claim older than this is taken as abandoned (its instance crashed) and may be taken over. */
  readonly staleAfterSeconds: number;
}

/**
 * Claims the key for this request, or says what became of the first request with it. An expired row is
 * replaced; an abandoned in-flight claim of the same request is taken over.
 */
export async function claimKey(db: Db, request: ClaimRequest): Promise<ClaimOutcome> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const claim = randomBytes(16).toString('hex');
    const claimed = await tables(db)
      .insertInto('idempotency_key')
      .values({
        scope: request.scope,
        key: request.key,
        fingerprint: request.fingerprint,
        state: 'in_flight',
        claim,
        response_status: null,
        response_headers: null,
        response_body: null,
        expires_at: sql<Date>`now() + make_interval(secs => ${request.lifetimeSeconds})`,
      })
      .onConflict((oc) =>
        oc
          .columns(['scope', 'key'])
          .doUpdateSet({
            fingerprint: (eb) => eb.ref('excluded.fingerprint'),
            state: 'in_flight',
            claim: (eb) => eb.ref('excluded.claim'),
            started_at: sql<Date>`now()`,
            response_status: null,
            response_headers: null,
            response_body: null,
            expires_at: (eb) => eb.ref('excluded.expires_at'),
          })
          .where((eb) =>
            eb.or([
              eb('idempotency_key.expires_at', '<=', sql<Date>`now()`),
              eb.and([
                eb('idempotency_key.state', '=', 'in_flight'),
                eb('idempotency_key.fingerprint', '=', eb.ref('excluded.fingerprint')),
                eb(
                  'idempotency_key.started_at',
                  '<',
                  sql<Date>`now() - make_interval(secs => ${request.staleAfterSeconds})`,
                ),
              ]),
            ]),
          ),
      )
      .returning('claim')
      .executeTakeFirst();
    if (claimed !== undefined) return { outcome: 'claimed', claim: claimed.claim };
    const existing = await tables(db)
      .selectFrom('idempotency_key')
      .select(['fingerprint', 'state', 'response_status', 'response_headers', 'response_body'])
      .where('scope', '=', request.scope)
      .where('key', '=', request.key)
      .executeTakeFirst();
    if (existing === undefined) continue; // deleted in between (released, or cleaned up): try again
    if (existing.fingerprint !== request.fingerprint) return { outcome: 'mismatch' };
    if (existing.state === 'in_flight') return { outcome: 'in_flight' };
    return {
      outcome: 'replay',
      response: {
        status: existing.response_status ?? 200,
        headers: existing.response_headers ?? {},
        body: existing.response_body ?? '',
      },
    };
  }
  return { outcome: 'in_flight' };
}

/** Keeps the response for repeats; a claim that was taken over in the meantime changes nothing. */
export async function completeKey(
  db: Db,
  scope: string,
  key: string,
  claim: string,
  response: StoredResponse,
): Promise<void> {
  await tables(db)
    .updateTable('idempotency_key')
    .set({
      state: 'done',
      response_status: response.status,
      response_headers: JSON.stringify(response.headers),
      response_body: response.body,
    })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('claim', '=', claim)
    .execute();
}

/** Gives the key back (the request failed on our side), so that a retry runs again. */
export async function releaseKey(db: Db, scope: string, key: string, claim: string): Promise<void> {
  await tables(db)
    .deleteFrom('idempotency_key')
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('claim', '=', claim)
    .where('state', '=', 'in_flight')
    .execute();
}

/** Deletes up to `limit` expired keys; returns how many. */
export async function deleteExpiredKeys(db: Db, limit: number): Promise<number> {
  const result = await sql`
    delete from idempotency_key k using (
      select scope, key from idempotency_key where expires_at <= now() limit ${limit}
    ) doomed
    where k.scope = doomed.scope and k.key = doomed.key`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
