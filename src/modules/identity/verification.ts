// Proving a contact belongs to the account holder: a 6-digit code to the mobile (by SMS) or the e-mail
// address (by e-mail), typed back while signed in.
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { notificationsService } from '../notifications/service.ts';
import { type AccountRecord, findAccountById, updateAccount } from './accounts/repo-identity.ts';
import { forbiddenUnlessUser } from './actor-guards.ts';
import { CODE_TTL_MS, type OneTimeCodes, type VerifyResult } from './credentials/one-time-codes.ts';
import type { ClientInfo } from './sessions.ts';

export type ContactKind = 'mobile' | 'email';

const PURPOSE = { mobile: 'verify_mobile', email: 'verify_email' } as const;
const EVENT = { mobile: 'otp.verifyMobile', email: 'otp.verifyEmail' } as const;
const CHANNEL = { mobile: 'sms', email: 'email' } as const;

export function contactOf(
  account: AccountRecord,
  kind: ContactKind,
): { value: string | null; verifiedAt: Date | null } {
  return kind === 'mobile'
    ? { value: account.mobile, verifiedAt: account.mobileVerifiedAt }
    : { value: account.email, verifiedAt: account.emailVerifiedAt };
}

/** Issues a verification code and queues the message carrying it, in the caller's transaction; audited. */
export async function sendVerificationCode(
  trx: Db,
  codes: OneTimeCodes,
  to: { userId: string; actorLabel: string; kind: ContactKind; destination: string; locale: string },
): Promise<void> {
  const issued = await codes.issueCode(trx, {
    purpose: PURPOSE[to.kind],
    destination: to.destination,
    userId: to.userId,
  });
  await notificationsService(trx).enqueue(trx, {
    event: EVENT[to.kind],
    channel: CHANNEL[to.kind],
    recipient: to.destination,
    locale: to.locale,
    params: { code: issued.code, minutes: String(CODE_TTL_MS / 60_000) },
    userId: to.userId,
  });
  await insertAuditEvent(trx, {
    actorId: to.userId,
    actorLabel: to.actorLabel,
    action: 'code.sent',
    subjectType: 'user_account',
    subjectId: to.userId,
    details: { purpose: PURPOSE[to.kind], channel: CHANNEL[to.kind] },
  });
}

async function unverifiedContact(db: Db, actor: Actor, kind: ContactKind) {
  const account = await findAccountById(db, forbiddenUnlessUser(actor));
  const contact = account === undefined ? undefined : contactOf(account, kind);
  if (account === undefined || contact?.value == null)
    throw new AppError('not_found', `This account has no ${kind}`);
  return { account, destination: contact.value, verified: contact.verifiedAt !== null };
}

export async function resendVerificationCode(
  db: Db,
  codes: OneTimeCodes,
  actor: Actor,
  kind: ContactKind,
): Promise<void> {
  const { account, destination, verified } = await unverifiedContact(db, actor, kind);
  if (verified) return;
  await inTransaction(db, (trx) =>
    sendVerificationCode(trx, codes, {
      userId: account.id,
      actorLabel: actorLabel(actor),
      kind,
      destination,
      locale: account.preferredLocale,
    }),
  );
}

export async function verifyContact(
  db: Db,
  codes: OneTimeCodes,
  actor: Actor,
  kind: ContactKind,
  code: string,
  client: ClientInfo,
): Promise<VerifyResult | { readonly status: 'already' }> {
  const { account, destination, verified } = await unverifiedContact(db, actor, kind);
  if (verified) return { status: 'already' };
  return inTransaction(db, async (trx) => {
    const result = await codes.verifyCode(trx, { purpose: PURPOSE[kind], destination, code });
    if (result.status === 'ok') {
      const now = new Date();
      await updateAccount(
        trx,
        account.id,
        kind === 'mobile' ? { mobile_verified_at: now } : { email_verified_at: now },
      );
      await insertAuditEvent(trx, {
        actorId: account.id,
        actorLabel: actorLabel(actor),
        action: kind === 'mobile' ? 'account.mobile_verified' : 'account.email_verified',
        subjectType: 'user_account',
        subjectId: account.id,
        ...(client.ip === null ? {} : { ip: client.ip }),
        ...(client.userAgent === null ? {} : { userAgent: client.userAgent }),
      });
    }
    return result;
  });
}

/** The contact to show on the verification page. */
export async function contactToVerify(db: Db, actor: Actor, kind: ContactKind) {
  const { destination, verified } = await unverifiedContact(db, actor, kind);
  return { destination, verified };
}
