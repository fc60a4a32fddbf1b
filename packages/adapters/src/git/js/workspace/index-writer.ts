import { createHash } from 'node:crypto';
import type { IndexEntry } from './index-entry.js';

/**
 * Serialise entries (already sorted bytewise by path, then stage) as a version 2 index with no
 * extensions: git rebuilds the cache-tree and other optional extensions itself when it needs them.
 */
export function serializeIndexV2(entries: readonly IndexEntry[]): Buffer {
  const names = entries.map((e) => Buffer.from(e.path, 'utf8'));
  let size = 12 + 20;
  for (const name of names) size += entrySize(name.length);
  const out = Buffer.alloc(size);
  out.write('DIRC', 0, 'latin1');
  out.writeUInt32BE(2, 4);
  out.writeUInt32BE(entries.length, 8);
  let at = 12;
  entries.forEach((e, i) => {
    const name = names[i] ?? Buffer.alloc(0);
    writeEntry(out, at, e, name);
    at += entrySize(name.length);
  });
  createHash('sha1').update(out.subarray(0, at)).digest().copy(out, at);
  return out;
}

/** 62 fixed bytes plus the name, NUL-padded (1..8 bytes) to a multiple of 8. */
function entrySize(nameLength: number): number {
  return (62 + nameLength + 8) & ~7;
}

function writeEntry(out: Buffer, at: number, e: IndexEntry, name: Buffer): void {
  const fields = [
    e.ctimeSec,
    e.ctimeNsec,
    e.mtimeSec,
    e.mtimeNsec,
    e.dev,
    e.ino,
    e.mode,
    e.uid,
    e.gid,
    e.size,
  ];
  fields.forEach((v, i) => out.writeUInt32BE(v >>> 0, at + i * 4));
  out.write(e.oid, at + 40, 'hex');
  const flags = (e.assumeValid ? 0x8000 : 0) | ((e.stage & 3) << 12) | Math.min(name.length, 0xfff);
  out.writeUInt16BE(flags, at + 60);
  name.copy(out, at + 62);
  // The padding NULs are already there: Buffer.alloc zero-fills.
}
