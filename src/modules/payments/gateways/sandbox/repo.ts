// The sandbox bank's own ledger: what it charged, as a real bank's systems would record it apart from ours.
import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../../../platform/db/database.ts';

type SandboxTables = {
  sandbox_bank_transaction: {
    reference: string;
    kind: 'checkout' | 'bill_payment';
    payment_id: string | null;
    psid: string;
    amount_paisa: number;
    outcome: 'pending' | 'paid' | 'failed' | 'cancelled';
    return_url: string | null;
    created_at: Date;
    settled_at: Date | null;
  };
};

const tables = (db: Db) => db.$extendTables<SandboxTables>();
export type SandboxTransaction = Selectable<SandboxTables['sandbox_bank_transaction']>;
export type SandboxOutcome = SandboxTransaction['outcome'];

export function newSandboxReference(): string {
  return `SBX-${randomBytes(9).toString('base64url')}`;
}

export async function insertSandboxTransaction(
  db: Db,
  transaction: {
    reference: string;
    kind: SandboxTransaction['kind'];
    paymentId: string | null;
    psid: string;
    amountPaisa: number;
    returnUrl: string | null;
    outcome?: SandboxOutcome;
    settledAt?: Date;
  },
): Promise<void> {
  await tables(db)
    .insertInto('sandbox_bank_transaction')
    .values({
      reference: transaction.reference,
      kind: transaction.kind,
      payment_id: transaction.paymentId,
      psid: transaction.psid,
      amount_paisa: transaction.amountPaisa,
      return_url: transaction.returnUrl,
      outcome: transaction.outcome ?? 'pending',
      created_at: new Date(),
      settled_at: transaction.settledAt ?? null,
    })
    .execute();
}

export async function findSandboxTransaction(
  db: Db,
  reference: string,
): Promise<SandboxTransaction | undefined> {
  return tables(db)
    .selectFrom('sandbox_bank_transaction')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirst();
}

/** Records the payer's choice once; false when the checkout was already finished. */
export async function finishSandboxTransaction(
  db: Db,
  reference: string,
  outcome: Exclude<SandboxOutcome, 'pending'>,
  at: Date,
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('sandbox_bank_transaction')
    .set({ outcome, settled_at: outcome === 'paid' ? at : null })
    .where('reference', '=', reference)
    .where('outcome', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function reverseSandboxTransaction(db: Db, reference: string): Promise<void> {
  await tables(db)
    .updateTable('sandbox_bank_transaction')
    .set({ outcome: 'failed', settled_at: null })
    .where('reference', '=', reference)
    .execute();
}

export async function settledSandboxTransactions(
  db: Db,
  from: Date,
  to: Date,
): Promise<SandboxTransaction[]> {
  return tables(db)
    .selectFrom('sandbox_bank_transaction')
    .selectAll()
    .where('outcome', '=', 'paid')
    .where('settled_at', '>=', from)
    .where('settled_at', '<', to)
    .orderBy('settled_at')
    .execute();
}
