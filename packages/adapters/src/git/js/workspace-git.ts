import type { GitPort, Workspace } from '@metawsm/core';
import type { GitEnv } from './workspace/config-files.js';
import { readIdentity, readRemoteUrl, readSigningConfig } from './workspace/config-queries.js';
import { asGitFailure } from './workspace/errors.js';
import { openWorkspace } from './workspace/open-workspace.js';
import { findWorkspaceProblems } from './workspace/problems.js';
import { computeWorkspaceTree, writeSnapshot } from './workspace/snapshot.js';
import { switchBranch } from './workspace/switch-branch.js';

/** The GitPort methods served by the workspace half; the object half serves all others. */
export type WorkspaceMethod =
  | 'openWorkspace'
  | 'remoteUrl'
  | 'identity'
  | 'signingConfig'
  | 'snapshot'
  | 'workspaceTree'
  | 'workspaceProblems'
  | 'switchBranch';

/** The workspace half of the git adapter: everything that reads a working tree, index or config. */
export type WorkspaceGitOps = Pick<GitPort, WorkspaceMethod>;

/** Options for {@link WorkspaceGit}. */
export interface WorkspaceGitOptions {
  /** Environment for config and ignore-file lookup (HOME, XDG_CONFIG_HOME, GIT_CONFIG_*); default `process.env`. */
  env?: GitEnv;
}

/**
 * Reads working trees the way git does, without isomorphic-git's whole-tree commands: its own
 * index reader and stat-cache scan, gitignore layering, config reader and in-memory tree builder
 * (PERF-NOTES), reading and writing objects in the common dir through our own object store.
 * Only `switchBranch` ever modifies a working tree, index or HEAD.
 */
export class WorkspaceGit implements WorkspaceGitOps {
  readonly #env: GitEnv;

  constructor(options: WorkspaceGitOptions = {}) {
    this.#env = options.env ?? process.env;
  }

  openWorkspace = (path: string): Promise<Workspace> =>
    guard('open workspace', path, () => openWorkspace(path, this.#env));

  remoteUrl: GitPort['remoteUrl'] = (ws, remote) =>
    guard('read remote', ws.path, () => readRemoteUrl(ws, remote, this.#env));

  identity: GitPort['identity'] = (ws) => guard('read identity', ws.path, () => readIdentity(ws, this.#env));

  signingConfig: GitPort['signingConfig'] = (ws) =>
    guard('read signing config', ws.path, () => readSigningConfig(ws, this.#env));

  snapshot: GitPort['snapshot'] = (ws, req) =>
    guard('snapshot', ws.path, () => writeSnapshot(ws, req, this.#env));

  workspaceTree: GitPort['workspaceTree'] = (ws) =>
    guard('workspace tree', ws.path, () => computeWorkspaceTree(ws, this.#env));

  workspaceProblems: GitPort['workspaceProblems'] = (ws) =>
    guard('workspace check', ws.path, () => findWorkspaceProblems(ws));

  switchBranch: GitPort['switchBranch'] = (ws, req) =>
    guard('switch branch', ws.path, () => switchBranch(ws, req, this.#env));
}

async function guard<T>(what: string, path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw asGitFailure(e, what, path);
  }
}
