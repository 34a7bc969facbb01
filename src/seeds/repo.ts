// Records which seeds have run, so each runs once per database.
import type { Db } from '../platform/db/database.ts';

type SeedTables = {
  seed_run: { name: string; applied_at: Date };
};

const tables = (db: Db) => db.$extendTables<SeedTables>();

export async function hasSeedRun(db: Db, name: string): Promise<boolean> {
  const row = await tables(db)
    .selectFrom('seed_run')
    .select('name')
    .where('name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}

export async function markSeedRun(db: Db, name: string): Promise<void> {
  await tables(db)
    .insertInto('seed_run')
    .values({ name, applied_at: new Date() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}
