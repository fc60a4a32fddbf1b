import type { IdPort } from '../ports/id.port.js';

/** An {@link IdPort} returning 1, 2, 3, ... as zero-padded hex of the requested width. */
export class SequentialIds implements IdPort {
  #next: number;

  /** `start`: the first number handed out (default 1). */
  constructor(start = 1) {
    this.#next = start;
  }

  /** The next number as `bytes * 2` hex digits (default 8 bytes). */
  randomHex(bytes = 8): string {
    const hex = (this.#next++).toString(16);
    return hex.padStart(bytes * 2, '0').slice(-bytes * 2);
  }
}
