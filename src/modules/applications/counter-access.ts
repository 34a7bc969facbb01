// Who may work on an application filed at a facilitation-centre counter besides its applicant: the operator
// who filed it, while it is a draft, and only within their operator grant (department and district). Once
// sent, it is the citizen's alone like any other (corrections, withdrawal).
import { type Actor, hasRole } from '../../platform/actor.ts';
import { forbidden, validationFailed } from '../../platform/errors.ts';

interface Filed {
  readonly filed_by: string | null;
  readonly state: string;
  readonly department_code: string;
  readonly district_code: string;
}

/** The filing operator, on their draft, still holding the operator role over its office. */
export function filesForApplicant(actor: Actor, application: Filed): boolean {
  return (
    actor.kind === 'user' &&
    application.filed_by === actor.userId &&
    application.state === 'draft' &&
    hasRole(actor, 'operator', {
      departmentCode: application.department_code,
      districtCode: application.district_code,
    })
  );
}

/** An operator files only in their own district (and department, if their grant names one). */
export function requireCounterScope(
  actor: Actor,
  scope: { departmentCode: string; districtCode: string },
  field?: string,
): void {
  if (hasRole(actor, 'operator', scope)) return;
  // On a form (the district asked by the pack), say which answer is out of reach; elsewhere refuse.
  if (field !== undefined)
    throw validationFailed('An operator files only in their own district', [
      { field, messageKey: 'counter.otherDistrict' },
    ]);
  throw forbidden('An operator files only in their own district and department');
}
