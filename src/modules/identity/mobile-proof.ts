// Proving that a person holds a mobile number that belongs to no account: an overseas Pakistani filing a
// complaint with a foreign number, say. The same six-digit codes as contact verification (10 minutes,
// single use, 5 wrong tries, sends throttled per number), under a purpose of their own, so a code sent
// for this can never verify an account's mobile or reset a password.
import { type Actor, actorId, actorLabel } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { notificationsService } from '../notifications/service.ts';
import { CODE_TTL_MS, type OneTimeCodes, type VerifyResult } from './credentials/one-time-codes.ts';
import { normaliseMobile } from './identifiers.ts';

const PURPOSE = 'prove_mobile';

function e164(mobile: string): string {
  const normalised = normaliseMobile(mobile);
  if (normalised === undefined || normalised !== mobile)
    throw new AppError('bad_request', 'A mobile number to prove must be given in E.164 form');
  return normalised;
}

/**
 * Sends a code by SMS to `mobile` (E.164), in the caller's transaction when `db` is one. Throws
 * AppError 'rate_limited' with a field error on `code` when sending to this number is throttled.
 */
export async function sendMobileProof(
  db: Db,
  codes: OneTimeCodes,
  actor: Actor,
  input: { mobile: string; locale: string; reference: string },
): Promise<void> {
  const destination = e164(input.mobile);
  await inTransaction(db, async (trx) => {
    const issued = await codes.issueCode(trx, { purpose: PURPOSE, destination });
    await notificationsService(trx).enqueue(trx, {
      event: 'otp.verifyMobile',
      channel: 'sms',
      recipient: destination,
      locale: input.locale,
      params: { code: issued.code, minutes: String(CODE_TTL_MS / 60_000) },
    });
    await insertAuditEvent(trx, {
      actorId: actorId(actor),
      actorLabel: actorLabel(actor),
      action: 'code.sent',
      subjectType: 'mobile_proof',
      subjectId: input.reference,
      details: { purpose: PURPOSE, channel: 'sms' },
    });
  });
}

/**
 * Checks a code typed back for `mobile`. Runs in its own transaction (never the caller's), so a wrong
 * try is counted even when the caller goes on to fail.
 */
export async function checkMobileProof(
  db: Db,
  codes: OneTimeCodes,
  input: { mobile: string; code: string },
): Promise<VerifyResult> {
  if (db.isTransaction) throw new Error('checkMobileProof commits its own transaction');
  return codes.verifyCode(db, { purpose: PURPOSE, destination: e164(input.mobile), code: input.code });
}
