// Account use cases. Every function takes the acting party first and checks its authority itself.
import {
  type Actor,
  type Role,
  type RoleGrant,
  actorId,
  actorLabel,
  hasProvinceRole,
} from '../../../platform/actor.ts';
import { insertAuditEvent } from '../../../platform/audit/repo.ts';
import type { Db } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import {
  type FieldError,
  conflict,
  forbidden,
  notFound,
  validationFailed,
} from '../../../platform/errors.ts';
import { checkPasswordPolicy } from '../credentials/password-policy.ts';
import { generatePassword, hashPassword } from './password.ts';
import {
  type OfficerContact,
  type StaffRow,
  deleteRoleGrant,
  findAccountIdByEmail,
  insertAccount,
  insertRoleGrant,
  roleGrantsOf,
  selectOfficersHolding,
  selectStaff,
  selectStaffNames,
  setAccountStatus,
} from './repo.ts';
import { canAdministerAccount, canAdministerGrant, listableDepartment } from './staff-admin.ts';
import { findAccountById } from './repo-identity.ts';

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

/**
 * `trustedPassword`: the console's operator (seeds, imports) may set any password of the minimum length;
 * a password typed into a page must also pass the common- and personal-password checks.
 */
export function validateStaffAccount(input: NewStaffAccount, trustedPassword = false): FieldError[] {
  const errors: FieldError[] = [];
  if (!EMAIL.test(input.email.trim()) || input.email.length > 254) {
    errors.push({ field: 'email', messageKey: 'validation.email' });
  }
  const name = input.fullName.trim();
  if (name.length === 0 || name.length > 200)
    errors.push({ field: 'fullName', messageKey: 'validation.fullName' });
  if (input.password !== undefined) {
    const policy = checkPasswordPolicy(input.password, { email: input.email, name: input.fullName });
    errors.push(
      ...(trustedPassword ? policy.filter((e) => e.messageKey === 'validation.passwordTooShort') : policy),
    );
  }
  return errors;
}

