// mySociety's servicerequestupdates extension: which history events are updates, and the extension's
// status for each (its extended statuses, lower case, as FixMyStreet reads them).
export const UPDATE_KINDS = [
  'assign',
  'requestReassignment',
  'resolve',
  'reject',
  'reopen',
  'close',
  'autoClosed',
  'escalatedToDivision',
  'escalatedToProvince',
] as const;

const STATUS: Readonly<Record<(typeof UPDATE_KINDS)[number], string>> = {
  assign: 'in_progress',
  requestReassignment: 'in_progress',
  resolve: 'fixed',
  reject: 'no_further_action',
  reopen: 'open',
  close: 'closed',
  autoClosed: 'closed',
  escalatedToDivision: 'internal_referral',
  escalatedToProvince: 'internal_referral',
};

export function updateStatus(kind: string): string {
  return (STATUS as Record<string, string | undefined>)[kind] ?? 'open';
}
