import type { Stats } from 'node:fs';
import { IndexModes, modeType, type IndexEntry } from './index-entry.js';

/** How the workspace's config changes the comparison (core.fileMode, core.symlinks). */
export interface StatRules {
  trustExecutableBit: boolean;
  symlinks: boolean;
  /** mtime of the index file as [seconds, nanoseconds]; null when there is no index file. */
  indexMtime: readonly [number, number] | null;
}

/**
 * True when the entry's cached stat data still vouches for the file, so its content need not be
 * hashed (git's ce_match_stat_basic plus the racy-git rule): type and executable bit, size, inode,
 * owner, mtime and ctime. An entry whose mtime is not older than the index file is "racily clean":
 * it may have changed within the timestamp granularity after being recorded, so it must be hashed.
 *
 * Takes plain (number) stats: `{ bigint: true }` costs twice as much per call (Node allocates
 * ~18 BigInts), which is 100 ms at 50k files. Times are compared in Node's own float64
 * millisecond form ({@link nodeMs}), so equal timestamps compare equal exactly and timestamps
 * ≥ ~0.25 µs apart differ: stricter than stock git, which compares whole seconds.
 */
export function statMatches(entry: IndexEntry, st: Stats, rules: StatRules): boolean {
  if (!typeMatches(entry.mode, st, rules)) return false;
  // Cheapest and most telling fields first; this runs once per tracked file.
  if (entry.size !== st.size % 2 ** 32 || entry.ino !== st.ino % 2 ** 32) return false;
  if (entry.uid !== st.uid || entry.gid !== st.gid) return false;
  if (!sameTime(entry.mtimeSec, entry.mtimeNsec, st.mtimeMs)) return false;
  if (!sameTime(entry.ctimeSec, entry.ctimeNsec, st.ctimeMs)) return false;
  return !isRacy(entry, rules.indexMtime);
}

/** `fs.Stats#mtimeMs` as Node computes it from a timespec (lib/internal/fs/utils.js msFromTimeSpec). */
export function nodeMs(sec: number, nsec: number): number {
  return sec * 1000 + nsec / 1_000_000;
}

function typeMatches(mode: number, st: Stats, rules: StatRules): boolean {
  switch (modeType(mode)) {
    case 0o100000:
      if (!st.isFile()) return false;
      return !rules.trustExecutableBit || ((st.mode ^ mode) & 0o100) === 0;
    case IndexModes.SYMLINK:
      return st.isSymbolicLink() || (!rules.symlinks && st.isFile());
    default:
      return false;
  }
}

/** An index written without nanoseconds (nsec 0) is compared on seconds, like git without USE_NSEC. */
function sameTime(sec: number, nsec: number, ms: number): boolean {
  if (nsec === 0) return Math.floor(ms / 1000) % 2 ** 32 === sec;
  return nodeMs(sec, nsec) === ms;
}

function isRacy(entry: IndexEntry, indexMtime: readonly [number, number] | null): boolean {
  if (!indexMtime) return false;
  const [sec, nsec] = indexMtime;
  if (sec !== entry.mtimeSec) return sec < entry.mtimeSec;
  // Without recorded nanoseconds the whole second is ambiguous.
  return entry.mtimeNsec === 0 || nsec <= entry.mtimeNsec;
}
