// Who may see and do what with bills and payments. A bill is seen by its payer and by the officers of its
// department (within their district, if their grant names one); auditors and platform administrators only
// with a province-wide grant. Cash is taken by facilitation-centre operators; refunds and reconciliation
// belong to the department's finance officers.
import { type Actor, type RoleGrant, hasRole } from '../../platform/actor.ts';

export interface BillScope {
  readonly payer_id: string | null;
  readonly department_code: string;
  readonly district_code: string | null;
}

function covers(grant: RoleGrant, scope: { department_code: string | null; district_code: string | null }) {
  return (
    (grant.departmentCode === null || grant.departmentCode === scope.department_code) &&
    (grant.districtCode === null ||
      scope.district_code === null ||
      grant.districtCode === scope.district_code)
  );
}

export function canSeeBill(actor: Actor, bill: BillScope): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (bill.payer_id !== null && actor.userId === bill.payer_id) return true;
  return actor.grants.some(
    (grant) =>
      grant.role !== 'me_focal_person' &&
      (grant.role === 'auditor' || grant.role === 'platform_admin' ? grant.departmentCode === null : true) &&
      covers(grant, bill),
  );
}

const scopeOf = (bill: BillScope) => ({
  departmentCode: bill.department_code,
  ...(bill.district_code === null ? {} : { districtCode: bill.district_code }),
});

/** Operators take cash at the counter for the departments and district their grant covers. */
export function canTakeCash(actor: Actor, bill: BillScope): boolean {
  return actor.kind === 'system' || hasRole(actor, 'operator', scopeOf(bill));
}

/** Bills are issued by the system (a module acting on a citizen's submission) or the department's officers. */
export function canIssueBill(actor: Actor, departmentCode: string): boolean {
  if (actor.kind === 'system') return true;
  return (
    actor.kind === 'user' &&
    actor.accountKind === 'staff' &&
    actor.grants.some(
      (grant) =>
        ['clerk', 'operator', 'department_admin', 'finance_officer'].includes(grant.role) &&
        (grant.departmentCode === null || grant.departmentCode === departmentCode),
    )
  );
}

export function isFinanceOfficerFor(
  actor: Actor,
  scope: { department_code: string | null; district_code: string | null },
): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  return actor.grants.some(
    (grant) =>
      grant.role === 'finance_officer' &&
      (scope.department_code === null ? grant.departmentCode === null : covers(grant, scope)),
  );
}

/** The departments whose money the actor may report on: null for all, [] for none. */
export function financeDepartments(actor: Actor): string[] | null {
  if (actor.kind === 'system') return null;
  if (actor.kind !== 'user') return [];
  const grants = actor.grants.filter(
    (grant) =>
      grant.role === 'finance_officer' || (grant.role === 'auditor' && grant.departmentCode === null),
  );
  if (grants.some((grant) => grant.departmentCode === null)) return null;
  return [...new Set(grants.map((grant) => grant.departmentCode).filter((code) => code !== null))];
}
