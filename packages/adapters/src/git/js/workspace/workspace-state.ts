import { compareBytewise } from '../repo/byte-order.js';
import type { ObjectStore } from '../repo/object-store.js';
import { readHead, type HeadState } from '../repo/refs.js';
import type { TreeEntry } from '../repo/tree-codec.js';
import { loadGitConfig, type GitEnv } from './config-files.js';
import { resolvePending, type BlobSink } from './content-resolver.js';
import { baseIgnoreStack } from './ignore-sources.js';
import { readGitIndex } from './index-reader.js';
import type { RepoDirs } from './repo-dirs.js';
import type { StatRules } from './stat-match.js';
import { parentOf, scanTracked, trackedPaths } from './tracked-scan.js';
import { buildTree, type TreeDir } from './tree-build.js';
import { walkUntracked } from './untracked-walk.js';
import type { WorkEntry } from './work-entry.js';

/** metawsm's own folder at the top of a workspace: never taken from the working tree. */
export const METAWSM_DIR = '.metawsm';

/** The workspace's full state as `git add -A` would stage it, built in memory. */
export interface WorkspaceState {
  head: HeadState;
  /** HEAD's tree, or null on an unborn branch. */
  headTree: string | null;
  /** The hashed tree of all files, symlinks and gitlinks; its `.metawsm` entry is HEAD's. */
  root: TreeDir;
  rules: StatRules;
}

/**
 * Compute the workspace state: walk for untracked files, stat-scan the index, hash what changed
 * (through `sink`, which decides whether blobs are written), then build the tree in memory.
 * Reads the working tree, the index and config; writes nothing but what `sink` writes.
 */
export async function readWorkspaceState(
  dirs: RepoDirs,
  db: ObjectStore,
  sink: BlobSink,
  env: GitEnv,
): Promise<WorkspaceState> {
  const config = await loadGitConfig(dirs, env);
  const head = await readHead(dirs);
  const headTree = head.headSha ? await db.commitTree(head.headSha) : null;
  const index = await readGitIndex(dirs.gitDir);
  const rules: StatRules = {
    trustExecutableBit: config.getBool('core', null, 'fileMode', true),
    symlinks: config.getBool('core', null, 'symlinks', true),
    indexMtime: index.mtime,
  };
  const ignoreCase = config.getBool('core', null, 'ignoreCase', false);
  const ignore = await baseIgnoreStack({
    root: dirs.path,
    commonDir: dirs.commonDir,
    config,
    env,
    ignoreCase,
  });
  const tracked = trackedPaths(index.entries);
  const untracked = await walkUntracked({
    root: dirs.path,
    tracked,
    ignore,
    ignoreCase,
    rules,
    skipTop: new Set([METAWSM_DIR]),
  });
  const scan = scanTracked(index.entries, {
    root: dirs.path,
    rules,
    skip: isMetawsmPath,
    realDirs: untracked.realDirs,
  });
  await resolvePending([...scan.pending, ...untracked.pending], sink);
  const entries = mergeByPath(scan.entries, untracked.entries).filter((e) => e.oid !== '');
  const dirty = ancestorDirs([...scan.changed, ...untracked.entries.map((e) => e.path)]);
  const root = buildTree(entries, await headMetawsm(db, headTree), { cached: index.cacheTree, dirty });
  return { head, headTree, root, rules };
}

/** Every directory above the given paths (the root `''` included). */
function ancestorDirs(paths: readonly string[]): Set<string> {
  const dirs = new Set<string>(['']);
  for (const p of paths) for (let d = parentOf(p); d !== '' && !dirs.has(d); d = parentOf(d)) dirs.add(d);
  return dirs;
}

/** True for `.metawsm` and anything below it. */
export function isMetawsmPath(path: string): boolean {
  return path === METAWSM_DIR || path.startsWith(`${METAWSM_DIR}/`);
}

async function headMetawsm(db: ObjectStore, headTree: string | null): Promise<TreeEntry[]> {
  if (!headTree) return [];
  return (await db.readTree(headTree, 'utf8')).filter((e) => e.name === METAWSM_DIR);
}

function mergeByPath(a: readonly WorkEntry[], b: readonly WorkEntry[]): WorkEntry[] {
  if (b.length === 0) return [...a];
  const out: WorkEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as WorkEntry;
    const y = b[j] as WorkEntry;
    if (compareBytewise(x.path, y.path) <= 0) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out.concat(a.slice(i), b.slice(j));
}
