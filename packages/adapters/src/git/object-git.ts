import type { GitPort } from '@metawsm/core';

/** The object half of the git adapter: object database, refs, merges and the network. */
export type ObjectGitOps = Omit<
  GitPort,
  'openWorkspace' | 'remoteUrl' | 'identity' | 'snapshot' | 'workspaceTree' | 'workspaceProblems' | 'switchBranch'
>;

const todo = (name: string) => () => Promise.reject(new Error(`ObjectGit.${name} not implemented yet`));

/** Placeholder until the object half lands. */
export class ObjectGit implements ObjectGitOps {
  listRemoteBranches = todo('listRemoteBranches');
  fetch = todo('fetch');
  mergeBase = todo('mergeBase');
  isAncestor = todo('isAncestor');
  listCommits = todo('listCommits');
  readCommit = todo('readCommit');
  mergeTrees = todo('mergeTrees');
  diffTrees = todo('diffTrees');
  readBlob = todo('readBlob');
  writeCommit = todo('writeCommit');
  readRef = todo('readRef');
  updateRef = todo('updateRef');
  push = todo('push');
}
