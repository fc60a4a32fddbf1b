import type { Change } from './script.js';

/**
 * One region of a three-way line merge, in git's terms (`xdmerge_t`): base lines
 * `[i0, i0 + chg0)` correspond to ours `[i1, i1 + chg1)` and theirs `[i2, i2 + chg2)`.
 * `mode`: 0 conflict, 1 take ours, 2 take theirs, 4 both sides made the same change.
 */
export interface MergeRegion {
  mode: 0 | 1 | 2 | 4;
  i0: number;
  chg0: number;
  i1: number;
  chg1: number;
  i2: number;
  chg2: number;
}

type Region = MergeRegion;

/** Append a region, folding it into the previous one when they overlap or touch on either side. */
function append(list: Region[], r: Region): void {
  const m = list[list.length - 1];
  if (m && (r.i1 <= m.i1 + m.chg1 || r.i2 <= m.i2 + m.chg2)) {
    if (r.mode !== m.mode) m.mode = 0;
    m.chg0 = r.i0 + r.chg0 - m.i0;
    m.chg1 = r.i1 + r.chg1 - m.i1;
    m.chg2 = r.i2 + r.chg2 - m.i2;
  } else list.push({ ...r });
}

function sameLines(a: Int32Array, ai: number, b: Int32Array, bi: number, count: number): boolean {
  for (let i = 0; i < count; i++) if (a[ai + i] !== b[bi + i]) return false;
  return true;
}

/** The conflict region spanning two overlapping hunks `x` (ours) and `y` (theirs). */
function conflictRegion(x: Change, y: Change): Region {
  const off = x.i1 - y.i1;
  const ffo = off + x.chg1 - y.chg1;
  let i0 = x.i1;
  let i1 = x.i2;
  let i2 = y.i2;
  if (off > 0) {
    i0 -= off;
    i1 -= off;
  } else i2 += off;
  let chg0 = x.i1 + x.chg1 - i0;
  let chg1 = x.i2 + x.chg2 - i1;
  let chg2 = y.i2 + y.chg2 - i2;
  if (ffo < 0) {
    chg0 -= ffo;
    chg1 -= ffo;
  } else chg2 += ffo;
  return { mode: 0, i0, chg0, i1, chg1, i2, chg2 };
}

/** Line counts of the three files (the base, ours, theirs). */
export interface Lengths {
  base: number;
  ours: number;
  theirs: number;
}

/**
 * Walk both sides' hunks in base order the way `xdl_do_merge` does: a hunk that ends before the
 * other side's next hunk starts is taken from its side; hunks that overlap or touch conflict,
 * unless both sides made exactly the same change; regions that touch are folded together. Then,
 * as at git's default (zealous) level, a conflict whose two sides read the same is resolved.
 */
export function mergeHunks(
  ours: Int32Array,
  theirs: Int32Array,
  s1: readonly Change[],
  s2: readonly Change[],
  n: Lengths,
): Region[] {
  const list: Region[] = [];
  let x = 0;
  let y = 0;
  while (x < s1.length && y < s2.length) {
    const a = s1[x]!;
    const b = s2[y]!;
    if (a.i1 + a.chg1 < b.i1) {
      append(list, {
        mode: 1,
        i0: a.i1,
        chg0: a.chg1,
        i1: a.i2,
        chg1: a.chg2,
        i2: b.i2 - b.i1 + a.i1,
        chg2: a.chg1,
      });
      x++;
      continue;
    }
    if (b.i1 + b.chg1 < a.i1) {
      append(list, {
        mode: 2,
        i0: b.i1,
        chg0: b.chg1,
        i1: a.i2 - a.i1 + b.i1,
        chg1: b.chg1,
        i2: b.i2,
        chg2: b.chg2,
      });
      y++;
      continue;
    }
    const same =
      a.i1 === b.i1 && a.chg1 === b.chg1 && a.chg2 === b.chg2 && sameLines(ours, a.i2, theirs, b.i2, a.chg2);
    if (!same) append(list, conflictRegion(a, b));
    const e1 = a.i1 + a.chg1;
    const e2 = b.i1 + b.chg1;
    if (e1 >= e2) y++;
    if (e2 >= e1) x++;
  }
  for (; x < s1.length; x++) {
    const a = s1[x]!;
    append(list, {
      mode: 1,
      i0: a.i1,
      chg0: a.chg1,
      i1: a.i2,
      chg1: a.chg2,
      i2: a.i1 + n.theirs - n.base,
      chg2: a.chg1,
    });
  }
  for (; y < s2.length; y++) {
    const b = s2[y]!;
    append(list, {
      mode: 2,
      i0: b.i1,
      chg0: b.chg1,
      i1: b.i1 + n.ours - n.base,
      chg1: b.chg1,
      i2: b.i2,
      chg2: b.chg2,
    });
  }
  for (const r of list) {
    if (
      r.mode === 0 &&
      r.chg1 > 0 &&
      r.chg2 > 0 &&
      r.chg1 === r.chg2 &&
      sameLines(ours, r.i1, theirs, r.i2, r.chg1)
    )
      r.mode = 4;
  }
  return list;
}
