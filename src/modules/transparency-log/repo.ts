// All SQL of the transparency log: the append queue, leaves, subtree hashes and checkpoints.
import { type ColumnType, type Generated, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { NodeKey } from './merkle.ts';

export type TransparencyLogTables = {
  log_pending: {
    id: Generated<number>;
    kind: string;
    data: Buffer;
    queued_at: ColumnType<Date, Date | undefined, never>;
  };
  log_entry: {
    index: number;
    kind: string;
    data: Buffer;
    leaf_hash: Buffer;
    queued_at: Date;
    created_at: ColumnType<Date, never, never>;
  };
  log_node: { level: number; index: number; hash: Buffer };
  log_checkpoint: {
    tree_size: number;
    root_hash: Buffer;
    key_id: string;
    note: string;
    created_at: ColumnType<Date, never, never>;
  };
  log_signing_key: {
    key_id: string;
    name: string;
    public_key: Buffer;
    private_key_encrypted: string;
    created_at: ColumnType<Date, never, never>;
    retired_at: Date | null;
  };
};

const tables = (db: Db) => db.$extendTables<TransparencyLogTables>();

export interface PendingAppend {
  readonly id: number;
  readonly kind: string;
  readonly data: Buffer;
  readonly queuedAt: Date;
}

export interface NewEntry {
  readonly index: number;
  readonly kind: string;
  readonly data: Buffer;
  readonly leafHash: Buffer;
  readonly queuedAt: Date;
}

export interface StoredEntry extends NewEntry {
  readonly createdAt: Date;
}

export interface StoredNode extends NodeKey {
  readonly hash: Buffer;
}

export interface CheckpointRow {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  readonly keyId: string;
  readonly note: string;
  readonly createdAt: Date;
}

/** One sequencer at a time across every app instance: held until the caller's transaction ends. */
export async function lockSequencer(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('sahulat.transparency_log.sequencer'))`.execute(db);
}

/** One checkpoint signer at a time, so two instances never sign two roots for one size. */
export async function lockCheckpoints(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('sahulat.transparency_log.checkpoint'))`.execute(db);
}

export async function enqueue(db: Db, kind: string, data: Buffer): Promise<number> {
  const row = await tables(db)
    .insertInto('log_pending')
    .values({ kind, data })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Takes the oldest committed appends off the queue (the caller sequences them in the same transaction). */
export async function takePending(db: Db, limit: number): Promise<PendingAppend[]> {
  const rows = await sql<{ id: number; kind: string; data: Buffer; queued_at: Date }>`
    delete from log_pending where id in (
      select id from log_pending order by id limit ${limit} for update skip locked
    ) returning id, kind, data, queued_at`.execute(db);
  return rows.rows
    .map((row) => ({ id: row.id, kind: row.kind, data: row.data, queuedAt: row.queued_at }))
    .sort((a, b) => a.id - b.id);
}

export async function pendingCount(db: Db): Promise<number> {
  const row = await tables(db)
    .selectFrom('log_pending')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return row.count;
}

/** The number of leaves: one past the highest index (the primary key makes this one index probe). */
export async function treeSize(db: Db): Promise<number> {
  const row = await sql<{ size: number }>`select coalesce(max(index) + 1, 0) as size from log_entry`.execute(
    db,
  );
  return row.rows[0]?.size ?? 0;
}

export async function insertEntries(db: Db, entries: readonly NewEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tables(db)
    .insertInto('log_entry')
    .values(
      entries.map((entry) => ({
        index: entry.index,
        kind: entry.kind,
        data: entry.data,
        leaf_hash: entry.leafHash,
        queued_at: entry.queuedAt,
      })),
    )
    .execute();
}

export async function insertNodes(db: Db, nodes: readonly StoredNode[]): Promise<void> {
  // Arrays in three parameters: thousands of nodes in one statement, far under the parameter limit.
  if (nodes.length === 0) return;
  await sql`insert into log_node (level, index, hash)
    select * from unnest(${nodes.map((node) => node.level)}::smallint[],
      ${nodes.map((node) => node.index)}::bigint[], ${nodes.map((node) => node.hash)}::bytea[])`.execute(db);
}

/** The hashes of the given stored subtrees (leaves from log_entry, higher nodes from log_node), in one query. */
export async function nodeHashes(db: Db, keys: readonly NodeKey[]): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  if (keys.length === 0) return found;
  const rows = await sql<{ level: number; index: number; hash: Buffer }>`
    select n.level, n.index, n.hash from log_node n
      join unnest(${keys.map((key) => key.level)}::smallint[], ${keys.map((key) => key.index)}::bigint[])
        as k(level, index) on n.level = k.level and n.index = k.index
    union all
    select 0, e.index, e.leaf_hash from log_entry e
      where e.index = any(${keys.filter((key) => key.level === 0).map((key) => key.index)}::bigint[])`.execute(
    db,
  );
  for (const row of rows.rows) found.set(`${row.level}/${row.index}`, row.hash);
  return found;
}

