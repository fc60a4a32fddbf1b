import { FileModes, MetawsmError, type FileMode, type Oid } from '@metawsm/core';

/**
 * One entry of a tree object. `name` is a "binary string": one char per byte (latin1), so names
 * that are not valid UTF-8 survive a rewrite and string order equals git's byte order.
 */
export interface TreeEntry {
  name: string;
  mode: FileMode;
  oid: Oid;
}

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

/** Parse the content of a tree object. */
export function parseTree(content: Uint8Array): TreeEntry[] {
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
      name: buf.toString('latin1', space + 1, nul),
      oid: buf.toString('hex', nul + 1, nul + 21),
    });
    pos = nul + 21;
  }
  return entries;
}

/** Git's tree order: byte order of names, a directory comparing as if its name ended in `/`. */
export function compareTreeEntries(a: TreeEntry, b: TreeEntry): number {
  const ka = a.mode === FileModes.TREE ? `${a.name}/` : a.name;
  const kb = b.mode === FileModes.TREE ? `${b.name}/` : b.name;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Serialise entries (any order) as the content of a tree object. */
export function serializeTree(entries: readonly TreeEntry[]): Buffer {
  const sorted = [...entries].sort(compareTreeEntries);
  const parts: Buffer[] = [];
  for (const e of sorted) {
    const mode = e.mode === FileModes.TREE ? '40000' : e.mode;
    parts.push(Buffer.from(`${mode} ${e.name}\0`, 'latin1'), Buffer.from(e.oid, 'hex'));
  }
  return Buffer.concat(parts);
}

/** Join a parent path and an entry name (both binary strings). */
export function joinPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

/** Convert a binary-string path to the UTF-8 string callers see. */
export function displayPath(binary: string): string {
  return Buffer.from(binary, 'latin1').toString('utf8');
}

/** Index entries by name. */
export function byName(entries: readonly TreeEntry[]): Map<string, TreeEntry> {
  const map = new Map<string, TreeEntry>();
  for (const e of entries) map.set(e.name, e);
  return map;
}
