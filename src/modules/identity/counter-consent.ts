// A citizen's consent, at a facilitation-centre counter, to an operator filing an application for them:
// a 6-digit code goes by SMS to the citizen's phone and the citizen reads it out to the operator. A citizen
// without an account gets one here (no password: they can set one later with "forgot password", since the
// code they read out proves the mobile is theirs). The one-time-code rules are the identity module's: 10
// minutes, single use, 5 wrong tries, throttled sends.
import { type Actor, actorLabel, hasRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { type FieldError, forbidden, validationFailed } from '../../platform/errors.ts';
import { notificationsService } from '../notifications/service.ts';
import {
  type AccountRecord,
  findAccountByCnic,
  insertCitizen,
  updateAccount,
} from './accounts/repo-identity.ts';
import { CODE_TTL_MS, type OneTimeCodes, type VerifyResult } from './credentials/one-time-codes.ts';
import { normaliseCnic, normaliseMobile } from './identifiers.ts';

export interface WalkIn {
  readonly cnic: string;
  /** The number the operator typed: used only when the account has no verified mobile of its own. */
  readonly mobile: string;
  /** Needed only to open an account for a citizen who has none. */
  readonly fullName?: string;
  readonly locale: string;
}

export type ConsentCheck =
  | {
      readonly status: 'ok';
      readonly citizenId: string;
      readonly citizenName: string;
      readonly codeId: string;
    }
  | Exclude<VerifyResult, { status: 'ok' }>;

function requireOperator(actor: Actor): Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user' || !hasRole(actor, 'operator'))
    throw forbidden('Only a facilitation-centre operator can ask for a citizen’s consent');
  return actor;
}

function checkWalkIn(input: WalkIn): { cnic: string; mobile: string } {
  const cnic = normaliseCnic(input.cnic);
  const mobile = normaliseMobile(input.mobile);
  const errors: FieldError[] = [];
  if (cnic === undefined)
    errors.push({
      field: 'cnic',
      messageKey: input.cnic.trim() === '' ? 'counter.cnicRequired' : 'signUp.cnicFormat',
    });
  if (mobile === undefined)
    errors.push({
      field: 'mobile',
      messageKey: input.mobile.trim() === '' ? 'counter.mobileRequired' : 'signUp.mobileFormat',
    });
  if (cnic === undefined || mobile === undefined) throw validationFailed('Check the CNIC and mobile', errors);
  return { cnic, mobile };
}

/**
 * Where the code goes. An account with a verified mobile gets it there and never at the number the operator
 * typed: otherwise an operator (or someone standing at the counter with a stolen CNIC number) could type a
 * phone of their own, read the code off it and file in the citizen's name. The typed number is used only
 * when the account has no proven mobile (a new account, or one never verified).
 */
function destinationFor(account: AccountRecord | undefined, typed: string): string {
  return account?.mobile != null && account.mobileVerifiedAt !== null ? account.mobile : typed;
}

/** "+92 300 *****67": enough for the citizen to know which phone to look at, not the whole number. */
export function maskMobile(e164: string): string {
  return `${e164.slice(0, 3)} ${e164.slice(3, 6)} ${'*'.repeat(Math.max(e164.length - 8, 0))}${e164.slice(-2)}`;
}

export async function sendCounterConsentCode(
  db: Db,
  codes: OneTimeCodes,
  actor: Actor,
  input: WalkIn,
): Promise<{ citizenId: string; sentTo: string; newAccount: boolean }> {
  const operator = requireOperator(actor);
  const { cnic, mobile } = checkWalkIn(input);
  const existing = await findAccountByCnic(db, cnic);
  if (existing !== undefined && (existing.kind !== 'citizen' || existing.status !== 'active'))
    throw validationFailed('This account cannot be used at the counter', [
      { field: 'cnic', messageKey: 'counter.accountUnusable' },
    ]);
  const fullName = input.fullName?.trim() ?? '';
  if (existing === undefined && (fullName.length < 2 || fullName.length > 200))
    throw validationFailed('A new account needs the citizen’s name', [
      { field: 'fullName', messageKey: 'counter.nameForNewAccount' },
    ]);
  const destination = destinationFor(existing, mobile);
  return inTransaction(db, async (trx) => {
    const citizenId =
      existing?.id ??
      (await insertCitizen(trx, {
        cnic,
        fullName,
        fullNameUr: null,
        mobile,
        email: null,
        passwordHash: null,
        preferredLocale: input.locale,
      }));
    if (existing === undefined) {
      await insertAuditEvent(trx, {
        actorId: operator.userId,
        actorLabel: operator.label,
        action: 'account.opened_at_counter',
        subjectType: 'user_account',
        subjectId: citizenId,
      });
    }
    // issueCode throws 'rate_limited' when the phone was sent a code less than a minute ago: the whole
    // transaction (a new account included) rolls back, and the operator is told how long to wait.
    const issued = await codes.issueCode(trx, { purpose: 'counter_consent', destination, userId: citizenId });
    await notificationsService(trx).enqueue(trx, {
      event: 'otp.counterConsent',
      channel: 'sms',
      recipient: destination,
      locale: existing?.preferredLocale ?? input.locale,
      params: { code: issued.code, minutes: String(CODE_TTL_MS / 60_000) },
      userId: citizenId,
    });
    await insertAuditEvent(trx, {
      actorId: operator.userId,
      actorLabel: operator.label,
      action: 'code.sent',
      subjectType: 'user_account',
      subjectId: citizenId,
      details: {
        purpose: 'counter_consent',
        channel: 'sms',
        to: existing?.mobile != null && existing.mobileVerifiedAt !== null ? 'account' : 'typed',
      },
    });
    return { citizenId, sentTo: maskMobile(destination), newAccount: existing === undefined };
  });
}

/**
 * Checks the code the citizen read out. The code was issued for this citizen's account: a right code for
 * the same phone issued for someone else (families share phones) is not consent for this CNIC.
 */
export async function checkCounterConsentCode(
  db: Db,
  codes: OneTimeCodes,
  actor: Actor,
  input: WalkIn & { code: string },
): Promise<ConsentCheck> {
  const operator = requireOperator(actor);
  const { cnic, mobile } = checkWalkIn(input);
  const account = await findAccountByCnic(db, cnic);
  if (account === undefined || account.kind !== 'citizen' || account.status !== 'active')
    return { status: 'not_found' };
  const destination = destinationFor(account, mobile);
  // In a transaction of its own, so a wrong try's count commits whatever happens next.
  const result = await codes.verifyCode(db, { purpose: 'counter_consent', destination, code: input.code });
  if (result.status !== 'ok') return result;
  if (result.userId !== account.id) return { status: 'not_found' };
  await inTransaction(db, async (trx) => {
    // The citizen read out a code sent to this phone: for a new account that proves the mobile is theirs.
    if (account.mobileVerifiedAt === null && account.mobile === destination) {
      await updateAccount(trx, account.id, { mobile_verified_at: new Date() });
      await insertAuditEvent(trx, {
        actorId: operator.userId,
        actorLabel: actorLabel(operator),
        action: 'account.mobile_verified',
        subjectType: 'user_account',
        subjectId: account.id,
        details: { at: 'counter' },
      });
    }
  });
  return { status: 'ok', citizenId: account.id, citizenName: account.fullName, codeId: result.id };
}
