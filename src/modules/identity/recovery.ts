// Password reset by a code sent to the verified mobile.
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { validationFailed } from '../../platform/errors.ts';
import { hashPassword } from './accounts/password.ts';
import { updateAccount } from './accounts/repo-identity.ts';
import { notificationsService } from '../notifications/service.ts';
import { CODE_TTL_MS, type OneTimeCodes, type VerifyResult } from './credentials/one-time-codes.ts';
import { checkPasswordPolicy } from './credentials/password-policy.ts';
import { clearFailures, revokeSessionsOf } from './repo-sessions.ts';
import type { ClientInfo } from './sessions.ts';
import { findByIdentifier } from './sign-in.ts';

const where = (client: ClientInfo) => ({
  ...(client.ip === null ? {} : { ip: client.ip }),
  ...(client.userAgent === null ? {} : { userAgent: client.userAgent }),
});

/**
 * Sends a reset code to the account's verified mobile. Says nothing about whether the account exists:
 * the page shows the same words either way.
 */
export async function requestPasswordReset(
  db: Db,
  codes: OneTimeCodes,
  identifier: string,
  client: ClientInfo,
) {
  const account = await findByIdentifier(db, identifier);
  if (account?.mobile == null || account.mobileVerifiedAt === null || account.status !== 'active') return;
  const mobile = account.mobile;
  await inTransaction(db, async (trx) => {
    const issued = await codes.issueCode(trx, {
      purpose: 'password_reset',
      destination: mobile,
      userId: account.id,
    });
    await notificationsService(trx).enqueue(trx, {
      event: 'otp.resetPassword',
      channel: 'sms',
      recipient: mobile,
      locale: account.preferredLocale,
      params: { code: issued.code, minutes: String(CODE_TTL_MS / 60_000) },
      userId: account.id,
    });
    await insertAuditEvent(trx, {
      actorId: null,
      actorLabel: 'anonymous',
      action: 'account.password_reset_code_sent',
      subjectType: 'user_account',
      subjectId: account.id,
      ...where(client),
    });
  });
}

export type ResetOutcome = { readonly status: 'ok' } | Exclude<VerifyResult, { status: 'ok' }>;

/** Checks the code and sets the new password; ends every session and lifts any sign-in lock. */
export async function resetPassword(
  db: Db,
  codes: OneTimeCodes,
  input: { identifier: string; code: string; password: string },
  client: ClientInfo,
): Promise<ResetOutcome> {
  const account = await findByIdentifier(db, input.identifier);
  if (account?.mobile == null) return { status: 'not_found' };
  const mobile = account.mobile;
  const policy = checkPasswordPolicy(input.password, {
    ...(account.cnic === null ? {} : { cnic: account.cnic }),
    ...(account.email === null ? {} : { email: account.email }),
    name: account.fullName,
  });
  if (policy.length > 0) throw validationFailed('The new password is not acceptable', policy);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const result = await codes.verifyCode(trx, {
      purpose: 'password_reset',
      destination: mobile,
      code: input.code,
    });
    if (result.status !== 'ok') return result;
    const now = new Date();
    await updateAccount(trx, account.id, { password_hash: passwordHash, password_changed_at: now });
    await clearFailures(trx, account.id);
    await revokeSessionsOf(trx, account.id, now);
    await notificationsService(trx).enqueue(trx, {
      event: 'account.passwordChanged',
      channel: 'sms',
      recipient: mobile,
      locale: account.preferredLocale,
      params: { time: now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' },
      userId: account.id,
    });
    await insertAuditEvent(trx, {
      actorId: account.id,
      actorLabel: account.fullName,
      action: 'account.password_reset',
      subjectType: 'user_account',
      subjectId: account.id,
      ...where(client),
    });
    return { status: 'ok' } as const;
  });
}
