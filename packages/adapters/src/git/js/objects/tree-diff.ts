import { EMPTY_TREE_OID, FileModes, type FileChange, type Oid } from '@metawsm/core';
import type { ObjectStore } from '../repo/object-store.js';
import type { TreeEntry } from '../repo/tree-codec.js';
import { byName, displayPath, joinPath } from './tree-paths.js';

/** A change with its path as stored (a binary string), as the tree merge uses paths. */
export type RawChange = FileChange & { raw: string };

/**
 * Changed files, symlinks and gitlinks between two trees, like `git diff-tree -r --no-renames`,
 * sorted by path. Identical subtrees are skipped unread; a path that turns from a file into a
 * directory (or back) yields a deletion plus additions.
 */
export async function diffTrees(store: ObjectStore, from: Oid, to: Oid): Promise<FileChange[]> {
  return (await diffRaw(store, from, to)).map(({ raw: _raw, ...change }) => change);
}

/** {@link diffTrees} with each change's stored path (`raw`), sorted by it. */
export async function diffRaw(store: ObjectStore, from: Oid, to: Oid): Promise<RawChange[]> {
  const out: RawChange[] = [];
  await walk({ store, out }, '', [norm(from), norm(to)]);
  return out.sort((a, b) => (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0));
}

const norm = (oid: Oid): Oid | null => (oid === EMPTY_TREE_OID ? null : oid);

async function walk(
  ctx: { store: ObjectStore; out: RawChange[] },
  path: string,
  [a, b]: [Oid | null, Oid | null],
): Promise<void> {
  const { store, out } = ctx;
  if (a === b) return;
  const [ea, eb] = await Promise.all([a ? store.readTree(a) : [], b ? store.readTree(b) : []]);
  const ma = byName(ea);
  const mb = byName(eb);
  for (const name of new Set([...ma.keys(), ...mb.keys()])) {
    const x = ma.get(name) ?? null;
    const y = mb.get(name) ?? null;
    if (x && y && x.mode === y.mode && x.oid === y.oid) continue;
    const p = joinPath(path, name);
    const xTree = x?.mode === FileModes.TREE ? x : null;
    const yTree = y?.mode === FileModes.TREE ? y : null;
    if (xTree || yTree) await walk(ctx, p, [xTree?.oid ?? null, yTree?.oid ?? null]);
    const xf = x && !xTree ? x : null;
    const yf = y && !yTree ? y : null;
    if (xf || yf) out.push(change(p, xf, yf));
  }
}

function change(raw: string, from: TreeEntry | null, to: TreeEntry | null): RawChange {
  return {
    raw,
    path: displayPath(raw),
    status: from === null ? 'added' : to === null ? 'deleted' : 'modified',
    oldMode: from?.mode ?? null,
    newMode: to?.mode ?? null,
    oldOid: from?.oid ?? null,
    newOid: to?.oid ?? null,
  };
}
