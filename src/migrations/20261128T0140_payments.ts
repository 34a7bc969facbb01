// e-Payments: bills with PSIDs and heads of account, payments through gateways with their history, the
// gateways' processed callback ids, receipts, refunds, the sandbox bank's own records, and reconciliation
// of settlement files. Money is an integer number of paisa in bigint columns, never a fraction.
import { type Kysely, sql } from 'kysely';

const BILL_STATUSES = `'unpaid', 'paid', 'cancelled', 'expired'`;
const PAYMENT_STATUSES = `'created', 'started', 'submitted', 'success', 'failed', 'cancelled', 'expired', 'error'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // PSIDs are numbered from one sequence: unique without a lock, whatever the number of instances.
  await sql`create sequence bill_psid_serial as bigint minvalue 1 maxvalue 99999999999999`.execute(db);

  await db.schema
    .createTable('bill')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('psid', 'text', (col) =>
      col
        .notNull()
        .unique()
        .check(sql`psid ~ '^[0-9]{17}$'`),
    )
    // What the bill is for (a registered purpose such as 'application') and which one.
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'text', (col) => col.notNull())
    .addColumn('subject_label', 'text', (col) => col.notNull())
    .addColumn('description_en', 'text', (col) => col.notNull())
    .addColumn('description_ur', 'text', (col) => col.notNull())
    .addColumn('payer_id', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('department_code', 'text', (col) => col.notNull().references('department.code'))
    .addColumn('district_code', 'text', (col) => col.references('district.code'))
    .addColumn('amount_paisa', 'bigint', (col) => col.notNull().check(sql`amount_paisa > 0`))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('unpaid')
        .check(sql.raw(`status in (${BILL_STATUSES})`)),
    )
    .addColumn('due_at', 'timestamptz', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('replaces_bill_id', 'uuid', (col) => col.references('bill.id'))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('paid_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('expired_at', 'timestamptz')
    .addCheckConstraint('bill_expires_after_due', sql`expires_at >= due_at`)
    .addCheckConstraint('bill_paid_has_time', sql`(status = 'paid') = (paid_at is not null)`)
    .execute();
  // One open bill per subject: issuing again for the same subject returns it instead of a second PSID.
  await sql`create unique index bill_open_subject_key on bill (purpose, subject_id) where status = 'unpaid'`.execute(
    db,
  );
  await sql`create index bill_payer_idx on bill (payer_id, created_at desc)`.execute(db);
  await sql`create index bill_expiry_idx on bill (expires_at) where status = 'unpaid'`.execute(db);

  await db.schema
    .createTable('bill_head')
    .addColumn('bill_id', 'uuid', (col) => col.notNull().references('bill.id').onDelete('cascade'))
    .addColumn('position', 'smallint', (col) => col.notNull())
    .addColumn('head_code', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('department_code', 'text', (col) => col.notNull().references('department.code'))
    .addColumn('amount_paisa', 'bigint', (col) => col.notNull().check(sql`amount_paisa > 0`))
    .addPrimaryKeyConstraint('bill_head_pkey', ['bill_id', 'position'])
    .execute();
  // The heads add up to the bill, checked at commit (heads are inserted after their bill).
  await sql`
    create function bill_heads_sum_check() returns trigger language plpgsql as $$
    declare
      checked_bill uuid;
      total bigint;
      heads bigint;
    begin
      if tg_table_name = 'bill' then checked_bill := new.id;
      elsif tg_op = 'DELETE' then checked_bill := old.bill_id;
      else checked_bill := new.bill_id;
      end if;
      select amount_paisa into total from bill where id = checked_bill;
      if total is null then return null; end if;
      select coalesce(sum(amount_paisa), 0) into heads from bill_head where bill_id = checked_bill;
      if heads <> total then
        raise exception 'heads of account of bill % add up to % paisa, not %', checked_bill, heads, total
          using errcode = 'check_violation', constraint = 'bill_heads_sum';
      end if;
      return null;
    end $$`.execute(db);
  await sql`create constraint trigger bill_heads_sum after insert or update of amount_paisa on bill
    deferrable initially deferred for each row execute function bill_heads_sum_check()`.execute(db);
  await sql`create constraint trigger bill_heads_sum after insert or update or delete on bill_head
    deferrable initially deferred for each row execute function bill_heads_sum_check()`.execute(db);

  await db.schema
    .createTable('payment')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('bill_id', 'uuid', (col) => col.notNull().references('bill.id'))
    .addColumn('gateway', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) =>
      col.notNull().check(sql`channel in ('online', 'presentment', 'counter')`),
    )
    .addColumn('amount_paisa', 'bigint', (col) => col.notNull().check(sql`amount_paisa > 0`))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('created')
        .check(sql.raw(`status in (${PAYMENT_STATUSES})`)),
    )
    .addColumn('failure_code', 'text')
    // The gateway's own reference (its transaction id), known once the gateway has the payment.
    .addColumn('gateway_reference', 'text')
    .addColumn('payer_id', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('operator_id', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('counter_receipt_book_number', 'text')
    .addColumn('receipt_number', 'text', (col) => col.unique())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addCheckConstraint(
      'payment_success_has_receipt',
      sql`(status = 'success') = (receipt_number is not null)`,
    )
    .execute();
  // A bill is paid once: a second success for the same bill cannot be written.
  await sql`create unique index payment_one_success_per_bill on payment (bill_id) where status = 'success'`.execute(
    db,
  );
  await sql`create unique index payment_gateway_reference_key on payment (gateway, gateway_reference)
    where gateway_reference is not null`.execute(db);
  await sql`create index payment_bill_idx on payment (bill_id)`.execute(db);
  await sql`create index payment_settled_idx on payment (gateway, finished_at) where status = 'success'`.execute(
    db,
  );

  await db.schema
    .createTable('payment_event')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('payment_id', 'uuid', (col) => col.notNull().references('payment.id').onDelete('cascade'))
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('gateway_event_id', 'text')
    .addColumn('failure_code', 'text')
    .addColumn('details', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await sql`create index payment_event_payment_idx on payment_event (payment_id, id)`.execute(db);

  // Every gateway message we acted on, by the gateway's event id: the unique key refuses a replay.
  await db.schema
    .createTable('gateway_callback')
    .addColumn('gateway', 'text', (col) => col.notNull())
    .addColumn('event_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('payment_id', 'uuid', (col) => col.references('payment.id'))
    .addColumn('received_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('gateway_callback_pkey', ['gateway', 'event_id'])
    .execute();

  await db.schema
    .createTable('receipt_sequence')
    .addColumn('year', 'integer', (col) => col.primaryKey())
    .addColumn('last_number', 'integer', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('refund')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('payment_id', 'uuid', (col) => col.notNull().references('payment.id'))
    .addColumn('amount_paisa', 'bigint', (col) => col.notNull().check(sql`amount_paisa > 0`))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('submitted', 'success', 'failed')`),
    )
    .addColumn('gateway_reference', 'text')
    .addColumn('requested_by', 'uuid', (col) => col.notNull().references('user_account.id'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index refund_payment_idx on refund (payment_id)`.execute(db);

  // The sandbox bank's own ledger (it stands in for a bank's systems): what it charged, so that its
  // settlement file can differ from our records the way a real bank's can.
  await db.schema
    .createTable('sandbox_bank_transaction')
    .addColumn('reference', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('checkout', 'bill_payment')`))
    .addColumn('payment_id', 'uuid')
    .addColumn('psid', 'text', (col) => col.notNull())
    .addColumn('amount_paisa', 'bigint', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`outcome in ('pending', 'paid', 'failed', 'cancelled')`),
    )
    .addColumn('return_url', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('settled_at', 'timestamptz')
    .execute();
  await sql`create index sandbox_bank_settled_idx on sandbox_bank_transaction (settled_at) where outcome = 'paid'`.execute(
    db,
  );

  await db.schema
    .createTable('reconciliation_run')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('gateway', 'text', (col) => col.notNull())
    .addColumn('day', 'date', (col) => col.notNull())
    .addColumn('matched', 'integer', (col) => col.notNull())
    .addColumn('mismatched', 'integer', (col) => col.notNull())
    .addColumn('ran_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('settlement_mismatch')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('gateway', 'text', (col) => col.notNull())
    .addColumn('day', 'date', (col) => col.notNull())
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(sql`kind in ('paid_not_settled', 'settled_unknown', 'amount_differs')`),
    )
    // What identifies the transaction on either side: our payment, or the gateway's reference.
    .addColumn('match_key', 'text', (col) => col.notNull())
    .addColumn('payment_id', 'uuid', (col) => col.references('payment.id'))
    .addColumn('psid', 'text')
    .addColumn('department_code', 'text', (col) => col.references('department.code'))
    .addColumn('our_amount_paisa', 'bigint')
    .addColumn('settled_amount_paisa', 'bigint')
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'resolved')`),
    )
    .addColumn('found_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_by', 'uuid', (col) => col.references('user_account.id'))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolution', 'text')
    .execute();
  // Running a day again finds the same mismatches, not copies of them.
  await sql`create unique index settlement_mismatch_key on settlement_mismatch (gateway, day, kind, match_key)`.execute(
    db,
  );
}
