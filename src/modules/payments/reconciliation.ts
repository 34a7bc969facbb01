// Reconciliation: each day, each gateway's settlement file against our successful payments through it.
// Three kinds of mismatch are kept for a finance officer to resolve: paid here but not settled by the
// gateway, settled by the gateway but unknown here (or not a success here), and settled for another amount.
// Running a day again finds the same mismatches, not copies. Plus the collections report.
import { type Actor, actorLabel, hasProvinceRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { financeDepartments, isFinanceOfficerFor } from './access.ts';
import { isDay, pakistanDay, pakistanDayRange, previousDay } from './days.ts';
import type { PaymentGateways } from './gateways/gateway.ts';
import { parseSettlementCsv } from './gateways/settlement.ts';
import {
  type CollectionRow,
  type MismatchRow,
  type NewMismatch,
  collections,
  departmentOfPsid,
  findMismatch,
  listMismatches,
  paymentForSettlement,
  recordRun,
  resolveMismatch,
  successfulPayments,
} from './repo-reconciliation.ts';

export interface ReconciliationResult {
  readonly gateway: string;
  readonly day: string;
  readonly matched: number;
  readonly mismatches: readonly NewMismatch[];
}

export function reconciliationService(db: Db, gateways: PaymentGateways) {
  async function reconcileOne(gatewayId: string, day: string): Promise<ReconciliationResult> {
    const gateway = gateways.get(gatewayId);
    if (gateway?.settlementFile === undefined) throw notFound('Payment gateway');
    const lines = parseSettlementCsv(await gateway.settlementFile(db, day));
    const { from, to } = pakistanDayRange(day);
    const ours = new Map(
      (await successfulPayments(db, gateway.id, from, to)).map((payment) => [payment.id, payment]),
    );
    const mismatches: NewMismatch[] = [];
    let matched = 0;
    for (const line of lines) {
      const payment = await paymentForSettlement(db, gateway.id, line);
      if (payment !== undefined) ours.delete(payment.id);
      if (payment?.status !== 'success') {
        mismatches.push({
          gateway: gateway.id,
          day,
          kind: 'settled_unknown',
          match_key: line.gatewayReference,
          payment_id: payment?.id ?? null,
          psid: line.psid,
          department_code: payment?.department_code ?? (await departmentOfPsid(db, line.psid)),
          our_amount_paisa: null,
          settled_amount_paisa: line.amountPaisa,
        });
      } else if (payment.amount_paisa !== line.amountPaisa) {
        mismatches.push({
          gateway: gateway.id,
          day,
          kind: 'amount_differs',
          match_key: payment.id,
          payment_id: payment.id,
          psid: payment.psid,
          department_code: payment.department_code,
          our_amount_paisa: payment.amount_paisa,
          settled_amount_paisa: line.amountPaisa,
        });
      } else {
        matched += 1;
      }
    }
    for (const payment of ours.values()) {
      mismatches.push({
        gateway: gateway.id,
        day,
        kind: 'paid_not_settled',
        match_key: payment.id,
        payment_id: payment.id,
        psid: payment.psid,
        department_code: payment.department_code,
        our_amount_paisa: payment.amount_paisa,
        settled_amount_paisa: null,
      });
    }
    await inTransaction(db, (trx) => recordRun(trx, { gateway: gateway.id, day, matched, mismatches }));
    return { gateway: gateway.id, day, matched, mismatches };
  }

  return {
    /** Compares one day (default: yesterday in Pakistan) for every gateway that sends settlement files. */
    async reconcile(
      actor: Actor,
      day = previousDay(pakistanDay(new Date())),
    ): Promise<ReconciliationResult[]> {
      if (actor.kind !== 'system' && !hasProvinceRole(actor, 'finance_officer'))
        throw forbidden('Only the scheduler or a province-wide finance officer reconciles');
      if (!isDay(day)) throw new AppError('bad_request', 'A day is YYYY-MM-DD');
      const results = [];
      for (const gateway of gateways.values()) {
        if (gateway.settlementFile !== undefined) results.push(await reconcileOne(gateway.id, day));
      }
      return results;
    },

    async mismatches(actor: Actor, status: 'open' | 'resolved' = 'open'): Promise<MismatchRow[]> {
      const departments = financeDepartments(actor);
      if (departments?.length === 0) throw forbidden('Reconciliation is for finance officers');
      return listMismatches(db, { departments, status });
    },

    async resolve(actor: Actor, id: string, resolution: string): Promise<void> {
      if (actor.kind !== 'user') throw forbidden('Sign in as a finance officer');
      const note = resolution.trim();
      const mismatch = /^[0-9a-f-]{36}$/.test(id) ? await findMismatch(db, id) : undefined;
      if (
        mismatch === undefined ||
        !isFinanceOfficerFor(actor, { department_code: mismatch.department_code, district_code: null })
      )
        throw notFound('Mismatch');
      if (note === '' || note.length > 1000)
        throw validationFailed('Say how it was resolved', [
          { field: 'resolution', messageKey: 'payments.reconciliation.resolutionRequired' },
        ]);
      await inTransaction(db, async (trx) => {
        if (!(await resolveMismatch(trx, id, actor.userId, note)))
          throw conflict('This mismatch was already resolved');
        await insertAuditEvent(trx, {
          actorId: actor.userId,
          actorLabel: actorLabel(actor),
          action: 'payment.mismatch_resolved',
          subjectType: 'bill',
          subjectId: mismatch.psid ?? mismatch.match_key,
          details: { mismatchId: id, kind: mismatch.kind, resolution: note },
        });
      });
    },

    /** Collections per department, head of account and district for bills paid in [fromDay, toDay]. */
    async collections(actor: Actor, range: { fromDay: string; toDay: string }): Promise<CollectionRow[]> {
      const departments = financeDepartments(actor);
      if (departments?.length === 0)
        throw forbidden('The collections report is for finance officers and auditors');
      if (!isDay(range.fromDay) || !isDay(range.toDay) || range.fromDay > range.toDay)
        throw validationFailed('Choose a range of days', [
          { field: 'from', messageKey: 'payments.collections.rangeInvalid' },
        ]);
      return collections(db, {
        from: pakistanDayRange(range.fromDay).from,
        to: pakistanDayRange(range.toDay).to,
        departments,
      });
    },
  };
}

export type ReconciliationService = ReturnType<typeof reconciliationService>;

export const RECONCILIATION_QUEUE = 'payments-reconciliation';
export const BILL_EXPIRY_QUEUE = 'payments-bill-expiry';

/** Yesterday's reconciliation at 02:30 and bill expiry at 00:15, Pakistan time. */
export async function schedulePaymentJobs(
  jobs: Jobs,
  work: { reconcile: () => Promise<unknown>; expireBills: () => Promise<unknown> },
): Promise<void> {
  await jobs.boss.createQueue(RECONCILIATION_QUEUE);
  await jobs.boss.schedule(RECONCILIATION_QUEUE, '30 2 * * *', null, { tz: 'Asia/Karachi' });
  await jobs.boss.work(RECONCILIATION_QUEUE, async () => {
    await work.reconcile();
  });
  await jobs.boss.createQueue(BILL_EXPIRY_QUEUE);
  await jobs.boss.schedule(BILL_EXPIRY_QUEUE, '15 0 * * *', null, { tz: 'Asia/Karachi' });
  await jobs.boss.work(BILL_EXPIRY_QUEUE, async () => {
    await work.expireBills();
  });
}
