// Citizen sign-up: CNIC/NICOP, name, mobile (Pakistani or overseas), optional e-mail, password. One account
// per CNIC. The account, the verification code and the SMS carrying it are written in one transaction.
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { type FieldError, validationFailed } from '../../platform/errors.ts';
import { hashPassword } from './accounts/password.ts';
import { findAccountByCnic, insertCitizen } from './accounts/repo-identity.ts';
import type { OneTimeCodes } from './credentials/one-time-codes.ts';
import { checkPasswordPolicy } from './credentials/password-policy.ts';
import { normaliseCnic, normaliseMobile } from './identifiers.ts';
import type { ClientInfo } from './sessions.ts';
import { sendVerificationCode } from './verification.ts';

export interface SignUpForm {
  readonly cnic: string;
  readonly fullName: string;
  readonly fullNameUr: string;
  readonly mobile: string;
  readonly email: string;
  readonly password: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateSignUp(form: SignUpForm): { errors: FieldError[]; cnic?: string; mobile?: string } {
  const errors: FieldError[] = [];
  const cnic = normaliseCnic(form.cnic);
  if (cnic === undefined)
    errors.push({
      field: 'cnic',
      messageKey: form.cnic.trim() === '' ? 'signUp.cnicRequired' : 'signUp.cnicFormat',
    });
  const name = form.fullName.trim();
  if (name.length < 2 || name.length > 200)
    errors.push({ field: 'fullName', messageKey: 'signUp.nameRequired' });
  if (form.fullNameUr.trim().length > 200)
    errors.push({ field: 'fullNameUr', messageKey: 'signUp.nameTooLong' });
  const mobile = normaliseMobile(form.mobile);
  if (mobile === undefined)
    errors.push({
      field: 'mobile',
      messageKey: form.mobile.trim() === '' ? 'signUp.mobileRequired' : 'signUp.mobileFormat',
    });
  const email = form.email.trim();
  if (email !== '' && (!EMAIL.test(email) || email.length > 254))
    errors.push({ field: 'email', messageKey: 'signUp.emailFormat' });
  errors.push(
    ...checkPasswordPolicy(form.password, { ...(cnic === undefined ? {} : { cnic }), email, name }),
  );
  return { errors, ...(cnic === undefined ? {} : { cnic }), ...(mobile === undefined ? {} : { mobile }) };
}

export async function signUpCitizen(
  db: Db,
  codes: OneTimeCodes,
  form: SignUpForm,
  locale: string,
  client: ClientInfo,
): Promise<{ userId: string; mobile: string }> {
  const { errors, cnic, mobile } = validateSignUp(form);
  if (errors.length > 0 || cnic === undefined || mobile === undefined) {
    throw validationFailed('The sign-up form has problems', errors);
  }
  if ((await findAccountByCnic(db, cnic)) !== undefined) {
    throw validationFailed('An account with this CNIC already exists', [
      { field: 'cnic', messageKey: 'signUp.cnicTaken' },
    ]);
  }
  const passwordHash = await hashPassword(form.password);
  return inTransaction(db, async (trx) => {
    const email = form.email.trim().toLowerCase();
    const userId = await insertCitizen(trx, {
      cnic,
      fullName: form.fullName.trim(),
      fullNameUr: form.fullNameUr.trim() === '' ? null : form.fullNameUr.trim(),
      mobile,
      email: email === '' ? null : email,
      passwordHash,
      preferredLocale: locale,
    });
    const label = form.fullName.trim();
    await sendVerificationCode(trx, codes, {
      userId,
      actorLabel: label,
      kind: 'mobile',
      destination: mobile,
      locale,
    });
    if (email !== '') {
      await sendVerificationCode(trx, codes, {
        userId,
        actorLabel: label,
        kind: 'email',
        destination: email,
        locale,
      });
    }
    await insertAuditEvent(trx, {
      actorId: userId,
      actorLabel: form.fullName.trim(),
      action: 'account.signed_up',
      subjectType: 'user_account',
      subjectId: userId,
      ...(client.ip === null ? {} : { ip: client.ip }),
      ...(client.userAgent === null ? {} : { userAgent: client.userAgent }),
    });
    return { userId, mobile };
  });
}
