// Password sign-in with throttling. Failures count per account and client address: after 5 at one address
// that address waits 1 minute, doubling with each further failure up to 15 minutes; the citizen's own
// phone elsewhere is not locked. Past 50 failures within the hour from anywhere, the account waits
// 15 minutes everywhere (a reset by mobile code clears it). Unknown identifiers cost the same time.
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { hashPassword, needsRehash, verifyPassword } from './accounts/password.ts';
import {
  type AccountRecord,
  findAccountByCnic,
  findAccountByEmail,
  updateAccount,
} from './accounts/repo-identity.ts';
import { normaliseCnic } from './identifiers.ts';
import { clearFailures, failureState, forgetOldFailures, recordFailure } from './repo-sessions.ts';
import type { ClientInfo } from './sessions.ts';

const PER_ADDRESS_FREE_TRIES = 5;
const MAX_ADDRESS_LOCK_MS = 15 * 60_000;
const ACCOUNT_CEILING = 50;
const ACCOUNT_LOCK_MS = 15 * 60_000;
const FAILURE_MEMORY_MS = 60 * 60_000;

export type SignInResult =
  | { readonly outcome: 'ok'; readonly account: AccountRecord }
  | { readonly outcome: 'invalid' }
  | { readonly outcome: 'locked'; readonly retryAfterSeconds: number }
  | { readonly outcome: 'disabled' };

let dummyHash: Promise<string> | undefined;

/** Finds an account by CNIC (with or without dashes) or e-mail address. */
export async function findByIdentifier(db: Db, identifier: string): Promise<AccountRecord | undefined> {
  const trimmed = identifier.trim();
  if (trimmed.includes('@')) return findAccountByEmail(db, trimmed);
  const cnic = normaliseCnic(trimmed);
  return cnic === undefined ? undefined : findAccountByCnic(db, cnic);
}

export async function signInWithPassword(
  db: Db,
  input: { identifier: string; password: string },
  client: ClientInfo,
  now: Date = new Date(),
): Promise<SignInResult> {
  const account = await findByIdentifier(db, input.identifier);
  if (account?.passwordHash == null) {
    dummyHash ??= hashPassword('an unguessable placeholder password');
    await verifyPassword(input.password, await dummyHash);
    return { outcome: 'invalid' };
  }
  const ip = client.ip ?? 'unknown';
  await forgetOldFailures(db, account.id, new Date(now.getTime() - FAILURE_MEMORY_MS));
  const { here, total } = await failureState(db, account.id, ip);
  const lockedUntil = here.lockedUntil ?? null;
  if (lockedUntil !== null && lockedUntil > now) {
    return {
      outcome: 'locked',
      retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000),
    };
  }
  if (total >= ACCOUNT_CEILING) {
    return { outcome: 'locked', retryAfterSeconds: ACCOUNT_LOCK_MS / 1000 };
  }

  const valid = await verifyPassword(input.password, account.passwordHash);
  return inTransaction(db, async (trx) => {
    const audit = {
      actorId: account.id,
      actorLabel: account.fullName,
      subjectType: 'user_account',
      subjectId: account.id,
    };
    const where = { ip: client.ip ?? undefined, userAgent: client.userAgent ?? undefined };
    if (!valid) {
      const failures = here.failures + 1;
      const lockMs =
        failures >= PER_ADDRESS_FREE_TRIES
          ? Math.min(MAX_ADDRESS_LOCK_MS, 60_000 * 2 ** (failures - PER_ADDRESS_FREE_TRIES))
          : 0;
      await recordFailure(trx, account.id, ip, now, lockMs > 0 ? new Date(now.getTime() + lockMs) : null);
      await insertAuditEvent(trx, { ...audit, ...where, action: 'sign_in.failed', details: { failures } });
      return { outcome: 'invalid' } as const;
    }
    if (account.status !== 'active') {
      await insertAuditEvent(trx, { ...audit, ...where, action: 'sign_in.refused_disabled' });
      return { outcome: 'disabled' } as const;
    }
    await clearFailures(trx, account.id);
    // Hashes made with older parameters (or the earlier scrypt scheme) move to the current ones now.
    const rehash = needsRehash(account.passwordHash ?? '') ? await hashPassword(input.password) : undefined;
    await updateAccount(trx, account.id, {
      last_sign_in_at: now,
      ...(rehash === undefined ? {} : { password_hash: rehash }),
    });
    await insertAuditEvent(trx, { ...audit, ...where, action: 'sign_in.password_ok' });
    return { outcome: 'ok', account } as const;
  });
}
