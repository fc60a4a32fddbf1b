import type { SigningFormat } from './signing.js';
/** A 40-hex git object id. */
export type Oid = string;

/** Git file modes as they appear in trees. */
export const FileModes = {
  FILE: '100644',
  EXECUTABLE: '100755',
  SYMLINK: '120000',
  TREE: '040000',
  SUBMODULE: '160000',
} as const;
/** See {@link FileModes}. */
export type FileMode = (typeof FileModes)[keyof typeof FileModes];

/** A person and time as written into a commit. */
export interface Signature {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** Minutes east of UTC, as git stores it (e.g. +120 for CEST). */
  timezoneOffset: number;
}

/** A git identity without a time (from `user.name` / `user.email`). */
export interface Identity {
  name: string;
  email: string;
}

/** A commit as read from the object database. */
export interface CommitInfo {
  oid: Oid;
  tree: Oid;
  parents: Oid[];
  message: string;
  author: Signature;
  committer: Signature;
  /** The format of the commit's `gpgsig` signature; absent when the commit is not signed. */
  signature?: SigningFormat | 'unknown';
}

/** Kind of change to one path between two trees. */
export type ChangeStatus = 'added' | 'modified' | 'deleted';

/** One changed path between two trees (files, symlinks and submodules; never directories). */
export interface FileChange {
  path: string;
  status: ChangeStatus;
  oldMode: FileMode | null;
  newMode: FileMode | null;
  oldOid: Oid | null;
  newOid: Oid | null;
}

/** Why a path could not be merged. Sides: "ours" = base branch tip, "theirs" = workspace snapshot. */
export const CONFLICT_KINDS = [
  'content',
  'add_add',
  'modify_delete',
  'delete_modify',
  'mode',
  'type',
] as const;
/**
 * - `content`: both sides changed the file and the line merge overlaps (or it is binary);
 * - `add_add`: both sides added the path with different content;
 * - `modify_delete`: the base branch modified it, the workspace deleted it;
 * - `delete_modify`: the base branch deleted it, the workspace modified it;
 * - `mode`: both sides changed the executable bit differently;
 * - `type`: file vs symlink vs directory vs submodule disagree.
 */
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** One conflicting path of a three-way merge. */
export interface Conflict {
  path: string;
  kind: ConflictKind;
  /**
   * The other path git names for this conflict, when there is one: the source of a rename
   * (rename/delete, rename/rename) or the path a file/directory or type clash moved the file
   * away from. The set of conflict `path`s is exactly the set git reports as conflicted.
   */
  originalPath?: string;
}

/** Result of a three-way tree merge: a tree, or the conflicts that prevent one. */
export type TreeMergeResult = { clean: true; tree: Oid } | { clean: false; conflicts: Conflict[] };

/** Which GitPort implementation runs: git's own plumbing, or the pure-JS engine. */
export type GitEngineName = 'native' | 'js';

/** What a GitPort implementation says about itself (reported by `commit`, `status` and `auth check`). */
export interface GitEngineInfo {
  name: GitEngineName;
  /** Version of the `git` program found on PATH (e.g. `2.39.5`), or null when there is none. */
  gitVersion: string | null;
}

/** The well-known id of the empty tree. */
export const EMPTY_TREE_OID: Oid = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
