// Reading a pack's workflow: which actions an actor may take on an application, and where each leads.
import { type Actor, hasRole } from '../../platform/actor.ts';
import type { ServicePack, WorkflowAction, WorkflowState } from '../services/pack/validate.ts';

export interface ApplicationPosition {
  readonly state: string;
  readonly applicantId: string;
  readonly departmentCode: string;
  readonly districtCode: string;
}

export function stateOf(pack: ServicePack, state: string): WorkflowState {
  const found = pack.workflow.states[state];
  if (found === undefined) throw new Error(`State ${state} is not in ${pack.code}@${pack.version}`);
  return found;
}

/**
 * The actions `actor` may take now: officers by role within the application's department and district
 * (a grant without a district covers every district), the applicant where the pack gives the citizen a say.
 */
export function allowedActions(
  pack: ServicePack,
  position: ApplicationPosition,
  actor: Actor,
): WorkflowAction[] {
  if (position.state === 'draft' || actor.kind !== 'user') return [];
  const state = pack.workflow.states[position.state];
  if (state?.actions === undefined || state.terminal === true) return [];
  const isApplicant = actor.userId === position.applicantId;
  // In a "pay" state the bill's payment moves the application on (payments' settlement hook, as the
  // system): nobody takes that action by hand; the citizen may still withdraw.
  const leadsOn = (action: WorkflowAction) => pack.workflow.states[action.to]?.terminal !== true;
  return state.actions.filter(
    (action) =>
      !(state.citizenAction === 'pay' && leadsOn(action)) &&
      action.roles.some((role) =>
        role === 'citizen'
          ? isApplicant
          : hasRole(actor, role, {
              departmentCode: position.departmentCode,
              districtCode: position.districtCode,
            }),
      ),
  );
}

/** Whether the actor may see the application: its applicant, an officer of its office, or an auditor. */
export function canView(actor: Actor, position: ApplicationPosition): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.userId === position.applicantId) return true;
  const scope = { departmentCode: position.departmentCode, districtCode: position.districtCode };
  return actor.grants.some(
    (grant) =>
      // The M&E focal person sees figures, never a single application; contact-centre agents handle
      // complaints for callers and have no business reading applications.
      grant.role !== 'me_focal_person' &&
      grant.role !== 'contact_centre_agent' &&
      (grant.role === 'auditor' || grant.role === 'platform_admin' ? grant.departmentCode === null : true) &&
      (grant.departmentCode === null || grant.departmentCode === scope.departmentCode) &&
      (grant.districtCode === null || grant.districtCode === scope.districtCode),
  );
}

/**
 * The office an application escalated to `role` reaches, in the pack's words: the office of a state that
 * role holds (an approver is "the Deputy Commissioner"); undefined when no state names one.
 */
export function escalationOffice(pack: ServicePack, role: string): { en: string; ur: string } | undefined {
  return Object.values(pack.workflow.states).find((state) => state.holder?.role === role)?.holder?.office;
}
