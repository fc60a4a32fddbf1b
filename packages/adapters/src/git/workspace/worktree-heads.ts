import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadRepoConfig } from './config-files.js';
import type { RefDirs } from './refs.js';

/**
 * The git dir of another worktree whose HEAD is on `ref`, or null. git refuses to check out a
 * branch that another worktree has checked out; so do we.
 */
export async function otherWorktreeOn(dirs: RefDirs, ref: string): Promise<string | null> {
  const candidates: string[] = [];
  const mainIsBare = (await loadRepoConfig(dirs.commonDir)).getBool('core', null, 'bare', false);
  if (!mainIsBare) candidates.push(dirs.commonDir);
  const names = await readdir(join(dirs.commonDir, 'worktrees')).catch(() => [] as string[]);
  candidates.push(...names.map((n) => join(dirs.commonDir, 'worktrees', n)));
  for (const gitDir of candidates) {
    if (gitDir === dirs.gitDir) continue;
    const head = await readFile(join(gitDir, 'HEAD'), 'utf8').catch(() => '');
    if (head.trim() === `ref: ${ref}`) return gitDir;
  }
  return null;
}
