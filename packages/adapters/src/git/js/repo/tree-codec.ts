import { FileModes, MetawsmError, type FileMode, type Oid } from '@metawsm/core';
import { compareTreeNames } from './byte-order.js';

/**
 * One entry of a tree object. How `name` holds the name's bytes is the caller's choice
 * ({@link TreeNames}); the same choice must be used to read and to write a tree.
 */
export interface TreeEntry {
  name: string;
  mode: FileMode;
  oid: Oid;
}

/**
 * How tree-entry names are held as strings. `'binary'`: one char per byte (latin1), so names
 * that are not valid UTF-8 survive a rewrite and string order equals git's byte order (merges,
 * diffs, pushes). `'utf8'`: decoded as UTF-8, to match file names in a working tree.
 */
export type TreeNames = 'binary' | 'utf8';

const ENCODING = { binary: 'latin1', utf8: 'utf8' } as const satisfies Record<TreeNames, BufferEncoding>;

/** The mode as written inside tree objects (git writes trees as `40000`, without the zero). */
const writtenMode = (mode: FileMode): string => (mode === FileModes.TREE ? '40000' : mode);

/** Normalise a mode as written in a tree object (`40000`, legacy `100664`, ...) to a {@link FileMode}. */
export function parseMode(raw: string): FileMode {
  switch (raw) {
    case '40000':
    case '040000':
      return FileModes.TREE;
    case '100755':
      return FileModes.EXECUTABLE;
    case '120000':
      return FileModes.SYMLINK;
    case '160000':
      return FileModes.SUBMODULE;
    default:
      if (raw.startsWith('100')) return FileModes.FILE;
      throw new MetawsmError('GIT_FAILED', `unsupported file mode ${raw} in a tree object`, {
        data: { mode: raw },
      });
  }
}

/** Parse the content of a tree object (entries in stored order). */
export function parseTree(content: Uint8Array, names: TreeNames = 'binary'): TreeEntry[] {
  const buf = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const entries: TreeEntry[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const space = buf.indexOf(0x20, pos);
    const nul = buf.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > buf.length) {
      throw new MetawsmError('GIT_FAILED', 'corrupt tree object', { data: { offset: pos } });
    }
    entries.push({
      mode: parseMode(buf.toString('latin1', pos, space)),
      name: buf.toString(ENCODING[names], space + 1, nul),
      oid: buf.toString('hex', nul + 1, nul + 21),
    });
    pos = nul + 21;
  }
  return entries;
}

/**
 * Serialise entries that are already in git's tree order (see {@link sortTree}) as the content of
 * a tree object, in one allocation: the workspace hashes thousands of trees per snapshot.
 */
export function serializeTree(entries: readonly TreeEntry[], names: TreeNames = 'binary'): Buffer {
  const encoding = ENCODING[names];
  let size = 0;
  for (const e of entries)
    size += writtenMode(e.mode).length + 1 + Buffer.byteLength(e.name, encoding) + 1 + 20;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const e of entries) {
    at += out.write(writtenMode(e.mode), at, 'latin1');
    out[at++] = 0x20;
    at += out.write(e.name, at, encoding);
    out[at++] = 0;
    at += out.write(e.oid, at, 'hex');
  }
  return out;
}

/** Git's tree order: byte order of names, a directory comparing as if its name ended in `/`. */
export function compareTreeEntries(a: TreeEntry, b: TreeEntry): number {
  return compareTreeNames(a.name, a.mode === FileModes.TREE, b.name, b.mode === FileModes.TREE);
}

/** A copy of `entries` in git's tree order. */
export function sortTree(entries: readonly TreeEntry[]): TreeEntry[] {
  return [...entries].sort(compareTreeEntries);
}
