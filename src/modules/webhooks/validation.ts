// Who may manage which subscriptions, and what a subscription must be. A platform administrator
// (province-wide) manages every subscription, for one department's events or for all. A department
// administrator over a whole department manages that department's subscriptions, which receive only its
// events; one limited to a district does not (payment events are not split by district).
import { type Actor, hasProvinceRole } from '../../platform/actor.ts';
import type { FieldError } from '../../platform/errors.ts';
import { isWebhookEventType } from './events.ts';

/** The departments whose subscriptions the actor manages: null for all, undefined for none. */
export function managedDepartments(actor: Actor): string[] | null | undefined {
  if (actor.kind === 'system' || hasProvinceRole(actor, 'platform_admin')) return null;
  if (actor.kind !== 'user' || actor.accountKind !== 'staff') return undefined;
  const own = actor.grants.flatMap((grant) =>
    grant.role === 'department_admin' && grant.departmentCode !== null && grant.districtCode === null
      ? [grant.departmentCode]
      : [],
  );
  return own.length === 0 ? undefined : [...new Set(own)];
}

export function canManage(departments: string[] | null, departmentCode: string | null): boolean {
  return departments === null || (departmentCode !== null && departments.includes(departmentCode));
}

export interface SubscriptionInput {
  readonly name: string;
  readonly url: string;
  readonly events: readonly string[];
  /** '' for every department's events. */
  readonly departmentCode: string;
}

export interface CheckedSubscription {
  readonly name: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly departmentCode: string | null;
}

const MAX_NAME = 100;
const MAX_URL = 500;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https; http only to this computer and only outside production; no credentials, no fragment. */
function urlProblem(raw: string, allowLocalHttp: boolean): FieldError | undefined {
  const problem = { field: 'url', messageKey: 'webhooks.validation.url', params: { max: MAX_URL } };
  if (raw === '' || raw.length > MAX_URL || !URL.canParse(raw)) return problem;
  const url = new URL(raw);
  if (url.username !== '' || url.password !== '' || raw.includes('#')) return problem;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && allowLocalHttp && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return { field: 'url', messageKey: 'webhooks.validation.https' };
}

export function checkSubscription(
  input: SubscriptionInput,
  rules: { allowLocalHttp: boolean; departments: string[] | null; knownDepartments: readonly string[] },
): { value: CheckedSubscription; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const name = input.name.trim();
  if (name === '' || name.length > MAX_NAME)
    problems.push({ field: 'name', messageKey: 'webhooks.validation.name', params: { max: MAX_NAME } });
  const url = input.url.trim();
  const badUrl = urlProblem(url, rules.allowLocalHttp);
  if (badUrl !== undefined) problems.push(badUrl);
  const events = [...new Set(input.events)];
  if (events.length === 0 || !events.every(isWebhookEventType))
    problems.push({ field: 'events', messageKey: 'webhooks.validation.events' });
  const department = input.departmentCode.trim();
  const departmentOk =
    department === ''
      ? rules.departments === null
      : rules.knownDepartments.includes(department) && canManage(rules.departments, department);
  if (!departmentOk) problems.push({ field: 'department', messageKey: 'webhooks.validation.department' });
  return {
    value: {
      name,
      url: badUrl === undefined ? new URL(url).href : url,
      events,
      departmentCode: department === '' ? null : department,
    },
    problems,
  };
}
