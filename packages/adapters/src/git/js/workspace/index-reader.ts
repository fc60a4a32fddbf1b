import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errnoCode, gitFailed } from '../repo/errors.js';
import { engineUnsupported } from './capabilities.js';
import { parseCacheTree } from './cache-tree.js';
import { IndexModes, modeType, type IndexEntry } from './index-entry.js';

/** A parsed git index and the time it was written (used for git's "racily clean" rule). */
export interface GitIndex {
  version: number;
  /** Entries in index order: bytewise by path, then by stage. */
  entries: IndexEntry[];
  /** mtime of the index file as [seconds, nanoseconds]; null when there is no index file. */
  mtime: readonly [number, number] | null;
  /** Valid cache-tree nodes: directory path (`''` for the root) → tree id. */
  cacheTree: ReadonlyMap<string, string>;
}

/**
 * Parsed indexes of this process, by file identity. git replaces the index by renaming a new file
 * over it (new inode), so (inode, size, mtime, ctime) identifies one version; callers never
 * mutate a GitIndex, so one parse serves a command's snapshot and its clean_tree check.
 */
const parsedIndexes = new Map<string, GitIndex>();
const MAX_PARSED_INDEXES = 8;

/** Read `<gitDir>/index`; a missing index is an empty one (fresh repository). */
export async function readGitIndex(gitDir: string): Promise<GitIndex> {
  const path = join(gitDir, 'index');
  let buf: Buffer;
  let key: string;
  let mtimeNs: bigint;
  try {
    // Stat before reading: a concurrent rewrite then makes entries look racy (safe), never clean.
    const st = await stat(path, { bigint: true });
    mtimeNs = st.mtimeNs;
    key = `${path}\0${st.ino}\0${st.size}\0${st.mtimeNs}\0${st.ctimeNs}`;
    const known = parsedIndexes.get(key);
    if (known) return known;
    buf = await readFile(path);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return { version: 2, entries: [], mtime: null, cacheTree: new Map() };
    throw gitFailed(`cannot read ${path}`, 'Check the permissions of the repository.', e);
  }
  const parsed = parseGitIndex(buf, path);
  const index: GitIndex = {
    ...parsed,
    mtime: [Number(mtimeNs / 1_000_000_000n), Number(mtimeNs % 1_000_000_000n)],
  };
  if (parsedIndexes.size >= MAX_PARSED_INDEXES)
    parsedIndexes.delete(parsedIndexes.keys().next().value as string);
  parsedIndexes.set(key, index);
  return index;
}

/** Parse index file bytes (versions 2, 3 and 4). */
export function parseGitIndex(buf: Buffer, source: string): Omit<GitIndex, 'mtime'> {
  const bad = (why: string) =>
    gitFailed(
      `${source} is not a usable git index: ${why}`,
      'Run `git status` to see whether git can read it.',
    );
  if (buf.length < 32 || buf.toString('latin1', 0, 4) !== 'DIRC') throw bad('bad signature');
  verifyChecksum(buf, bad);
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) throw bad(`unsupported version ${version}`);
  const count = buf.readUInt32BE(8);
  const end = buf.length - 20;
  const entries: IndexEntry[] = new Array<IndexEntry>(count);
  const reader = new EntryReader(buf, version, end, bad, source);
  for (let i = 0; i < count; i++) entries[i] = reader.next();
  const tree = readExtensions(buf, source, [reader.offset, end], bad);
  return { version, entries, cacheTree: tree ? parseCacheTree(tree) : new Map() };
}

function verifyChecksum(buf: Buffer, bad: (why: string) => Error): void {
  const trailer = buf.subarray(buf.length - 20);
  // index.skipHash writes an all-zero trailer.
  if (trailer.every((b) => b === 0)) return;
  const actual = createHash('sha1')
    .update(buf.subarray(0, buf.length - 20))
    .digest();
  if (!actual.equals(trailer)) throw bad('checksum mismatch');
}

/** Reads consecutive index entries; `offset` ends up at the first extension. */
class EntryReader {
  offset = 12;
  readonly #buf: Buffer;
  readonly #version: number;
  readonly #end: number;
  readonly #bad: (why: string) => Error;
  readonly #source: string;
  #prevPath: Buffer = Buffer.alloc(0);

