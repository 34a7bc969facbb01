// Gives queued appends their place in the tree. One sequencer runs at a time (a transaction-scoped
// advisory lock), so several app instances extend one tree and never fork it. Each leaf's arrival also
// stores the hashes of the complete subtrees it finishes, from the "frontier": the roots of the complete
// subtrees that make up the tree so far, which are exactly the left siblings that new leaves will join.
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { type NodeKey, leafHash, nodeHash, nodeId, rangeNodes } from './merkle.ts';
import {
  type NewEntry,
  type StoredNode,
  insertEntries,
  insertNodes,
  lockSequencer,
  nodeHashes,
  takePending,
  treeSize,
} from './repo.ts';

export class Frontier {
  readonly #byLevel = new Map<number, Buffer>();
  #size: number;

  constructor(size: number, hashes: ReadonlyMap<number, Buffer>) {
    this.#size = size;
    for (const [level, hash] of hashes) this.#byLevel.set(level, hash);
  }

  get size(): number {
    return this.#size;
  }

  /** Adds the next leaf; returns the subtree nodes (level ≥ 1) it completes, lowest first. */
  add(hash: Buffer): StoredNode[] {
    const completed: StoredNode[] = [];
    let position = this.#size;
    let level = 0;
    let current = hash;
    while (position % 2 === 1) {
      const left = this.#byLevel.get(level);
      if (left === undefined) throw new Error(`Frontier has no subtree at level ${level}`);
      this.#byLevel.delete(level);
      current = nodeHash(left, current);
      level += 1;
      position = (position - 1) / 2;
      completed.push({ level, index: position, hash: current });
    }
    this.#byLevel.set(level, current);
    this.#size += 1;
    return completed;
  }

  /** MTH of every leaf added so far: the frontier's subtrees folded from the right. */
  root(): Buffer | undefined {
    const levels = [...this.#byLevel.keys()].sort((a, b) => a - b);
    let root: Buffer | undefined;
    for (const level of levels) {
      const hash = this.#byLevel.get(level) as Buffer;
      root = root === undefined ? hash : nodeHash(hash, root);
    }
    return root;
  }
}

export const frontierKeys = (size: number): NodeKey[] => rangeNodes({ start: 0, end: size });

export async function loadFrontier(db: Db, size: number): Promise<Frontier> {
  const keys = frontierKeys(size);
  const found = await nodeHashes(db, keys);
  const byLevel = new Map<number, Buffer>();
  for (const key of keys) {
    const hash = found.get(nodeId(key));
    if (hash === undefined) throw new Error(`The log is missing subtree ${nodeId(key)}`);
    byLevel.set(key.level, hash);
  }
  return new Frontier(size, byLevel);
}

interface Append {
  readonly kind: string;
  readonly data: Buffer;
  readonly queuedAt: Date;
}

/** Appends leaves at the end of the tree. The caller holds the sequencer lock in `trx`. */
async function appendLeaves(trx: Db, appends: readonly Append[]): Promise<NewEntry[]> {
  const size = await treeSize(trx);
  const frontier = await loadFrontier(trx, size);
  const entries: NewEntry[] = [];
  const nodes: StoredNode[] = [];
  for (const append of appends) {
    const entry = { ...append, index: frontier.size, leafHash: leafHash(append.data) };
    nodes.push(...frontier.add(entry.leafHash));
    entries.push(entry);
  }
  await insertEntries(trx, entries);
  await insertNodes(trx, nodes);
  return entries;
}

/** Sequences up to `batchSize` queued appends in one transaction; returns how many. */
export async function sequenceBatch(db: Db, batchSize: number): Promise<number> {
  return inTransaction(db, async (trx) => {
    await lockSequencer(trx);
    const pending = await takePending(trx, batchSize);
    if (pending.length === 0) return 0;
    await appendLeaves(trx, pending);
    return pending.length;
  });
}

/**
 * Appends one leaf now, in the caller's transaction, and returns its index: for records that must carry
 * their place in the log (a certificate states its log index). The lock is held until that transaction
 * ends, so such appends are serialised; queued appends are not held up beyond that.
 */
export async function appendImmediately(db: Db, append: Append): Promise<NewEntry> {
  return inTransaction(db, async (trx) => {
    await lockSequencer(trx);
    const [entry] = await appendLeaves(trx, [append]);
    if (entry === undefined) throw new Error('The append was lost');
    return entry;
  });
}
