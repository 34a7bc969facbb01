// Account use cases. Every function takes the acting party first and checks its authority itself.
import { type Actor, type RoleGrant, actorId, actorLabel, hasRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { type FieldError, conflict, forbidden, validationFailed } from '../../platform/errors.ts';
import { MIN_PASSWORD_LENGTH, generatePassword, hashPassword } from './password.ts';
import { findAccountIdByEmail, insertAccount, insertRoleGrant, roleGrantsOf } from './repo.ts';

export interface NewStaffAccount {
  readonly email: string;
  readonly fullName: string;
  /** Omitted: a random password is generated and returned once. */
  readonly password?: string;
  readonly grants: readonly RoleGrant[];
}

export interface CreatedAccount {
  readonly id: string;
  readonly email: string;
  readonly generatedPassword: string | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateStaffAccount(input: NewStaffAccount): FieldError[] {
  const errors: FieldError[] = [];
  if (!EMAIL.test(input.email.trim()) || input.email.length > 254) {
    errors.push({ field: 'email', messageKey: 'validation.email' });
  }
  const name = input.fullName.trim();
  if (name.length === 0 || name.length > 200)
    errors.push({ field: 'fullName', messageKey: 'validation.fullName' });
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    errors.push({
      field: 'password',
      messageKey: 'validation.passwordLength',
      params: { min: MIN_PASSWORD_LENGTH },
    });
  }
  return errors;
}

export function accountsService(db: Db) {
  return {
    /** Staff are never self-registered: only the console or a platform administrator creates them. */
    async createStaffAccount(actor: Actor, input: NewStaffAccount): Promise<CreatedAccount> {
      if (actor.kind !== 'system' && !hasRole(actor, 'platform_admin')) {
        throw forbidden('Only a platform administrator can create staff accounts');
      }
      const errors = validateStaffAccount(input);
      if (errors.length > 0) throw validationFailed('The account details are not valid', errors);

      const email = input.email.trim().toLowerCase();
      const generatedPassword = input.password === undefined ? generatePassword() : undefined;
      const passwordHash = await hashPassword(input.password ?? generatedPassword ?? '');
      const id = await db.transaction().execute(async (trx) => {
        if ((await findAccountIdByEmail(trx, email)) !== undefined) {
          throw conflict(`An account with the e-mail ${email} already exists`);
        }
        const userId = await insertAccount(trx, {
          kind: 'staff',
          fullName: input.fullName.trim(),
          email,
          mobile: null,
          passwordHash,
        });
        for (const grant of input.grants) await insertRoleGrant(trx, userId, grant, actorLabel(actor));
        await insertAuditEvent(trx, {
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          action: 'account.created',
          subjectType: 'user_account',
          subjectId: userId,
          details: { kind: 'staff', grants: input.grants },
        });
        return userId;
      });
      return { id, email, generatedPassword };
    },

    /** An account's role grants: visible to the account itself, administrators and auditors. */
    async grantsOf(actor: Actor, userId: string): Promise<RoleGrant[]> {
      const allowed =
        actor.kind === 'system' ||
        (actor.kind === 'user' &&
          (actor.userId === userId || hasRole(actor, 'platform_admin') || hasRole(actor, 'auditor')));
      if (!allowed) throw forbidden('You cannot see this account’s roles');
      return roleGrantsOf(db, userId);
    },
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
