import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { FileModes } from '@metawsm/core';
import { compareBytewise } from '../repo/byte-order.js';
import { IgnoreLayer, type IgnoreStack } from './ignore-rules.js';
import { resolveDotGit } from './repo-dirs.js';
import type { StatRules } from './stat-match.js';
import { lstatOrNull, type TrackedPaths } from './tracked-scan.js';
import { treeModeOfStat, type PendingContent, type WorkEntry } from './work-entry.js';

/** Inputs of the untracked walk. */
export interface WalkOptions {
  root: string;
  tracked: TrackedPaths;
  /** info/exclude and core.excludesFile; each directory's `.gitignore` is pushed on top while walking. */
  ignore: IgnoreStack;
  ignoreCase: boolean;
  rules: StatRules;
  /** Names at the top of the working tree that are never taken (`.metawsm`). */
  skipTop: ReadonlySet<string>;
}

/** Untracked, not ignored files (sorted bytewise by path), all pending hashing. */
export interface UntrackedScan {
  entries: WorkEntry[];
  pending: PendingContent[];
  /** Every real (non-symlink) directory seen, `''` included: the tracked scan trusts these. */
  realDirs: Set<string>;
}

/**
 * Find what `git add -A` would add besides the index: files and symlinks that are neither tracked
 * nor ignored, never descending into ignored directories (so an ignored directory's untracked
 * files stay out even if it holds tracked ones, as in git). An untracked directory holding a
 * repository becomes a gitlink to that repository's HEAD, like `git add` of an embedded repo.
 */
export async function walkUntracked(opts: WalkOptions): Promise<UntrackedScan> {
  const out: UntrackedScan = { entries: [], pending: [], realDirs: new Set(['']) };
  const dirents = readDirents(opts.root);
  if (dirents) await walkDir('', opts.root, opts.ignore, dirents, opts, out);
  out.entries.sort((a, b) => compareBytewise(a.path, b.path));
  return out;
}

async function walkDir(
  rel: string,
  abs: string,
  parent: IgnoreStack,
  dirents: Dirent[],
  opts: WalkOptions,
  out: UntrackedScan,
): Promise<void> {
  const ignore = parent.push(readGitignore(rel, abs, dirents, opts.ignoreCase));
  for (const d of dirents) {
    const name = d.name;
    if (name === '.git' || (rel === '' && opts.skipTop.has(name))) continue;
    const path = rel + name;
    if (d.isDirectory()) {
      out.realDirs.add(path);
      await visitDir(path, name, ignore, opts, out);
    } else if (d.isFile() || d.isSymbolicLink()) visitFile(path, name, ignore, opts, out);
  }
}

async function visitDir(
  path: string,
  name: string,
  ignore: IgnoreStack,
  opts: WalkOptions,
  out: UntrackedScan,
): Promise<void> {
  if (opts.tracked.gitlinks.has(path) || ignore.excluded(path, name, true)) return;
  const abs = join(opts.root, path);
  const dirents = readDirents(abs);
  if (!dirents) return;
  // Only a directory git does not already track is a candidate embedded repository (dir.c treat_directory).
  if (!opts.tracked.dirs.has(path) && dirents.some((d) => d.name === '.git')) {
    const nested = await resolveDotGit(abs);
    if ('gitDir' in nested) {
      // Resolved to the nested HEAD later; an unborn nested repo (which `git add` refuses) drops out.
      const entry: WorkEntry = { path, mode: FileModes.SUBMODULE, oid: '', clean: null };
      out.entries.push(entry);
      out.pending.push({ entry, abs, kind: 'gitlink', knownOid: null });
      return;
    }
  }
  await walkDir(`${path}/`, abs, ignore, dirents, opts, out);
}

function visitFile(
  path: string,
  name: string,
  ignore: IgnoreStack,
  opts: WalkOptions,
  out: UntrackedScan,
): void {
  if (opts.tracked.files.has(path) || ignore.excluded(path, name, false)) return;
  const abs = join(opts.root, path);
  const st = lstatOrNull(abs);
  if (!st || (!st.isFile() && !st.isSymbolicLink())) return;
  const entry: WorkEntry = { path, mode: treeModeOfStat(st, null, opts.rules), oid: '', clean: null };
  out.entries.push(entry);
  out.pending.push({ entry, abs, kind: st.isSymbolicLink() ? 'symlink' : 'file', knownOid: null });
}

/** A directory's entries; null when it cannot be read (git warns and skips such directories). */
function readDirents(abs: string): Dirent[] | null {
  try {
    return readdirSync(abs, { withFileTypes: true });
  } catch {
    return null;
  }
}

/** The directory's own `.gitignore` (a regular file only: git refuses to follow a symlinked one). */
function readGitignore(rel: string, abs: string, dirents: Dirent[], ignoreCase: boolean): IgnoreLayer | null {
  if (!dirents.some((d) => d.name === '.gitignore' && d.isFile())) return null;
  try {
    return IgnoreLayer.parse(rel, readFileSync(join(abs, '.gitignore'), 'utf8'), ignoreCase);
  } catch {
    return null;
  }
}
