import { createHash } from 'node:crypto';

/** Tree-entry modes as written inside tree objects (git writes trees as `40000`, without the zero). */
export const TreeModes = {
  FILE: '100644',
  EXECUTABLE: '100755',
  SYMLINK: '120000',
  GITLINK: '160000',
  TREE: '40000',
} as const;
/** See {@link TreeModes}. */
export type TreeMode = (typeof TreeModes)[keyof typeof TreeModes];

/** The id git gives an object of `type` with `content` (sha1 of `<type> <len>\0<content>`). */
export function hashObject(type: 'blob' | 'tree' | 'commit', content: Uint8Array): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

/** One entry of a tree object, in the order it is to be written. */
export interface RawTreeEntry {
  name: string;
  mode: TreeMode;
  oid: string;
}

/** Serialise tree entries (already in git's tree order) into a tree object's content. */
export function serializeTree(entries: readonly RawTreeEntry[]): Buffer {
  let size = 0;
  for (const e of entries) size += e.mode.length + 1 + Buffer.byteLength(e.name) + 1 + 20;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const e of entries) {
    at += out.write(e.mode, at, 'latin1');
    out[at++] = 0x20;
    at += out.write(e.name, at, 'utf8');
    out[at++] = 0;
    at += out.write(e.oid, at, 'hex');
  }
  return out;
}

/** Convert a mode as isomorphic-git reports it (`040000`) to the form used inside tree objects. */
export function toTreeMode(mode: string): TreeMode {
  switch (mode) {
    case '040000':
    case '40000':
      return TreeModes.TREE;
    case '100644':
    case '100755':
    case '120000':
    case '160000':
      return mode;
    default:
      return TreeModes.FILE;
  }
}
