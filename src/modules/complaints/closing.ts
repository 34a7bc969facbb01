// The hook for what must happen when a complaint closes: the Citizen Feedback Monitoring Programme will
// queue its survey here. It runs inside the transaction that closes the complaint, so whatever it writes
// (a feedback request, an outbox row) commits or rolls back with the closing itself. It is called once per
// complaint: when the complainant rates and closes it, and when it closes itself 10 days after resolution
// without a rating. Rejected, frivolous and abusive complaints are not "closed" and do not call it.
import type { Db } from '../../platform/db/database.ts';

export interface ClosedComplaint {
  readonly id: string;
  readonly number: string;
  readonly departmentCode: string;
  readonly districtCode: string;
  readonly subTypeCode: string;
  /** The account of the complainant, when there is one. */
  readonly complainantId: string | null;
  /** The mobile given when filing without an account (a caller, an overseas filer, an Open311 reporter). */
  readonly contactMobile: string | null;
  readonly contactLocale: string;
  /** 1 to 5, or null when it closed itself without a rating. */
  readonly rating: number | null;
  readonly closedAt: Date;
  readonly how: 'rated' | 'auto';
}

export type ComplaintClosedHook = (trx: Db, closed: ClosedComplaint) => Promise<void>;

export const noClosingHook: ComplaintClosedHook = async () => {};
