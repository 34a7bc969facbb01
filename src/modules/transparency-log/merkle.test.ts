// The Merkle tree without a database: proofs assembled from stored subtree hashes (as the log stores them)
// must equal RFC 9162's PATH and PROOF computed straight from the leaves, and must verify both with our
// verifiers and with an independent one (@sigstore/verify's RFC 6962 inclusion check).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyMerkleInclusion } from '@sigstore/verify/dist/tlog/merkle.js';
import {
  EMPTY_ROOT,
  type NodeKey,
  consistencyRanges,
  inclusionRanges,
  leafHash,
  nodeId,
  rangeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
import { reference } from './reference-tree.ts';
import { Frontier } from './sequencer.ts';

const leafData = (i: number) => Buffer.from(`leaf ${i}`, 'utf8');

/** The subtree store the sequencer builds, in memory. */
function storeOf(leaves: readonly Buffer[]) {
  const nodes = new Map<string, Buffer>();
  const frontier = new Frontier(0, new Map());
  leaves.forEach((data, index) => {
    const hash = leafHash(data);
    nodes.set(nodeId({ level: 0, index }), hash);
    for (const node of frontier.add(hash)) nodes.set(nodeId(node), node.hash);
  });
  const lookup = (key: NodeKey) => {
    const hash = nodes.get(nodeId(key));
    assert.ok(hash !== undefined, `stored node ${nodeId(key)}`);
    return hash;
  };
  return {
    frontier,
    root: (n: number) => Buffer.from(rangeHash({ start: 0, end: n }, lookup)),
    path: (m: number, n: number) => inclusionRanges(m, n).map((r) => Buffer.from(rangeHash(r, lookup))),
    proof: (m: number, n: number) => consistencyRanges(m, n).map((r) => Buffer.from(rangeHash(r, lookup))),
  };
}

/** @sigstore/verify throws when the proof does not lead to the root. */
function sigstoreAccepts(data: Buffer, index: number, size: number, hashes: Buffer[], root: Buffer): boolean {
  const entry = { canonicalizedBody: data, inclusionProof: { logIndex: String(index), hashes } };
  try {
    verifyMerkleInclusion(
      entry as unknown as Parameters<typeof verifyMerkleInclusion>[0],
      {
        logSize: BigInt(size),
        logHash: root,
      } as unknown as Parameters<typeof verifyMerkleInclusion>[1],
    );
    return true;
  } catch {
    return false;
  }
}

const flipped = (hash: Buffer) => {
  const copy = Buffer.from(hash);
  copy[0] = (copy[0] as number) ^ 1;
  return copy;
};

describe('Merkle tree (RFC 9162)', () => {
  const leaves = Array.from({ length: 302 }, (_, i) => leafData(i));
  const expected = reference(leaves);
  const stored = storeOf(leaves);

  it('computes roots from stored subtrees equal to MTH for every size 1..300, and the frontier agrees', () => {
    for (let n = 1; n <= 300; n += 1) assert.deepEqual(stored.root(n), expected.root(n), `size ${n}`);
    assert.deepEqual(stored.frontier.root(), expected.root(302));
  });

  it('gives PATH for every index of every size 1..300, accepted by our verifier and by @sigstore/verify', () => {
    let checked = 0;
    for (let n = 1; n <= 300; n += 1) {
      const root = expected.root(n);
      for (let m = 0; m < n; m += 1) {
        const path = stored.path(m, n);
        assert.deepEqual(path, expected.path(m, n), `PATH(${m}, D[${n}])`);
        const hash = leafHash(leaves[m] as Buffer);
        assert.ok(verifyInclusion(hash, m, n, path, root), `ours accepts ${m}/${n}`);
        assert.ok(sigstoreAccepts(leaves[m] as Buffer, m, n, path, root), `sigstore accepts ${m}/${n}`);
        checked += 1;
      }
    }
    assert.equal(checked, (300 * 301) / 2);
  });

  it('refuses altered inclusion proofs in both verifiers', () => {
    for (const [m, n] of [
      [0, 1],
      [5, 6],
      [7, 8],
      [100, 257],
      [299, 300],
    ] as const) {
      const root = expected.root(n);
      const path = stored.path(m, n);
      const hash = leafHash(leaves[m] as Buffer);
      assert.equal(verifyInclusion(hash, m, n, path, flipped(root)), false);
      assert.equal(verifyInclusion(flipped(hash), m, n, path, root), false);
      // A proof for one tree says nothing about the next one (the verifier takes size and root from a checkpoint).
      assert.equal(verifyInclusion(hash, m, n + 1, path, expected.root(n + 1)), false, 'other tree');
      assert.equal(verifyInclusion(hash, n, n, path, root), false, 'index not below size');
      if (path.length > 0) {
        const altered = [...path.slice(0, -1), flipped(path.at(-1) as Buffer)];
        assert.equal(verifyInclusion(hash, m, n, altered, root), false);
        assert.equal(sigstoreAccepts(leaves[m] as Buffer, m, n, altered, root), false);
        assert.equal(verifyInclusion(hash, m, n, [...path, path[0] as Buffer], root), false, 'extra hash');
        assert.equal(sigstoreAccepts(leaves[m] as Buffer, m, n, path.slice(1), root), false, 'missing');
      }
    }
  });

  it('gives PROOF for every pair 1 ≤ m ≤ n ≤ 300, equal to the RFC and accepted by our verifier', () => {
    let checked = 0;
    for (let n = 1; n <= 300; n += 1) {
      for (let m = 1; m <= n; m += 1) {
        const proof = stored.proof(m, n);
        assert.deepEqual(proof, expected.proof(m, n), `PROOF(${m}, D[${n}])`);
        assert.ok(verifyConsistency(m, n, proof, expected.root(m), expected.root(n)), `${m} → ${n}`);
        checked += 1;
      }
    }
    assert.equal(checked, (300 * 301) / 2);
  });

  it('refuses consistency proofs that do not join the two roots', () => {
    for (const [m, n] of [
      [1, 2],
      [4, 8],
      [3, 7],
      [8, 9],
      [64, 300],
      [127, 128],
    ] as const) {
      const proof = stored.proof(m, n);
      const [a, b] = [expected.root(m), expected.root(n)];
      assert.equal(verifyConsistency(m, n, proof, flipped(a), b), false, 'altered old root');
      assert.equal(verifyConsistency(m, n, proof, a, flipped(b)), false, 'altered new root');
      assert.equal(verifyConsistency(m, n, [], a, b), false, 'empty proof');
      assert.equal(
        verifyConsistency(m, n, [...proof.slice(0, -1), flipped(proof.at(-1) as Buffer)], a, b),
        false,
      );
      assert.equal(verifyConsistency(m, n + 1, proof, a, expected.root(n + 1)), false, 'other tree');
      // A forked log: the same first m leaves, then different ones.
      const forked = reference([
        ...leaves.slice(0, m),
        ...leaves.slice(m, n).map((l) => Buffer.concat([l, l])),
      ]);
      assert.equal(verifyConsistency(m, n, proof, a, forked.root(n)), false, 'fork');
    }
    assert.equal(verifyConsistency(5, 5, [], expected.root(5), expected.root(5)), true);
    assert.equal(verifyConsistency(5, 5, [], expected.root(5), expected.root(6)), false);
    assert.equal(verifyConsistency(0, 5, [], EMPTY_ROOT, expected.root(5)), false);
  });

  it('proves inclusion and consistency at powers of two up to 2^16 leaves and their neighbours', () => {
    const big = Array.from({ length: 2 ** 16 + 1 }, (_, i) => leafData(i));
    const bigExpected = reference(big);
    const bigStored = storeOf(big);
    for (let power = 10; power <= 16; power += 2) {
      for (const n of [2 ** power - 1, 2 ** power, 2 ** power + 1]) {
        const root = bigExpected.root(n);
        assert.deepEqual(bigStored.root(n), root);
        for (const m of [0, 1, Math.floor(n / 2), n - 2, n - 1]) {
          const path = bigStored.path(m, n);
          assert.equal(path.length <= Math.ceil(Math.log2(n)), true);
          assert.ok(verifyInclusion(leafHash(big[m] as Buffer), m, n, path, root), `${m}/${n}`);
          assert.ok(sigstoreAccepts(big[m] as Buffer, m, n, path, root), `sigstore ${m}/${n}`);
        }
        for (const m of [1, 2 ** (power - 1), 2 ** (power - 1) + 3, n - 1]) {
          const proof = bigStored.proof(m, n);
          assert.deepEqual(proof, bigExpected.proof(m, n), `PROOF(${m}, D[${n}])`);
          assert.ok(verifyConsistency(m, n, proof, bigExpected.root(m), root), `${m} → ${n}`);
        }
      }
    }
  });
});
