// Bills: what is owed, under a PSID that never changes. A new amount is a new bill; the old one is cancelled.
// Issuing needs no gateway, so a module that bills builds `billsService(trx)` inside its own transaction.
import { type Actor, actorId, actorLabel } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import { referenceService } from '../reference/service.ts';
import { canIssueBill, canSeeBill } from './access.ts';
import type { BillStatus } from './lifecycle.ts';
import { isAmountPaisa } from './money.ts';
import { isValidPsid, normalisePsid, psidFromSerial } from './psid.ts';
import { billPurpose, isBillPurpose } from './purposes.ts';
import {
  type BillHeadRow,
  type BillRow,
  type PaymentRow,
  closeUnpaidBill,
  findBill,
  headsOf,
  insertBill,
  insertPaymentEvent,
  lockExpiredBills,
  lockOpenPaymentsOfBill,
  nextPsidSerial,
  openBillFor,
  paymentsOfBill,
  billsFor,
  updatePayment,
} from './repo.ts';
import { publishBillClosed, publishPaymentFinished } from './webhook-events.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_DUE_DAYS = 14;
export const DEFAULT_EXPIRY_DAYS = 30;

export interface HeadOfAccount {
  /** The chart-of-accounts receipt head, e.g. C02741. */
  readonly headCode: string;
  readonly description: string;
  /** The department the head credits (may differ from the billing department). */
  readonly departmentCode: string;
  readonly amountPaisa: number;
}

export interface IssueBillInput {
  readonly purpose: string;
  readonly subjectId: string;
  /** Shown to the payer and officers, e.g. the application number. */
  readonly subjectLabel: string;
  readonly description: { readonly en: string; readonly ur: string };
  readonly payerId: string | null;
  readonly departmentCode: string;
  readonly districtCode: string | null;
  readonly heads: readonly HeadOfAccount[];
  readonly dueAt?: Date;
  readonly expiresAt?: Date;
}

/** What anyone holding the PSID may know (a bank, the public API): no personal data. */
export interface PublicBill {
  readonly psid: string;
  readonly amountPaisa: number;
  readonly status: BillStatus;
  readonly dueAt: Date;
  readonly expiresAt: Date;
  readonly department: { readonly code: string; readonly nameEn: string; readonly nameUr: string };
}

/** An unpaid bill past its expiry is expired, whether or not the daily job has marked it yet. */
export function effectiveStatus(bill: BillRow, now = new Date()): BillStatus {
  return bill.status === 'unpaid' && bill.expires_at <= now ? 'expired' : bill.status;
}

/** A PSID as typed: spaces and hyphens dropped; a wrong check digit is a 400 that says so. */
export function checkedPsid(typed: string): string {
  const psid = normalisePsid(typed);
  if (!/^\d{17}$/.test(psid)) {
    throw new AppError('bad_request', 'A PSID is 17 digits', {
      fieldErrors: [{ field: 'psid', messageKey: 'payments.psidFormat' }],
    });
  }
  if (!isValidPsid(psid)) {
    throw new AppError('bad_request', 'This PSID has a wrong check digit: a digit was probably mistyped', {
      fieldErrors: [{ field: 'psid', messageKey: 'payments.psidCheckDigit' }],
    });
  }
  return psid;
}

function checkHeads(input: IssueBillInput): number {
  const problems = [];
  if (input.heads.length === 0 || input.heads.some((head) => !isAmountPaisa(head.amountPaisa)))
    problems.push({ field: 'heads', messageKey: 'payments.headsInvalid' });
  if (!isBillPurpose(input.purpose))
    problems.push({ field: 'purpose', messageKey: 'payments.purposeInvalid' });
  const total = input.heads.reduce((sum, head) => sum + head.amountPaisa, 0);
  if (!isAmountPaisa(total)) problems.push({ field: 'heads', messageKey: 'payments.headsInvalid' });
  if (problems.length > 0) throw validationFailed('The bill is not valid', problems);
  return total;
}

const sameHeads = (heads: readonly BillHeadRow[], wanted: readonly HeadOfAccount[]) =>
  heads.length === wanted.length &&
  heads.every(
    (head, index) =>
      head.head_code === wanted[index]?.headCode &&
      head.department_code === wanted[index].departmentCode &&
      head.amount_paisa === wanted[index].amountPaisa,
  );

