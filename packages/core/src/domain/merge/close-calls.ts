import type { LineTable } from './lines.js';
import type { MergeRegion } from './merge-hunks.js';

/**
 * Base lines between two clean regions of different sides at or below which the guard looks at
 * them. Regions that touch are already one (conflicting) region, so this means "one line apart".
 */
export const CLOSE_CALL_GAP = 1;

/** The three files of a line merge. */
export interface MergeTables {
  base: LineTable;
  ours: LineTable;
  theirs: LineTable;
}

/** A region's hunk on its own side: base lines `[i0, i0 + chg0)` became side lines `[i, i + chg)`. */
function hunkOf(r: MergeRegion, t: MergeTables): { side: Int32Array; i: number; chg: number } {
  return r.mode === 1
    ? { side: t.ours.ids, i: r.i1, chg: r.chg1 }
    : { side: t.theirs.ids, i: r.i2, chg: r.chg2 };
}

/**
 * True when the region's hunk has another equally valid place one line further in `direction`
 * (+1 down, -1 up): a pure insertion whose first (last) line equals the line after (before) it,
 * or a pure deletion likewise in the base. Such a hunk is where diff alignments may disagree.
 */
function canSlide(r: MergeRegion, t: MergeTables, direction: 1 | -1): boolean {
  const { side, i, chg } = hunkOf(r, t);
  const [ids, start, count] =
    r.chg0 === 0 && chg > 0
      ? [side, i, chg]
      : chg === 0 && r.chg0 > 0
        ? [t.base.ids, r.i0, r.chg0]
        : [null, 0, 0];
  if (ids === null) return false;
  if (direction === 1) return start + count < ids.length && ids[start] === ids[start + count];
  return start > 0 && ids[start - 1] === ids[start + count - 1];
}

/** True when line `i` holds a letter or digit (not just blanks, brackets or punctuation). */
function hasAlnum(t: LineTable, i: number): boolean {
  for (let p = t.starts[i]!; p < t.starts[i + 1]!; p++) {
    const c = t.bytes[p]!;
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0x80)
      return true;
  }
  return false;
}

/** The lines with letters or digits a region brings in from its side. */
function contentIds(r: MergeRegion, t: MergeTables): Set<number> {
  const table = r.mode === 1 ? t.ours : t.theirs;
  const { i, chg } = hunkOf(r, t);
  const ids = new Set<number>();
  for (let k = i; k < i + chg; k++) if (hasAlnum(table, k)) ids.add(table.ids[k]!);
  return ids;
}

/**
 * True when the two regions bring in similar blocks: at least half of the lines with letters or
 * digits of the smaller one also appear in the other (skeleton lines such as `}` do not count).
 */
function similarContent(p: MergeRegion, q: MergeRegion, t: MergeTables): boolean {
  const a = contentIds(p, t);
  const b = contentIds(q, t);
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return false;
  let shared = 0;
  for (const id of small) if (large.has(id)) shared++;
  return 2 * shared >= small.size;
}

/**
 * The final guard of the js engine's line merge (documented in docs/promotion.md): a clean merge
 * is refused when a region of one side and a region of the other side lie within
 * {@link CLOSE_CALL_GAP} base line of each other and either could slide towards the other (its
 * hunk is ambiguous: runs of equal lines at its edge). There, a diff alignment that differs from
 * git's by a single line would turn git's conflict into two clean edits (a duplicated block).
 */
export function hasCloseCall(regions: readonly MergeRegion[], tables: MergeTables): boolean {
  for (let k = 1; k < regions.length; k++) {
    const p = regions[k - 1]!;
    const q = regions[k]!;
    if (p.mode === 0 || q.mode === 0 || p.mode === 4 || q.mode === 4 || p.mode === q.mode) continue;
    if (q.i0 - (p.i0 + p.chg0) > CLOSE_CALL_GAP) continue;
    if ((canSlide(p, tables, 1) || canSlide(q, tables, -1)) && similarContent(p, q, tables)) return true;
  }
  return false;
}
