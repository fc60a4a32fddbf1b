import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * A file read by position (`pread`), never loaded whole: pack files run to gigabytes and an
 * operation touches a few hundred of their objects. Reads are synchronous on purpose: they are
 * page-cache copies of a few kilobytes, where the thread-pool round trip of an async read costs
 * more than the read itself.
 */
export class PositionalFile {
  readonly path: string;
  readonly size: number;
  #fd: number | null;

  constructor(path: string) {
    this.path = path;
    this.#fd = openSync(path, 'r');
    this.size = fstatSync(this.#fd).size;
  }

  /** `length` bytes at `position` (fewer at the end of the file). */
  read(position: number, length: number): Buffer {
    if (this.#fd === null) throw new Error(`${this.path} is closed`);
    const len = Math.max(0, Math.min(length, this.size - position));
    const buf = Buffer.allocUnsafe(len);
    let done = 0;
    while (done < len) {
      const n = readSync(this.#fd, buf, done, len - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done === len ? buf : buf.subarray(0, done);
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}
