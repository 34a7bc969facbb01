// SQL for server-side sessions and sign-in failure counts.
import { type Generated, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

type IdentityTables = {
  user_session: {
    token_hash: string;
    id: Generated<string>;
    user_id: string;
    created_at: Generated<Date>;
    last_seen_at: Generated<Date>;
    expires_at: Date;
    idle_timeout_seconds: number;
    mfa_verified_at: Date | null;
    ip: string | null;
    user_agent: string | null;
    revoked_at: Date | null;
  };
  sign_in_failure: {
    user_id: string;
    ip: string;
    failures: number;
    last_failed_at: Date;
    locked_until: Date | null;
  };
};

const tables = (db: Db) => db.$extendTables<IdentityTables>();

export interface SessionRow {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly idleTimeoutSeconds: number;
  readonly mfaVerifiedAt: Date | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

function toSession(row: Selectable<IdentityTables['user_session']>): SessionRow {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    idleTimeoutSeconds: row.idle_timeout_seconds,
    mfaVerifiedAt: row.mfa_verified_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

export async function insertSession(
  db: Db,
  session: {
    tokenHash: string;
    userId: string;
    expiresAt: Date;
    idleTimeoutSeconds: number;
    mfaVerifiedAt: Date | null;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<string> {
  const row = await tables(db)
    .insertInto('user_session')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      expires_at: session.expiresAt,
      idle_timeout_seconds: session.idleTimeoutSeconds,
      mfa_verified_at: session.mfaVerifiedAt,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A live session: not revoked, not past its absolute expiry, not idle for longer than its timeout. */
export async function findLiveSession(db: Db, tokenHash: string, now: Date): Promise<SessionRow | undefined> {
  const row = await tables(db)
    .selectFrom('user_session')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where(sql<boolean>`last_seen_at + make_interval(secs => idle_timeout_seconds) > ${now}`)
    .executeTakeFirst();
  return row === undefined ? undefined : toSession(row);
}

export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await tables(db).updateTable('user_session').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Lowers the idle limit of a session to `seconds`; a session already at or under it is left alone. */
export async function lowerIdleTimeout(db: Db, id: string, seconds: number): Promise<void> {
  await tables(db)
    .updateTable('user_session')
    .set({ idle_timeout_seconds: seconds })
    .where('id', '=', id)
    .where('idle_timeout_seconds', '>', seconds)
    .execute();
}

export async function markSessionMfaVerified(db: Db, id: string, now: Date): Promise<void> {
  await tables(db)
    .updateTable('user_session')
    .set({ mfa_verified_at: now, last_seen_at: now })
    .where('id', '=', id)
    .execute();
}

export async function revokeSession(db: Db, id: string, userId: string, now: Date): Promise<boolean> {
  const result = await tables(db)
    .updateTable('user_session')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revokeSessionsOf(
  db: Db,
  userId: string,
  now: Date,
  exceptId?: string,
): Promise<number> {
  let query = tables(db)
    .updateTable('user_session')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listLiveSessions(db: Db, userId: string, now: Date): Promise<SessionRow[]> {
  const rows = await tables(db)
    .selectFrom('user_session')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where(sql<boolean>`last_seen_at + make_interval(secs => idle_timeout_seconds) > ${now}`)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map(toSession);
}

export interface FailureState {
  readonly failures: number;
  readonly lockedUntil: Date | null;
}

export async function failureState(
  db: Db,
  userId: string,
  ip: string,
): Promise<{ here: FailureState; total: number }> {
  const rows = await tables(db)
    .selectFrom('sign_in_failure')
    .select(['ip', 'failures', 'locked_until', 'last_failed_at'])
    .where('user_id', '=', userId)
    .execute();
  const here = rows.find((row) => row.ip === ip);
  return {
    here: { failures: here?.failures ?? 0, lockedUntil: here?.locked_until ?? null },
    total: rows.reduce((sum, row) => sum + row.failures, 0),
  };
}

export async function recordFailure(db: Db, userId: string, ip: string, now: Date, lockedUntil: Date | null) {
  await tables(db)
    .insertInto('sign_in_failure')
    .values({ user_id: userId, ip, failures: 1, last_failed_at: now, locked_until: lockedUntil })
    .onConflict((oc) =>
      oc.columns(['user_id', 'ip']).doUpdateSet((eb) => ({
        failures: eb('sign_in_failure.failures', '+', 1),
        last_failed_at: now,
        locked_until: lockedUntil,
      })),
    )
    .execute();
}

export async function clearFailures(db: Db, userId: string): Promise<void> {
  await tables(db).deleteFrom('sign_in_failure').where('user_id', '=', userId).execute();
}

/** Forgets failures older than `before`, so counts reflect recent guessing only. */
export async function forgetOldFailures(db: Db, userId: string, before: Date): Promise<void> {
  await tables(db)
    .deleteFrom('sign_in_failure')
    .where('user_id', '=', userId)
    .where('last_failed_at', '<', before)
    .execute();
}

/** Deletes sessions that ended (revoked or expired) before `before`; the audit trail keeps their story. */
export async function deleteEndedSessions(db: Db, before: Date): Promise<number> {
  const result = await tables(db)
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteStaleFailures(db: Db, before: Date): Promise<number> {
  const result = await tables(db)
    .deleteFrom('sign_in_failure')
    .where('last_failed_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
