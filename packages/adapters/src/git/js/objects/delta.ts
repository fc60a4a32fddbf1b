/**
 * A git delta (gitformat-pack "Deltified representation"): copy ranges of the base, insert the
 * rest. Base blocks of {@link BLOCK} bytes are indexed by a hash; the target is scanned with a
 * rolling hash of the same window, and every verified hit is extended both ways.
 */
const BLOCK = 16;
const MAX_INSERT = 0x7f;
const MAX_COPY = 0x10000;
const MAX_CANDIDATES = 8;
/** Objects above this size are sent whole: a delta costs memory and time and rarely matters. */
export const MAX_DELTA_SIZE = 16 * 1024 * 1024;
const PRIME = 0x01000193;
/** PRIME^(BLOCK-1) mod 2^32, to drop the outgoing byte of the rolling hash. */
const DROP = (() => {
  let p = 1;
  for (let i = 0; i < BLOCK - 1; i++) p = Math.imul(p, PRIME);
  return p;
})();

function hashAt(buf: Uint8Array, pos: number): number {
  let h = 0;
  for (let i = 0; i < BLOCK; i++) h = (Math.imul(h, PRIME) + buf[pos + i]!) | 0;
  return h;
}

function indexBase(base: Uint8Array): Map<number, number[]> {
  const index = new Map<number, number[]>();
  for (let pos = 0; pos + BLOCK <= base.length; pos += BLOCK) {
    const h = hashAt(base, pos);
    const list = index.get(h);
    if (!list) index.set(h, [pos]);
    else if (list.length < MAX_CANDIDATES) list.push(pos);
  }
  return index;
}

class DeltaWriter {
  readonly #out: number[] = [];

  varint(n: number): void {
    do {
      let byte = n % 128;
      n = Math.floor(n / 128);
      if (n > 0) byte |= 0x80;
      this.#out.push(byte);
    } while (n > 0);
  }

  insert(src: Uint8Array, from: number, to: number): void {
    for (let pos = from; pos < to; pos += MAX_INSERT) {
      const end = Math.min(to, pos + MAX_INSERT);
      this.#out.push(end - pos);
      for (let i = pos; i < end; i++) this.#out.push(src[i]!);
    }
  }

  copy(offset: number, length: number): void {
    for (let done = 0; done < length; done += MAX_COPY) {
      const size = Math.min(MAX_COPY, length - done);
      const off = offset + done;
      let op = 0x80;
      const args: number[] = [];
      for (let i = 0; i < 4; i++) {
        const byte = Math.floor(off / 2 ** (8 * i)) & 0xff;
        if (byte === 0) continue;
        op |= 1 << i;
        args.push(byte);
      }
      for (let i = 0; i < 3; i++) {
        const byte = (size >> (8 * i)) & 0xff;
        if (byte === 0) continue;
        op |= 0x10 << i;
        args.push(byte);
      }
      this.#out.push(op, ...args);
    }
  }

  get length(): number {
    return this.#out.length;
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.#out);
  }
}

/** Longest verified match for the window at `pos`, as [baseOffset, length], extended forwards. */
function bestMatch(
  base: Uint8Array,
  target: Uint8Array,
  pos: number,
  candidates: number[],
): [number, number] {
  let best: [number, number] = [0, 0];
  for (const start of candidates) {
    let len = 0;
    while (pos + len < target.length && start + len < base.length && base[start + len] === target[pos + len])
      len++;
    if (len > best[1]) best = [start, len];
  }
  return best;
}

/** A delta turning `base` into `target`, or null when it would not be smaller than `target`. */
export function createDelta(base: Uint8Array, target: Uint8Array): Uint8Array | null {
  if (base.length < BLOCK || target.length < BLOCK || target.length > MAX_DELTA_SIZE) return null;
  const index = indexBase(base);
  const w = new DeltaWriter();
  w.varint(base.length);
  w.varint(target.length);
  let pending = 0;
  let pos = 0;
  let h = hashAt(target, 0);
  while (pos + BLOCK <= target.length) {
    const candidates = index.get(h);
    let [offset, len] = candidates ? bestMatch(base, target, pos, candidates) : [0, 0];
    if (len >= BLOCK) {
      let start = pos;
      // Extend the match backwards over bytes not yet emitted.
      while (start > pending && offset > 0 && base[offset - 1] === target[start - 1]) {
        start--;
        offset--;
        len++;
      }
      w.insert(target, pending, start);
      w.copy(offset, len);
      pos = start + len;
      pending = pos;
      if (pos + BLOCK <= target.length) h = hashAt(target, pos);
      if (w.length >= target.length) return null;
      continue;
    }
    if (pos + BLOCK < target.length)
      h = (Math.imul(h - Math.imul(target[pos]!, DROP), PRIME) + target[pos + BLOCK]!) | 0;
    pos++;
  }
  w.insert(target, pending, target.length);
  return w.length < target.length ? w.bytes() : null;
}

/** Apply a git delta to `base` (pack reading; tests check {@link createDelta} with it too). */
export function applyDelta(base: Uint8Array, delta: Uint8Array): Buffer {
  let pos = 0;
  const varint = () => {
    let n = 0;
    let shift = 1;
    for (;;) {
      const byte = delta[pos++]!;
      n += (byte & 0x7f) * shift;
      shift *= 128;
      if ((byte & 0x80) === 0) return n;
    }
  };
  if (varint() !== base.length) throw new Error('delta base size mismatch');
  const out = Buffer.allocUnsafe(varint());
  let at = 0;
  while (pos < delta.length) {
    const op = delta[pos++]!;
    if (op & 0x80) {
      let off = 0;
      let size = 0;
      for (let i = 0; i < 4; i++) if (op & (1 << i)) off += delta[pos++]! * 2 ** (8 * i);
      for (let i = 0; i < 3; i++) if (op & (0x10 << i)) size |= delta[pos++]! << (8 * i);
      if (size === 0) size = 0x10000;
      out.set(base.subarray(off, off + size), at);
      at += size;
    } else {
      if (op === 0) throw new Error('delta opcode 0 is reserved');
      out.set(delta.subarray(pos, pos + op), at);
      pos += op;
      at += op;
    }
  }
  if (at !== out.length) throw new Error('delta result size mismatch');
  return out;
}
