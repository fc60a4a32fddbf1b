import type { ConflictKind } from '../git.js';
import type { MergeEntry } from './classify-entry.js';
import { RENAME_SCORE } from './similarity.js';

/** The two sides of a merge: "ours" = the base branch tip, "theirs" = the workspace snapshot. */
export type MergeSide = 'ours' | 'theirs';

/** How one side changed the base, limited to non-directory entries (files, symlinks, gitlinks). */
export interface SideDiff {
  /** Base entries this side no longer has at that path (as a non-directory). */
  deleted: ReadonlyMap<string, MergeEntry>;
  /** This side's entries at paths where the base has no non-directory. */
  added: ReadonlyMap<string, MergeEntry>;
  /** This side's entries at paths where the base has a different non-directory. */
  modified: ReadonlyMap<string, MergeEntry>;
}

/** A directory of the base that one side removed while the other side added files under it. */
export interface RemovedDir {
  /** The side that removed the directory. */
  side: MergeSide;
  dir: string;
  /** Paths the other side added under `dir`. */
  addedByOther: string[];
}

/** A destination (or, seen from a destination, a source) and its similarity score. */
export interface RenameCandidate {
  path: string;
  score: number;
}

/** What git's rename detection does with one source: nothing, a rename, or we cannot tell. */
export type RenameVerdict = { kind: 'none' } | { kind: 'rename'; to: string } | { kind: 'uncertain' };

/** Scores this close to git's threshold are not trusted either way (1% of the scale). */
export const RENAME_MARGIN = 600;
/** Below this score a pair is certainly not a rename. */
export const RENAME_CANDIDATE_SCORE = RENAME_SCORE - RENAME_MARGIN;

/**
 * Decide one source: `candidates` are the side's added paths scoring at least
 * {@link RENAME_CANDIDATE_SCORE} against it (exact copies score the maximum); `rivals` are other
 * deleted paths scoring that much against the single candidate. Only a lone candidate clearly
 * above the threshold with no rival is a rename for sure: then git's pairing (exact matches,
 * basenames, best scores) cannot choose differently.
 */
export function renameVerdict(
  candidates: readonly RenameCandidate[],
  rivals: readonly RenameCandidate[],
): RenameVerdict {
  if (candidates.length === 0) return { kind: 'none' };
  const [only] = candidates;
  if (candidates.length > 1 || rivals.length > 0 || only!.score < RENAME_SCORE + RENAME_MARGIN)
    return { kind: 'uncertain' };
  return { kind: 'rename', to: only!.path };
}

const other = (s: MergeSide): MergeSide => (s === 'ours' ? 'theirs' : 'ours');
const under = (dir: string) => (p: string) => p.startsWith(`${dir}/`);

/**
 * The sources git's merge (merge-ort) runs rename detection for, per side: paths the side deleted
 * that the other side modified or deleted too, and every file of a directory the side removed
 * while the other side added to it. Renames of any other path cannot change the merge result.
 */
export function renameSources(
  diffs: Record<MergeSide, SideDiff>,
  removed: readonly RemovedDir[],
): Record<MergeSide, string[]> {
  const out: Record<MergeSide, Set<string>> = { ours: new Set(), theirs: new Set() };
  for (const side of ['ours', 'theirs'] as const) {
    if (diffs[side].added.size === 0) continue;
    for (const p of diffs[side].deleted.keys()) {
      if (diffs[other(side)].modified.has(p) || diffs[other(side)].deleted.has(p)) out[side].add(p);
    }
  }
  for (const r of removed) {
    if (diffs[r.side].added.size === 0) continue;
    for (const p of diffs[r.side].deleted.keys()) if (under(r.dir)(p)) out[r.side].add(p);
  }
  return { ours: [...out.ours].sort(), theirs: [...out.theirs].sort() };
}

/** Entries to put in place of what the trees hold, per path and tree, before merging (null: absent). */
export type MergeOverlay = Map<
  string,
  { base?: MergeEntry | null; ours?: MergeEntry | null; theirs?: MergeEntry | null }
>;

/** How the tree merge must account for renames: entries moved to their new paths, and conflicts. */
export interface RenamePlan {
  overlay: MergeOverlay;
  conflicts: { path: string; kind: ConflictKind }[];
}

type Verdicts = Record<MergeSide, ReadonlyMap<string, RenameVerdict>>;

function put(plan: RenamePlan, path: string, tree: 'base' | MergeSide, entry: MergeEntry | null): void {
  const at = plan.overlay.get(path) ?? {};
  at[tree] = entry;
  plan.overlay.set(path, at);
}

/** One side renamed `source` to `to`, the other side modified it: its change follows to `to`. */
function followRename(
  plan: RenamePlan,
  diffs: Record<MergeSide, SideDiff>,
  side: MergeSide,
  source: string,
  to: string,
): void {
  const o = other(side);
  const base = diffs[side].deleted.get(source)!;
  put(plan, source, 'base', null);
  put(plan, source, o, null);
  if (diffs[o].added.has(to)) {
    // rename/add: git merges the renamed content, then meets the other side's addition
    plan.conflicts.push({ path: to, kind: 'add_add' });
    return;
  }
  put(plan, to, 'base', base);
  put(plan, to, o, diffs[o].modified.get(source)!);
}

