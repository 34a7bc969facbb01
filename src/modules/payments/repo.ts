// SQL for bills, their heads of account, payments and their history, processed gateway messages and receipt
// numbers. The module's table types live here; refunds, reconciliation and the sandbox bank have their own
// repo files over the same types. Rows are locked FOR NO KEY UPDATE: enough to serialise changes, and no
// conflict with the key-share locks that inserting a referencing row (an event, a callback) takes.
import { type Generated, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { BillStatus, PaymentChannel, PaymentStatus } from './lifecycle.ts';

export type PaymentTables = {
  bill: {
    id: Generated<string>;
    psid: string;
    purpose: string;
    subject_id: string;
    subject_label: string;
    description_en: string;
    description_ur: string;
    payer_id: string | null;
    department_code: string;
    district_code: string | null;
    amount_paisa: number;
    status: Generated<BillStatus>;
    due_at: Date;
    expires_at: Date;
    replaces_bill_id: string | null;
    created_by: string;
    created_at: Generated<Date>;
    paid_at: Date | null;
    cancelled_at: Date | null;
    expired_at: Date | null;
  };
  bill_head: {
    bill_id: string;
    position: number;
    head_code: string;
    description: string;
    department_code: string;
    amount_paisa: number;
  };
  payment: {
    id: Generated<string>;
    bill_id: string;
    gateway: string;
    channel: PaymentChannel;
    amount_paisa: number;
    status: Generated<PaymentStatus>;
    failure_code: string | null;
    gateway_reference: string | null;
    payer_id: string | null;
    operator_id: string | null;
    counter_receipt_book_number: string | null;
    receipt_number: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    finished_at: Date | null;
  };
  payment_event: {
    id: Generated<number>;
    payment_id: string;
    occurred_at: Generated<Date>;
    from_status: string | null;
    to_status: string;
    source: string;
    gateway_event_id: string | null;
    failure_code: string | null;
    details: Generated<unknown>;
  };
  gateway_callback: {
    gateway: string;
    event_id: string;
    kind: string;
    payment_id: string | null;
    received_at: Generated<Date>;
  };
  receipt_sequence: { year: number; last_number: number };
};

export const paymentTables = (db: Db) => db.$extendTables<PaymentTables>();
const tables = paymentTables;

export type BillRow = Selectable<PaymentTables['bill']>;
export type BillHeadRow = Selectable<PaymentTables['bill_head']>;
export type PaymentRow = Selectable<PaymentTables['payment']>;
export type PaymentEventRow = Selectable<PaymentTables['payment_event']>;

export async function nextPsidSerial(db: Db): Promise<number> {
  const result = await sql<{ serial: number }>`select nextval('bill_psid_serial') as serial`.execute(db);
  const serial = result.rows[0]?.serial;
  if (serial === undefined) throw new Error('The PSID sequence returned nothing');
  return serial;
}

export interface NewBill {
  readonly psid: string;
  readonly purpose: string;
  readonly subjectId: string;
  readonly subjectLabel: string;
  readonly descriptionEn: string;
  readonly descriptionUr: string;
  readonly payerId: string | null;
  readonly departmentCode: string;
  readonly districtCode: string | null;
  readonly amountPaisa: number;
  readonly dueAt: Date;
  readonly expiresAt: Date;
  readonly replacesBillId: string | null;
  readonly createdBy: string;
  readonly heads: readonly Omit<BillHeadRow, 'bill_id' | 'position'>[];
}

export async function insertBill(db: Db, bill: NewBill): Promise<BillRow> {
  const row = await tables(db)
    .insertInto('bill')
    .values({
      psid: bill.psid,
      purpose: bill.purpose,
      subject_id: bill.subjectId,
      subject_label: bill.subjectLabel,
      description_en: bill.descriptionEn,
      description_ur: bill.descriptionUr,
      payer_id: bill.payerId,
      department_code: bill.departmentCode,
      district_code: bill.districtCode,
      amount_paisa: bill.amountPaisa,
      due_at: bill.dueAt,
      expires_at: bill.expiresAt,
      replaces_bill_id: bill.replacesBillId,
      created_by: bill.createdBy,
      paid_at: null,
      cancelled_at: null,
      expired_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await tables(db)
    .insertInto('bill_head')
    .values(bill.heads.map((head, position) => ({ ...head, bill_id: row.id, position })))
    .execute();
  return row;
}

export async function findBill(
  db: Db,
  by: { psid: string } | { id: string },
  options: { forUpdate?: boolean } = {},
): Promise<BillRow | undefined> {
  let query = tables(db).selectFrom('bill').selectAll();
  query = 'psid' in by ? query.where('psid', '=', by.psid) : query.where('id', '=', by.id);
  if (options.forUpdate === true) query = query.forNoKeyUpdate();
  return query.executeTakeFirst();
}

export async function openBillFor(db: Db, purpose: string, subjectId: string): Promise<BillRow | undefined> {
  return tables(db)
    .selectFrom('bill')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'unpaid')
    .executeTakeFirst();
}

export async function billsFor(db: Db, purpose: string, subjectId: string): Promise<BillRow[]> {
  return tables(db)
    .selectFrom('bill')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function headsOf(db: Db, billId: string): Promise<BillHeadRow[]> {
  return tables(db)
    .selectFrom('bill_head')
    .selectAll()
    .where('bill_id', '=', billId)
    .orderBy('position')
    .execute();
}

/** Moves an unpaid bill to `status`; false when it was no longer unpaid. */
export async function closeUnpaidBill(
  db: Db,
  id: string,
  status: 'paid' | 'cancelled' | 'expired',
  at: Date,
): Promise<boolean> {
  const stamp =
    status === 'paid' ? { paid_at: at } : status === 'cancelled' ? { cancelled_at: at } : { expired_at: at };
  const result = await tables(db)
    .updateTable('bill')
    .set({ status, ...stamp })
    .where('id', '=', id)
    .where('status', '=', 'unpaid')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Unpaid bills past their expiry, locked for the caller's transaction (others skip them). */
export async function lockExpiredBills(db: Db, now: Date, limit: number): Promise<BillRow[]> {
  return tables(db)
    .selectFrom('bill')
    .selectAll()
    .where('status', '=', 'unpaid')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .forNoKeyUpdate()
    .skipLocked()
    .execute();
}

export async function insertPayment(
  db: Db,
  payment: {
    billId: string;
    gateway: string;
    channel: PaymentChannel;
    amountPaisa: number;
    payerId: string | null;
    operatorId?: string;
    counterReceiptBookNumber?: string;
    gatewayReference?: string;
  },
): Promise<PaymentRow> {
  return tables(db)
    .insertInto('payment')
    .values({
      bill_id: payment.billId,
      gateway: payment.gateway,
      channel: payment.channel,
      amount_paisa: payment.amountPaisa,
      payer_id: payment.payerId,
      operator_id: payment.operatorId ?? null,
      counter_receipt_book_number: payment.counterReceiptBookNumber ?? null,
      gateway_reference: payment.gatewayReference ?? null,
      failure_code: null,
      receipt_number: null,
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPayment(
  db: Db,
  by: { id: string } | { receiptNumber: string } | { gateway: string; gatewayReference: string },
  options: { forUpdate?: boolean } = {},
): Promise<PaymentRow | undefined> {
  let query = tables(db).selectFrom('payment').selectAll();
  if ('id' in by) query = query.where('id', '=', by.id);
  else if ('receiptNumber' in by) query = query.where('receipt_number', '=', by.receiptNumber);
  else query = query.where('gateway', '=', by.gateway).where('gateway_reference', '=', by.gatewayReference);
  if (options.forUpdate === true) query = query.forNoKeyUpdate();
  return query.executeTakeFirst();
}

export async function updatePayment(
  db: Db,
  id: string,
  changes: Partial<{
    status: PaymentStatus;
    failure_code: string | null;
    gateway_reference: string;
    receipt_number: string;
    finished_at: Date;
  }>,
): Promise<void> {
  await tables(db)
    .updateTable('payment')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function paymentsOfBill(db: Db, billId: string): Promise<PaymentRow[]> {
  return tables(db)
    .selectFrom('payment')
    .selectAll()
    .where('bill_id', '=', billId)
    .orderBy('created_at')
    .execute();
}

/** Payments not yet finished, locked for the caller's transaction. */
export async function lockOpenPaymentsOfBill(db: Db, billId: string): Promise<PaymentRow[]> {
  return tables(db)
    .selectFrom('payment')
    .selectAll()
    .where('bill_id', '=', billId)
    .where('status', 'in', ['created', 'started', 'submitted'])
    .forNoKeyUpdate()
    .execute();
}

export async function insertPaymentEvent(
  db: Db,
  event: {
    paymentId: string;
    fromStatus: PaymentStatus | null;
    toStatus: PaymentStatus;
    source: string;
    gatewayEventId?: string;
    failureCode?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await tables(db)
    .insertInto('payment_event')
    .values({
      payment_id: event.paymentId,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      source: event.source,
      gateway_event_id: event.gatewayEventId ?? null,
      failure_code: event.failureCode ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export async function paymentEventsOf(db: Db, paymentId: string): Promise<PaymentEventRow[]> {
  return tables(db)
    .selectFrom('payment_event')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('id')
    .execute();
}

/**
 * Records a gateway's message id inside the caller's transaction. False when it was already recorded: a
 * replay. Concurrent copies wait for the first transaction and then find its row, so exactly one proceeds.
 */
export async function claimGatewayEvent(
  db: Db,
  event: { gateway: string; eventId: string; kind: string; paymentId: string | null },
): Promise<boolean> {
  const row = await tables(db)
    .insertInto('gateway_callback')
    .values({
      gateway: event.gateway,
      event_id: event.eventId,
      kind: event.kind,
      payment_id: event.paymentId,
    })
    .onConflict((oc) => oc.columns(['gateway', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The next receipt number of the year (the counter row is locked until the caller commits). */
export async function nextReceiptSerial(db: Db, year: number): Promise<number> {
  const row = await tables(db)
    .insertInto('receipt_sequence')
    .values({ year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql`receipt_sequence.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}
