import { PositionalFile } from './positional-file.js';

const V2_MAGIC = 0xff744f63;
const FANOUT = 256 * 4;
const NAME = 20;

/** The object names and pack offsets of one fan-out bucket (all names starting with one byte). */
interface Bucket {
  first: number;
  names: Buffer;
  offsets: Buffer;
}

/** Compare the name at `at` with `key` (five big-endian words): cheaper than a native call per step. */
function compareName(names: Buffer, at: number, key: readonly number[]): number {
  for (let w = 0; w < 5; w++) {
    const d = names.readUInt32BE(at + w * 4) - key[w]!;
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * A pack's `.idx` (version 1 or 2), read lazily: the header and fan-out table at open, then
 * only the buckets a lookup touches (names and offsets of the objects sharing a first byte),
 * binary-searched. Version 2 offsets with the high bit set index the 64-bit offset table.
 */
export class PackIndex {
  readonly count: number;
  readonly #file: PositionalFile;
  readonly #version: 1 | 2;
  readonly #fanout: Uint32Array;
  readonly #buckets = new Map<number, Bucket>();

  constructor(path: string) {
    this.#file = new PositionalFile(path);
    const head = this.#file.read(0, 8 + FANOUT);
    this.#version = head.length >= 8 && head.readUInt32BE(0) === V2_MAGIC ? 2 : 1;
    if (this.#version === 2 && head.readUInt32BE(4) !== 2)
      throw new Error(`${path}: unsupported pack index version`);
    const base = this.#version === 2 ? 8 : 0;
    if (head.length < base + FANOUT) throw new Error(`${path}: truncated pack index`);
    this.#fanout = new Uint32Array(256);
    for (let i = 0; i < 256; i++) this.#fanout[i] = head.readUInt32BE(base + i * 4);
    this.count = this.#fanout[255]!;
    const entries =
      this.#version === 2 ? 8 + FANOUT + this.count * (NAME + 8) : FANOUT + this.count * (NAME + 4);
    if (this.#file.size < entries + 2 * NAME) throw new Error(`${path}: truncated pack index`);
  }

  #bucket(byte: number): Bucket {
    let b = this.#buckets.get(byte);
    if (b) return b;
    const first = byte === 0 ? 0 : this.#fanout[byte - 1]!;
    const n = this.#fanout[byte]! - first;
    if (this.#version === 2) {
      const namesAt = 8 + FANOUT + first * NAME;
      const offsetsAt = 8 + FANOUT + this.count * (NAME + 4) + first * 4;
      b = { first, names: this.#file.read(namesAt, n * NAME), offsets: this.#file.read(offsetsAt, n * 4) };
    } else {
      const raw = this.#file.read(FANOUT + first * (NAME + 4), n * (NAME + 4));
      const names = Buffer.allocUnsafe(n * NAME);
      const offsets = Buffer.allocUnsafe(n * 4);
      for (let i = 0; i < n; i++) {
        raw.copy(offsets, i * 4, i * 24, i * 24 + 4);
        raw.copy(names, i * NAME, i * 24 + 4, i * 24 + 24);
      }
      b = { first, names, offsets };
    }
    this.#buckets.set(byte, b);
    return b;
  }

  /** The pack offset of object `oid` (binary, 20 bytes), or null when this pack lacks it. */
  lookup(oid: Buffer): number | null {
    const b = this.#bucket(oid[0]!);
    let lo = 0;
    let hi = b.names.length / NAME;
    const key = [
      oid.readUInt32BE(0),
      oid.readUInt32BE(4),
      oid.readUInt32BE(8),
      oid.readUInt32BE(12),
      oid.readUInt32BE(16),
    ];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareName(b.names, mid * NAME, key);
      if (c === 0) return this.#offset(b, mid);
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return null;
  }

  #offset(b: Bucket, i: number): number {
    const raw = b.offsets.readUInt32BE(i * 4);
    if (this.#version === 1 || (raw & 0x80000000) === 0) return raw;
    const largeAt = 8 + FANOUT + this.count * (NAME + 8) + (raw & 0x7fffffff) * 8;
    const large = this.#file.read(largeAt, 8);
    return large.readUInt32BE(0) * 2 ** 32 + large.readUInt32BE(4);
  }

  close(): void {
    this.#file.close();
  }
}