/**
 * Both sides deleted `source`; renames on either side make git see rename/delete or
 * rename/rename. `relocate` applies the other side's directory moves to a rename target: two
 * targets that meet there are one rename/rename to the same path for git.
 */
function bothDeleted(
  plan: RenamePlan,
  diffs: Record<MergeSide, SideDiff>,
  source: string,
  v: [RenameVerdict, RenameVerdict],
  relocate: (side: MergeSide, path: string) => string,
): void {
  const [ours, theirs] = v;
  if (ours.kind === 'none' && theirs.kind === 'none') return;
  if (ours.kind === 'uncertain' || theirs.kind === 'uncertain') {
    plan.conflicts.push({ path: source, kind: 'content' });
    return;
  }
  if (ours.kind === 'rename' && theirs.kind === 'rename') {
    if (ours.to !== theirs.to) {
      const [o, t] = [relocate('ours', ours.to), relocate('theirs', theirs.to)];
      const paths = o === t ? [o] : [source, ours.to, theirs.to];
      for (const path of paths) plan.conflicts.push({ path, kind: 'content' });
      return;
    }
    // rename/rename to the same path: merged against the source as the base
    put(plan, source, 'base', null);
    put(plan, ours.to, 'base', diffs.ours.deleted.get(source)!);
    return;
  }
  if (ours.kind === 'rename') plan.conflicts.push({ path: ours.to, kind: 'modify_delete' });
  if (theirs.kind === 'rename') plan.conflicts.push({ path: theirs.to, kind: 'delete_modify' });
}

/**
 * Turn rename verdicts (for the sources from {@link renameSources}) into a plan that makes the
 * tree merge git's: a rename one side made carries the other side's edit to the new path, git's
 * rename conflicts are reported, and a directory that may have moved conflicts for the files the
 * other side added to it (git: "file location" conflict, at the moved path when it is known).
 */
export function planRenames(
  diffs: Record<MergeSide, SideDiff>,
  removed: readonly RemovedDir[],
  verdicts: Verdicts,
): RenamePlan {
  const plan: RenamePlan = { overlay: new Map(), conflicts: [] };
  const verdict = (side: MergeSide, p: string): RenameVerdict => verdicts[side].get(p) ?? { kind: 'none' };
  for (const side of ['ours', 'theirs'] as const) {
    for (const p of diffs[side].deleted.keys()) {
      const v = verdict(side, p);
      if (diffs[other(side)].modified.has(p) && v.kind === 'rename') followRename(plan, diffs, side, p, v.to);
    }
  }
  const moves = directoryMoves(diffs, removed, verdict);
  for (const m of moves) for (const path of m.conflicts) plan.conflicts.push({ path, kind: 'content' });
  for (const p of diffs.ours.deleted.keys()) {
    if (!diffs.theirs.deleted.has(p)) continue;
    bothDeleted(plan, diffs, p, [verdict('ours', p), verdict('theirs', p)], (side, path) =>
      relocate(moves, side, path),
    );
  }
  return plan;
}

/** A directory one side removed that may have moved, and the conflicts that causes. */
interface DirectoryMove {
  side: MergeSide;
  dir: string;
  /** Where git moves it, when known for sure. */
  target: string | null;
  /** The other side's added paths, where git reports them. */
  conflicts: string[];
}

function directoryMoves(
  diffs: Record<MergeSide, SideDiff>,
  removed: readonly RemovedDir[],
  verdict: (side: MergeSide, p: string) => RenameVerdict,
): DirectoryMove[] {
  const moves: DirectoryMove[] = [];
  for (const r of removed) {
    const sources = [...diffs[r.side].deleted.keys()].filter(under(r.dir));
    if (!sources.some((p) => verdict(r.side, p).kind !== 'none')) continue;
    const target = movedTo(r.dir, sources, (p) => verdict(r.side, p));
    const move = { side: r.side, dir: r.dir, target, conflicts: [] as string[] };
    move.conflicts = r.addedByOther.map((path) => relocate([move], other(r.side), path));
    moves.push(move);
  }
  return moves;
}

/** Where git puts a path `side` added, given the other side's directory moves. */
function relocate(moves: readonly DirectoryMove[], side: MergeSide, path: string): string {
  for (const m of moves) {
    if (m.side === side || m.target === null || !under(m.dir)(path)) continue;
    const rel = path.slice(m.dir.length + 1);
    return m.target === '' ? rel : `${m.target}/${rel}`;
  }
  return path;
}

/**
 * Where git would move a removed directory: the one directory every file directly in it was
 * renamed to, when all of them were renamed for sure; null otherwise (the conflict is then
 * reported at the added path itself).
 */
function movedTo(
  dir: string,
  sources: readonly string[],
  verdict: (p: string) => RenameVerdict,
): string | null {
  let target: string | null = null;
  for (const p of sources) {
    if (p.indexOf('/', dir.length + 1) >= 0) continue;
    const v = verdict(p);
    if (v.kind !== 'rename') return null;
    const d = v.to.slice(0, Math.max(0, v.to.lastIndexOf('/')));
    if (target !== null && target !== d) return null;
    target = d;
  }
  return target;
}
