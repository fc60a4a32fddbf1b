import { hasCloseCall } from './close-calls.js';
import { bytesEqual, toLineTable, type LineTable } from './lines.js';
import { mergeHunks, type MergeRegion } from './merge-hunks.js';
import { diffScript } from './script.js';

/**
 * Result of a line merge: the merged bytes, or a conflict. `reason` says whether git conflicts
 * too (`overlap`) or the merge refused to guess where its alignment might not be git's
 * (`uncertain`: see {@link mergeLines}).
 */
export type LineMergeResult =
  { clean: true; result: Uint8Array } | { clean: false; reason: 'overlap' | 'uncertain' };

/**
 * Three-way line merge of file contents with git's semantics (merge-ort's default: histogram
 * diff, hunk sliding, `xdl_merge` at the zealous level), byte for byte: lines keep their
 * terminators, so CRLF and a missing final newline survive. Hunks of both sides that overlap or
 * touch conflict, unless both sides read the same there.
 *
 * It answers `uncertain` instead of merging when git's alignment cannot be reproduced for sure:
 * a region where git would fall back to its classic diff (every common line occurs more than 64
 * times), or a close call (see {@link hasCloseCall}).
 */
export function mergeLines(base: Uint8Array, ours: Uint8Array, theirs: Uint8Array): LineMergeResult {
  if (bytesEqual(ours, theirs)) return { clean: true, result: ours };
  if (bytesEqual(base, ours)) return { clean: true, result: theirs };
  if (bytesEqual(base, theirs)) return { clean: true, result: ours };
  const interner = new Map<string, number>();
  const b = toLineTable(base, interner);
  const o = toLineTable(ours, interner);
  const t = toLineTable(theirs, interner);
  const s1 = diffScript(b.ids, o.ids);
  const s2 = diffScript(b.ids, t.ids);
  if (!s1.exact || !s2.exact) return { clean: false, reason: 'uncertain' };
  const lengths = { base: b.ids.length, ours: o.ids.length, theirs: t.ids.length };
  const regions = mergeHunks(o.ids, t.ids, s1.changes, s2.changes, lengths);
  if (regions.some((r) => r.mode === 0)) return { clean: false, reason: 'overlap' };
  if (hasCloseCall(regions, { base: b, ours: o, theirs: t })) return { clean: false, reason: 'uncertain' };
  return { clean: true, result: assemble(o, t, regions) };
}

/** Ours outside the regions, and each region from the side it takes (ours for identical ones). */
function assemble(ours: LineTable, theirs: LineTable, regions: readonly MergeRegion[]): Uint8Array {
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const r of regions) {
    if (r.mode === 4) continue;
    pieces.push(lineSlice(ours, at, r.i1));
    pieces.push(r.mode === 1 ? lineSlice(ours, r.i1, r.i1 + r.chg1) : lineSlice(theirs, r.i2, r.i2 + r.chg2));
    at = r.i1 + r.chg1;
  }
  pieces.push(lineSlice(ours, at, ours.ids.length));
  return concat(pieces);
}

/** Bytes of lines `[from, to)` of a table. */
function lineSlice(table: LineTable, from: number, to: number): Uint8Array {
  return table.bytes.subarray(table.starts[from], table.starts[to]);
}

function concat(pieces: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of pieces) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
