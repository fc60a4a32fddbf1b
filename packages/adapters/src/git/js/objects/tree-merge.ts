import {
  classifyEntry,
  EMPTY_TREE_OID,
  FileModes,
  isBinary,
  mergeLines,
  type ConflictKind,
  type EntryDecision,
  type FileMode,
  type MergeEntry,
  type MergeOverlay,
  type Oid,
} from '@metawsm/core';
import type { ObjectStore } from '../repo/object-store.js';
import type { TreeEntry } from '../repo/tree-codec.js';
import { byName, joinPath } from './tree-paths.js';

/** A merged tree held in memory until the merge is known to be clean. */
export interface PendingTree {
  entries: PendingEntry[];
}

/** An entry of a {@link PendingTree}: an existing object id, merged blob bytes, or a pending subtree. */
export interface PendingEntry {
  name: string;
  mode: FileMode;
  value: Oid | Uint8Array | PendingTree;
}

/** The three sides of a merge at one path. */
export interface Sides<T> {
  base: T;
  ours: T;
  theirs: T;
}

/** A merge result for one path: absent (null) or an entry without its name. */
type Resolved = Omit<PendingEntry, 'name'> | null;

type NonTree = { result: Resolved } | { conflict: ConflictKind };

const EMPTY = new Uint8Array(0);
const SIDES = ['base', 'ours', 'theirs'] as const;
const isTree = (e: MergeEntry | null): boolean => e?.mode === FileModes.TREE;
const treeOid = (e: MergeEntry | null): Oid | null => (e && isTree(e) ? e.oid : null);
const nonTree = (e: MergeEntry | null): MergeEntry | null => (e && !isTree(e) ? e : null);
const mapSides = <A, B>(s: Sides<A>, f: (a: A) => B): Sides<B> => ({
  base: f(s.base),
  ours: f(s.ours),
  theirs: f(s.theirs),
});

/** Every ancestor directory of the overlay's paths (`''` is the root), and the names under each. */
function overlayDirs(overlay: MergeOverlay): Map<string, Set<string>> {
  const dirs = new Map<string, Set<string>>();
  for (const path of overlay.keys()) {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const names = dirs.get(dir) ?? new Set<string>();
      names.add(parts[i]!);
      dirs.set(dir, names);
    }
  }
  return dirs;
}

/**
 * Three-way tree merge that reads only where both sides changed: identical subtree ids are
 * decided without being read, file contents are merged line-wise only where both sides changed
 * a file. Paths with a directory on one side and something else on another are merged part by
 * part, as git does. An `overlay` (renames, see `analyzeRenames`) replaces the non-directory
 * entries at some paths first. Nothing is written; conflicts are collected (binary-string paths).
 */
export class TreeMerger {
  readonly conflicts: { path: string; kind: ConflictKind }[] = [];
  readonly #store: ObjectStore;
  readonly #overlay: MergeOverlay;
  readonly #overlayDirs: Map<string, Set<string>>;

  readonly #trustLineMerge: boolean;

  /**
   * `trustLineMerge: false` (merge attributes present, see `hasMergeAttributes`) turns every line
   * merge that would be clean into a conflict.
   */
  constructor(store: ObjectStore, overlay: MergeOverlay = new Map(), trustLineMerge = true) {
    this.#store = store;
    this.#trustLineMerge = trustLineMerge;
    this.#overlay = overlay;
    this.#overlayDirs = overlayDirs(overlay);
  }

