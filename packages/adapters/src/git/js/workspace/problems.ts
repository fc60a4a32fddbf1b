import { workspaceStateProblems } from '../../shared/workspace-state.js';
import { readGitIndex } from './index-reader.js';
import type { RepoDirs } from './repo-dirs.js';

/** Human-readable reasons the workspace cannot be promoted: operations in progress, unmerged paths. */
export async function findWorkspaceProblems(dirs: RepoDirs): Promise<string[]> {
  const unmerged = new Set<string>();
  for (const e of (await readGitIndex(dirs.gitDir)).entries) if (e.stage > 0) unmerged.add(e.path);
  return workspaceStateProblems(dirs.gitDir, unmerged);
}
