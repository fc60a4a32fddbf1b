/** Randomness, only through this port. */
export interface IdPort {
  /** A random lowercase hex string of `bytes` bytes (default 8). */
  randomHex(bytes?: number): string;
}
