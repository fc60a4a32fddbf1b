import * as zlib from 'node:zlib';

const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32Js(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** zlib's crc32 where Node has it (20.15+), else a table-driven one (the same CRC-32). */
const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The CRC-32 (ISO-HDLC, as zlib and pack indexes use) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  return native ? native(bytes) : crc32Js(bytes);
}

/** Exposed for tests: the portable implementation. */
export const crc32Portable = crc32Js;
