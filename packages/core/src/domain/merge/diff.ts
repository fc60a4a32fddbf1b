/** One changed region: base lines `[baseStart, baseEnd)` became side lines `[sideStart, sideEnd)`. */
export interface Hunk {
  baseStart: number;
  baseEnd: number;
  sideStart: number;
  sideEnd: number;
}

/**
 * Beyond this many edit steps in one region the diff stops looking for the minimal script and
 * treats the region as replaced wholesale: still a correct diff (merges only conflict more), but
 * bounded in time on pathological inputs.
 */
const MAX_EDIT_COST = 4096;

interface Range {
  aLo: number;
  aHi: number;
  bLo: number;
  bHi: number;
}

/** A Myers (linear-space) diff of two id sequences, as hunks ordered by position. */
export function diffHunks(a: Int32Array, b: Int32Array): Hunk[] {
  const matchA: number[] = [];
  const matchB: number[] = [];
  collectMatches(a, b, { aLo: 0, aHi: a.length, bLo: 0, bHi: b.length }, matchA, matchB);
  const hunks: Hunk[] = [];
  let ai = 0;
  let bi = 0;
  for (let m = 0; m <= matchA.length; m++) {
    const am = matchA[m] ?? a.length;
    const bm = matchB[m] ?? b.length;
    if (am > ai || bm > bi) hunks.push({ baseStart: ai, baseEnd: am, sideStart: bi, sideEnd: bm });
    ai = am + 1;
    bi = bm + 1;
  }
  return hunks;
}

/** Append the matching index pairs of `r` to `outA`/`outB`, in order. */
function collectMatches(a: Int32Array, b: Int32Array, r: Range, outA: number[], outB: number[]): void {
  let { aLo, aHi, bLo, bHi } = r;
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
    outA.push(aLo++);
    outB.push(bLo++);
  }
  let suffix = 0;
  while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
    suffix++;
  }
  if (aLo < aHi && bLo < bHi) {
    const split = bisect(a, b, { aLo, aHi, bLo, bHi });
    // A split on a corner would not shrink the problem; treat it like hitting the cost limit.
    const useful = split && (split.x !== aLo || split.y !== bLo) && (split.x !== aHi || split.y !== bHi);
    if (split && useful) {
      collectMatches(a, b, { aLo, aHi: split.x, bLo, bHi: split.y }, outA, outB);
      collectMatches(a, b, { aLo: split.x, aHi, bLo: split.y, bHi }, outA, outB);
    }
  }
  for (let i = 0; i < suffix; i++) {
    outA.push(aHi + i);
    outB.push(bHi + i);
  }
}

/**
 * Myers' bisection: walk the edit graph of `r` from both corners until the paths meet and return
 * the meeting point (absolute indices), which splits the problem in two; null past the cost limit.
 */
function bisect(a: Int32Array, b: Int32Array, r: Range): { x: number; y: number } | null {
  const n = r.aHi - r.aLo;
  const m = r.bHi - r.bLo;
  const maxD = Math.min(Math.ceil((n + m) / 2), MAX_EDIT_COST);
  const off = maxD + 1;
  const vf = new Int32Array(2 * maxD + 4).fill(-1);
  const vb = new Int32Array(2 * maxD + 4).fill(-1);
  vf[off + 1] = 0;
  vb[off + 1] = 0;
  const delta = n - m;
  const front = (delta & 1) !== 0;
  const fwd = { start: 0, end: 0 };
  const bwd = { start: 0, end: 0 };
  const wf: Walk = { v: vf, off, n, m, same: (x, y) => a[r.aLo + x] === b[r.bLo + y] };
  const wb: Walk = { v: vb, off, n, m, same: (x, y) => a[r.aHi - 1 - x] === b[r.bHi - 1 - y] };
  for (let d = 0; d < maxD; d++) {
    for (let k = -d + fwd.start; k <= d - fwd.end; k += 2) {
      const x = advance(wf, k, d);
      const y = x - k;
      if (x > n) fwd.end += 2;
      else if (y > m) fwd.start += 2;
      else if (front) {
        const other = vb[off + delta - k];
        if (other !== undefined && other !== -1 && x >= n - other) return { x: r.aLo + x, y: r.bLo + y };
      }
    }
    for (let k = -d + bwd.start; k <= d - bwd.end; k += 2) {
      const x = advance(wb, k, d);
      const y = x - k;
      if (x > n) bwd.end += 2;
      else if (y > m) bwd.start += 2;
      else if (!front) {
        const fx = vf[off + delta - k];
        if (fx !== undefined && fx !== -1 && fx >= n - x)
          return { x: r.aLo + fx, y: r.bLo + fx - (delta - k) };
      }
    }
  }
  return null;
}

/** One direction of the bisection: furthest x per diagonal, and how to compare at (x, y). */
interface Walk {
  v: Int32Array;
  off: number;
  n: number;
  m: number;
  same: (x: number, y: number) => boolean;
}

/** Extend diagonal `k` by one edit step plus its snake; stores and returns the furthest x. */
function advance(w: Walk, k: number, d: number): number {
  const { v, off, n, m, same } = w;
  const left = v[off + k - 1]!;
  const right = v[off + k + 1]!;
  let x = k === -d || (k !== d && left < right) ? right : left + 1;
  let y = x - k;
  while (x < n && y < m && same(x, y)) {
    x++;
    y++;
  }
  v[off + k] = x;
  return x;
}