export function billsService(db: Db) {
  async function closeBill(trx: Db, actor: Actor, bill: BillRow, status: 'cancelled' | 'expired', at: Date) {
    if (!(await closeUnpaidBill(trx, bill.id, status, at))) return false;
    // Checkouts still open on the bill can no longer succeed as payments of it.
    for (const payment of await lockOpenPaymentsOfBill(trx, bill.id)) {
      const code = status === 'expired' ? 'expired' : 'service_cancelled';
      const to = status === 'expired' ? 'expired' : 'cancelled';
      await updatePayment(trx, payment.id, { status: to, failure_code: code, finished_at: at });
      await insertPaymentEvent(trx, {
        paymentId: payment.id,
        fromStatus: payment.status,
        toStatus: to,
        source: 'system',
        failureCode: code,
      });
      const finished = { ...payment, status: to, failure_code: code, finished_at: at } as const;
      await publishPaymentFinished(trx, bill, finished, at);
    }
    await publishBillClosed(trx, bill, status, at);
    await insertAuditEvent(trx, {
      actorId: actorId(actor),
      actorLabel: actorLabel(actor),
      action: `bill.${status}`,
      subjectType: 'bill',
      subjectId: bill.psid,
    });
    await billPurpose(bill.purpose)?.onClosed?.(trx, { ...bill, status }, status);
    return true;
  }

  return {
    /**
     * Issues a bill (or returns the subject's open bill when it is for the same heads and amounts). A bill
     * for a new amount cancels the open one: a PSID's amount never changes.
     */
    async issueBill(actor: Actor, input: IssueBillInput): Promise<BillRow> {
      if (!canIssueBill(actor, input.departmentCode))
        throw forbidden('You cannot issue bills for this department');
      const total = checkHeads(input);
      const now = new Date();
      const dueAt = input.dueAt ?? new Date(now.getTime() + DEFAULT_DUE_DAYS * DAY_MS);
      const expiresAt =
        input.expiresAt ?? new Date(dueAt.getTime() + (DEFAULT_EXPIRY_DAYS - DEFAULT_DUE_DAYS) * DAY_MS);
      if (expiresAt < dueAt || dueAt <= now)
        throw validationFailed('The due date must be ahead and the expiry after it', [
          { field: 'dueAt', messageKey: 'payments.datesInvalid' },
        ]);
      return inTransaction(db, async (trx) => {
        const open = await openBillFor(trx, input.purpose, input.subjectId);
        let replaces: string | null = null;
        if (open !== undefined) {
          const locked = await findBill(trx, { id: open.id }, { forUpdate: true });
          if (locked?.status === 'unpaid' && locked.expires_at <= now) {
            // Past its expiry but not yet marked by the daily job: it can no longer be paid, so a new one.
            await closeBill(trx, actor, locked, 'expired', now);
            replaces = locked.id;
          } else if (locked?.status === 'unpaid') {
            if (locked.amount_paisa === total && sameHeads(await headsOf(trx, locked.id), input.heads))
              return locked;
            await closeBill(trx, actor, locked, 'cancelled', now);
            replaces = locked.id;
          }
        }
        const bill = await insertBill(trx, {
          psid: psidFromSerial(await nextPsidSerial(trx)),
          purpose: input.purpose,
          subjectId: input.subjectId,
          subjectLabel: input.subjectLabel,
          descriptionEn: input.description.en,
          descriptionUr: input.description.ur,
          payerId: input.payerId,
          departmentCode: input.departmentCode,
          districtCode: input.districtCode,
          amountPaisa: total,
          dueAt,
          expiresAt,
          replacesBillId: replaces,
          createdBy: actorLabel(actor),
          heads: input.heads.map((head) => ({
            head_code: head.headCode,
            description: head.description,
            department_code: head.departmentCode,
            amount_paisa: head.amountPaisa,
          })),
        });
        await insertAuditEvent(trx, {
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          action: 'bill.issued',
          subjectType: 'bill',
          subjectId: bill.psid,
          details: { purpose: bill.purpose, subject: bill.subject_label, amountPaisa: total, replaces },
        });
        return bill;
      });
    },

    /** The public view of a bill by PSID: amount, status, due date, department. */
    async publicBill(typedPsid: string, now = new Date()): Promise<PublicBill> {
      const bill = await findBill(db, { psid: checkedPsid(typedPsid) });
      if (bill === undefined) throw notFound('Bill');
      const departments = (await referenceService(db).referenceData({ kind: 'anonymous' })).departments;
      const department = departments.find((candidate) => candidate.code === bill.department_code);
      return {
        psid: bill.psid,
        amountPaisa: bill.amount_paisa,
        status: effectiveStatus(bill, now),
        dueAt: bill.due_at,
        expiresAt: bill.expires_at,
        department: department ?? {
          code: bill.department_code,
          nameEn: bill.department_code,
          nameUr: bill.department_code,
        },
      };
    },

    /** The whole bill for its payer and the department's officers; 404 to anyone else. */
    async bill(
      actor: Actor,
      typedPsid: string,
    ): Promise<{ bill: BillRow; status: BillStatus; heads: BillHeadRow[]; payments: PaymentRow[] }> {
      const bill = await findBill(db, { psid: checkedPsid(typedPsid) });
      if (bill === undefined || !canSeeBill(actor, bill)) throw notFound('Bill');
      return {
        bill,
        status: effectiveStatus(bill),
        heads: await headsOf(db, bill.id),
        payments: await paymentsOfBill(db, bill.id),
      };
    },

    /** The bills issued for one subject (e.g. an application), newest first, that the actor may see. */
    async billsFor(actor: Actor, purpose: string, subjectId: string): Promise<BillRow[]> {
      return (await billsFor(db, purpose, subjectId)).filter((bill) => canSeeBill(actor, bill));
    },

    async cancelBill(actor: Actor, typedPsid: string): Promise<void> {
      const psid = checkedPsid(typedPsid);
      await inTransaction(db, async (trx) => {
        const bill = await findBill(trx, { psid }, { forUpdate: true });
        if (bill === undefined || !canSeeBill(actor, bill)) throw notFound('Bill');
        if (!canIssueBill(actor, bill.department_code)) throw forbidden('You cannot cancel this bill');
        if (bill.status !== 'unpaid') throw conflict(`The bill is already ${bill.status}`);
        await closeBill(trx, actor, bill, 'cancelled', new Date());
      });
    },

    /** Marks unpaid bills past their expiry as expired (the daily job), in batches; returns how many. */
    async expireBills(actor: Actor, now = new Date()): Promise<number> {
      if (actor.kind !== 'system') throw forbidden('Only the scheduler expires bills');
      let total = 0;
      for (;;) {
        const expired = await inTransaction(db, async (trx) => {
          const bills = await lockExpiredBills(trx, now, 200);
          for (const bill of bills) await closeBill(trx, actor, bill, 'expired', now);
          return bills.length;
        });
        total += expired;
        if (expired < 200) return total;
      }
    },
  };
}

export type BillsService = ReturnType<typeof billsService>;
