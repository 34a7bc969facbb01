// The officers' second factor: TOTP (RFC 6238) enrolled at first sign-in, with one-time recovery codes.
// A staff session is created "awaiting second factor" by the password step and becomes usable here.
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import {
  type AccountRecord,
  advanceTotpStep,
  findAccountById,
  updateAccount,
} from './accounts/repo-identity.ts';
import {
  consumeRecoveryCode,
  generateRecoveryCodes,
  replaceRecoveryCodes,
} from './credentials/recovery-codes.ts';
import { generateTotpSecret, verifyTotp } from './credentials/totp.ts';
import { clearFailures, failureState, recordFailure } from './repo-sessions.ts';
import type { ClientInfo, ResolvedSession, SessionsService } from './sessions.ts';

const MAX_WRONG_CODES = 5;

export type SecondFactorResult = 'ok' | 'wrong' | 'too_many';

/** The account behind a session that still waits for its second factor, or an error. */
export async function pendingAccount(db: Db, session: ResolvedSession | null): Promise<AccountRecord> {
  if (session === null || !session.awaitingSecondFactor)
    throw new AppError('unauthenticated', 'Sign in first');
  const account = await findAccountById(db, session.session.userId);
  if (account === undefined) throw new AppError('unauthenticated', 'Sign in first');
  return account;
}

/** The secret to enrol: the pending one if enrolment was started, else a new one (kept until confirmed). */
export async function enrolmentSecret(db: Db, account: AccountRecord): Promise<string> {
  if (account.totpEnrolledAt !== null) throw new AppError('conflict', 'An authenticator is already enrolled');
  if (account.totpSecret !== null) return account.totpSecret;
  const secret = generateTotpSecret();
  await updateAccount(db, account.id, { totp_secret: secret });
  return secret;
}

function audit(
  account: AccountRecord,
  client: ClientInfo,
  action: string,
  details: Record<string, unknown> = {},
) {
  return {
    actorId: account.id,
    actorLabel: account.fullName,
    action,
    subjectType: 'user_account',
    subjectId: account.id,
    details,
    ...(client.ip === null ? {} : { ip: client.ip }),
    ...(client.userAgent === null ? {} : { userAgent: client.userAgent }),
  };
}

/** Confirms enrolment with a first code; returns the recovery codes to show once, or null if the code is wrong. */
export async function confirmEnrolment(
  db: Db,
  sessions: SessionsService,
  session: ResolvedSession,
  account: AccountRecord,
  code: string,
  client: ClientInfo,
): Promise<readonly string[] | null> {
  if (account.totpSecret === null || account.totpEnrolledAt !== null) return null;
  const step = verifyTotp(account.totpSecret, code, null);
  if (step === null) {
    await insertAuditEvent(db, audit(account, client, 'mfa.enrolment_failed'));
    return null;
  }
  const recovery = generateRecoveryCodes();
  await inTransaction(db, async (trx) => {
    await updateAccount(trx, account.id, { totp_enrolled_at: new Date(), totp_last_step: step });
    await replaceRecoveryCodes(trx, account.id, recovery.hashes);
    await insertAuditEvent(trx, audit(account, client, 'mfa.enrolled'));
  });
  await sessions.completeSecondFactor(session.session.id);
  return recovery.codes;
}

/** Checks a TOTP or recovery code for a session awaiting its second factor. */
export async function checkSecondFactor(
  db: Db,
  sessions: SessionsService,
  session: ResolvedSession,
  account: AccountRecord,
  code: string,
  client: ClientInfo,
): Promise<SecondFactorResult> {
  const ip = client.ip ?? 'unknown';
  const { here } = await failureState(db, account.id, ip);
  if (here.failures >= MAX_WRONG_CODES) {
    await sessions.end(account.id, session.session.id);
    return 'too_many';
  }
  let method: 'totp' | 'recovery_code' | undefined;
  if (account.totpSecret !== null) {
    const step = verifyTotp(account.totpSecret, code, account.totpLastStep);
    if (step !== null && (await advanceTotpStep(db, account.id, step))) method = 'totp';
  }
  if (method === undefined && (await consumeRecoveryCode(db, account.id, code))) method = 'recovery_code';
  if (method === undefined) {
    await recordFailure(db, account.id, ip, new Date(), null);
    await insertAuditEvent(db, audit(account, client, 'mfa.failed'));
    if (here.failures + 1 >= MAX_WRONG_CODES) {
      await sessions.end(account.id, session.session.id);
      return 'too_many';
    }
    return 'wrong';
  }
  await sessions.completeSecondFactor(session.session.id);
  await clearFailures(db, account.id);
  await insertAuditEvent(db, audit(account, client, 'mfa.ok', { method }));
  return 'ok';
}
