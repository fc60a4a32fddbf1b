import type { TreeEntry } from '../repo/tree-codec.js';

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
