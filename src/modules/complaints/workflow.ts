// Who may see a complaint and which actions they may take on it now. Pure rules over the row; the service
// applies them.
//
// Grievance officers are answerable by level. A complaint starts with the grievance officer of its
// department in its district (level 1). Past its deadline it escalates to the division (level 2): a
// grievance officer for every department in a district of that division (a grant with no department, as
// a commissioner's grievance cell). Past the next deadline it escalates to the province (level 3): a
// grievance officer with no district (the department's provincial cell, or one for every department).
// Each level may see every complaint in its reach, but acts only on those escalated to it or beyond.
import type { Actor, RoleGrant } from '../../platform/actor.ts';
import { type ComplaintRow, type ComplaintState, OPEN_STATES } from './repo.ts';

export const REOPEN_WINDOW_DAYS = 10;
export const DAY_MS = 24 * 3_600_000;

export const ACTIONS = [
  'assign',
  'reject',
  'markFrivolous',
  'markAbusive',
  'resolve',
  'requestReassignment',
  'comment',
  'close',
  'reopen',
] as const;
export type ComplaintAction = (typeof ACTIONS)[number];

/** Actions that need a written reason (the citizen sees it). */
export const NEEDS_REMARKS: ReadonlySet<ComplaintAction> = new Set([
  'reject',
  'markFrivolous',
  'markAbusive',
  'resolve',
  'requestReassignment',
  'comment',
  'reopen',
]);

const TERMINAL: ReadonlySet<ComplaintState> = new Set(['rejected', 'closed', 'frivolous', 'abusive']);
const isOpen = (state: ComplaintState) => OPEN_STATES.includes(state);

/** The level (1 district, 2 division, 3 province) at which a grant makes its holder a grievance officer. */
export function grievanceLevel(
  grant: RoleGrant,
  complaint: Pick<ComplaintRow, 'department_code' | 'district_code' | 'division_code'>,
  divisionOf: (district: string) => string | undefined,
): 1 | 2 | 3 | undefined {
  if (grant.role !== 'grievance_officer') return undefined;
  if (grant.departmentCode !== null && grant.departmentCode !== complaint.department_code) return undefined;
  if (grant.districtCode === null) return 3;
  if (grant.departmentCode !== null) return grant.districtCode === complaint.district_code ? 1 : undefined;
  return divisionOf(grant.districtCode) === complaint.division_code ? 2 : undefined;
}

export interface Viewer {
  readonly actor: Actor;
  /** The complainant: their account, or the key of their tracking link. */
  readonly isComplainant: boolean;
  readonly divisionOf: (district: string) => string | undefined;
}

function grievanceLevels(viewer: Viewer, complaint: ComplaintRow): number[] {
  if (viewer.actor.kind !== 'user') return [];
  return viewer.actor.grants
    .map((grant) => grievanceLevel(grant, complaint, viewer.divisionOf))
    .filter((level): level is 1 | 2 | 3 => level !== undefined);
}

/** A grievance officer answerable for the complaint now (its level has reached theirs). */
export function isAnswerable(viewer: Viewer, complaint: ComplaintRow): boolean {
  return grievanceLevels(viewer, complaint).some((level) => level <= complaint.escalation_level);
}

function covers(grant: RoleGrant, complaint: ComplaintRow): boolean {
  return (
    (grant.departmentCode === null || grant.departmentCode === complaint.department_code) &&
    (grant.districtCode === null || grant.districtCode === complaint.district_code)
  );
}

export function isAssignedOfficer(actor: Actor, complaint: ComplaintRow): boolean {
  return (
    actor.kind === 'user' &&
    complaint.assigned_to === actor.userId &&
    actor.grants.some((grant) => grant.role === 'field_officer' && covers(grant, complaint))
  );
}

/** The complainant, the office's grievance officers, the assigned field officer, the contact centre,
 * province-wide auditors and administrators. Nobody else learns that the complaint exists. */
export function canView(viewer: Viewer, complaint: ComplaintRow): boolean {
  if (viewer.isComplainant) return true;
  const { actor } = viewer;
  if (actor.kind !== 'user' || actor.accountKind !== 'staff') return false;
  if (grievanceLevels(viewer, complaint).length > 0 || isAssignedOfficer(actor, complaint)) return true;
  return actor.grants.some(
    (grant) =>
      (grant.role === 'contact_centre_agent' && covers(grant, complaint)) ||
      ((grant.role === 'auditor' || grant.role === 'platform_admin') &&
        grant.departmentCode === null &&
        grant.districtCode === null),
  );
}

/** The actions the viewer may take now, in the order the page offers them. */
export function allowedActions(viewer: Viewer, complaint: ComplaintRow, now: Date): ComplaintAction[] {
  const state = complaint.state;
  if (state === 'pending_verification' || TERMINAL.has(state)) return [];
  const actions: ComplaintAction[] = [];
  if (isAnswerable(viewer, complaint) && isOpen(state)) {
    actions.push('assign', 'reject', 'markFrivolous', 'markAbusive');
  }
  if (isAssignedOfficer(viewer.actor, complaint) && state === 'assigned') {
    actions.push('resolve', 'requestReassignment');
  }
  if (viewer.isComplainant && state === 'resolved') {
    actions.push('close');
    const resolvedAt = complaint.resolved_at?.getTime() ?? 0;
    if (now.getTime() - resolvedAt <= REOPEN_WINDOW_DAYS * DAY_MS) actions.push('reopen');
  }
  const officer = isAnswerable(viewer, complaint) || isAssignedOfficer(viewer.actor, complaint);
  if (viewer.isComplainant || officer) actions.push('comment');
  return actions;
}

/** Open311's two statuses. A resolved complaint is closed there: the office considers it done. */
export function open311Status(state: ComplaintState): 'open' | 'closed' {
  return isOpen(state) ? 'open' : 'closed';
}
