// SQL for the checkpoint signing key.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { TransparencyLogTables } from './repo.ts';

const tables = (db: Db) => db.$extendTables<TransparencyLogTables>();

export interface SigningKeyRow {
  readonly keyId: string;
  readonly name: string;
  readonly publicKey: Buffer;
  readonly privateKeyEncrypted: string;
}

/** Serialises the first-use creation of the key between instances. */
export async function lockSigningKey(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('sahulat.transparency_log.signing_key'))`.execute(db);
}

export async function activeSigningKey(db: Db): Promise<SigningKeyRow | undefined> {
  const row = await tables(db)
    .selectFrom('log_signing_key')
    .selectAll()
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        keyId: row.key_id,
        name: row.name,
        publicKey: row.public_key,
        privateKeyEncrypted: row.private_key_encrypted,
      };
}

/** Every key that ever signed a checkpoint, by id (log:verify checks old checkpoints with theirs). */
export async function signingKeysById(db: Db): Promise<Map<string, { name: string; publicKey: Buffer }>> {
  const rows = await tables(db)
    .selectFrom('log_signing_key')
    .select(['key_id', 'name', 'public_key'])
    .execute();
  return new Map(rows.map((row) => [row.key_id, { name: row.name, publicKey: row.public_key }]));
}

export async function insertSigningKey(db: Db, key: SigningKeyRow): Promise<void> {
  await tables(db)
    .insertInto('log_signing_key')
    .values({
      key_id: key.keyId,
      name: key.name,
      public_key: key.publicKey,
      private_key_encrypted: key.privateKeyEncrypted,
    })
    .execute();
}
