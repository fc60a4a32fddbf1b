import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readRawRef, type GitDirs } from '../repo/refs.js';
import { loadRepoConfig } from './config-files.js';

/**
 * The git dir of another worktree whose HEAD is on `ref`, or null. git refuses to check out a
 * branch that another worktree has checked out; so do we.
 */
export async function otherWorktreeOn(dirs: GitDirs, ref: string): Promise<string | null> {
  const candidates: string[] = [];
  const mainIsBare = (await loadRepoConfig(dirs.commonDir)).getBool('core', null, 'bare', false);
  if (!mainIsBare) candidates.push(dirs.commonDir);
  const names = await readdir(join(dirs.commonDir, 'worktrees')).catch(() => [] as string[]);
  candidates.push(...names.map((n) => join(dirs.commonDir, 'worktrees', n)));
  for (const gitDir of candidates) {
    if (gitDir === dirs.gitDir) continue;
    // Another worktree's unreadable or damaged HEAD is not ours to report.
    const head = await readRawRef({ gitDir, commonDir: dirs.commonDir }, 'HEAD').catch(() => null);
    if (head?.kind === 'symbolic' && head.target === ref) return gitDir;
  }
  return null;
}
