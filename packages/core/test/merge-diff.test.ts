import { diffHunks, type Hunk } from '../src/domain/merge/diff.js';

/** Deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function lcsLength(a: Int32Array, b: Int32Array): number {
  const dp = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(dp[j]!, dp[j - 1]!);
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** Apply hunks to `a` using `b` as the source of replacement lines. */
function apply(a: Int32Array, b: Int32Array, hunks: Hunk[]): number[] {
  const out: number[] = [];
  let pos = 0;
  for (const h of hunks) {
    for (let i = pos; i < h.baseStart; i++) out.push(a[i]!);
    for (let j = h.sideStart; j < h.sideEnd; j++) out.push(b[j]!);
    pos = h.baseEnd;
  }
  for (let i = pos; i < a.length; i++) out.push(a[i]!);
  return out;
}

describe('diffHunks', () => {
  it('produces a minimal, correct edit script on random inputs', () => {
    const next = rng(42);
    for (let round = 0; round < 400; round++) {
      const alphabet = 2 + Math.floor(next() * 6);
      const a = Int32Array.from({ length: Math.floor(next() * 40) }, () => Math.floor(next() * alphabet));
      const b = Int32Array.from({ length: Math.floor(next() * 40) }, () => Math.floor(next() * alphabet));
      const hunks = diffHunks(a, b);
      expect(apply(a, b, hunks)).toEqual(Array.from(b));
      const kept = a.length - hunks.reduce((n, h) => n + h.baseEnd - h.baseStart, 0);
      expect(kept).toBe(lcsLength(a, b));
      for (let i = 1; i < hunks.length; i++)
        expect(hunks[i]!.baseStart).toBeGreaterThan(hunks[i - 1]!.baseEnd);
    }
  });

  it('returns no hunks for equal inputs and one hunk for disjoint ones', () => {
    expect(diffHunks(Int32Array.from([1, 2, 3]), Int32Array.from([1, 2, 3]))).toEqual([]);
    expect(diffHunks(Int32Array.from([1, 2]), Int32Array.from([3, 4, 5]))).toEqual([
      { baseStart: 0, baseEnd: 2, sideStart: 0, sideEnd: 3 },
    ]);
  });
});
