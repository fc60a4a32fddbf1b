import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Oid } from '@metawsm/core';
import type { ObjectType } from '../repo/object-id.js';

/** One object to put in a pack: whole, or as a delta against `delta.base` (REF_DELTA). */
export interface PackObject {
  type: ObjectType;
  content: Uint8Array;
  delta?: { base: Oid; data: Uint8Array };
}

const TYPE_CODES: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };
const REF_DELTA = 7;

/** The variable-length object header: type and uncompressed size (gitformat-pack). */
function objectHeader(type: number, size: number): Buffer {
  const bytes: number[] = [];
  let byte = (type << 4) | (size & 0x0f);
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    bytes.push(byte | 0x80);
    byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
  }
  bytes.push(byte);
  return Buffer.from(bytes);
}

/** Bytes of one pack entry as it will be sent. */
export function encodeEntry(obj: PackObject): Buffer {
  if (obj.delta) {
    return Buffer.concat([
      objectHeader(REF_DELTA, obj.delta.data.length),
      Buffer.from(obj.delta.base, 'hex'),
      deflateSync(obj.delta.data),
    ]);
  }
  return Buffer.concat([objectHeader(TYPE_CODES[obj.type], obj.content.length), deflateSync(obj.content)]);
}

/** A version 2 pack of already encoded entries, with its trailing SHA-1. */
export function assemblePack(entries: readonly Buffer[]): Buffer {
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(entries.length, 8);
  const body = Buffer.concat([header, ...entries]);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}
