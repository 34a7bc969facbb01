// SQL for refunds. A refund locks its payment row without waiting: a second refund of the same payment
// while one is under way is told so (409) instead of queueing behind it with a stale view of the balance.
import { type Generated, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { conflict } from '../../platform/errors.ts';
import { type PaymentRow, paymentTables } from './repo.ts';

type RefundTables = {
  refund: {
    id: Generated<string>;
    payment_id: string;
    amount_paisa: number;
    reason: string;
    status: 'submitted' | 'success' | 'failed';
    gateway_reference: string | null;
    requested_by: string;
    created_at: Generated<Date>;
  };
};

const tables = (db: Db) => db.$extendTables<RefundTables>();
export type RefundRow = Selectable<RefundTables['refund']>;

const LOCK_NOT_AVAILABLE = '55P03';

export async function lockPaymentForRefund(db: Db, paymentId: string): Promise<PaymentRow | undefined> {
  try {
    return await paymentTables(db)
      .selectFrom('payment')
      .selectAll()
      .where('id', '=', paymentId)
      .forNoKeyUpdate()
      .noWait()
      .executeTakeFirst();
  } catch (error: unknown) {
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE)
      throw conflict('Another refund of this payment is under way: reload and try again');
    throw error;
  }
}

/** Paisa refunded or being refunded (a failed refund gives its amount back). */
export async function refundedPaisa(db: Db, paymentId: string): Promise<number> {
  const row = await tables(db)
    .selectFrom('refund')
    .select(sql<number>`coalesce(sum(amount_paisa), 0)::bigint`.as('total'))
    .where('payment_id', '=', paymentId)
    .where('status', '<>', 'failed')
    .executeTakeFirstOrThrow();
  return row.total;
}

export async function insertRefund(
  db: Db,
  refund: {
    id: string;
    paymentId: string;
    amountPaisa: number;
    reason: string;
    status: RefundRow['status'];
    gatewayReference: string | null;
    requestedBy: string;
  },
): Promise<RefundRow> {
  return tables(db)
    .insertInto('refund')
    .values({
      id: refund.id,
      payment_id: refund.paymentId,
      amount_paisa: refund.amountPaisa,
      reason: refund.reason,
      status: refund.status,
      gateway_reference: refund.gatewayReference,
      requested_by: refund.requestedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function refundsOf(db: Db, paymentId: string): Promise<RefundRow[]> {
  return tables(db)
    .selectFrom('refund')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('created_at')
    .execute();
}
