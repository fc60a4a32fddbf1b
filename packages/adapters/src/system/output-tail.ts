/** Keeps the tail of a stream within a byte budget. */
export class OutputTail {
  #chunks: Buffer[] = [];
  #size = 0;
  truncated = false;
  constructor(readonly max: number) {}

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#size > this.max && this.#chunks.length > 1) {
      this.#size -= this.#chunks.shift()!.length;
      this.truncated = true;
    }
  }

  text(): string {
    const buf = Buffer.concat(this.#chunks);
    if (buf.length > this.max) this.truncated = true;
    return buf.subarray(Math.max(0, buf.length - this.max)).toString('utf8');
  }
}
