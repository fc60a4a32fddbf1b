import { FileModes, type ConflictKind, type FileMode, type Oid } from '../git.js';

/** One side's entry at a path (`null` where the path is absent on that side). */
export interface MergeEntry {
  mode: FileMode;
  oid: Oid;
}

/** What a tree entry is, as far as merging cares. */
export type EntryKind = 'file' | 'symlink' | 'gitlink' | 'tree';

/** The kind of a tree entry mode: regular and executable files are both `file`. */
export function entryKind(mode: FileMode): EntryKind {
  switch (mode) {
    case FileModes.FILE:
    case FileModes.EXECUTABLE:
      return 'file';
    case FileModes.SYMLINK:
      return 'symlink';
    case FileModes.SUBMODULE:
      return 'gitlink';
    case FileModes.TREE:
      return 'tree';
  }
}

/**
 * The merge decision for one path:
 * - `take`: the result is `entry` (one side's entry, possibly with the other side's mode change);
 * - `delete`: the path is absent from the result;
 * - `merge`: both sides changed the content of the same kind of entry: merge `ours` and `theirs`
 *   against `base` (null: no common base, e.g. both added a directory) and use `mode`. Files are
 *   merged line-wise, trees recursively;
 * - `conflict`: the path cannot be merged.
 */
export type EntryDecision =
  | { action: 'take'; entry: MergeEntry }
  | { action: 'delete' }
  | { action: 'merge'; mode: FileMode; base: Oid | null; ours: Oid; theirs: Oid }
  | { action: 'conflict'; kind: ConflictKind };

function same(a: MergeEntry | null, b: MergeEntry | null): boolean {
  if (a === null || b === null) return a === b;
  return a.mode === b.mode && a.oid === b.oid;
}

function keep(entry: MergeEntry | null): EntryDecision {
  return entry === null ? { action: 'delete' } : { action: 'take', entry };
}

/**
 * Decide one path of a three-way merge. "ours" is the base branch tip, "theirs" the workspace
 * snapshot (see {@link ConflictKind}). A side that left the path as in `base` yields to the other;
 * identical changes (including both deleting) merge; a mode change on one side combines with a
 * content change on the other, as in git.
 */
export function classifyEntry(
  base: MergeEntry | null,
  ours: MergeEntry | null,
  theirs: MergeEntry | null,
): EntryDecision {
  if (same(ours, theirs)) return keep(ours);
  if (same(base, ours)) return keep(theirs);
  if (same(base, theirs)) return keep(ours);
  if (ours === null) return { action: 'conflict', kind: 'delete_modify' };
  if (theirs === null) return { action: 'conflict', kind: 'modify_delete' };
  const kind = entryKind(ours.mode);
  if (kind !== entryKind(theirs.mode)) return { action: 'conflict', kind: 'type' };
  const sameKindBase = base !== null && entryKind(base.mode) === kind ? base : null;
  if (kind === 'tree') {
    return {
      action: 'merge',
      mode: FileModes.TREE,
      base: sameKindBase?.oid ?? null,
      ours: ours.oid,
      theirs: theirs.oid,
    };
  }
  if (base === null) return { action: 'conflict', kind: 'add_add' };
  if (kind !== 'file') return { action: 'conflict', kind: 'content' };
  return classifyFile(base, sameKindBase, ours, theirs);
}

/** Both sides changed a regular file (the mode, the content, or both) in different ways. */
function classifyFile(
  base: MergeEntry,
  fileBase: MergeEntry | null,
  ours: MergeEntry,
  theirs: MergeEntry,
): EntryDecision {
  const mode = mergeMode(base.mode, ours.mode, theirs.mode);
  if (mode === null) return { action: 'conflict', kind: 'mode' };
  if (ours.oid === theirs.oid) return { action: 'take', entry: { mode, oid: ours.oid } };
  if (fileBase?.oid === ours.oid) return { action: 'take', entry: { mode, oid: theirs.oid } };
  if (fileBase?.oid === theirs.oid) return { action: 'take', entry: { mode, oid: ours.oid } };
  return { action: 'merge', mode, base: fileBase?.oid ?? null, ours: ours.oid, theirs: theirs.oid };
}

/** The merged mode, or null when both sides changed it differently. */
function mergeMode(base: FileMode, ours: FileMode, theirs: FileMode): FileMode | null {
  if (ours === theirs) return ours;
  if (base === ours) return theirs;
  if (base === theirs) return ours;
  return null;
}
