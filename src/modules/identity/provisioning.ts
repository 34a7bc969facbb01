// Accounts made by the system rather than by their owner: demo data, and bulk imports from the systems
// Sahulat replaces. Only the console (a `system` actor) may call these.
import type { Actor } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { conflict, forbidden, validationFailed } from '../../platform/errors.ts';
import { hashPassword } from './accounts/password.ts';
import { findAccountByCnic, insertCitizen, updateAccount } from './accounts/repo-identity.ts';
import { base32Decode, totpStep } from './credentials/totp.ts';
import { normaliseCnic, normaliseMobile } from './identifiers.ts';

function requireSystem(actor: Actor): string {
  if (actor.kind !== 'system') throw forbidden('Only the console can provision accounts');
  return actor.label;
}

export async function provisionCitizen(
  db: Db,
  actor: Actor,
  input: {
    cnic: string;
    fullName: string;
    fullNameUr?: string;
    mobile: string;
    password: string;
    locale?: string;
  },
): Promise<string> {
  const label = requireSystem(actor);
  const cnic = normaliseCnic(input.cnic);
  const mobile = normaliseMobile(input.mobile);
  if (cnic === undefined || mobile === undefined) {
    throw validationFailed('Invalid CNIC or mobile', [
      { field: cnic === undefined ? 'cnic' : 'mobile', messageKey: 'signUp.cnicFormat' },
    ]);
  }
  if ((await findAccountByCnic(db, cnic)) !== undefined)
    throw conflict('A citizen with this CNIC already exists');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const id = await insertCitizen(trx, {
      cnic,
      fullName: input.fullName,
      fullNameUr: input.fullNameUr ?? null,
      mobile,
      email: null,
      passwordHash,
      preferredLocale: input.locale ?? 'en',
    });
    await updateAccount(trx, id, { mobile_verified_at: new Date() });
    await insertAuditEvent(trx, {
      actorId: null,
      actorLabel: label,
      action: 'account.provisioned',
      subjectType: 'user_account',
      subjectId: id,
    });
    return id;
  });
}

/** Enrols a known TOTP secret (base32) for a staff account, as if the officer had scanned it. */
export async function provisionSecondFactor(
  db: Db,
  actor: Actor,
  userId: string,
  secret: string,
): Promise<void> {
  const label = requireSystem(actor);
  base32Decode(secret); // throws on a malformed secret
  await inTransaction(db, async (trx) => {
    // The previous step counts as used, so the current code still works at the officer's first sign-in.
    await updateAccount(trx, userId, {
      totp_secret: secret,
      totp_enrolled_at: new Date(),
      totp_last_step: totpStep() - 2,
    });
    await insertAuditEvent(trx, {
      actorId: null,
      actorLabel: label,
      action: 'mfa.provisioned',
      subjectType: 'user_account',
      subjectId: userId,
    });
  });
}