  constructor(buf: Buffer, version: number, end: number, bad: (why: string) => Error, source: string) {
    this.#source = source;
    this.#buf = buf;
    this.#version = version;
    this.#end = end;
    this.#bad = bad;
  }

  next(): IndexEntry {
    const buf = this.#buf;
    const at = this.offset;
    if (at + 62 > this.#end) throw this.#bad('truncated entry');
    const flags = buf.readUInt16BE(at + 60);
    const extended = this.#version >= 3 && (flags & 0x4000) !== 0;
    const extra = extended ? buf.readUInt16BE(at + 62) : 0;
    const nameAt = at + 62 + (extended ? 2 : 0);
    const { path, next } = this.#version === 4 ? this.#v4Path(nameAt) : this.#paddedPath(at, nameAt);
    this.offset = next;
    const mode = buf.readUInt32BE(at + 24);
    // sparse-directory entries (a directory standing for everything under it): a sparse index
    if (modeType(mode) === IndexModes.DIR) throw engineUnsupported(this.#source, 'a sparse index');
    return {
      path,
      mode,
      oid: buf.toString('hex', at + 40, at + 60),
      stage: (flags >> 12) & 3,
      assumeValid: (flags & 0x8000) !== 0,
      skipWorktree: (extra & 0x4000) !== 0,
      intentToAdd: (extra & 0x2000) !== 0,
      ctimeSec: buf.readUInt32BE(at),
      ctimeNsec: buf.readUInt32BE(at + 4),
      mtimeSec: buf.readUInt32BE(at + 8),
      mtimeNsec: buf.readUInt32BE(at + 12),
      dev: buf.readUInt32BE(at + 16),
      ino: buf.readUInt32BE(at + 20),
      uid: buf.readUInt32BE(at + 28),
      gid: buf.readUInt32BE(at + 32),
      size: buf.readUInt32BE(at + 36),
    };
  }

  /** v2/v3: NUL-terminated path, entry padded with 1..8 NULs to a multiple of 8 bytes. */
  #paddedPath(entryAt: number, nameAt: number): { path: string; next: number } {
    // A plain loop: Buffer#indexOf's argument checks cost more than scanning a ~30-byte path.
    const buf = this.#buf;
    let nul = nameAt;
    while (nul < this.#end && buf[nul] !== 0) nul++;
    if (nul >= this.#end) throw this.#bad('unterminated path');
    const len = nul - entryAt;
    return { path: this.#buf.toString('utf8', nameAt, nul), next: entryAt + ((len + 8) & ~7) };
  }

  /** v4: varint = bytes to drop from the previous path, then the NUL-terminated suffix; no padding. */
  #v4Path(nameAt: number): { path: string; next: number } {
    const buf = this.#buf;
    let at = nameAt;
    let c = buf[at++] ?? 0;
    let strip = c & 0x7f;
    while (c & 0x80) {
      c = buf[at++] ?? 0;
      strip = ((strip + 1) << 7) | (c & 0x7f);
    }
    const nul = buf.indexOf(0, at);
    if (nul < 0 || nul >= this.#end || strip > this.#prevPath.length) throw this.#bad('bad compressed path');
    const bytes = Buffer.concat([
      this.#prevPath.subarray(0, this.#prevPath.length - strip),
      buf.subarray(at, nul),
    ]);
    this.#prevPath = bytes;
    return { path: bytes.toString('utf8'), next: nul + 1 };
  }
}

/**
 * Walk the extensions: return the cache-tree's data, skip other optional ones (upper-case
 * signature) and refuse required ones we do not understand (split index, sparse index, ...).
 */
function readExtensions(
  buf: Buffer,
  source: string,
  range: [number, number],
  bad: (why: string) => Error,
): Buffer | null {
  const [start, end] = range;
  let tree: Buffer | null = null;
  for (let at = start; at + 8 <= end;) {
    const sig = buf.toString('latin1', at, at + 4);
    const size = buf.readUInt32BE(at + 4);
    if (sig === 'link') throw engineUnsupported(source, 'a split index');
    if (sig === 'sdir') throw engineUnsupported(source, 'a sparse index');
    if (!/^[A-Z]/.test(sig)) throw bad(`unsupported required extension "${sig}"`);
    if (sig === 'TREE') tree = buf.subarray(at + 8, at + 8 + size);
    at += 8 + size;
  }
  return tree;
}
