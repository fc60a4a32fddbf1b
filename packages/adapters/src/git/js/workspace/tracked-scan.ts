import { lstatSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { IndexModes, modeType, type IndexEntry } from './index-entry.js';
import { statMatches, type StatRules } from './stat-match.js';
import { treeModeOfIndex, treeModeOfStat, type PendingContent, type WorkEntry } from './work-entry.js';

/** What the index says is tracked, in the shapes the untracked walk asks about. */
export interface TrackedPaths {
  /** Every path in the index (any stage). */
  files: Set<string>;
  /** Every directory that has a tracked path somewhere below it. */
  dirs: Set<string>;
  gitlinks: Set<string>;
}

/** Result of comparing the index with the working tree. */
export interface TrackedScan {
  /** Surviving tracked paths in index order; pending ones get their oid later. */
  entries: WorkEntry[];
  pending: PendingContent[];
  /** Paths whose entry may differ from the index (deleted, skipped or queued for hashing). */
  changed: string[];
}

/** Inputs of {@link scanTracked}. */
export interface ScanOptions {
  root: string;
  rules: StatRules;
  /** Paths left out of the result (they still count as tracked). */
  skip: (path: string) => boolean;
  /** Directories already known to be real (seen by the untracked walk), to save an lstat each. */
  realDirs: ReadonlySet<string>;
}

/**
 * Compare every index entry with `lstat` of its file (synchronously: for tens of thousands of
 * small calls this is several times faster than the libuv thread pool). Entries whose stat data
 * still matches keep their index oid; the others are queued for hashing.
 */
export function scanTracked(index: readonly IndexEntry[], opts: ScanOptions): TrackedScan {
  const { root, rules, skip } = opts;
  const out: TrackedScan = { entries: [], pending: [], changed: [] };
  const realDirs = new RealDirProbe(root, opts.realDirs);
  for (let i = 0; i < index.length;) {
    const e = index[i] as IndexEntry;
    let j = i + 1;
    while (j < index.length && index[j]?.path === e.path) j++;
    const unmerged = e.stage !== 0 || j > i + 1;
    // For a conflict, "ours" (stage 2) is the best guess of the mode to keep with core.fileMode off.
    const modeSource = unmerged ? (index.slice(i, j).find((x) => x.stage === 2) ?? e) : e;
    if (skip(e.path)) out.changed.push(e.path);
    else scanOne(modeSource, unmerged, { root, rules, realDirs, out });
    i = j;
  }
  return out;
}

interface ScanContext {
  root: string;
  rules: StatRules;
  realDirs: RealDirProbe;
  out: TrackedScan;
}

function scanOne(e: IndexEntry, unmerged: boolean, ctx: ScanContext): void {
  const { out } = ctx;
  if (!unmerged && (e.assumeValid || e.skipWorktree)) {
    out.entries.push({ path: e.path, mode: treeModeOfIndex(e.mode), oid: e.oid, clean: null });
    return;
  }
  // Plain concatenation: path.join's normalisation is measurable at 50k entries.
  const abs = `${ctx.root}/${e.path}`;
  const st = ctx.realDirs.isRealDir(parentOf(e.path)) ? lstatOrNull(abs) : null;
  const isGitlink = modeType(e.mode) === IndexModes.GITLINK;
  if (st && !unmerged && !e.intentToAdd && !isGitlink && statMatches(e, st, ctx.rules)) {
    out.entries.push({ path: e.path, mode: treeModeOfIndex(e.mode), oid: e.oid, clean: e });
    return;
  }
  out.changed.push(e.path);
  // Gone, or a file that became a directory (the untracked walk takes its content), or a fifo...
  if (!st || (st.isDirectory() && !isGitlink) || (!st.isDirectory() && !st.isFile() && !st.isSymbolicLink()))
    return;
  if (st.isDirectory()) {
    const entry: WorkEntry = { path: e.path, mode: treeModeOfIndex(e.mode), oid: e.oid, clean: null };
    out.entries.push(entry);
    out.pending.push({ entry, abs, kind: 'gitlink', knownOid: e.oid });
    return;
  }
  const entry: WorkEntry = {
    path: e.path,
    mode: treeModeOfStat(st, isGitlink ? null : e.mode, ctx.rules),
    oid: '',
    clean: null,
  };
  out.entries.push(entry);
  const known = unmerged || e.intentToAdd || isGitlink ? null : e.oid;
  out.pending.push({ entry, abs, kind: st.isSymbolicLink() ? 'symlink' : 'file', knownOid: known });
}

/** The tracked files, directories and gitlinks of an index. */
export function trackedPaths(index: readonly IndexEntry[]): TrackedPaths {
  const t: TrackedPaths = { files: new Set(), dirs: new Set(), gitlinks: new Set() };
  let lastDir = '';
  for (const e of index) {
    t.files.add(e.path);
    if (modeType(e.mode) === IndexModes.GITLINK) t.gitlinks.add(e.path);
    const dir = parentOf(e.path);
    if (dir === lastDir) continue;
    lastDir = dir;
    for (let d = dir; d !== '' && !t.dirs.has(d); d = parentOf(d)) t.dirs.add(d);
  }
  return t;
}

/** The directory part of a `/`-separated path (`''` at the top). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `lstat`; null when the path (or a parent) does not exist. */
export function lstatOrNull(abs: string): Stats | null {
  try {
    return lstatSync(abs, { throwIfNoEntry: false }) ?? null;
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOTDIR') return null;
    throw e;
  }
}

/**
 * Whether a directory path is a real directory all the way down: a tracked `d/f` whose `d` became
 * a symlink must count as deleted (git's has_symlink_leading_path), not be read through the link.
 */
class RealDirProbe {
  readonly #root: string;
  readonly #seen: ReadonlySet<string>;
  readonly #known = new Map<string, boolean>([['', true]]);

  constructor(root: string, seen: ReadonlySet<string>) {
    this.#root = root;
    this.#seen = seen;
  }

  isRealDir(dir: string): boolean {
    if (this.#seen.has(dir)) return true;
    const known = this.#known.get(dir);
    if (known !== undefined) return known;
    const real =
      this.isRealDir(parentOf(dir)) && (lstatOrNull(join(this.#root, dir))?.isDirectory() ?? false);
    this.#known.set(dir, real);
    return real;
  }
}
