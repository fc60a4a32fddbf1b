/**
 * git's hunk sliding (xdiff/xdiffi.c `xdl_change_compact`), re-implemented without the indent
 * heuristic (merges do not turn it on). A group of changed lines whose first line equals the line
 * after it can slide down (and up, symmetrically); git slides every group as far down as it goes,
 * merging groups it bumps into, then back up to line up with a change of the other file if it
 * can. Where a hunk sits decides whether it touches the other side's hunk in a merge.
 */

/** Change marks of one file with a zero guard on each end (git's `rchg[-1]` and `rchg[n]`). */
class Marks {
  readonly n: number;
  readonly #c: Uint8Array;

  constructor(changed: Uint8Array) {
    this.n = changed.length;
    this.#c = new Uint8Array(this.n + 2);
    this.#c.set(changed, 1);
  }

  at(i: number): number {
    return this.#c[i + 1]!;
  }

  set(i: number, v: number): void {
    this.#c[i + 1] = v;
  }

  /** The marks without the guards. */
  result(): Uint8Array {
    return this.#c.slice(1, this.n + 1);
  }
}

/** A (possibly empty) group of changed lines `[start, end)`; empty groups sit between unchanged lines. */
interface Group {
  start: number;
  end: number;
}

function firstGroup(m: Marks): Group {
  const g = { start: 0, end: 0 };
  while (m.at(g.end)) g.end++;
  return g;
}

function nextGroup(m: Marks, g: Group): boolean {
  if (g.end === m.n) return false;
  g.start = g.end + 1;
  for (g.end = g.start; m.at(g.end); g.end++);
  return true;
}

function previousGroup(m: Marks, g: Group): boolean {
  if (g.start === 0) return false;
  g.end = g.start - 1;
  for (g.start = g.end; m.at(g.start - 1); g.start--);
  return true;
}

function slideDown(m: Marks, ids: Int32Array, g: Group): boolean {
  if (g.end >= m.n || ids[g.start] !== ids[g.end]) return false;
  m.set(g.start++, 0);
  m.set(g.end++, 1);
  while (m.at(g.end)) g.end++;
  return true;
}

function slideUp(m: Marks, ids: Int32Array, g: Group): boolean {
  if (g.start <= 0 || ids[g.start - 1] !== ids[g.end - 1]) return false;
  m.set(--g.start, 1);
  m.set(--g.end, 0);
  while (m.at(g.start - 1)) g.start--;
  return true;
}

function broken(what: string): never {
  throw new Error(`change compaction out of sync (${what})`);
}

/** Slide one group as far as it goes and settle it where git does; `go` follows in the other file. */
function settle(m: Marks, ids: Int32Array, g: Group, o: Marks, go: Group): void {
  let groupSize: number;
  let earliestEnd: number;
  let endMatchingOther: number;
  do {
    groupSize = g.end - g.start;
    endMatchingOther = -1;
    while (slideUp(m, ids, g)) if (!previousGroup(o, go)) broken('sliding up');
    earliestEnd = g.end;
    if (go.end > go.start) endMatchingOther = g.end;
    while (slideDown(m, ids, g)) {
      if (!nextGroup(o, go)) broken('sliding down');
      if (go.end > go.start) endMatchingOther = g.end;
    }
  } while (groupSize !== g.end - g.start);
  if (g.end !== earliestEnd && endMatchingOther !== -1) {
    while (go.end === go.start) {
      if (!slideUp(m, ids, g)) broken('match disappeared');
      if (!previousGroup(o, go)) broken('sliding to match');
    }
  }
}

/**
 * The change marks of one file (lines `ids`) after sliding, given the other file's marks `other`
 * (which only guide the alignment and stay as they are).
 */
export function compactChanges(ids: Int32Array, changed: Uint8Array, other: Uint8Array): Uint8Array {
  const m = new Marks(changed);
  const o = new Marks(other);
  const g = firstGroup(m);
  const go = firstGroup(o);
  for (;;) {
    if (g.end !== g.start) settle(m, ids, g, o, go);
    if (!nextGroup(m, g)) break;
    if (!nextGroup(o, go)) broken('next group');
  }
  return m.result();
}
