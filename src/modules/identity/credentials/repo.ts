// All SQL for recovery codes and one-time codes.
import { type Generated, sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';

export type CredentialTables = {
  recovery_code: {
    id: Generated<string>;
    user_id: string;
    code_hash: string;
    created_at: Generated<Date>;
    used_at: Date | null;
  };
  one_time_code: {
    id: Generated<string>;
    user_id: string | null;
    purpose: string;
    destination: string;
    code_hash: string;
    created_at: Generated<Date>;
    expires_at: Date;
    attempts: Generated<number>;
    consumed_at: Date | null;
    superseded_at: Date | null;
    last_sent_at: Generated<Date>;
    send_count: Generated<number>;
  };
};

const tables = (db: Db) => db.$extendTables<CredentialTables>();

// Recovery codes

export async function deleteRecoveryCodes(db: Db, userId: string): Promise<void> {
  await tables(db).deleteFrom('recovery_code').where('user_id', '=', userId).execute();
}

export async function insertRecoveryCodes(db: Db, userId: string, hashes: readonly string[]): Promise<void> {
  if (hashes.length === 0) return;
  await tables(db)
    .insertInto('recovery_code')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

/** Spends an unused code: true for exactly one caller however many race for it. */
export async function markRecoveryCodeUsed(db: Db, userId: string, codeHash: string): Promise<boolean> {
  const row = await tables(db)
    .updateTable('recovery_code')
    .set({ used_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await tables(db)
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.count;
}

// One-time codes

/**
 * Serialises issuing for one purpose and destination until the transaction ends, so two requests at the
 * same moment cannot both pass the resend throttle.
 */
export async function lockCodeDestination(db: Db, purpose: string, destination: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`one_time_code:${purpose}:${destination}`}, 0))`.execute(
    db,
  );
}

/** When codes for this purpose and destination were sent since `since`, oldest first. */
export async function sendTimesSince(
  db: Db,
  purpose: string,
  destination: string,
  since: Date,
): Promise<Date[]> {
  const rows = await tables(db)
    .selectFrom('one_time_code')
    .select('created_at')
    .where('purpose', '=', purpose)
    .where('destination', '=', destination)
    .where('created_at', '>', since)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.created_at);
}

export async function supersedeCodes(db: Db, purpose: string, destination: string, at: Date): Promise<void> {
  await tables(db)
    .updateTable('one_time_code')
    .set({ superseded_at: at })
    .where('purpose', '=', purpose)
    .where('destination', '=', destination)
    .where('consumed_at', 'is', null)
    .where('superseded_at', 'is', null)
    .execute();
}

export interface NewOneTimeCode {
  readonly userId: string | null;
  readonly purpose: string;
  readonly destination: string;
  readonly codeHash: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly sendCount: number;
}

export async function insertOneTimeCode(db: Db, code: NewOneTimeCode): Promise<string> {
  const row = await tables(db)
    .insertInto('one_time_code')
    .values({
      user_id: code.userId,
      purpose: code.purpose,
      destination: code.destination,
      code_hash: code.codeHash,
      created_at: code.createdAt,
      last_sent_at: code.createdAt,
      expires_at: code.expiresAt,
      send_count: code.sendCount,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface LiveCode {
  readonly id: string;
  readonly userId: string | null;
  readonly codeHash: string;
  readonly expiresAt: Date;
  readonly attempts: number;
}

/**
 * The current code for a purpose and destination (the newest one not superseded and not consumed),
 * locked until the transaction ends so that concurrent checks of it run one after the other.
 */
export async function lockCurrentCode(
  db: Db,
  purpose: string,
  destination: string,
): Promise<LiveCode | undefined> {
  const row = await tables(db)
    .selectFrom('one_time_code')
    .select(['id', 'user_id', 'code_hash', 'expires_at', 'attempts'])
    .where('purpose', '=', purpose)
    .where('destination', '=', destination)
    .where('superseded_at', 'is', null)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        id: row.id,
        userId: row.user_id,
        codeHash: row.code_hash,
        expiresAt: row.expires_at,
        attempts: row.attempts,
      };
}

/** Counts one wrong try; returns the attempts now recorded. */
export async function recordWrongAttempt(db: Db, id: string): Promise<number> {
  const row = await tables(db)
    .updateTable('one_time_code')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

/** Spends the code if it is still unspent: true for exactly one caller. */
export async function consumeOneTimeCode(
  db: Db,
  id: string,
  at: Date,
  maxAttempts: number,
): Promise<boolean> {
  const row = await tables(db)
    .updateTable('one_time_code')
    .set({ consumed_at: at })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where('attempts', '<', maxAttempts)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Housekeeping: removes codes created before `cutoff`. Returns how many. */
export async function deleteOneTimeCodesBefore(db: Db, cutoff: Date): Promise<number> {
  const result = await tables(db)
    .deleteFrom('one_time_code')
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
