import { inflateSync } from 'node:zlib';
import { MAX_HEADER, parseEntryHeader, type PackEntry } from './pack-entry.js';
import { PositionalFile } from './positional-file.js';

const TRAILER = 20;

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

  /** The `size` bytes the zlib stream at `dataOffset` inflates to. */
  inflate(dataOffset: number, size: number): Buffer {
    const end = this.#file.size - TRAILER;
    // deflate adds ~5 bytes per 16 KiB block plus a few bytes of framing to incompressible data
    let window = size + (size >> 10) + 64;
    for (;;) {
      const chunk = this.#file.read(dataOffset, Math.min(window, end - dataOffset));
      try {
        const out = inflateSync(chunk);
        if (out.length !== size)
          throw new Error(`${this.#file.path}: object at ${dataOffset} has the wrong size`);
        return out;
      } catch (e) {
        if (!truncated(e) || dataOffset + window >= end) throw e;
        window *= 2;
      }
    }
  }

  close(): void {
    this.#file.close();
  }
}
