import type { ObjectType } from '../repo/object-id.js';

/** Object type codes of a pack entry header. */
export const PACK_TYPES: Record<number, ObjectType | 'ofs-delta' | 'ref-delta'> = {
  1: 'commit',
  2: 'tree',
  3: 'blob',
  4: 'tag',
  6: 'ofs-delta',
  7: 'ref-delta',
};

/** A parsed pack entry header: where its zlib data starts and what it is. */
export type PackEntry =
  | { kind: 'whole'; type: ObjectType; size: number; dataOffset: number }
  | { kind: 'ofs-delta'; size: number; dataOffset: number; baseOffset: number }
  | { kind: 'ref-delta'; size: number; dataOffset: number; baseOid: string };

/** The longest entry header (type/size varint of a 64-bit size, then a 20-byte base name). */
export const MAX_HEADER = 32;

/**
 * Parse the entry header at `offset` of a pack from `head` (bytes starting at `offset`):
 * 3-bit type and a size varint, then the base of a delta (negative offset or object name).
 */
export function parseEntryHeader(head: Uint8Array, offset: number, where: string): PackEntry {
  let pos = 0;
  let c = head[pos++]!;
  const type = PACK_TYPES[(c >> 4) & 7];
  let size = c & 0x0f;
  let scale = 16;
  while (c & 0x80) {
    c = head[pos++]!;
    size += (c & 0x7f) * scale;
    scale *= 128;
  }
  if (type === undefined || pos > head.length) throw new Error(`${where}: bad pack entry at ${offset}`);
  if (type === 'ref-delta') {
    const baseOid = Buffer.from(head.subarray(pos, pos + 20)).toString('hex');
    return { kind: 'ref-delta', size, dataOffset: offset + pos + 20, baseOid };
  }
  if (type === 'ofs-delta') {
    c = head[pos++]!;
    let back = c & 0x7f;
    while (c & 0x80) {
      c = head[pos++]!;
      back = (back + 1) * 128 + (c & 0x7f);
    }
    if (back <= 0 || back > offset) throw new Error(`${where}: bad delta base offset at ${offset}`);
    return { kind: 'ofs-delta', size, dataOffset: offset + pos, baseOffset: offset - back };
  }
  return { kind: 'whole', type, size, dataOffset: offset + pos };
}
