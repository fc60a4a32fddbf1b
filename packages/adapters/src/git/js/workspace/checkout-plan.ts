import { FileModes } from '@metawsm/core';
import { compareTreeNames } from '../repo/byte-order.js';
import type { ObjectStore } from '../repo/object-store.js';
import { sortTree, type TreeEntry } from '../repo/tree-codec.js';
import { isDir, type TreeDir, type TreeLeaf } from './tree-build.js';
import type { WorkEntry } from './work-entry.js';
import { METAWSM_DIR } from './workspace-state.js';

/** A file, symlink or gitlink at a path. */
export interface PlannedLeaf {
  path: string;
  mode: WorkEntry['mode'];
  oid: string;
}

/** How the new index entry of a target path gets its stat data. */
export type IndexSource =
  /** Unchanged path whose old index entry still matched the file: reuse its stat data. */
  | { leaf: PlannedLeaf; how: 'stat-cache'; entry: WorkEntry }
  /** Written by the checkout: lstat it. */
  | { leaf: PlannedLeaf; how: 'written' }
  /** Not written (unchanged but dirty/untracked, or under `.metawsm/`): lstat it if its content still is `oid`. */
  | { leaf: PlannedLeaf; how: 'verify' };

/** What switching from the workspace state to a target tree means for the working tree and index. */
export interface CheckoutPlan {
  /** Workspace paths that the target does not have (or has as a directory). */
  removes: PlannedLeaf[];
  /** Target paths whose content or mode differ from the workspace. */
  writes: PlannedLeaf[];
  /** Every target path, in index order. */
  index: IndexSource[];
}

/**
 * Compare the workspace's in-memory tree with `targetTree` top-down, skipping subtrees whose ids
 * are equal, so only directories along changed paths are read from the object database.
 * `.metawsm/` is never planned for writing or removal: the new index lists the target's
 * `.metawsm` entries, verified against whatever the working tree holds there.
 */
export async function planCheckout(
  db: ObjectStore,
  state: TreeDir,
  targetTree: string,
): Promise<CheckoutPlan> {
  const plan: CheckoutPlan = { removes: [], writes: [], index: [] };
  await diffDir(db, state, targetTree, '', plan);
  return plan;
}

type Pair = { name: string; s: TreeLeaf | TreeDir | null; t: TreeEntry | null };

async function diffDir(
  db: ObjectStore,
  dir: TreeDir | null,
  targetOid: string | null,
  prefix: string,
  plan: CheckoutPlan,
): Promise<void> {
  if (dir && dir.oid === targetOid) return keepAll(db, dir, prefix, plan);
  const target = targetOid ? await db.readTree(targetOid, 'utf8') : [];
  for (const { name, s, t } of pairByTreeOrder(dir?.children ?? [], target)) {
    const path = prefix + name;
    if (prefix === '' && name === METAWSM_DIR) {
      if (t) await verifyAll(db, t, path, plan);
    } else {
      await diffChild(db, s, t, path, plan);
    }
  }
}

async function diffChild(
  db: ObjectStore,
  s: TreeLeaf | TreeDir | null,
  t: TreeEntry | null,
  path: string,
  plan: CheckoutPlan,
): Promise<void> {
  const tIsTree = t?.mode === FileModes.TREE;
  if (s && isDir(s)) {
    if (tIsTree) return diffDir(db, s, t.oid, `${path}/`, plan);
    removeAll(s, `${path}/`, plan);
  } else if (s && s.entry) {
    if (t && !tIsTree && s.mode === t.mode && s.oid === t.oid) {
      plan.index.push(
        s.entry.clean
          ? { leaf: leafOf(path, t), how: 'stat-cache', entry: s.entry }
          : { leaf: leafOf(path, t), how: 'verify' },
      );
      return;
    }
    if (!t || tIsTree) plan.removes.push(leafOf(path, s));
  }
  if (t && tIsTree) await addAll(db, t.oid, `${path}/`, plan);
  else if (t) {
    plan.writes.push(leafOf(path, t));
    plan.index.push({ leaf: leafOf(path, t), how: 'written' });
  }
}

async function keepAll(db: ObjectStore, dir: TreeDir, prefix: string, plan: CheckoutPlan): Promise<void> {
  for (const c of dir.children) {
    const path = prefix + c.name;
    if (isDir(c)) await keepAll(db, c, `${path}/`, plan);
    else if (!c.entry) await verifyAll(db, c, path, plan);
    else
      plan.index.push(
        c.entry.clean
          ? { leaf: leafOf(path, c), how: 'stat-cache', entry: c.entry }
          : { leaf: leafOf(path, c), how: 'verify' },
      );
  }
}

function removeAll(dir: TreeDir, prefix: string, plan: CheckoutPlan): void {
  for (const c of dir.children) {
    if (isDir(c)) removeAll(c, `${prefix}${c.name}/`, plan);
    else if (c.entry) plan.removes.push(leafOf(prefix + c.name, c));
  }
}

async function addAll(db: ObjectStore, tree: string, prefix: string, plan: CheckoutPlan): Promise<void> {
  for (const e of sortTree(await db.readTree(tree, 'utf8'))) {
    if (e.mode === FileModes.TREE) await addAll(db, e.oid, `${prefix}${e.name}/`, plan);
    else {
      plan.writes.push(leafOf(prefix + e.name, e));
      plan.index.push({ leaf: leafOf(prefix + e.name, e), how: 'written' });
    }
  }
}

/** Index entries for a subtree (or file) that is listed but never written. */
async function verifyAll(
  db: ObjectStore,
  e: { mode: TreeEntry['mode']; oid: string },
  path: string,
  plan: CheckoutPlan,
): Promise<void> {
  if (e.mode !== FileModes.TREE) {
    plan.index.push({ leaf: leafOf(path, e), how: 'verify' });
    return;
  }
  for (const c of sortTree(await db.readTree(e.oid, 'utf8')))
    await verifyAll(db, c, `${path}/${c.name}`, plan);
}

function leafOf(path: string, e: { mode: TreeEntry['mode']; oid: string }): PlannedLeaf {
  return { path, mode: e.mode === FileModes.TREE ? FileModes.FILE : e.mode, oid: e.oid };
}

/** Pair children by name and kind in git's tree order (a file and a directory of one name stay apart). */
function pairByTreeOrder(state: readonly (TreeLeaf | TreeDir)[], target: TreeEntry[]): Pair[] {
  const sIsTree = (n: TreeLeaf | TreeDir) => isDir(n) || n.mode === FileModes.TREE;
  // Read trees are in stored order; sorting keeps the pairing right even for a malformed one.
  const sorted = sortTree(target);
  const out: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < state.length || j < sorted.length) {
    const s = state[i];
    const t = sorted[j];
    const c = !s ? 1 : !t ? -1 : compareTreeNames(s.name, sIsTree(s), t.name, t.mode === FileModes.TREE);
    out.push({
      name: (c <= 0 ? s?.name : t?.name) ?? '',
      s: c <= 0 ? (s ?? null) : null,
      t: c >= 0 ? (t ?? null) : null,
    });
    if (c <= 0) i++;
    if (c >= 0) j++;
  }
  return out;
}
