// A complaint's state and deadline status as tags, in words as well as colour.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { type ComplaintRow, type ComplaintState, OPEN_STATES } from '../repo.ts';

const HOUR_MS = 3_600_000;
export type DeadlineStatus = 'onTime' | 'dueSoon' | 'overdue';

/** For open complaints: overdue, due within a day, or on time. */
export function deadlineStatus(
  complaint: Pick<ComplaintRow, 'state' | 'due_at'>,
  now: Date,
): DeadlineStatus | undefined {
  if (complaint.due_at === null || !OPEN_STATES.includes(complaint.state)) return undefined;
  const left = complaint.due_at.getTime() - now.getTime();
  return left <= 0 ? 'overdue' : left <= 24 * HOUR_MS ? 'dueSoon' : 'onTime';
}

const TONE: Readonly<Record<ComplaintState, string>> = {
  pending_verification: 'tag tag--grey',
  submitted: 'tag',
  assigned: 'tag',
  reassignment_requested: 'tag tag--yellow',
  reopened: 'tag tag--yellow',
  resolved: 'tag tag--green',
  closed: 'tag tag--grey',
  rejected: 'tag tag--red',
  frivolous: 'tag tag--red',
  abusive: 'tag tag--red',
};

export function StateTag({ t, state }: { t: Translator; state: ComplaintState }) {
  return <strong class={TONE[state]}>{t.t(`complaints.state.${state}`)}</strong>;
}

export function DeadlineTag({ t, status }: { t: Translator; status: DeadlineStatus }) {
  const tone =
    status === 'overdue' ? 'tag tag--red' : status === 'dueSoon' ? 'tag tag--yellow' : 'tag tag--green';
  return <strong class={tone}>{t.t(`complaints.deadline.${status}`)}</strong>;
}
