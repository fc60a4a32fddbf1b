/**
 * git's histogram diff (xdiff/xhistogram.c, the algorithm merge-ort asks for), re-implemented:
 * in a region, the longest common run of lines is anchored on the lines that occur *least often*
 * in the base side, then the regions before and after it are diffed the same way. Alignment is
 * what decides whether two sides' edits overlap, so it must be git's, not merely a valid diff.
 *
 * Lines are ids (equal ids = byte-equal lines); positions here are 1-based like git's, so that 0
 * can mean "none".
 */

/** git gives up on lines that occur more often than this in a region (`max_chain_length`). */
const MAX_CHAIN = 64;

/** The result of {@link histogramDiff}: per line of `a` and of `b`, 1 when it is not common. */
export interface LineChanges {
  changedA: Uint8Array;
  changedB: Uint8Array;
  /**
   * False when git would switch to its classic (Myers) diff for some region, because every common
   * line there occurs more than 64 times; the marks of that region are then not git's.
   */
  exact: boolean;
}

interface Occurrences {
  /** First occurrence (1-based position in a) of this line in the region. */
  ptr: number;
  /** How many times it occurs in the region. */
  cnt: number;
}

interface Region {
  line1: number;
  count1: number;
  line2: number;
  count2: number;
}

interface Lcs {
  begin1: number;
  end1: number;
  begin2: number;
  end2: number;
}

/** The histogram index of one region of `a`: occurrences per line id, chained in order. */
class RegionIndex {
  readonly byId = new Map<number, Occurrences>();
  /** Per position of the region: the next position holding the same line (0: none). */
  readonly next: Int32Array;
  /** Per position of the region: its line's occurrence record. */
  readonly recordAt: Occurrences[];
  /** The lowest occurrence count of an anchor found so far (starts above the limit). */
  cnt = MAX_CHAIN + 1;
  hasCommon = false;

  constructor(
    readonly a: Int32Array,
    readonly line1: number,
    count1: number,
  ) {
    this.next = new Int32Array(count1);
    this.recordAt = new Array<Occurrences>(count1);
    // Scanning backwards makes `ptr` end at the first occurrence and `next` point forwards.
    for (let ptr = line1 + count1 - 1; ptr >= line1; ptr--) {
      const id = a[ptr - 1]!;
      let rec = this.byId.get(id);
      if (rec) {
        this.next[ptr - line1] = rec.ptr;
        rec.ptr = ptr;
        rec.cnt++;
      } else {
        rec = { ptr, cnt: 1 };
        this.byId.set(id, rec);
      }
      this.recordAt[ptr - line1] = rec;
    }
  }

  nextOf(ptr: number): number {
    return this.next[ptr - this.line1]!;
  }

  countAt(ptr: number): number {
    return this.recordAt[ptr - this.line1]!.cnt;
  }
}

/**
 * Extend every occurrence in `a` of line `bPtr` of `b` to a maximal common run and keep the best
 * run so far: longer wins, and so does a run whose rarest line is rarer. Returns the next
 * position of `b` worth trying (past the run just found).
 */
function tryLcs(index: RegionIndex, b: Int32Array, lcs: Lcs, bPtr: number, r: Region): number {
  const { a } = index;
  const end1 = r.line1 + r.count1 - 1;
  const end2 = r.line2 + r.count2 - 1;
  let bNext = bPtr + 1;
  const rec = index.byId.get(b[bPtr - 1]!);
  if (!rec) return bNext;
  index.hasCommon = true;
  if (rec.cnt > index.cnt) return bNext;
  let as = rec.ptr;
  for (;;) {
    let np = index.nextOf(as);
    let bs = bPtr;
    let ae = as;
    let be = bs;
    let rc = rec.cnt;
    while (r.line1 < as && r.line2 < bs && a[as - 2] === b[bs - 2]) {
      as--;
      bs--;
      if (rc > 1) rc = Math.min(rc, index.countAt(as));
    }
    while (ae < end1 && be < end2 && a[ae] === b[be]) {
      ae++;
      be++;
      if (rc > 1) rc = Math.min(rc, index.countAt(ae));
    }
    if (bNext <= be) bNext = be + 1;
    if (lcs.end1 - lcs.begin1 < ae - as || rc < index.cnt) {
      lcs.begin1 = as;
      lcs.begin2 = bs;
      lcs.end1 = ae;
      lcs.end2 = be;
      index.cnt = rc;
    }
    if (np === 0) return bNext;
    while (np <= ae) {
      np = index.nextOf(np);
      if (np === 0) return bNext;
    }
    as = np;
  }
}

/** The anchor run of a region; `fallback` when git would use its classic diff there instead. */
function findLcs(a: Int32Array, b: Int32Array, r: Region): { lcs: Lcs; fallback: boolean } {
  const index = new RegionIndex(a, r.line1, r.count1);
  const lcs: Lcs = { begin1: 0, end1: 0, begin2: 0, end2: 0 };
  for (let bPtr = r.line2; bPtr <= r.line2 + r.count2 - 1;) bPtr = tryLcs(index, b, lcs, bPtr, r);
  return { lcs, fallback: index.hasCommon && index.cnt > MAX_CHAIN };
}

function mark(changed: Uint8Array, line: number, count: number): void {
  for (let i = 0; i < count; i++) changed[line - 1 + i] = 1;
}

/**
 * Diff `a` (the base) against `b` like git's histogram diff and mark the lines that are not
 * common. Regions are independent, so a work list replaces git's recursion (no stack limit).
 */
export function histogramDiff(a: Int32Array, b: Int32Array): LineChanges {
  const changedA = new Uint8Array(a.length);
  const changedB = new Uint8Array(b.length);
  let exact = true;
  const work: Region[] = [{ line1: 1, count1: a.length, line2: 1, count2: b.length }];
  for (let r = work.pop(); r !== undefined; r = work.pop()) {
    if (r.count1 <= 0 && r.count2 <= 0) continue;
    if (r.count1 <= 0 || r.count2 <= 0) {
      mark(changedA, r.line1, Math.max(0, r.count1));
      mark(changedB, r.line2, Math.max(0, r.count2));
      continue;
    }
    const { lcs, fallback } = findLcs(a, b, r);
    if (fallback || (lcs.begin1 === 0 && lcs.begin2 === 0)) {
      // No usable anchor: everything in the region changed (git: the same, or its Myers diff).
      if (fallback) exact = false;
      mark(changedA, r.line1, r.count1);
      mark(changedB, r.line2, r.count2);
      continue;
    }
    work.push({ line1: r.line1, count1: lcs.begin1 - r.line1, line2: r.line2, count2: lcs.begin2 - r.line2 });
    work.push({
      line1: lcs.end1 + 1,
      count1: r.line1 + r.count1 - 1 - lcs.end1,
      line2: lcs.end2 + 1,
      count2: r.line2 + r.count2 - 1 - lcs.end2,
    });
  }
  return { changedA, changedB, exact };
}
