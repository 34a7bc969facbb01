// SQL for reconciliation (our successful payments against a gateway's settlement file, the mismatches found
// and their resolution) and for the collections report.
import { type Generated, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { paymentTables } from './repo.ts';

export type MismatchKind = 'paid_not_settled' | 'settled_unknown' | 'amount_differs';

type ReconciliationTables = {
  reconciliation_run: {
    id: Generated<string>;
    gateway: string;
    day: string;
    matched: number;
    mismatched: number;
    ran_at: Generated<Date>;
  };
  settlement_mismatch: {
    id: Generated<string>;
    gateway: string;
    day: string;
    kind: MismatchKind;
    match_key: string;
    payment_id: string | null;
    psid: string | null;
    department_code: string | null;
    our_amount_paisa: number | null;
    settled_amount_paisa: number | null;
    status: Generated<'open' | 'resolved'>;
    found_at: Generated<Date>;
    resolved_by: string | null;
    resolved_at: Date | null;
    resolution: string | null;
  };
};

const tables = (db: Db) => db.$extendTables<ReconciliationTables>();
export type MismatchRow = Selectable<ReconciliationTables['settlement_mismatch']>;
export type NewMismatch = Omit<
  MismatchRow,
  'id' | 'status' | 'found_at' | 'resolved_by' | 'resolved_at' | 'resolution'
>;

export interface SettledPayment {
  readonly id: string;
  readonly status: string;
  readonly psid: string;
  readonly amount_paisa: number;
  readonly gateway_reference: string | null;
  readonly department_code: string;
}

function paymentsWithBills(db: Db) {
  return paymentTables(db)
    .selectFrom('payment')
    .innerJoin('bill', 'bill.id', 'payment.bill_id')
    .select([
      'payment.id',
      'payment.status',
      'bill.psid',
      'payment.amount_paisa',
      'payment.gateway_reference',
      'bill.department_code',
    ]);
}

/** Our successful payments through `gateway` that finished in [from, to). */
export async function successfulPayments(
  db: Db,
  gateway: string,
  from: Date,
  to: Date,
): Promise<SettledPayment[]> {
  return paymentsWithBills(db)
    .where('payment.gateway', '=', gateway)
    .where('payment.status', '=', 'success')
    .where('payment.finished_at', '>=', from)
    .where('payment.finished_at', '<', to)
    .execute();
}

/** A payment of ours matching a settlement line, whatever day it finished. */
export async function paymentForSettlement(
  db: Db,
  gateway: string,
  line: { paymentId: string | null; gatewayReference: string },
): Promise<SettledPayment | undefined> {
  const uuid = line.paymentId !== null && /^[0-9a-f-]{36}$/.test(line.paymentId) ? line.paymentId : null;
  return paymentsWithBills(db)
    .where('payment.gateway', '=', gateway)
    .where((eb) =>
      eb.or([
        eb('payment.gateway_reference', '=', line.gatewayReference),
        ...(uuid === null ? [] : [eb('payment.id', '=', uuid)]),
      ]),
    )
    .executeTakeFirst();
}

export async function departmentOfPsid(db: Db, psid: string): Promise<string | null> {
  const row = await paymentTables(db)
    .selectFrom('bill')
    .select('department_code')
    .where('psid', '=', psid)
    .executeTakeFirst();
  return row?.department_code ?? null;
}

export async function recordRun(
  db: Db,
  run: { gateway: string; day: string; matched: number; mismatches: readonly NewMismatch[] },
): Promise<number> {
  await tables(db)
    .insertInto('reconciliation_run')
    .values({ gateway: run.gateway, day: run.day, matched: run.matched, mismatched: run.mismatches.length })
    .execute();
  if (run.mismatches.length === 0) return 0;
  const inserted = await tables(db)
    .insertInto('settlement_mismatch')
    .values([...run.mismatches])
    .onConflict((oc) => oc.columns(['gateway', 'day', 'kind', 'match_key']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

export async function listMismatches(
  db: Db,
  filter: { departments: readonly string[] | null; status: 'open' | 'resolved' },
): Promise<MismatchRow[]> {
  let query = tables(db).selectFrom('settlement_mismatch').selectAll().where('status', '=', filter.status);
  if (filter.departments !== null) {
    if (filter.departments.length === 0) return [];
    query = query.where('department_code', 'in', [...filter.departments]);
  }
  return query.orderBy('day', 'desc').orderBy('found_at').limit(500).execute();
}

export async function findMismatch(db: Db, id: string): Promise<MismatchRow | undefined> {
  return tables(db).selectFrom('settlement_mismatch').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function resolveMismatch(db: Db, id: string, by: string, resolution: string): Promise<boolean> {
  const result = await tables(db)
    .updateTable('settlement_mismatch')
    .set({ status: 'resolved', resolved_by: by, resolved_at: new Date(), resolution })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface CollectionRow {
  readonly department_code: string;
  readonly head_code: string;
  readonly district_code: string | null;
  readonly bills: number;
  readonly amount_paisa: number;
}

/** Money collected on bills paid in [from, to), by the department each head credits, head and district. */
export async function collections(
  db: Db,
  filter: { from: Date; to: Date; departments: readonly string[] | null },
): Promise<CollectionRow[]> {
  if (filter.departments?.length === 0) return [];
  let query = paymentTables(db)
    .selectFrom('bill_head')
    .innerJoin('bill', 'bill.id', 'bill_head.bill_id')
    .select([
      'bill_head.department_code',
      'bill_head.head_code',
      'bill.district_code',
      sql<number>`count(distinct bill.id)::int`.as('bills'),
      sql<number>`sum(bill_head.amount_paisa)::bigint`.as('amount_paisa'),
    ])
    .where('bill.status', '=', 'paid')
    .where('bill.paid_at', '>=', filter.from)
    .where('bill.paid_at', '<', filter.to);
  if (filter.departments !== null)
    query = query.where('bill_head.department_code', 'in', [...filter.departments]);
  return query
    .groupBy(['bill_head.department_code', 'bill_head.head_code', 'bill.district_code'])
    .orderBy('bill_head.department_code')
    .orderBy('bill_head.head_code')
    .orderBy('bill.district_code')
    .execute();
}
