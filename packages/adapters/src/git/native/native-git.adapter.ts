import type { GitPort, Workspace } from '@metawsm/core';
import { CatFileBatch } from './cat-file.js';
import { probeSigning } from '../signing/probe-signing.js';
import { identity, remoteUrl, signingConfig } from './config-read.js';
import type { NativeContext } from './context.js';
import { GitRunner } from './git-runner.js';
import { diffTrees, isAncestor, listCommits, mergeBase } from './history.js';
import { mergeCommits, mergeTrees } from './merge.js';
import { readCommit, readTyped, writeCommit } from './objects.js';
import { readRef, updateRef } from './refs.js';
import { DEFAULT_REMOTE_RETRY, type RemoteRetry } from './remote-errors.js';
import { fetchBranches } from './remote-fetch.js';
import { listRemoteBranches } from './remote-list.js';
import { pushBranch } from './remote-push.js';
import { workspaceState, writeSnapshot } from './snapshot.js';
import { switchBranch } from './switch-branch.js';
import { openWorkspace, workspaceProblems } from './workspace-open.js';

/** Options of {@link NativeGitAdapter}. */
export interface NativeGitOptions {
  /** The environment git runs in (PATH, HOME, GIT_CONFIG_GLOBAL...); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Version of the git found on PATH (what `engine()` reports); `selectGitEngine` fills it in. */
  gitVersion?: string | null;
  /** Timeout of one git call (default 10 minutes). */
  timeoutMs?: number;
  /** Retries of transient remote failures (default: 3 attempts, 0.5 s then 1 s apart). */
  retry?: RemoteRetry;
}

/** Object readers kept; a long-lived process touching more repositories starts over. */
const MAX_READERS = 16;

/**
 * GitPort on git's own plumbing (git >= 2.38): snapshots through a private copy of the index
 * (`add -A`, `write-tree`, `commit-tree`), merges with `merge-tree --write-tree`, compare-and-swap
 * `update-ref`, `fetch` / `ls-remote` / `push --force-with-lease` with the token in the child's
 * environment only, and one long-lived `cat-file --batch-command` per worktree for object reads.
 * Never touches a workspace's working tree, index or HEAD except in `switchBranch`.
 */
export class NativeGitAdapter implements GitPort {
  readonly #ctx: NativeContext;
  readonly #gitVersion: string | null;
  readonly #retry: RemoteRetry;
  readonly #readers = new Map<string, CatFileBatch>();

  constructor(options: NativeGitOptions = {}) {
    const runner = new GitRunner({
      ...(options.env ? { env: options.env } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    this.#ctx = { runner, objects: (ws) => this.#reader(ws, runner.env) };
    this.#gitVersion = options.gitVersion ?? null;
    this.#retry = options.retry ?? DEFAULT_REMOTE_RETRY;
  }

  /** End the object reader processes now (they also end by themselves when idle). */
  close(): void {
    for (const r of this.#readers.values()) r.close();
    this.#readers.clear();
  }

  // HEAD resolves per worktree, so readers are per git dir, not per common dir.
  #reader(ws: Workspace, env: NodeJS.ProcessEnv): CatFileBatch {
    let r = this.#readers.get(ws.gitDir);
    if (!r) {
      if (this.#readers.size >= MAX_READERS) this.close();
      r = new CatFileBatch({ cwd: ws.path, env });
      this.#readers.set(ws.gitDir, r);
    }
    return r;
  }

  engine: GitPort['engine'] = () => Promise.resolve({ name: 'native', gitVersion: this.#gitVersion });
  openWorkspace: GitPort['openWorkspace'] = (path) => openWorkspace(this.#ctx, path);
  remoteUrl: GitPort['remoteUrl'] = (ws, remote) => remoteUrl(this.#ctx, ws, remote);
  identity: GitPort['identity'] = (ws) => identity(this.#ctx, ws);
  signingConfig: GitPort['signingConfig'] = (ws) => signingConfig(this.#ctx, ws);
  probeSigning: GitPort['probeSigning'] = (ws, signing) =>
    probeSigning(signing, { path: ws.path, env: this.#ctx.runner.env });
  listRemoteBranches: GitPort['listRemoteBranches'] = (ws, req) =>
    listRemoteBranches(this.#ctx, ws, { ...req, options: { retry: this.#retry } });
  fetch: GitPort['fetch'] = (ws, req) =>
    fetchBranches(this.#ctx, ws, { ...req, options: { retry: this.#retry } });
  snapshot: GitPort['snapshot'] = (ws, req) => writeSnapshot(this.#ctx, ws, req);
  workspaceTree: GitPort['workspaceTree'] = async (ws) => (await workspaceState(this.#ctx, ws, false)).tree;
  workspaceProblems: GitPort['workspaceProblems'] = (ws) => workspaceProblems(this.#ctx, ws);
  mergeBase: GitPort['mergeBase'] = (ws, a, b) => mergeBase(this.#ctx, ws, a, b);
  isAncestor: GitPort['isAncestor'] = (ws, a, d) => isAncestor(this.#ctx, ws, a, d);
  listCommits: GitPort['listCommits'] = (ws, req) => listCommits(this.#ctx, ws, req);
  readCommit: GitPort['readCommit'] = (ws, oid) => readCommit(this.#ctx, ws, oid);
  mergeCommits: GitPort['mergeCommits'] = (ws, req) => mergeCommits(this.#ctx, ws, req);
  mergeTrees: GitPort['mergeTrees'] = (ws, req) => mergeTrees(this.#ctx, ws, req);
  diffTrees: GitPort['diffTrees'] = (ws, from, to) => diffTrees(this.#ctx, ws, from, to);
  readBlob: GitPort['readBlob'] = async (ws, oid) => (await readTyped(this.#ctx, ws, oid, 'blob')).data;
  writeCommit: GitPort['writeCommit'] = (ws, req) => writeCommit(this.#ctx, ws, req);
  readRef: GitPort['readRef'] = (ws, ref) => readRef(this.#ctx, ws, ref);
  updateRef: GitPort['updateRef'] = (ws, req) => updateRef(this.#ctx, ws, req);
  push: GitPort['push'] = (ws, req) => pushBranch(this.#ctx, ws, { ...req, options: { retry: this.#retry } });
  switchBranch: GitPort['switchBranch'] = (ws, req) => switchBranch(this.#ctx, ws, req);
}
