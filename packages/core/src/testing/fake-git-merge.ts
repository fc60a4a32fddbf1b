import {
  EMPTY_TREE_OID,
  FileModes,
  type Conflict,
  type FileChange,
  type Oid,
  type TreeMergeResult,
} from '../domain/git.js';
import { classifyEntry, isBinary, mergeLines, type MergeEntry } from '../domain/merge/index.js';
import type { FakeObjectStore, FakeTreeEntry } from './fake-git-objects.js';

function byName(store: FakeObjectStore, tree: Oid | null): Map<string, MergeEntry> {
  const out = new Map<string, MergeEntry>();
  if (tree !== null) for (const e of store.readTree(tree)) out.set(e.name, { mode: e.mode, oid: e.oid });
  return out;
}

function mergeRec(
  store: FakeObjectStore,
  base: Oid | null,
  ours: Oid,
  theirs: Oid,
  prefix: string,
  conflicts: Conflict[],
): Oid {
  const b = byName(store, base);
  const o = byName(store, ours);
  const t = byName(store, theirs);
  const names = [...new Set([...b.keys(), ...o.keys(), ...t.keys()])].sort();
  const out: FakeTreeEntry[] = [];
  for (const name of names) {
    const d = classifyEntry(b.get(name) ?? null, o.get(name) ?? null, t.get(name) ?? null);
    const path = prefix + name;
    if (d.action === 'take') out.push({ name, ...d.entry });
    else if (d.action === 'conflict') conflicts.push({ path, kind: d.kind });
    else if (d.action === 'merge' && d.mode === FileModes.TREE)
      out.push({ name, mode: d.mode, oid: mergeRec(store, d.base, d.ours, d.theirs, `${path}/`, conflicts) });
    else if (d.action === 'merge') {
      const [bb, ob, tb] = [
        d.base === null ? new Uint8Array() : store.readBlob(d.base),
        store.readBlob(d.ours),
        store.readBlob(d.theirs),
      ];
      const r =
        isBinary(ob) || isBinary(tb) || isBinary(bb) ? { clean: false as const } : mergeLines(bb, ob, tb);
      if (r.clean) out.push({ name, mode: d.mode, oid: store.writeBlob(r.result) });
      else conflicts.push({ path, kind: d.base === null ? 'add_add' : 'content' });
    }
  }
  return store.writeTree(out);
}

/** Three-way tree merge over the fake store with the same decisions as the real adapter. */
export function fakeMergeTrees(
  store: FakeObjectStore,
  req: { base: Oid; ours: Oid; theirs: Oid },
): TreeMergeResult {
  const conflicts: Conflict[] = [];
  const tree = mergeRec(
    store,
    req.base === EMPTY_TREE_OID ? null : req.base,
    req.ours,
    req.theirs,
    '',
    conflicts,
  );
  if (conflicts.length > 0)
    return { clean: false, conflicts: conflicts.sort((a, c) => (a.path < c.path ? -1 : 1)) };
  return { clean: true, tree };
}

/** Changed files between two trees, sorted by path. */
export function fakeDiffTrees(store: FakeObjectStore, from: Oid, to: Oid): FileChange[] {
  const a = store.flatten(from);
  const b = store.flatten(to);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: FileChange[] = [];
  for (const path of paths) {
    const x = a.get(path) ?? null;
    const y = b.get(path) ?? null;
    if (x && y && x.mode === y.mode && x.oid === y.oid) continue;
    out.push({
      path,
      status: x === null ? 'added' : y === null ? 'deleted' : 'modified',
      oldMode: x?.mode ?? null,
      newMode: y?.mode ?? null,
      oldOid: x?.oid ?? null,
      newOid: y?.oid ?? null,
    });
  }
  return out;
}
