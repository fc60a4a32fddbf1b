import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type { Oid } from '@metawsm/core';
import { applyDelta } from '../objects/delta.js';
import { hashObject, type ObjectType } from '../repo/object-id.js';
import { crc32 } from './crc32.js';
import { parseEntryHeader, type PackEntry } from './pack-entry.js';

/** One object of a pack being indexed. */
interface Entry {
  offset: number;
  header: PackEntry;
  crc: number;
  oid: Oid | null;
}

/** A base found outside the pack (thin packs); null when there is none. */
export type ExternalBase = (oid: Oid) => { type: ObjectType; content: Uint8Array } | null;

function inflateAt(pack: Buffer, e: Entry): Buffer {
  const out = inflateSync(pack.subarray(e.header.dataOffset, pack.length - 20));
  if (out.length !== e.header.size) throw new Error(`pack entry at ${e.offset} has the wrong size`);
  return out;
}

/** Walk the entries in order: headers, extents (from the zlib streams' ends), CRCs; hash whole objects. */
function scan(pack: Buffer): Entry[] {
  const count = pack.readUInt32BE(8);
  const entries: Entry[] = [];
  let offset = 12;
  for (let i = 0; i < count; i++) {
    const header = parseEntryHeader(pack.subarray(offset, offset + 32), offset, 'pack');
    const { buffer, engine } = inflateSync(pack.subarray(header.dataOffset, pack.length - 20), {
      info: true,
    }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    if (buffer.length !== header.size) throw new Error(`pack entry at ${offset} has the wrong size`);
    const end = header.dataOffset + engine.bytesWritten;
    const oid = header.kind === 'whole' ? hashObject(header.type, buffer) : null;
    entries.push({ offset, header, crc: crc32(pack.subarray(offset, end)), oid });
    offset = end;
  }
  if (offset !== pack.length - 20) throw new Error('pack has trailing data after its last object');
  return entries;
}

/**
 * Resolve every delta from its base downwards (as `git index-pack` does): each whole object's
 * delta children are applied to its content, depth first, so only one chain of contents is held
 * at a time and the pack itself is the only full copy of the data.
 */
function resolveDeltas(pack: Buffer, entries: Entry[], external: ExternalBase): void {
  const byOffset = new Map<number, Entry[]>();
  const byOid = new Map<Oid, Entry[]>();
  const add = <K>(map: Map<K, Entry[]>, key: K, e: Entry) => {
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  };
  for (const e of entries) {
    const h = e.header;
    if (h.kind === 'ofs-delta') add(byOffset, h.baseOffset, e);
    if (h.kind === 'ref-delta') add(byOid, h.baseOid, e);
  }
  const children = (e: Entry) => [...(byOffset.get(e.offset) ?? []), ...(byOid.get(e.oid!) ?? [])];
  const walk = (root: { type: ObjectType; content: Uint8Array }, kids: Entry[]) => {
    const stack = kids.map((entry) => ({ entry, base: root }));
    for (let item = stack.pop(); item; item = stack.pop()) {
      const content = applyDelta(item.base.content, inflateAt(pack, item.entry));
      item.entry.oid = hashObject(item.base.type, content);
      const next = { type: item.base.type, content };
      for (const child of children(item.entry)) stack.push({ entry: child, base: next });
    }
  };
  for (const e of entries) {
    if (e.header.kind === 'whole') walk({ type: e.header.type, content: inflateAt(pack, e) }, children(e));
  }
  const known = new Set(entries.map((e) => e.oid));
  for (const [oid, kids] of byOid) {
    if (known.has(oid)) continue;
    const base = external(oid);
    if (!base) throw new Error(`pack delta base ${oid} is missing`);
    walk(base, kids);
  }
  const unresolved = entries.find((e) => e.oid === null);
  if (unresolved) throw new Error(`pack entry at ${unresolved.offset} has no base`);
}

/** A version 2 `.idx` for the entries (names sorted; offsets of 2 GiB and more in the 64-bit table). */
function writeIndex(entries: Entry[], packChecksum: Buffer): Buffer {
  const sorted = [...entries].sort((a, b) => (a.oid! < b.oid! ? -1 : a.oid! > b.oid! ? 1 : 0));
  const n = sorted.length;
  const large = sorted.filter((e) => e.offset >= 0x80000000);
  const out = Buffer.alloc(8 + 1024 + n * 28 + large.length * 8 + 40);
  out.writeUInt32BE(0xff744f63, 0);
  out.writeUInt32BE(2, 4);
  const fanout = new Uint32Array(256);
  for (const e of sorted) fanout[parseInt(e.oid!.slice(0, 2), 16)]!++;
  for (let i = 0, sum = 0; i < 256; i++) out.writeUInt32BE((sum += fanout[i]!), 8 + i * 4);
  let largeIndex = 0;
  sorted.forEach((e, i) => {
    out.write(e.oid!, 8 + 1024 + i * 20, 'hex');
    out.writeUInt32BE(e.crc, 8 + 1024 + n * 20 + i * 4);
    const off = e.offset >= 0x80000000 ? (0x80000000 | largeIndex++) >>> 0 : e.offset;
    out.writeUInt32BE(off, 8 + 1024 + n * 24 + i * 4);
  });
  large.forEach((e, i) => {
    const at = 8 + 1024 + n * 28 + i * 8;
    out.writeUInt32BE(Math.floor(e.offset / 2 ** 32), at);
    out.writeUInt32BE(e.offset % 2 ** 32, at + 4);
  });
  const body = 8 + 1024 + n * 28 + large.length * 8;
  packChecksum.copy(out, body);
  createHash('sha1')
    .update(out.subarray(0, body + 20))
    .digest()
    .copy(out, body + 20);
  return out;
}

/**
 * Index a received pack held in memory: checks its signature and trailing checksum, finds every
 * object's id (resolving deltas base-first), and returns the `.idx` bytes (version 2).
 * `external` supplies delta bases that are not in the pack.
 */
export function indexPack(
  pack: Buffer,
  external: ExternalBase = () => null,
): { idx: Buffer; checksum: string } {
  if (pack.length < 32 || pack.toString('latin1', 0, 4) !== 'PACK') throw new Error('not a pack');
  const trailer = pack.subarray(pack.length - 20);
  if (
    !createHash('sha1')
      .update(pack.subarray(0, pack.length - 20))
      .digest()
      .equals(trailer)
  )
    throw new Error('pack checksum mismatch');
  const entries = scan(pack);
  resolveDeltas(pack, entries, external);
  return { idx: writeIndex(entries, trailer), checksum: trailer.toString('hex') };
}
