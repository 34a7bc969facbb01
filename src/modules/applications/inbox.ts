// The officers' inbox: open applications held by the actor's working roles within their departments and
// districts, and those escalated to one of the actor's roles there (a department administrator's inbox
// holds only escalations).
import { type Actor, type Role, hasRole } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { type ApplicationRow, type InboxScope, inboxFor } from './repo.ts';

/** Roles that hold applications and act on them. */
export const WORKING_ROLES: ReadonlySet<Role> = new Set([
  'operator',
  'clerk',
  'verifier',
  'approver',
  'grievance_officer',
  'field_officer',
]);
/** Roles with an inbox: the working roles, and the supervisors applications are escalated to. */
const INBOX_ROLES: ReadonlySet<Role> = new Set([...WORKING_ROLES, 'department_admin']);

export interface InboxFilter {
  readonly text?: string;
  readonly overdueOnly?: boolean;
  /** mine: assigned to the actor; unassigned: assigned to nobody. */
  readonly assigned?: 'mine' | 'unassigned';
}

/** Whether the actor holds the role that holds the application now, over its department and district. */
export function holdsApplication(actor: Actor, application: ApplicationRow): boolean {
  const role = application.holder_role as Role | null;
  return (
    application.outcome === null &&
    role !== null &&
    WORKING_ROLES.has(role) &&
    hasRole(actor, role, officeOf(application))
  );
}

/** Whether the application was escalated to a role the actor holds over its department and district. */
export function supervisesApplication(actor: Actor, application: ApplicationRow): boolean {
  const role = application.escalated_to_role as Role | null;
  return application.outcome === null && role !== null && hasRole(actor, role, officeOf(application));
}

export function officeOf(application: ApplicationRow) {
  return { departmentCode: application.department_code, districtCode: application.district_code };
}

export function inboxUseCases(db: Db) {
  return {
    /** Open applications held by, or escalated to, the actor's roles within their departments and districts. */
    async inbox(actor: Actor, filter: InboxFilter = {}): Promise<ApplicationRow[]> {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      const scopes: InboxScope[] = actor.grants
        .filter((grant) => INBOX_ROLES.has(grant.role))
        .map((grant) => ({
          role: grant.role,
          departmentCode: grant.departmentCode,
          districtCode: grant.districtCode,
        }));
      if (scopes.length === 0) throw forbidden('You have no inbox');
      return inboxFor(db, scopes, {
        ...(filter.text === undefined ? {} : { text: filter.text }),
        ...(filter.overdueOnly === undefined ? {} : { overdueOnly: filter.overdueOnly }),
        ...(filter.assigned === undefined
          ? {}
          : { assignedTo: filter.assigned === 'mine' ? actor.userId : null }),
      });
    },
  };
}
