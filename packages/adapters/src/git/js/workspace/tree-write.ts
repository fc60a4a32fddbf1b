import { FileModes } from '@metawsm/core';
import { gitFailed } from '../repo/errors.js';
import { hashObject } from '../repo/object-id.js';
import type { ObjectStore } from '../repo/object-store.js';
import { isDir, treeContent, type TreeDir } from './tree-build.js';

const PARALLEL = 16;

/**
 * Write the trees of `root` that HEAD does not already have. Walks top-down next to HEAD's tree
 * and stops wherever a subtree id equals HEAD's (that subtree, and everything below it, exists),
 * so only the directories along changed paths are read and written. Writes run concurrently:
 * nothing refers to these trees until the commit is written afterwards, so an interrupted run
 * leaves only unreferenced loose objects (which `git gc` prunes).
 */
export async function writeChangedTrees(
  db: ObjectStore,
  root: TreeDir,
  headTree: string | null,
): Promise<number> {
  const toWrite: TreeDir[] = [];
  await collect(db, root, headTree, toWrite);
  for (let i = 0; i < toWrite.length; i += PARALLEL) {
    await Promise.all(toWrite.slice(i, i + PARALLEL).map((dir) => writeTree(db, dir)));
  }
  return toWrite.length;
}

async function collect(db: ObjectStore, dir: TreeDir, headOid: string | null, out: TreeDir[]): Promise<void> {
  if (dir.oid === headOid) return;
  out.push(dir);
  const headChildren = new Map<string, string>();
  if (headOid) {
    for (const e of await db.readTree(headOid, 'utf8'))
      if (e.mode === FileModes.TREE) headChildren.set(e.name, e.oid);
  }
  const subdirs = dir.children.filter(isDir);
  await Promise.all(subdirs.map((child) => collect(db, child, headChildren.get(child.name) ?? null, out)));
}

async function writeTree(db: ObjectStore, dir: TreeDir): Promise<void> {
  const content = treeContent(dir);
  // dir.oid may come from the index's cache-tree: never store content under an id it does not hash to.
  if (hashObject('tree', content) !== dir.oid) {
    throw gitFailed(
      `the index's cache-tree is out of date for tree ${dir.oid}`,
      'Run `git status` or `git write-tree` to refresh the index, then retry.',
    );
  }
  await db.write('tree', content, dir.oid);
}