export async function entriesBetween(db: Db, start: number, endExclusive: number): Promise<StoredEntry[]> {
  const rows = await tables(db)
    .selectFrom('log_entry')
    .selectAll()
    .where('index', '>=', start)
    .where('index', '<', endExclusive)
    .orderBy('index')
    .execute();
  return rows.map((row) => ({
    index: row.index,
    kind: row.kind,
    data: row.data,
    leafHash: row.leaf_hash,
    queuedAt: row.queued_at,
    createdAt: row.created_at,
  }));
}

export async function indexOfLeafHash(db: Db, hash: Buffer): Promise<number | undefined> {
  const row = await tables(db)
    .selectFrom('log_entry')
    .select('index')
    .where('leaf_hash', '=', hash)
    .orderBy('index')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : row.index;
}

/** Stored subtree hashes at levels [from, to] lying wholly inside the leaves [start, end) (aligned to 2^to). */
export async function nodesInRange(
  db: Db,
  levels: { from: number; to: number },
  leaves: { start: number; end: number },
): Promise<StoredNode[]> {
  const rows = await sql<{ level: number; index: number; hash: Buffer }>`
    select n.level, n.index, n.hash from generate_series(${levels.from}::int, ${levels.to}::int) as l(level)
      cross join lateral (
        select level, index, hash from log_node
        where level = l.level and index >= (${leaves.start}::bigint >> l.level)
          and index < (${leaves.end}::bigint >> l.level)
      ) n
    order by n.level, n.index`.execute(db);
  return rows.rows.map((row) => ({ level: row.level, index: row.index, hash: row.hash }));
}

const toCheckpoint = (row: {
  tree_size: number;
  root_hash: Buffer;
  key_id: string;
  note: string;
  created_at: Date;
}): CheckpointRow => ({
  treeSize: row.tree_size,
  rootHash: row.root_hash,
  keyId: row.key_id,
  note: row.note,
  createdAt: row.created_at,
});

export async function latestCheckpoint(db: Db): Promise<CheckpointRow | undefined> {
  const row = await tables(db)
    .selectFrom('log_checkpoint')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toCheckpoint(row);
}

export async function allCheckpoints(db: Db): Promise<CheckpointRow[]> {
  const rows = await tables(db).selectFrom('log_checkpoint').selectAll().orderBy('tree_size').execute();
  return rows.map(toCheckpoint);
}

export async function insertCheckpoint(
  db: Db,
  checkpoint: { treeSize: number; rootHash: Buffer; keyId: string; note: string },
): Promise<void> {
  await tables(db)
    .insertInto('log_checkpoint')
    .values({
      tree_size: checkpoint.treeSize,
      root_hash: checkpoint.rootHash,
      key_id: checkpoint.keyId,
      note: checkpoint.note,
    })
    .onConflict((oc) => oc.column('tree_size').doNothing())
    .execute();
}
