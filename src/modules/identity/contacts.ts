// Changing the verified mobile number or e-mail address: the password again, then a code sent to the new
// contact. The change is made only when the code comes back, so a mistyped number changes nothing.
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { type FieldError, validationFailed } from '../../platform/errors.ts';
import { verifyPassword } from './accounts/password.ts';
import { findAccountByEmail, findAccountById, updateAccount } from './accounts/repo-identity.ts';
import { notificationsService } from '../notifications/service.ts';
import { forbiddenUnlessUser } from './actor-guards.ts';
import { CODE_TTL_MS, type OneTimeCodes, type VerifyResult } from './credentials/one-time-codes.ts';
import { normaliseMobile } from './identifiers.ts';
import type { ContactKind } from './verification.ts';

export type { ContactKind };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function normaliseContact(kind: ContactKind, value: string): string | undefined {
  if (kind === 'mobile') return normaliseMobile(value);
  const email = value.trim().toLowerCase();
  return EMAIL.test(email) && email.length <= 254 ? email : undefined;
}

/** Step 1: checks the password and the new contact, then sends a code to the new contact. */
export async function startContactChange(
  db: Db,
  codes: OneTimeCodes,
  actor: Actor,
  input: { kind: ContactKind; value: string; password: string },
): Promise<string> {
  const account = await findAccountById(db, forbiddenUnlessUser(actor));
  const errors: FieldError[] = [];
  const destination = normaliseContact(input.kind, input.value);
  if (destination === undefined) {
    errors.push({
      field: 'value',
      messageKey: input.kind === 'mobile' ? 'signUp.mobileFormat' : 'signUp.emailFormat',
    });
  }
  if (input.kind === 'email' && destination !== undefined) {
    const holder = await findAccountByEmail(db, destination);
    if (holder !== undefined && holder.id !== account?.id)
      errors.push({ field: 'value', messageKey: 'contacts.emailTaken' });
  }
  const passwordOk =
    account?.passwordHash != null && (await verifyPassword(input.password, account.passwordHash));
  if (!passwordOk) errors.push({ field: 'password', messageKey: 'contacts.wrongPassword' });
  if (errors.length > 0 || destination === undefined || account === undefined) {
    throw validationFailed('The change cannot be started', errors);
  }
  await inTransaction(db, async (trx) => {
    const purpose = input.kind === 'mobile' ? 'change_mobile' : 'change_email';
    const issued = await codes.issueCode(trx, { purpose, destination, userId: account.id });
    await notificationsService(trx).enqueue(trx, {
      event: 'otp.changeContact',
      channel: input.kind === 'mobile' ? 'sms' : 'email',
      recipient: destination,
      locale: account.preferredLocale,
      params: { code: issued.code, minutes: String(CODE_TTL_MS / 60_000) },
      userId: account.id,
    });
  });
  return destination;
}

/** Step 2: the code sent to the new contact makes the change, already verified. */
export async function confirmContactChange(
  db: Db,
  codes: OneTimeCodes,
  actor: Actor,
  input: { kind: ContactKind; destination: string; code: string; ip: string | null },
): Promise<VerifyResult> {
  const userId = forbiddenUnlessUser(actor);
  return inTransaction(db, async (trx) => {
    const purpose = input.kind === 'mobile' ? 'change_mobile' : 'change_email';
    const result = await codes.verifyCode(trx, { purpose, destination: input.destination, code: input.code });
    if (result.status !== 'ok') return result;
    if (result.userId !== userId) return { status: 'not_found' };
    const now = new Date();
    await updateAccount(
      trx,
      userId,
      input.kind === 'mobile'
        ? { mobile: input.destination, mobile_verified_at: now }
        : { email: input.destination, email_verified_at: now },
    );
    await insertAuditEvent(trx, {
      actorId: userId,
      actorLabel: actorLabel(actor),
      action: input.kind === 'mobile' ? 'account.mobile_changed' : 'account.email_changed',
      subjectType: 'user_account',
      subjectId: userId,
      ...(input.ip === null ? {} : { ip: input.ip }),
    });
    return result;
  });
}
