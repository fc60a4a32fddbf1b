import { EMPTY_TREE_OID, type GitPort } from '@metawsm/core';
import { probeSigning } from '../signing/probe-signing.js';
import { ObjectGit, type ObjectGitOps } from './object-git.js';
import { WorkspaceGit, type WorkspaceGitOps } from './workspace-git.js';

/**
 * The pure-JS git engine (named after isomorphic-git, whose object layer it started from; it now
 * reads packs through their `.idx` and writes objects itself): a stat-cache scan of the git index,
 * tree rewrites limited to changed paths, git's merge semantics (or a conflict where it cannot be
 * sure), and a push that sends only new objects under an atomic lease. Never touches a workspace's
 * working tree, index or HEAD except in `switchBranch`.
 */
export class IsomorphicGitAdapter implements GitPort {
  readonly #ws: WorkspaceGitOps;
  readonly #objects: ObjectGitOps;

  readonly #gitVersion: string | null;
  readonly #env: NodeJS.ProcessEnv;

  constructor(
    options: {
      workspace?: WorkspaceGitOps;
      objects?: ObjectGitOps;
      /** Version of a `git` program on PATH, reported by `engine()` (this engine never runs it). */
      gitVersion?: string | null;
      /** The operator's environment (config lookup, commit signers); default `process.env`. */
      env?: NodeJS.ProcessEnv;
    } = {},
  ) {
    this.#env = options.env ?? process.env;
    this.#ws = options.workspace ?? new WorkspaceGit({ env: this.#env });
    this.#objects = options.objects ?? new ObjectGit({ env: this.#env });
    this.#gitVersion = options.gitVersion ?? null;
  }

  engine: GitPort['engine'] = () => Promise.resolve({ name: 'js', gitVersion: this.#gitVersion });

  /** Composed from the object half: the (first) merge base, then the three-way tree merge. */
  mergeCommits: GitPort['mergeCommits'] = async (ws, req) => {
    const base = await this.#objects.mergeBase(ws, req.ours, req.theirs);
    const treeOf = async (c: string) => (await this.#objects.readCommit(ws, c)).tree;
    return this.#objects.mergeTrees(ws, {
      base: base === null ? EMPTY_TREE_OID : await treeOf(base),
      ours: await treeOf(req.ours),
      theirs: await treeOf(req.theirs),
    });
  };

  openWorkspace: GitPort['openWorkspace'] = (path) => this.#ws.openWorkspace(path);
  remoteUrl: GitPort['remoteUrl'] = (ws, remote) => this.#ws.remoteUrl(ws, remote);
  identity: GitPort['identity'] = (ws) => this.#ws.identity(ws);
  signingConfig: GitPort['signingConfig'] = (ws) => this.#ws.signingConfig(ws);
  probeSigning: GitPort['probeSigning'] = (ws, signing) =>
    probeSigning(signing, { path: ws.path, env: this.#env });
  snapshot: GitPort['snapshot'] = (ws, req) => this.#ws.snapshot(ws, req);
  workspaceTree: GitPort['workspaceTree'] = (ws) => this.#ws.workspaceTree(ws);
  workspaceProblems: GitPort['workspaceProblems'] = (ws) => this.#ws.workspaceProblems(ws);
  switchBranch: GitPort['switchBranch'] = (ws, req) => this.#ws.switchBranch(ws, req);

  listRemoteBranches: GitPort['listRemoteBranches'] = (ws, req) => this.#objects.listRemoteBranches(ws, req);
  fetch: GitPort['fetch'] = (ws, req) => this.#objects.fetch(ws, req);
  mergeBase: GitPort['mergeBase'] = (ws, a, b) => this.#objects.mergeBase(ws, a, b);
  isAncestor: GitPort['isAncestor'] = (ws, a, d) => this.#objects.isAncestor(ws, a, d);
  listCommits: GitPort['listCommits'] = (ws, req) => this.#objects.listCommits(ws, req);
  readCommit: GitPort['readCommit'] = (ws, oid) => this.#objects.readCommit(ws, oid);
  mergeTrees: GitPort['mergeTrees'] = (ws, req) => this.#objects.mergeTrees(ws, req);
  diffTrees: GitPort['diffTrees'] = (ws, from, to) => this.#objects.diffTrees(ws, from, to);
  readBlob: GitPort['readBlob'] = (ws, oid) => this.#objects.readBlob(ws, oid);
  writeCommit: GitPort['writeCommit'] = (ws, req) => this.#objects.writeCommit(ws, req);
  readRef: GitPort['readRef'] = (ws, ref) => this.#objects.readRef(ws, ref);
  updateRef: GitPort['updateRef'] = (ws, req) => this.#objects.updateRef(ws, req);
  push: GitPort['push'] = (ws, req) => this.#objects.push(ws, req);
}
