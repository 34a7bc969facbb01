// The public transparency log (RFC 9162 Merkle tree): a queue of appends, the sequenced leaves, the hashes
// of every complete subtree, the signed checkpoints, and the checkpoint signing key.
//
// `log_entry.index` is assigned by the sequencer (under an advisory lock), not by an identity column: a
// sequence skips values when a transaction rolls back, and a Merkle tree's leaves must have no gaps.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Appends waiting for the sequencer, in arrival order.
  await db.schema
    .createTable('log_pending')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('data', 'bytea', (col) => col.notNull())
    .addColumn('queued_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('log_entry')
    .addColumn('index', 'bigint', (col) => col.primaryKey().check(sql`index >= 0`))
    .addColumn('kind', 'text', (col) => col.notNull())
    // Canonical JSON (UTF-8): kind, public identifiers, time, and the SHA-256 of the record. No personal data.
    .addColumn('data', 'bytea', (col) => col.notNull())
    .addColumn('leaf_hash', 'bytea', (col) => col.notNull().check(sql`length(leaf_hash) = 32`))
    .addColumn('queued_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // Inclusion proofs by leaf hash (`?hash=`).
  await sql`create index log_entry_leaf_hash_idx on log_entry (leaf_hash)`.execute(db);

  // Node (level, index) is the root of leaves [index·2^level, (index+1)·2^level); leaves (level 0) are in
  // log_entry. Filled as leaves arrive, so proofs read O(log n) rows at any size.
  await db.schema
    .createTable('log_node')
    .addColumn('level', 'smallint', (col) => col.notNull().check(sql`level between 1 and 62`))
    .addColumn('index', 'bigint', (col) => col.notNull().check(sql`index >= 0`))
    .addColumn('hash', 'bytea', (col) => col.notNull().check(sql`length(hash) = 32`))
    .addPrimaryKeyConstraint('log_node_pkey', ['level', 'index'])
    .execute();

  // The checkpoint signing key (Ed25519). Its private key is AES-256-GCM sealed with a key from SESSION_SECRET.
  await db.schema
    .createTable('log_signing_key')
    .addColumn('key_id', 'text', (col) => col.primaryKey().check(sql`key_id ~ '^[0-9a-f]{8}$'`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('public_key', 'bytea', (col) => col.notNull().check(sql`length(public_key) = 32`))
    .addColumn('private_key_encrypted', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('retired_at', 'timestamptz')
    .execute();
  await sql`create unique index log_signing_key_active on log_signing_key ((true))
    where retired_at is null`.execute(db);

  // Every signed checkpoint (C2SP tlog-checkpoint in a signed note), kept so anyone can ask for consistency.
  await db.schema
    .createTable('log_checkpoint')
    .addColumn('tree_size', 'bigint', (col) => col.primaryKey().check(sql`tree_size >= 0`))
    .addColumn('root_hash', 'bytea', (col) => col.notNull().check(sql`length(root_hash) = 32`))
    .addColumn('key_id', 'text', (col) => col.notNull().references('log_signing_key.key_id'))
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // Append-only: the application never updates or deletes these rows. A database superuser can still (by
  // disabling the trigger); `log:verify` and outside parties holding checkpoints would then see it.
  await sql`
    create function log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the transparency log is append-only (% on %)', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  for (const table of ['log_entry', 'log_node', 'log_checkpoint']) {
    await sql`create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function log_refuse_change()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function log_refuse_change()`.execute(db);
  }
}
