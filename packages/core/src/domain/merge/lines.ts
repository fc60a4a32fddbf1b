/** Bytes git inspects when deciding whether content is binary. */
const BINARY_PROBE_BYTES = 8000;

/** True when `bytes` holds a NUL byte in its first 8000 bytes (git's `buffer_is_binary`). */
export function isBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_PROBE_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** A text split into lines: line `i` is `bytes[starts[i]..starts[i + 1])`, terminators included. */
export interface LineTable {
  bytes: Uint8Array;
  /** Start offsets plus a final entry equal to `bytes.length`. */
  starts: number[];
  /** Per line a small integer; equal ids mean byte-equal lines (shared across the tables of one merge). */
  ids: Int32Array;
}

const latin1 = new TextDecoder('latin1');

/**
 * Split `bytes` on `\n`, keeping each terminator (so `\r\n` and a missing final newline survive
 * byte for byte), and give every distinct line an id from `interner`.
 */
export function toLineTable(bytes: Uint8Array, interner: Map<string, number>): LineTable {
  // latin1 decodes one char per byte, so string offsets are byte offsets and the key is injective.
  const text = latin1.decode(bytes);
  const starts: number[] = [];
  let pos = 0;
  while (pos < text.length) {
    starts.push(pos);
    const nl = text.indexOf('\n', pos);
    pos = nl < 0 ? text.length : nl + 1;
  }
  starts.push(text.length);
  const ids = new Int32Array(starts.length - 1);
  for (let i = 0; i < ids.length; i++) {
    const key = text.slice(starts[i], starts[i + 1]);
    let id = interner.get(key);
    if (id === undefined) {
      id = interner.size;
      interner.set(key, id);
    }
    ids[i] = id;
  }
  return { bytes, starts, ids };
}

/** True when two byte arrays are equal. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
