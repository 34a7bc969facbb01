// For tests: RFC 9162's definitions computed straight from the leaves, as the yardstick for the log's
// stored-subtree proofs. Slow on purpose (no shortcuts) except for memoising MTH.
import { EMPTY_ROOT, leafHash, nodeHash, splitPoint } from './merkle.ts';

/** RFC 9162 §2.1.1 MTH, §2.1.3.1 PATH and §2.1.4.1 PROOF, straight from the definitions (memoised MTH). */
export function reference(leaves: readonly Buffer[]) {
  const memo = new Map<string, Buffer>();
  const mth = (start: number, end: number): Buffer => {
    const id = `${start}-${end}`;
    const known = memo.get(id);
    if (known !== undefined) return known;
    const n = end - start;
    const hash =
      n === 0
        ? EMPTY_ROOT
        : n === 1
          ? leafHash(leaves[start] as Buffer)
          : nodeHash(mth(start, start + splitPoint(n)), mth(start + splitPoint(n), end));
    memo.set(id, hash);
    return hash;
  };
  const path = (m: number, start: number, end: number): Buffer[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...path(m, start, start + k), mth(start + k, end)]
      : [...path(m - k, start + k, end), mth(start, start + k)];
  };
  const subproof = (m: number, start: number, end: number, b: boolean): Buffer[] => {
    const n = end - start;
    if (m === n) return b ? [] : [mth(start, end)];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, start + k, b), mth(start + k, end)]
      : [...subproof(m - k, start + k, end, false), mth(start, start + k)];
  };
  return {
    root: (n: number) => mth(0, n),
    path: (m: number, n: number) => path(m, 0, n),
    proof: (m: number, n: number) => subproof(m, 0, n, true),
  };
}
