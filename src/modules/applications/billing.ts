// Fees through payments: an application entering a "pay" state gets a bill (PSID) in the same transaction,
// and the bill's payment takes the pay state's leading action as the system, inside the transaction that
// records the payment, so "paid" and "moved on" commit together. Applications comes to payments (registers
// its bill purpose); payments never imports applications.
import { type Actor, actorId, actorLabel, systemActor } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { type BillsService, billsService, effectiveStatus } from '../payments/bills.ts';
import type { BillStatus } from '../payments/lifecycle.ts';
import { paisaFromRupees } from '../payments/money.ts';
import { type PaidBill, registerBillPurpose } from '../payments/purposes.ts';
import type { BillRow } from '../payments/repo.ts';
import { calendarService } from '../calendar/service.ts';
import type { ServicePack, WorkflowAction } from '../services/pack/validate.ts';
import { servicesService } from '../services/service.ts';
import { type ApplicationRow, findApplication, insertEvent, updateIfVersion } from './repo.ts';
import { logAction } from './issuance.ts';
import { stateOf } from './workflow.ts';

export const APPLICATION_BILL_PURPOSE = 'application';
const BILLING = systemActor('applications');

/** Whether the state waits for the citizen's fee. */
export function isPayState(pack: ServicePack, state: string): boolean {
  return pack.workflow.states[state]?.citizenAction === 'pay';
}

/** The action out of a pay state that paying takes: the one that does not end the application. */
export function leadingAction(pack: ServicePack, state: string): WorkflowAction | undefined {
  return stateOf(pack, state).actions?.find((action) => stateOf(pack, action.to).terminal !== true);
}

/** Issues the application's fee bill inside the caller's transaction; nothing when there is no fee. */
export async function issueApplicationBill(
  trx: Db,
  pack: ServicePack,
  application: Pick<
    ApplicationRow,
    'id' | 'applicant_id' | 'department_code' | 'district_code' | 'fee_pkr'
  > & {
    number: string;
  },
): Promise<BillRow | undefined> {
  if (application.fee_pkr === null) return undefined;
  const amountPaisa = paisaFromRupees(application.fee_pkr);
  if (amountPaisa === undefined || amountPaisa <= 0) return undefined;
  const headCode = 'headOfAccount' in pack.fee ? pack.fee.headOfAccount : undefined;
  return billsService(trx).issueBill(BILLING, {
    purpose: APPLICATION_BILL_PURPOSE,
    subjectId: application.id,
    subjectLabel: application.number,
    description: { en: `${pack.name.en} fee`, ur: `${pack.name.ur} فیس` },
    payerId: application.applicant_id,
    departmentCode: application.department_code,
    districtCode: application.district_code,
    heads: [
      {
        // Packs written before heads of account existed credit the department's general receipts.
        headCode: headCode ?? 'C00000',
        description: `${pack.name.en} fee`,
        departmentCode: pack.department,
        amountPaisa,
      },
    ],
  });
}

/** Cancels the application's unpaid bill (it was withdrawn or closed before paying). */
export async function cancelApplicationBill(trx: Db, applicationId: string): Promise<void> {
  const bills = billsService(trx);
  for (const bill of await bills.billsFor(BILLING, APPLICATION_BILL_PURPOSE, applicationId)) {
    if (bill.status === 'unpaid') await bills.cancelBill(BILLING, bill.psid);
  }
}

/**
 * A fresh bill for an application still waiting for its fee whose bill expired or was cancelled, or that
 * reached its pay step before fees were billed. Refused while a bill can still be paid, or once it is paid.
 * The caller holds the application's row (a version bump) so two requests cannot both issue one.
 */
export async function renewApplicationBill(
  trx: Db,
  pack: ServicePack,
  application: Parameters<typeof issueApplicationBill>[2],
): Promise<BillRow | undefined> {
  const [newest] = await billsService(trx).billsFor(BILLING, APPLICATION_BILL_PURPOSE, application.id);
  if (newest !== undefined && effectiveStatus(newest) === 'unpaid')
    throw new AppError('conflict', 'The fee bill can still be paid');
  if (newest?.status === 'paid') throw new AppError('conflict', 'The fee is already paid');
  return issueApplicationBill(trx, pack, application);
}

/** The pay state's leading action, taken by the system because the fee was paid. */
async function feePaid(trx: Db, paid: PaidBill): Promise<void> {
  const application = await findApplication(trx, { id: paid.bill.subject_id });
  if (application === undefined) throw new AppError('not_found', 'The billed application is gone');
  const pack = await servicesService(trx).packAt(BILLING, application.service_code, application.pack_version);
  // Paid after it left the pay state (withdrawn as the money arrived): the payment stands, for a refund.
  if (!isPayState(pack, application.state)) return;
  const action = leadingAction(pack, application.state);
  if (action === undefined) return;
  const next = stateOf(pack, action.to);
  const actor = systemActor('payments');
  const calendar = calendarService(trx);
  const changed = await updateIfVersion(trx, application.id, application.version, {
    state: action.to,
    holder_role: next.holder?.role ?? null,
    assigned_to: null,
    due_at:
      next.deadlineHours === undefined ? null : await calendar.deadline(paid.paidAt, next.deadlineHours),
  });
  // Throwing rolls the payment's success back; the gateway's retry (or the operator) tries again.
  if (!changed) throw new AppError('conflict', 'The application changed while its fee was being paid');
  await insertEvent(trx, {
    applicationId: application.id,
    actorId: actorId(actor),
    actorLabel: actorLabel(actor),
    kind: 'action',
    action: action.id,
    fromState: application.state,
    toState: action.to,
    remarks: `Fee paid, receipt ${paid.receiptNumber}`,
  });
  await insertAuditEvent(trx, {
    actorId: actorId(actor),
    actorLabel: actorLabel(actor),
    action: `application.${action.id}`,
    subjectType: 'application',
    subjectId: application.number ?? application.id,
    details: { from: application.state, to: action.to, psid: paid.bill.psid, receipt: paid.receiptNumber },
  });
  if (application.number !== null) {
    await logAction(
      trx,
      { ...application, number: application.number },
      { action: action.id, from: application.state, to: action.to, outcome: null, at: paid.paidAt },
    );
  }
}

/** The application's fee bill as its track page and slip show it. */
export interface FeeBill {
  readonly psid: string;
  readonly amountPaisa: number;
  readonly status: BillStatus;
  readonly dueAt: Date;
  readonly receiptNumber: string | null;
}

/** The application's newest bill the actor may see (with its receipt once paid); null when none. */
export async function feeBillOf(
  bills: BillsService,
  actor: Actor,
  applicationId: string,
): Promise<FeeBill | null> {
  const [bill] = await bills.billsFor(actor, APPLICATION_BILL_PURPOSE, applicationId);
  if (bill === undefined) return null;
  const paid =
    bill.status === 'paid'
      ? (await bills.bill(actor, bill.psid)).payments.find((payment) => payment.status === 'success')
      : undefined;
  return {
    psid: bill.psid,
    amountPaisa: bill.amount_paisa,
    status: effectiveStatus(bill),
    dueAt: bill.due_at,
    receiptNumber: paid?.receipt_number ?? null,
  };
}

/** Registers the application fee with payments; called where services are wired (idempotent). */
export function registerApplicationBilling(): void {
  registerBillPurpose(APPLICATION_BILL_PURPOSE, { onPaid: feePaid });
}
