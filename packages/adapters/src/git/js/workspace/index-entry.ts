import type { BigIntStats } from 'node:fs';

/** The stat fields git caches per index entry, each truncated to 32 bits as in the file. */
export interface StatData {
  ctimeSec: number;
  ctimeNsec: number;
  mtimeSec: number;
  mtimeNsec: number;
  dev: number;
  ino: number;
  uid: number;
  gid: number;
  size: number;
}

/** One entry of the git index. */
export interface IndexEntry extends StatData {
  path: string;
  /** Git mode bits (0o100644, 0o100755, 0o120000, 0o160000). */
  mode: number;
  oid: string;
  /** 0 when merged; 1..3 for the sides of an unresolved conflict. */
  stage: number;
  /** "assume unchanged": git does not look at the file. */
  assumeValid: boolean;
  skipWorktree: boolean;
  /** `git add -N`: recorded as an empty blob, not yet really added. */
  intentToAdd: boolean;
}

/** Modes as stored in the index. */
export const IndexModes = {
  FILE: 0o100644,
  EXECUTABLE: 0o100755,
  SYMLINK: 0o120000,
  GITLINK: 0o160000,
  DIR: 0o040000,
} as const;

/** The object type bits of a mode (regular file, symlink, gitlink or directory). */
export function modeType(mode: number): number {
  return mode & 0o170000;
}

const NS = 1_000_000_000n;
const U32 = 0xffffffffn;

/** Stat data for an index entry from an `lstat(..., { bigint: true })` result. */
export function statDataOf(st: BigIntStats): StatData {
  return {
    ctimeSec: Number((st.ctimeNs / NS) & U32),
    ctimeNsec: Number(st.ctimeNs % NS),
    mtimeSec: Number((st.mtimeNs / NS) & U32),
    mtimeNsec: Number(st.mtimeNs % NS),
    dev: Number(st.dev & U32),
    ino: Number(st.ino & U32),
    uid: Number(st.uid & U32),
    gid: Number(st.gid & U32),
    size: Number(st.size & U32),
  };
}

/** All-zero stat data: git will always look at the file's content for such an entry. */
export const ZERO_STAT: StatData = {
  ctimeSec: 0,
  ctimeNsec: 0,
  mtimeSec: 0,
  mtimeNsec: 0,
  dev: 0,
  ino: 0,
  uid: 0,
  gid: 0,
  size: 0,
};
