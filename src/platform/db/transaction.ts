// Runs `work` in a transaction, or inside the caller's transaction when `db` already is one. Services are
// factories over a `Db`, so a use case spanning modules builds each module's service on its transaction:
// `inTransaction(db, (trx) => { accountsService(trx)...; notificationsService(trx)... })`.
import type { Kysely } from 'kysely';

export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
