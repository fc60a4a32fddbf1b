import { isBinary } from './lines.js';

/** git's full similarity score (100%). */
export const MAX_SCORE = 60_000;
/** git's default rename threshold (`-M50%`), which merge-ort uses. */
export const RENAME_SCORE = 30_000;

/** Chunks longer than this are cut (git's diffcore-delta). */
const MAX_CHUNK = 64;
const HASHBASE = 107_927;

/**
 * The content signature git's rename detection compares (diffcore-delta `hash_chars`): the file
 * cut after every newline or 64 bytes, each chunk hashed, byte counts summed per hash. In text
 * files a CR before LF is skipped; a last chunk without a newline shorter than 64 bytes is not
 * counted (as in git).
 */
export function spanCounts(bytes: Uint8Array): Map<number, number> {
  const text = !isBinary(bytes);
  const counts = new Map<number, number>();
  let accum1 = 0;
  let accum2 = 0;
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (text && c === 0x0d && i + 1 < bytes.length && bytes[i + 1] === 0x0a) continue;
    const old1 = accum1;
    accum1 = ((accum1 << 7) ^ (accum2 >>> 25)) >>> 0;
    accum2 = ((accum2 << 7) ^ (old1 >>> 25)) >>> 0;
    accum1 = (accum1 + c) >>> 0;
    if (++n < MAX_CHUNK && c !== 0x0a) continue;
    const hash = ((accum1 + Math.imul(accum2, 0x61)) >>> 0) % HASHBASE;
    counts.set(hash, (counts.get(hash) ?? 0) + n);
    n = 0;
    accum1 = 0;
    accum2 = 0;
  }
  return counts;
}

/** A file as rename detection sees it: its size and signature. */
export interface RenameSignature {
  size: number;
  counts: Map<number, number>;
}

/** The signature of a blob. */
export function renameSignature(bytes: Uint8Array): RenameSignature {
  return { size: bytes.length, counts: spanCounts(bytes) };
}

/**
 * How similar two regular files are, 0..{@link MAX_SCORE}, as git's `estimate_similarity`: the
 * bytes of `dst` that come from `src` over the larger size; 0 when the sizes differ too much to
 * reach `minScore`.
 */
export function similarityScore(src: RenameSignature, dst: RenameSignature, minScore = RENAME_SCORE): number {
  const max = Math.max(src.size, dst.size);
  const delta = max - Math.min(src.size, dst.size);
  if (max * (MAX_SCORE - minScore) < delta * MAX_SCORE) return 0;
  if (dst.size === 0) return 0;
  let copied = 0;
  for (const [hash, srcCount] of src.counts) {
    const dstCount = dst.counts.get(hash);
    if (dstCount !== undefined) copied += Math.min(srcCount, dstCount);
  }
  return Math.floor((copied * MAX_SCORE) / max);
}
