// Roots and proofs from the stored subtree hashes: each is one query for the O(log n) nodes it needs.
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import {
  EMPTY_ROOT,
  type LeafRange,
  type NodeKey,
  consistencyRanges,
  inclusionRanges,
  nodeId,
  nodesFor,
  rangeHash,
} from './merkle.ts';
import { nodeHashes, treeSize } from './repo.ts';

async function hashesOf(db: Db, ranges: readonly LeafRange[]): Promise<Buffer[]> {
  const found = await nodeHashes(db, nodesFor(ranges));
  const lookup = (key: NodeKey) => {
    const hash = found.get(nodeId(key));
    if (hash === undefined) throw new Error(`The log is missing subtree ${nodeId(key)}`);
    return hash;
  };
  return ranges.map((range) => Buffer.from(rangeHash(range, lookup)));
}

const badRange = (message: string) => new AppError('bad_request', message);

/** Refuses sizes the log has not reached (a proof for them cannot exist yet). */
async function requireSize(db: Db, size: number): Promise<void> {
  const current = await treeSize(db);
  if (size > current) throw badRange(`The log has ${current} entries; size ${size} is beyond it`);
}

function requireCount(value: number, name: string, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw badRange(`${name} must be a whole number of at least ${minimum}`);
  }
}

/** MTH(D[0:size]). */
export async function rootAt(db: Db, size: number): Promise<Buffer> {
  requireCount(size, 'size', 0);
  if (size === 0) return EMPTY_ROOT;
  await requireSize(db, size);
  const [root] = await hashesOf(db, [{ start: 0, end: size }]);
  return root as Buffer;
}

export interface InclusionProof {
  readonly index: number;
  readonly size: number;
  readonly hashes: Buffer[];
}

export async function inclusionProof(db: Db, index: number, size: number): Promise<InclusionProof> {
  requireCount(index, 'index', 0);
  requireCount(size, 'size', 1);
  if (index >= size) throw badRange(`index must be below size (${index} is not below ${size})`);
  await requireSize(db, size);
  return { index, size, hashes: await hashesOf(db, inclusionRanges(index, size)) };
}

export interface ConsistencyProof {
  readonly from: number;
  readonly to: number;
  readonly hashes: Buffer[];
}

export async function consistencyProof(db: Db, from: number, to: number): Promise<ConsistencyProof> {
  requireCount(from, 'from', 1);
  requireCount(to, 'to', 1);
  if (from > to) throw badRange(`from must not be above to (${from} is above ${to})`);
  await requireSize(db, to);
  return { from, to, hashes: await hashesOf(db, consistencyRanges(from, to)) };
}
