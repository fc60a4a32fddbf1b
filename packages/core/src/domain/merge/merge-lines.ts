import { diffHunks, type Hunk } from './diff.js';
import { bytesEqual, toLineTable, type LineTable } from './lines.js';

/** Result of a line merge: merged bytes, or a conflict (no partial result is offered). */
export type LineMergeResult = { clean: true; result: Uint8Array } | { clean: false };

/**
 * Three-way line merge (diff3) of file contents, byte for byte: lines keep their terminators, so
 * CRLF and a missing final newline survive. Hunks of both sides that overlap or touch conflict,
 * as in git, unless both sides made exactly the same change there.
 */
export function mergeLines(base: Uint8Array, ours: Uint8Array, theirs: Uint8Array): LineMergeResult {
  if (bytesEqual(ours, theirs)) return { clean: true, result: ours };
  if (bytesEqual(base, ours)) return { clean: true, result: theirs };
  if (bytesEqual(base, theirs)) return { clean: true, result: ours };
  const interner = new Map<string, number>();
  const b = toLineTable(base, interner);
  const o = toLineTable(ours, interner);
  const t = toLineTable(theirs, interner);
  const pieces = mergeTables(b, o, t);
  return pieces === null ? { clean: false } : { clean: true, result: concat(pieces) };
}

interface Side {
  table: LineTable;
  hunks: Hunk[];
  /** Index of the next hunk not yet consumed. */
  next: number;
  /** Side line index minus base line index after the consumed hunks. */
  shift: number;
}

/** Walk both sides' hunks in base order; returns the merged pieces, or null on a conflict. */
function mergeTables(base: LineTable, ours: LineTable, theirs: LineTable): Uint8Array[] | null {
  const sides: [Side, Side] = [
    { table: ours, hunks: diffHunks(base.ids, ours.ids), next: 0, shift: 0 },
    { table: theirs, hunks: diffHunks(base.ids, theirs.ids), next: 0, shift: 0 },
  ];
  const pieces: Uint8Array[] = [];
  let pos = 0;
  for (;;) {
    const group = nextGroup(sides);
    if (group === null) break;
    pieces.push(lineSlice(base, pos, group.start));
    const chosen = resolveGroup(sides, group);
    if (chosen === null) return null;
    pieces.push(chosen);
    pos = group.end;
  }
  pieces.push(lineSlice(base, pos, base.ids.length));
  return pieces;
}

interface Group {
  start: number;
  end: number;
  /** Per side: the hunks of the group are `hunks[first..last)`. */
  spans: [[number, number], [number, number]];
}

/**
 * The next maximal run of hunks (from either side) whose base ranges overlap or touch, starting
 * from the earliest unconsumed hunk. Touching counts, as in git: edits to adjacent lines conflict.
 */
function nextGroup(sides: [Side, Side]): Group | null {
  const [o, t] = sides;
  const ho = o.hunks[o.next];
  const ht = t.hunks[t.next];
  if (!ho && !ht) return null;
  const start = Math.min(ho?.baseStart ?? Infinity, ht?.baseStart ?? Infinity);
  let end = start;
  const idx = [o.next, t.next];
  let grew = true;
  while (grew) {
    grew = false;
    for (let s = 0; s < 2; s++) {
      const h = sides[s]!.hunks[idx[s]!];
      if (h && h.baseStart <= end) {
        end = Math.max(end, h.baseEnd);
        idx[s]!++;
        grew = true;
      }
    }
  }
  return {
    start,
    end,
    spans: [
      [o.next, idx[0]!],
      [t.next, idx[1]!],
    ],
  };
}

/** The bytes for a group: the only side that changed it, or both sides' identical result; null = conflict. */
function resolveGroup(sides: [Side, Side], group: Group): Uint8Array | null {
  const texts: (Uint8Array | null)[] = [];
  for (let s = 0; s < 2; s++) {
    const side = sides[s]!;
    const [first, last] = group.spans[s]!;
    if (first === last) {
      texts.push(null);
      continue;
    }
    const from = group.start + side.shift;
    for (let i = first; i < last; i++) {
      const h = side.hunks[i]!;
      side.shift += h.sideEnd - h.sideStart - (h.baseEnd - h.baseStart);
    }
    side.next = last;
    texts.push(lineSlice(side.table, from, group.end + side.shift));
  }
  const [ot, tt] = texts;
  if (ot && tt) return bytesEqual(ot, tt) ? ot : null;
  return ot ?? tt ?? new Uint8Array(0);
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
