// The acting party, passed explicitly as the first argument of every service function (never a global).

export type Role =
  | 'operator'
  | 'clerk'
  | 'verifier'
  | 'approver'
  | 'grievance_officer'
  | 'field_officer'
  | 'department_admin'
  | 'platform_admin'
  | 'auditor'
  | 'me_focal_person'
  /** Citizen Contact Centre: files complaints for callers and reads them back to them. */
  | 'contact_centre_agent'
  /** Refunds and reconciliation of a department's collections (payments module). */
  | 'finance_officer'
  /** A department's anti-corruption focal person: reads and acts on bribery reports from feedback surveys. */
  | 'integrity_officer';

export const ROLES: readonly Role[] = [
  'operator',
  'clerk',
  'verifier',
  'approver',
  'grievance_officer',
  'field_officer',
  'department_admin',
  'platform_admin',
  'auditor',
  'me_focal_person',
  'contact_centre_agent',
  'finance_officer',
  'integrity_officer',
];

/** A role held over a department and district; null means "every" (province-wide). */
export interface RoleGrant {
  readonly role: Role;
  readonly departmentCode: string | null;
  readonly districtCode: string | null;
}

export type Actor =
  | { readonly kind: 'anonymous' }
  /** A trusted operator at the server's console (the CLI) or a scheduled job. */
  | { readonly kind: 'system'; readonly label: string }
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly label: string;
      readonly accountKind: 'citizen' | 'staff';
      readonly grants: readonly RoleGrant[];
    };

export const ANONYMOUS: Actor = { kind: 'anonymous' };
export const systemActor = (label: string): Actor => ({ kind: 'system', label });

export function actorLabel(actor: Actor): string {
  return actor.kind === 'anonymous' ? 'anonymous' : actor.label;
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/** True when the actor holds `role` over the given scope (a null grant scope covers every value). */
export function hasRole(
  actor: Actor,
  role: Role,
  scope: { departmentCode?: string; districtCode?: string } = {},
): boolean {
  if (actor.kind !== 'user') return false;
  return actor.grants.some(
    (grant) =>
      grant.role === role &&
      (grant.departmentCode === null ||
        scope.departmentCode === undefined ||
        grant.departmentCode === scope.departmentCode) &&
      (grant.districtCode === null ||
        scope.districtCode === undefined ||
        grant.districtCode === scope.districtCode),
  );
}

/** True when the actor holds `role` for the whole province (no department or district limit). */
export function hasProvinceRole(actor: Actor, role: Role): boolean {
  return (
    actor.kind === 'user' &&
    actor.grants.some(
      (grant) => grant.role === role && grant.departmentCode === null && grant.districtCode === null,
    )
  );
}
