import { FileModes, type FileMode } from '@metawsm/core';
import { compareTreeNames } from '../repo/byte-order.js';
import { hashObject } from '../repo/object-id.js';
import { serializeTree, type TreeEntry } from '../repo/tree-codec.js';
import type { WorkEntry } from './work-entry.js';

/** A file, symlink, gitlink, or an opaque subtree taken whole from another tree. */
export interface TreeLeaf {
  name: string;
  mode: FileMode;
  oid: string;
  /** The workspace entry it came from (null for an opaque subtree). */
  entry: WorkEntry | null;
}

/** A directory built in memory, with its id already computed. */
export interface TreeDir {
  name: string;
  oid: string;
  /** In git's tree order. */
  children: (TreeLeaf | TreeDir)[];
}

/** True for an in-memory directory (as opposed to a leaf). */
export function isDir(node: TreeLeaf | TreeDir): node is TreeDir {
  return 'children' in node;
}

/** Tree ids known without hashing: the index's cache-tree, valid for directories with no change. */
export interface KnownTrees {
  /** Directory path → tree id (from the index's cache-tree extension). */
  cached: ReadonlyMap<string, string>;
  /** Directories holding any path whose entry may differ from the index (their cache is stale). */
  dirty: ReadonlySet<string>;
}

const NONE: KnownTrees = { cached: new Map(), dirty: new Set() };

/**
 * Build and hash the tree of `entries` (sorted bytewise by path, which is exactly git's tree
 * order once flattened: a directory sorts where `name/` would). Entries with an empty oid are
 * dropped. `rootExtras` are added to the top level as they are (e.g. HEAD's `.metawsm` subtree).
 * A directory without changes takes its id from the cache-tree instead of being hashed, as
 * `git write-tree` does; the root is always hashed.
 */
export function buildTree(
  entries: readonly WorkEntry[],
  rootExtras: readonly TreeEntry[] = [],
  known: KnownTrees = NONE,
): TreeDir {
  const root: TreeDir = { name: '', oid: '', children: [] };
  const stack: { dir: TreeDir; prefix: string }[] = [{ dir: root, prefix: '' }];
  let top = stack[0] as { dir: TreeDir; prefix: string };
  for (const e of entries) {
    if (!e.oid) continue;
    while (stack.length > 1 && !e.path.startsWith(top.prefix)) {
      finishDir(top.dir, top.prefix, known);
      stack.pop();
      top = stack[stack.length - 1] as typeof top;
    }
    let rest = e.path.slice(top.prefix.length);
    for (let slash = rest.indexOf('/'); slash >= 0; slash = rest.indexOf('/')) {
      const dir: TreeDir = { name: rest.slice(0, slash), oid: '', children: [] };
      top.dir.children.push(dir);
      top = { dir, prefix: `${top.prefix}${dir.name}/` };
      stack.push(top);
      rest = rest.slice(slash + 1);
    }
    top.dir.children.push({ name: rest, mode: e.mode, oid: e.oid, entry: e });
  }
  for (let i = stack.length - 1; i > 0; i--)
    finishDir((stack[i] as typeof top).dir, (stack[i] as typeof top).prefix, known);
  if (rootExtras.length > 0) addExtras(root, rootExtras);
  hashDir(root);
  return root;
}

function addExtras(root: TreeDir, extras: readonly TreeEntry[]): void {
  const names = new Set(extras.map((x) => x.name));
  root.children = root.children.filter((c) => !names.has(c.name));
  for (const x of extras) root.children.push({ name: x.name, mode: x.mode, oid: x.oid, entry: null });
  root.children.sort((a, b) => compareTreeNames(a.name, isTreeNode(a), b.name, isTreeNode(b)));
}

function isTreeNode(n: TreeLeaf | TreeDir): boolean {
  return isDir(n) || n.mode === FileModes.TREE;
}

/** The tree object content of a directory (children must already have their ids). */
export function treeContent(dir: TreeDir): Buffer {
  return serializeTree(
    dir.children.map((c) => (isDir(c) ? { name: c.name, mode: FileModes.TREE, oid: c.oid } : c)),
    'utf8',
  );
}

function finishDir(dir: TreeDir, prefix: string, known: KnownTrees): void {
  const path = prefix.slice(0, -1);
  const cached = known.dirty.has(path) ? undefined : known.cached.get(path);
  if (cached) dir.oid = cached;
  else hashDir(dir);
}

function hashDir(dir: TreeDir): void {
  dir.oid = hashObject('tree', treeContent(dir));
}
