// Who may administer which staff accounts. A platform administrator (province-wide) administers every
// staff account and grant. A department administrator administers the officers of their own department
// (and district, if their grant names one), and may grant only the working roles within that scope: never
// platform administrator, auditor or department administrator.
import { type Actor, type Role, type RoleGrant, hasProvinceRole } from '../../../platform/actor.ts';

const DEPARTMENT_GRANTABLE: ReadonlySet<Role> = new Set([
  'operator',
  'clerk',
  'verifier',
  'approver',
  'grievance_officer',
  'field_officer',
  'me_focal_person',
  'finance_officer',
]);

export function canAdministerGrant(actor: Actor, grant: RoleGrant): boolean {
  if (actor.kind === 'system' || hasProvinceRole(actor, 'platform_admin')) return true;
  if (actor.kind !== 'user' || !DEPARTMENT_GRANTABLE.has(grant.role) || grant.departmentCode === null)
    return false;
  return actor.grants.some(
    (own) =>
      own.role === 'department_admin' &&
      own.departmentCode === grant.departmentCode &&
      (own.districtCode === null || own.districtCode === grant.districtCode),
  );
}

/** An account can be administered when every one of its grants can (and it has at least one). */
export function canAdministerAccount(actor: Actor, targetGrants: readonly RoleGrant[]): boolean {
  if (actor.kind === 'system' || hasProvinceRole(actor, 'platform_admin')) return true;
  return targetGrants.length > 0 && targetGrants.every((grant) => canAdministerGrant(actor, grant));
}

/** The department whose staff this actor may list, `null` for all, or undefined when none. */
export function listableDepartment(actor: Actor): string | null | undefined {
  if (hasProvinceRole(actor, 'platform_admin') || hasProvinceRole(actor, 'auditor')) return null;
  if (actor.kind !== 'user') return undefined;
  return actor.grants.find((grant) => grant.role === 'department_admin')?.departmentCode ?? undefined;
}