export function accountsService(db: Db) {
  return {
    /**
     * Staff are never self-registered: the console, a platform administrator, or a department administrator
     * (for working roles in their own department) creates them.
     */
    async createStaffAccount(actor: Actor, input: NewStaffAccount): Promise<CreatedAccount> {
      const allowed =
        actor.kind === 'system' ||
        hasProvinceRole(actor, 'platform_admin') ||
        (input.grants.length > 0 && input.grants.every((grant) => canAdministerGrant(actor, grant)));
      if (!allowed) throw forbidden('You cannot create staff accounts with these roles');
      const errors = validateStaffAccount(input, actor.kind === 'system');
      if (errors.length > 0) throw validationFailed('The account details are not valid', errors);

      const email = input.email.trim().toLowerCase();
      const generatedPassword = input.password === undefined ? generatePassword() : undefined;
      const passwordHash = await hashPassword(input.password ?? generatedPassword ?? '');
      const id = await inTransaction(db, async (trx) => {
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
      const grants = await roleGrantsOf(db, userId);
      const allowed =
        actor.kind === 'system' ||
        (actor.kind === 'user' && actor.userId === userId) ||
        hasProvinceRole(actor, 'auditor') ||
        canAdministerAccount(actor, grants);
      if (!allowed) throw forbidden('You cannot see this account’s roles');
      return grants;
    },

    /** Staff the actor may see: all for platform administrators and auditors, their department's otherwise. */
    async listStaff(actor: Actor): Promise<StaffRow[]> {
      const department = listableDepartment(actor);
      if (department === undefined) throw forbidden('You cannot list staff accounts');
      return selectStaff(db, department ?? undefined);
    },

    async staffMember(actor: Actor, userId: string): Promise<StaffRow & { manageable: boolean }> {
      const department = listableDepartment(actor);
      if (department === undefined) throw forbidden('You cannot see staff accounts');
      const member = (await selectStaff(db, department ?? undefined)).find((row) => row.id === userId);
      if (member === undefined) throw notFound('Staff account');
      return {
        ...member,
        manageable: canAdministerAccount(actor, member.grants) && actorId(actor) !== userId,
      };
    },

    /** Grants or revokes a role; both sides of the change must be within the actor's administration. */
    async changeGrant(
      actor: Actor,
      userId: string,
      grant: RoleGrant,
      change: 'grant' | 'revoke',
    ): Promise<void> {
      const current = await roleGrantsOf(db, userId);
      if (
        !canAdministerGrant(actor, grant) ||
        (current.length > 0 && !canAdministerAccount(actor, current))
      ) {
        throw forbidden('You cannot change this role');
      }
      if (actorId(actor) === userId) throw forbidden('You cannot change your own roles');
      await inTransaction(db, async (trx) => {
        if (change === 'grant') await insertRoleGrant(trx, userId, grant, actorLabel(actor));
        else if (!(await deleteRoleGrant(trx, userId, grant))) throw notFound('Role');
        await insertAuditEvent(trx, {
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          action: change === 'grant' ? 'role.granted' : 'role.revoked',
          subjectType: 'user_account',
          subjectId: userId,
          details: { ...grant },
        });
      });
    },

    /** Disables or re-enables a staff account; a disabled account's sessions stop working at once. */
    async setStaffStatus(actor: Actor, userId: string, status: 'active' | 'disabled'): Promise<void> {
      const grants = await roleGrantsOf(db, userId);
      if (!canAdministerAccount(actor, grants) || actorId(actor) === userId) {
        throw forbidden('You cannot change this account');
      }
      await inTransaction(db, async (trx) => {
        if (!(await setAccountStatus(trx, userId, status))) throw notFound('Staff account');
        await insertAuditEvent(trx, {
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          action: status === 'disabled' ? 'account.disabled' : 'account.enabled',
          subjectType: 'user_account',
          subjectId: userId,
        });
      });
    },

    /**
     * What an OpenID relying party may receive about a person (the provider filters by granted scope).
     * For the provider (a system actor) and the account itself; unknown or disabled accounts are not found.
     */
    async claimsOf(actor: Actor, userId: string): Promise<AccountClaims> {
      if (actor.kind !== 'system' && actorId(actor) !== userId)
        throw forbidden('You cannot see these details');
      const account = await findAccountById(db, userId);
      if (account === undefined || account.status !== 'active') throw notFound('Account');
      return {
        userId: account.id,
        fullName: account.fullName,
        fullNameUr: account.fullNameUr,
        mobile: account.mobile,
        mobileVerified: account.mobileVerifiedAt !== null,
        email: account.email,
        emailVerified: account.emailVerifiedAt !== null,
        cnic: account.cnic,
      };
    },

    /**
     * The active officers holding `role` over an office (department and district), with where and in which
     * language to write to them: for the system, and for staff working in that department and district
     * (choosing a colleague to hand work to).
     */
    async officersHolding(
      actor: Actor,
      office: { role: Role; departmentCode: string; districtCode: string },
    ): Promise<OfficerContact[]> {
      const colleague =
        actor.kind === 'user' &&
        actor.accountKind === 'staff' &&
        actor.grants.some(
          (grant) =>
            (grant.departmentCode === null || grant.departmentCode === office.departmentCode) &&
            (grant.districtCode === null || grant.districtCode === office.districtCode),
        );
      if (actor.kind !== 'system' && !colleague) throw forbidden('You cannot list these officers');
      return selectOfficersHolding(db, office);
    },

    /** Names of staff accounts, for staff (who is working on what) and the system; citizens' never. */
    async staffNames(actor: Actor, ids: readonly string[]): Promise<Map<string, string>> {
      if (actor.kind !== 'system' && (actor.kind !== 'user' || actor.accountKind !== 'staff'))
        throw forbidden('Only staff can see who is working on what');
      return selectStaffNames(db, [...new Set(ids)]);
    },

    /** Where and in which language to tell a person about their case; for the system (notifications) only. */
    async contactOf(
      actor: Actor,
      userId: string,
    ): Promise<{ mobile: string | null; email: string | null; locale: string }> {
      if (actor.kind !== 'system') throw forbidden('Only the system reads contact details this way');
      const account = await findAccountById(db, userId);
      if (account === undefined) throw notFound('Account');
      return {
        mobile: account.mobileVerifiedAt === null ? null : account.mobile,
        email: account.emailVerifiedAt === null ? null : account.email,
        locale: account.preferredLocale,
      };
    },
  };
}

export interface AccountClaims {
  readonly userId: string;
  readonly fullName: string;
  readonly fullNameUr: string | null;
  readonly mobile: string | null;
  readonly mobileVerified: boolean;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly cnic: string | null;
}

export type AccountsService = ReturnType<typeof accountsService>;
