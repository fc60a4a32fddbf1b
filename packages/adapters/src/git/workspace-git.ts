import type { GitPort } from '@metawsm/core';

/** The workspace half of the git adapter: everything that reads a working tree, index or config. */
export type WorkspaceGitOps = Pick<
  GitPort,
  'openWorkspace' | 'remoteUrl' | 'identity' | 'snapshot' | 'workspaceTree' | 'workspaceProblems' | 'switchBranch'
>;

const todo = (name: string) => () => Promise.reject(new Error(`WorkspaceGit.${name} not implemented yet`));

/** Placeholder until the workspace half lands. */
export class WorkspaceGit implements WorkspaceGitOps {
  openWorkspace = todo('openWorkspace');
  remoteUrl = todo('remoteUrl');
  identity = todo('identity');
  snapshot = todo('snapshot');
  workspaceTree = todo('workspaceTree');
  workspaceProblems = todo('workspaceProblems');
  switchBranch = todo('switchBranch');
}
