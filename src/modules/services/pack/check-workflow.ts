// Checks on the workflow that the schema cannot express: every state referenced exists, every state can
// be reached and can still end, terminal and citizen states are shaped as the engine expects, and the
// citizen is told why when an application is returned or refused.
import type { Problem } from './check-form.ts';
import { pointer } from './pointer.ts';
import type { ServicePack, WorkflowState } from './types.ts';

const statePath = (id: string, ...rest: (string | number)[]) => pointer('/workflow/states', id, ...rest);

function checkTerminal(id: string, state: WorkflowState, problems: Problem[]): void {
  if (state.outcome === undefined) {
    problems.push({ path: statePath(id), message: 'a terminal state needs an outcome' });
  }
  for (const key of ['actions', 'holder', 'deadlineHours', 'escalate', 'citizenAction'] as const) {
    if (state[key] !== undefined) {
      problems.push({ path: statePath(id, key), message: `a terminal state has no ${key}` });
    }
  }
}

function checkOpen(
  id: string,
  state: WorkflowState,
  states: ServicePack['workflow']['states'],
  problems: Problem[],
): void {
  const actions = state.actions ?? [];
  if (state.outcome !== undefined) {
    problems.push({ path: statePath(id, 'outcome'), message: 'only a terminal state has an outcome' });
  }
  if (actions.length === 0) {
    problems.push({ path: statePath(id), message: 'a state that is not terminal needs at least one action' });
  }
  const officerActions = actions.filter((action) => action.roles.some((role) => role !== 'citizen'));
  const citizenActions = actions.filter((action) => action.roles.includes('citizen'));
  const needsHolder = state.citizenAction === undefined || state.citizenAction === 'attend';
  if (needsHolder && state.holder === undefined) {
    problems.push({ path: statePath(id), message: 'a state worked by officers needs a holder' });
  }
  if (needsHolder && actions.length > 0 && officerActions.length === 0) {
    problems.push({
      path: statePath(id, 'actions'),
      message: 'a state worked by officers needs an officer action',
    });
  }
  const movesOn = citizenActions.filter((action) => states[action.to]?.terminal !== true);
  if ((state.citizenAction === 'correct' || state.citizenAction === 'pay') && movesOn.length === 0) {
    problems.push({
      path: statePath(id, 'actions'),
      message: `citizenAction "${state.citizenAction}" needs an action with role "citizen" that moves the application on`,
    });
  }
  const holder = state.holder;
  if (
    holder !== undefined &&
    actions.length > 0 &&
    !actions.some((action) => action.roles.includes(holder.role))
  ) {
    problems.push({
      path: statePath(id, 'holder', 'role'),
      message: `the holder's role "${holder.role}" can take none of this state's actions`,
    });
  }
  if (state.escalate !== undefined) {
    if (holder === undefined) {
      problems.push({
        path: statePath(id, 'escalate'),
        message: 'escalation needs a holder to escalate from',
      });
    } else if (state.escalate.toRole === holder.role) {
      problems.push({
        path: statePath(id, 'escalate', 'toRole'),
        message: 'escalates to the role that already holds it',
      });
    }
    if (state.deadlineHours === undefined) {
      problems.push({ path: statePath(id, 'escalate'), message: 'escalation needs deadlineHours' });
    } else if (state.escalate.afterHours < state.deadlineHours) {
      problems.push({
        path: statePath(id, 'escalate', 'afterHours'),
        message: `escalates after ${state.escalate.afterHours} hours, before the deadline of ${state.deadlineHours}`,
      });
    }
  }
  const ids = new Set<string>();
  actions.forEach((action, a) => {
    const at = (...rest: string[]) => statePath(id, 'actions', a, ...rest);
    if (ids.has(action.id)) problems.push({ path: at('id'), message: `duplicate action id "${action.id}"` });
    ids.add(action.id);
    const target = states[action.to];
    if (target === undefined) {
      problems.push({ path: at('to'), message: `no state "${action.to}" in the workflow` });
      return;
    }
    const explains = target.citizenAction === 'correct' || target.outcome === 'rejected';
    if (explains && action.remarks !== 'required') {
      problems.push({
        path: at('remarks'),
        message: `must be "required": the citizen is told why an application is ${target.outcome === 'rejected' ? 'refused' : 'returned'}`,
      });
    }
    if (
      action.roles.includes('citizen') &&
      state.citizenAction === undefined &&
      target.outcome !== 'withdrawn'
    ) {
      problems.push({
        path: at('roles'),
        message: 'a citizen acts only in a state with a citizenAction, or to withdraw',
      });
    }
  });
}

/** States reachable from `from` following actions (forward) or their reverse. */
function reach(from: readonly string[], edges: Map<string, string[]>): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const to of edges.get(next) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

export function checkWorkflow(pack: ServicePack): Problem[] {
  const problems: Problem[] = [];
  const { initial, states } = pack.workflow;
  const entries = Object.entries(states);
  const initialState = states[initial];
  if (initialState === undefined) {
    problems.push({ path: '/workflow/initial', message: `no state "${initial}" in the workflow` });
  } else if (initialState.terminal === true) {
    problems.push({ path: '/workflow/initial', message: 'the initial state cannot be terminal' });
  }
  for (const [id, state] of entries) {
    if (state.terminal === true) checkTerminal(id, state, problems);
    else checkOpen(id, state, states, problems);
  }
  if (!entries.some(([, state]) => state.terminal === true && state.outcome === 'approved')) {
    problems.push({ path: '/workflow/states', message: 'no terminal state with outcome "approved"' });
  }
  const payStates = entries.filter(([, state]) => state.citizenAction === 'pay');
  if (pack.fee.kind === 'none') {
    for (const [id] of payStates) {
      problems.push({ path: statePath(id, 'citizenAction'), message: 'the service has no fee to pay' });
    }
  } else if (payStates.length === 0) {
    problems.push({
      path: '/workflow/states',
      message: 'the service has a fee: add a state with citizenAction "pay"',
    });
  }

  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const [id, state] of entries) {
    for (const action of state.actions ?? []) {
      if (states[action.to] === undefined) continue;
      forward.set(id, [...(forward.get(id) ?? []), action.to]);
      backward.set(action.to, [...(backward.get(action.to) ?? []), id]);
    }
  }
  if (initialState !== undefined) {
    const reachable = reach([initial], forward);
    for (const [id] of entries) {
      if (!reachable.has(id))
        problems.push({ path: statePath(id), message: `unreachable from the initial state "${initial}"` });
    }
  }
  const terminals = entries.filter(([, state]) => state.terminal === true).map(([id]) => id);
  const canEnd = reach(terminals, backward);
  for (const [id, state] of entries) {
    if (state.terminal !== true && (state.actions ?? []).length > 0 && !canEnd.has(id)) {
      problems.push({ path: statePath(id), message: 'no terminal state can be reached from here' });
    }
  }
  return problems;
}
