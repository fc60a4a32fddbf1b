import { inflateSync } from 'node:zlib';
import { MAX_HEADER, parseEntryHeader, type PackEntry } from './pack-entry.js';
import { PositionalFile } from './positional-file.js';

const TRAILER = 20;
/** Bytes read at an entry first: header plus the data of most commits, trees and deltas. */
const FIRST_READ = 1024;

/** deflate adds ~5 bytes per 16 KiB block plus a few bytes of framing to incompressible data. */
const windowFor = (size: number) => size + (size >> 10) + 64;

function truncated(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === 'Z_BUF_ERROR';
}

/**
 * A `.pack` file read by position: entry headers, and zlib streams inflated from a window just
 * larger than their expected output (grown when a stream turns out longer). Never loaded or
 * checksummed whole.
 */
export class PackFile {
  readonly #file: PositionalFile;

  constructor(path: string) {
    this.#file = new PositionalFile(path);
    const head = this.#file.read(0, 12);
    if (head.length < 12 || head.toString('latin1', 0, 4) !== 'PACK')
      throw new Error(`${path}: not a pack file`);
    const version = head.readUInt32BE(4);
    if (version !== 2 && version !== 3) throw new Error(`${path}: unsupported pack version ${version}`);
  }

  get path(): string {
    return this.#file.path;
  }

  /** The entry header at `offset`. */
  entryAt(offset: number): PackEntry {
    return parseEntryHeader(this.#file.read(offset, MAX_HEADER), offset, this.#file.path);
  }

  /**
   * The entry at `offset` with its inflated data (the object, or the delta), read in one go for
   * small entries: most commits and trees fit in the first read together with their header.
   */
  entryWithData(offset: number): { entry: PackEntry; data: Buffer } {
    const first = this.#file.read(offset, FIRST_READ);
    const entry = parseEntryHeader(first, offset, this.#file.path);
    const start = entry.dataOffset - offset;
    if (start + windowFor(entry.size) <= first.length) {
      const data = this.#inflateChunk(first.subarray(start), entry.dataOffset, entry.size);
      if (data) return { entry, data };
    }
    return { entry, data: this.inflate(entry.dataOffset, entry.size) };
  }

  /** The `size` bytes the zlib stream at `dataOffset` inflates to. */
  inflate(dataOffset: number, size: number): Buffer {
    const end = this.#file.size - TRAILER;
    let window = windowFor(size);
    for (;;) {
      const data = this.#inflateChunk(
        this.#file.read(dataOffset, Math.min(window, end - dataOffset)),
        dataOffset,
        size,
      );
      if (data) return data;
      if (dataOffset + window >= end)
        throw new Error(`${this.#file.path}: truncated object at ${dataOffset}`);
      window *= 2;
    }
  }

  /** Inflate a zlib stream from `chunk`; null when the chunk ends before the stream does. */
  #inflateChunk(chunk: Buffer, dataOffset: number, size: number): Buffer | null {
    let out: Buffer;
    try {
      // an output chunk sized to the object: zlib's default 16 KiB chunks would keep 16 KiB
      // alive behind every small commit or tree that a cache holds on to
      out = inflateSync(chunk, { chunkSize: Math.max(64, size + 1) });
    } catch (e) {
      if (truncated(e)) return null;
      throw e;
    }
    if (out.length !== size)
      throw new Error(`${this.#file.path}: object at ${dataOffset} has the wrong size`);
    return out;
  }

  close(): void {
    this.#file.close();
  }
}
