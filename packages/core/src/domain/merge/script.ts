import { compactChanges } from './compact.js';
import { histogramDiff } from './histogram.js';

/** One hunk of a diff: base lines `[i1, i1 + chg1)` became side lines `[i2, i2 + chg2)` (0-based). */
export interface Change {
  i1: number;
  chg1: number;
  i2: number;
  chg2: number;
}

/** A diff as git's merge sees it: the hunks, and whether the alignment is certainly git's. */
export interface Script {
  changes: Change[];
  exact: boolean;
}

/** Collect runs of changed lines into hunks, pairing runs that sit between the same common lines. */
function buildScript(changedA: Uint8Array, changedB: Uint8Array): Change[] {
  const out: Change[] = [];
  let i1 = 0;
  let i2 = 0;
  while (i1 < changedA.length || i2 < changedB.length) {
    if (!changedA[i1] && !changedB[i2]) {
      i1++;
      i2++;
      continue;
    }
    const s1 = i1;
    const s2 = i2;
    while (changedA[i1]) i1++;
    while (changedB[i2]) i2++;
    out.push({ i1: s1, chg1: i1 - s1, i2: s2, chg2: i2 - s2 });
  }
  return out;
}

/**
 * The diff git's merge computes between the base and one side (`xdl_do_diff` with the histogram
 * algorithm, then `xdl_change_compact` on both files, then `xdl_build_script`).
 */
export function diffScript(base: Int32Array, side: Int32Array): Script {
  const { changedA, changedB, exact } = histogramDiff(base, side);
  const a = compactChanges(base, changedA, changedB);
  const b = compactChanges(side, changedB, a);
  return { changes: buildScript(a, b), exact };
}
