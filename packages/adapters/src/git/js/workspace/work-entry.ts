import { FileModes, type FileMode } from '@metawsm/core';
import type { IndexEntry } from './index-entry.js';
import { IndexModes, modeType } from './index-entry.js';
import type { StatRules } from './stat-match.js';

/** One file, symlink or gitlink of the workspace's full state. */
export interface WorkEntry {
  path: string;
  mode: Exclude<FileMode, typeof FileModes.TREE>;
  /** Empty until its content has been hashed; still empty afterwards means it vanished. */
  oid: string;
  /** The index entry whose cached stat data still describes the file (checkout reuses it). */
  clean: IndexEntry | null;
}

/** A work entry whose object id needs the file's content (or a nested repository's HEAD). */
export interface PendingContent {
  entry: WorkEntry;
  abs: string;
  kind: 'file' | 'symlink' | 'gitlink';
  /** An id the object database already holds for this path: no write needed when the hash equals it. */
  knownOid: string | null;
}

/** The tree mode of an index mode. */
export function treeModeOfIndex(mode: number): WorkEntry['mode'] {
  switch (modeType(mode)) {
    case IndexModes.SYMLINK:
      return FileModes.SYMLINK;
    case IndexModes.GITLINK:
      return FileModes.SUBMODULE;
    default:
      return mode & 0o100 ? FileModes.EXECUTABLE : FileModes.FILE;
  }
}

/** What {@link treeModeOfStat} needs from `fs.Stats` or `fs.BigIntStats`. */
export interface FileKind {
  mode: number | bigint;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * The mode `git add` records for a file or symlink (git's ce_mode_from_stat): with core.fileMode
 * off a regular file keeps the index's executable bit; with core.symlinks off a plain file keeps a
 * symlink entry's mode.
 */
export function treeModeOfStat(st: FileKind, indexMode: number | null, rules: StatRules): WorkEntry['mode'] {
  if (st.isSymbolicLink()) return FileModes.SYMLINK;
  const indexType = indexMode === null ? null : modeType(indexMode);
  if (!rules.symlinks && indexType === IndexModes.SYMLINK) return FileModes.SYMLINK;
  if (!rules.trustExecutableBit) {
    return indexMode !== null && indexType === 0o100000 ? treeModeOfIndex(indexMode) : FileModes.FILE;
  }
  return Number(st.mode) & 0o100 ? FileModes.EXECUTABLE : FileModes.FILE;
}
