import {
  EMPTY_TREE_OID,
  FileModes,
  MAX_SCORE,
  planRenames,
  RENAME_CANDIDATE_SCORE,
  renameSignature,
  renameSources,
  renameVerdict,
  similarityScore,
  type MergeEntry,
  type MergeSide,
  type Oid,
  type RemovedDir,
  type RenameCandidate,
  type RenamePlan,
  type RenameSignature,
  type RenameVerdict,
  type SideDiff,
} from '@metawsm/core';
import type { ObjectStore } from '../repo/object-store.js';
import { diffRaw } from './tree-diff.js';
import { byName } from './tree-paths.js';

/** git never treats the empty blob as a rename source or destination (`rename_empty = 0`). */
const EMPTY_BLOB_OID = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
/** Most similarity comparisons per side before the js engine stops trying (and conflicts instead). */
const MAX_COMPARISONS = 200_000;

const isRegular = (e: MergeEntry) => e.mode === FileModes.FILE || e.mode === FileModes.EXECUTABLE;

/** Similarity scores between entries, with each blob's signature computed once. */
class Scorer {
  readonly #store: ObjectStore;
  readonly #signatures = new Map<Oid, Promise<RenameSignature>>();

  constructor(store: ObjectStore) {
    this.#store = store;
  }

  #signature(oid: Oid): Promise<RenameSignature> {
    let s = this.#signatures.get(oid);
    if (!s) {
      s = this.#store.readTyped(oid, 'blob').then(renameSignature);
      this.#signatures.set(oid, s);
    }
    return s;
  }

  /** git's score for `src` renamed to `dst`: exact copies score the maximum (non-files: same mode only). */
  async score(src: MergeEntry, dst: MergeEntry): Promise<number> {
    if (src.oid === EMPTY_BLOB_OID || dst.oid === EMPTY_BLOB_OID) return 0;
    if (src.oid === dst.oid && ((isRegular(src) && isRegular(dst)) || src.mode === dst.mode))
      return MAX_SCORE;
    if (!isRegular(src) || !isRegular(dst)) return 0;
    const [a, b] = await Promise.all([this.#signature(src.oid), this.#signature(dst.oid)]);
    return similarityScore(a, b);
  }

  /** The entries of `pool` scoring at least the candidate threshold against `entry` (as source or destination). */
  async matches(
    entry: MergeEntry,
    pool: ReadonlyMap<string, MergeEntry>,
    asSource: boolean,
  ): Promise<RenameCandidate[]> {
    const out: RenameCandidate[] = [];
    for (const [path, e] of pool) {
      const score = asSource ? await this.score(entry, e) : await this.score(e, entry);
      if (score >= RENAME_CANDIDATE_SCORE) out.push({ path, score });
    }
    return out;
  }
}

async function sideDiff(store: ObjectStore, base: Oid, side: Oid): Promise<SideDiff> {
  const deleted = new Map<string, MergeEntry>();
  const added = new Map<string, MergeEntry>();
  const modified = new Map<string, MergeEntry>();
  for (const c of await diffRaw(store, base, side)) {
    if (c.status === 'deleted') deleted.set(c.raw, { mode: c.oldMode!, oid: c.oldOid! });
    else if (c.status === 'added') added.set(c.raw, { mode: c.newMode!, oid: c.newOid! });
    else modified.set(c.raw, { mode: c.newMode!, oid: c.newOid! });
  }
  return { deleted, added, modified };
}

/** True when `path` is a directory in the tree `root`. */
async function isDir(store: ObjectStore, root: Oid, path: string): Promise<boolean> {
  let tree: Oid | null = root === EMPTY_TREE_OID ? null : root;
  for (const name of path.split('/')) {
    if (tree === null) return false;
    const e = byName(await store.readTree(tree)).get(name);
    tree = e?.mode === FileModes.TREE ? e.oid : null;
  }
  return tree !== null;
}

/** Directories of the base one side removed while the other side added files under them (shallowest first). */
async function removedDirs(
  store: ObjectStore,
  trees: Record<'base' | MergeSide, Oid>,
  diffs: Record<MergeSide, SideDiff>,
): Promise<RemovedDir[]> {
  const found = new Map<string, RemovedDir>();
  for (const [side, adder] of [
    ['ours', 'theirs'],
    ['theirs', 'ours'],
  ] as const) {
    for (const path of diffs[adder].added.keys()) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!(await isDir(store, trees.base, dir)) || (await isDir(store, trees[side], dir))) continue;
        const key = `${side}\0${dir}`;
        const r = found.get(key) ?? { side, dir, addedByOther: [] };
        r.addedByOther.push(path);
        found.set(key, r);
        break;
      }
    }
  }
  return [...found.values()];
}

async function verdictsFor(
  scorer: Scorer,
  diff: SideDiff,
  sources: readonly string[],
): Promise<Map<string, RenameVerdict>> {
  const out = new Map<string, RenameVerdict>();
  const tooMany = sources.length * diff.added.size > MAX_COMPARISONS || diff.deleted.size > MAX_COMPARISONS;
  for (const p of sources) {
    if (tooMany) {
      out.set(p, { kind: 'uncertain' });
      continue;
    }
    const candidates = await scorer.matches(diff.deleted.get(p)!, diff.added, true);
    const rivals =
      candidates.length === 1
        ? (await scorer.matches(diff.added.get(candidates[0]!.path)!, diff.deleted, false)).filter(
            (r) => r.path !== p,
          )
        : [];
    out.set(p, renameVerdict(candidates, rivals));
  }
  return out;
}

/**
 * What git's rename detection changes in a merge of these trees, or null when it changes nothing
 * (no side deleted a path that matters while adding others: the common case, decided from the
 * tree diffs alone without reading a blob).
 */
export async function analyzeRenames(
  store: ObjectStore,
  trees: Record<'base' | MergeSide, Oid>,
): Promise<RenamePlan | null> {
  const [ours, theirs] = await Promise.all([
    sideDiff(store, trees.base, trees.ours),
    sideDiff(store, trees.base, trees.theirs),
  ]);
  const diffs = { ours, theirs };
  const removed = ours.added.size + theirs.added.size > 0 ? await removedDirs(store, trees, diffs) : [];
  const sources = renameSources(diffs, removed);
  if (sources.ours.length === 0 && sources.theirs.length === 0) return null;
  const scorer = new Scorer(store);
  const verdicts = {
    ours: await verdictsFor(scorer, ours, sources.ours),
    theirs: await verdictsFor(scorer, theirs, sources.theirs),
  };
  return planRenames(diffs, removed, verdicts);
}