  /** Merge three trees (null or the empty tree: absent); null when the result is empty. */
  async merge(path: string, trees: Sides<Oid | null>): Promise<Oid | PendingTree | null> {
    const { base: b, ours: o, theirs: t } = mapSides(trees, (x) => (x === EMPTY_TREE_OID ? null : x));
    const overlaid = this.#overlayDirs.get(path);
    if (!overlaid) {
      if (o === t) return o;
      if (b === o) return t;
      if (b === t) return o;
    }
    const [bm, om, tm] = await Promise.all([b, o, t].map((x) => this.#entries(x)));
    const maps: Sides<Map<string, TreeEntry>> = { base: bm!, ours: om!, theirs: tm! };
    const entries: PendingEntry[] = [];
    for (const name of new Set([...bm!.keys(), ...om!.keys(), ...tm!.keys(), ...(overlaid ?? [])])) {
      const here = mapSides(maps, (m) => m.get(name) ?? null);
      const r = await this.#mergeEntry(joinPath(path, name), here);
      if (r !== null) entries.push({ name, ...r });
    }
    return entries.length === 0 ? null : { entries };
  }

  async #entries(oid: Oid | null): Promise<Map<string, TreeEntry>> {
    return oid === null ? new Map() : byName(await this.#store.readTree(oid));
  }

  /** The non-directory entries at `path`, with the overlay applied. */
  #files(path: string, e: Sides<MergeEntry | null>): Sides<MergeEntry | null> {
    const files = mapSides(e, nonTree);
    const over = this.#overlay.get(path);
    if (over) for (const s of SIDES) if (over[s] !== undefined) files[s] = over[s];
    return files;
  }

  /**
   * One path: the directory parts and the non-directory parts merge separately; when both
   * survive, git keeps the directory and moves the file aside: a `type` conflict here.
   */
  async #mergeEntry(path: string, e: Sides<MergeEntry | null>): Promise<Resolved> {
    const dirs = mapSides(e, treeOid);
    const files = this.#files(path, e);
    const hasDir = dirs.base !== null || dirs.ours !== null || dirs.theirs !== null;
    const hasFile = files.base !== null || files.ours !== null || files.theirs !== null;
    const before = this.conflicts.length;
    const dir = hasDir ? await this.#subtree(path, dirs) : null;
    if (!hasFile) return dir;
    const dirPresent = dir !== null || this.conflicts.length > before;
    const file = await this.#resolveNonTree(files);
    const filePresent = 'conflict' in file || file.result !== null;
    if (dirPresent && filePresent) {
      this.conflicts.push({ path, kind: 'type' });
      return null;
    }
    if ('conflict' in file) {
      this.conflicts.push({ path, kind: file.conflict });
      return null;
    }
    return file.result ?? dir;
  }

  async #subtree(path: string, trees: Sides<Oid | null>): Promise<Resolved> {
    const merged = await this.merge(path, trees);
    return merged === null ? null : { mode: FileModes.TREE, value: merged };
  }

  async #resolveNonTree(e: Sides<MergeEntry | null>): Promise<NonTree> {
    const d = classifyEntry(e.base, e.ours, e.theirs);
    switch (d.action) {
      case 'take':
        return { result: { mode: d.entry.mode, value: d.entry.oid } };
      case 'delete':
        return { result: null };
      case 'conflict':
        return { conflict: d.kind };
      case 'merge':
        return this.#mergeFile(d);
    }
  }

  async #mergeFile(d: Extract<EntryDecision, { action: 'merge' }>): Promise<NonTree> {
    const read = (oid: Oid | null) =>
      oid === null ? Promise.resolve(EMPTY) : this.#store.readTyped(oid, 'blob');
    const [base, ours, theirs] = await Promise.all([read(d.base), read(d.ours), read(d.theirs)]);
    if (isBinary(base) || isBinary(ours) || isBinary(theirs)) return { conflict: 'content' };
    const merged = mergeLines(base, ours, theirs);
    if (!merged.clean || !this.#trustLineMerge) return { conflict: 'content' };
    return { result: { mode: d.mode, value: merged.result } };
  }
}

/** Write a merge result bottom-up (blobs, then trees) and return the root tree id. */
export async function writeMerged(store: ObjectStore, node: Oid | PendingTree | null): Promise<Oid> {
  if (node === null) return store.writeTree([]);
  if (typeof node === 'string') return node;
  const entries: TreeEntry[] = [];
  for (const e of node.entries) {
    const oid =
      typeof e.value === 'string'
        ? e.value
        : e.value instanceof Uint8Array
          ? await store.write('blob', e.value)
          : await writeMerged(store, e.value);
    entries.push({ name: e.name, mode: e.mode, oid });
  }
  return store.writeTree(entries);
}
