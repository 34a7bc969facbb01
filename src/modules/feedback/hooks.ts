// The places other modules call when a service has been delivered; each runs in that module's transaction.
import type { Db } from '../../platform/db/database.ts';
import type { ComplaintClosedHook } from '../complaints/closing.ts';
import { type FeedbackOptions, queueFeedbackRequest } from './queue.ts';

/** For the complaints module's `onClosed`: survey the complainant about how their complaint was handled. */
export function feedbackOnComplaintClosed(options: FeedbackOptions): ComplaintClosedHook {
  return async (trx, closed) => {
    await queueFeedbackRequest(
      trx,
      options,
      {
        kind: 'complaint',
        number: closed.number,
        departmentCode: closed.departmentCode,
        districtCode: closed.districtCode,
        citizenId: closed.complainantId,
        mobile: closed.contactMobile,
        locale: closed.contactLocale,
      },
      closed.closedAt,
    );
  };
}

/** For the applications module: survey the applicant once their application is decided. */
export async function feedbackOnApplicationDecided(
  trx: Db,
  options: FeedbackOptions,
  application: {
    number: string | null;
    department_code: string;
    district_code: string;
    applicant_id: string;
  },
): Promise<void> {
  if (application.number === null) return;
  await queueFeedbackRequest(trx, options, {
    kind: 'application',
    number: application.number,
    departmentCode: application.department_code,
    districtCode: application.district_code,
    citizenId: application.applicant_id,
  });
}

/** For the payments module: survey the payer after cash is taken at a counter (a bill with an office). */
export async function feedbackOnCounterPayment(
  trx: Db,
  options: FeedbackOptions,
  payment: {
    receiptNumber: string;
    bill: { department_code: string; district_code: string | null; payer_id: string | null };
  },
): Promise<void> {
  const { bill } = payment;
  if (bill.district_code === null || bill.payer_id === null) return;
  await queueFeedbackRequest(trx, options, {
    kind: 'payment',
    number: payment.receiptNumber,
    departmentCode: bill.department_code,
    districtCode: bill.district_code,
    citizenId: bill.payer_id,
  });
}
