// RFC 9162 §2.1 Merkle trees, with no storage attached: hashing, which stored subtrees make up any range a
// proof needs, the proofs themselves (PATH and SUBPROOF) over a hash lookup, and the two verifiers.
//
// Storage (see sequencer.ts) keeps the hash of every complete subtree: "node (level L, index i)" is the
// root of leaves [i·2^L, (i+1)·2^L). Any MTH(D[a:b]) that the RFC's recursions ask for starts at a multiple
// of a power of two no smaller than b − a, so it is a short right-to-left fold of such stored nodes:
// O(log n) reads for a proof at any size, never a recomputation from the leaves.
import { createHash } from 'node:crypto';

export const HASH_BYTES = 32;

export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0x00)).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0x01)).update(left).update(right).digest();
}

/** The hash of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT = createHash('sha256').digest();

/** A stored complete subtree: leaves [index·2^level, (index+1)·2^level). Level 0 is a leaf. */
export interface NodeKey {
  readonly level: number;
  readonly index: number;
}

/** A half-open range of leaves [start, end) whose MTH a proof needs. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

export const nodeId = (key: NodeKey) => `${key.level}/${key.index}`;

/** The largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Leaf counts stay below 2^53 (JavaScript's safe integers), so no subtree is higher than this. */
const MAX_LEVEL = 52;

/** The stored subtrees that make up [start, end), left to right (biggest first). */
export function rangeNodes(range: LeafRange): NodeKey[] {
  const nodes: NodeKey[] = [];
  let position = range.start;
  let remaining = range.end - range.start;
  for (let level = MAX_LEVEL; level >= 0; level -= 1) {
    const width = 2 ** level;
    if (remaining >= width) {
      if (position % width !== 0) throw new Error(`Range ${range.start}..${range.end} is not aligned`);
      nodes.push({ level, index: position / width });
      position += width;
      remaining -= width;
    }
  }
  return nodes;
}

/** MTH(D[start:end]) from the stored subtrees that make it up. */
export function rangeHash(range: LeafRange, lookup: (key: NodeKey) => Uint8Array): Uint8Array {
  const parts = rangeNodes(range).map(lookup);
  let hash = parts.pop();
  if (hash === undefined) return EMPTY_ROOT;
  for (let i = parts.length - 1; i >= 0; i -= 1) hash = nodeHash(parts[i] as Uint8Array, hash);
  return hash;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[start:end]) as the ranges whose hashes form it, leaf first. */
export function inclusionRanges(m: number, n: number, start = 0): LeafRange[] {
  if (n <= 1) return [];
  const k = splitPoint(n);
  return m < k
    ? [...inclusionRanges(m, k, start), { start: start + k, end: start + n }]
    : [...inclusionRanges(m - k, n - k, start + k), { start, end: start + k }];
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[start:end], b) as ranges; PROOF(m, D[n]) is b = true. */
export function consistencyRanges(m: number, n: number, b = true, start = 0): LeafRange[] {
  if (m === n) return b ? [] : [{ start, end: start + n }];
  const k = splitPoint(n);
  return m <= k
    ? [...consistencyRanges(m, k, b, start), { start: start + k, end: start + n }]
    : [...consistencyRanges(m - k, n - k, false, start + k), { start, end: start + k }];
}

/** Every stored node the given ranges need, without repeats. */
export function nodesFor(ranges: readonly LeafRange[]): NodeKey[] {
  const seen = new Map<string, NodeKey>();
  for (const range of ranges) for (const node of rangeNodes(range)) seen.set(nodeId(node), node);
  return [...seen.values()];
}

const isOdd = (value: bigint) => (value & 1n) === 1n;
const equalBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** RFC 9162 §2.1.3.2: does `path` prove leaf `hash` at `index` in the tree of `size` with `root`? */
export function verifyInclusion(
  hash: Uint8Array,
  index: number,
  size: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r: Uint8Array = hash;
  for (const p of path) {
    if (sn === 0n) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `path` prove the tree of size `first` (root `firstHash`) is a prefix of the tree
 * of size `second` (root `secondHash`)? Equal sizes (which the RFC's steps leave out) need an empty proof
 * and equal roots; a first size of 0 proves nothing and is refused.
 */
export function verifyConsistency(
  first: number,
  second: number,
  path: readonly Uint8Array[],
  firstHash: Uint8Array,
  secondHash: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) {
    return false;
  }
  if (first === second) return path.length === 0 && equalBytes(firstHash, secondHash);
  if (path.length === 0) return false;
  const exactPowerOfTwo = (BigInt(first) & BigInt(first - 1)) === 0n;
  const proof = exactPowerOfTwo ? [firstHash, ...path] : [...path];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while (isOdd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = proof[0] as Uint8Array;
  let sr = fr;
  for (const c of proof.slice(1)) {
    if (sn === 0n) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return equalBytes(fr, firstHash) && equalBytes(sr, secondHash) && sn === 0n;
}
