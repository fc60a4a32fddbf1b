import type {
  CommitInfo,
  FileChange,
  GitEngineInfo,
  Identity,
  Oid,
  Signature,
  TreeMergeResult,
} from '../domain/git.js';
import type { CommitSigning, SigningConfig } from '../domain/signing.js';
import type { Secret } from '../domain/secret.js';

/** An opened git working tree and where its data lives. */
export interface Workspace {
  /** Absolute path of the working tree. */
  path: string;
  /** The workspace's own git dir (HEAD, index); `.git/worktrees/<name>` for a linked worktree. */
  gitDir: string;
  /** The git dir holding objects, refs and config (equals `gitDir` for a normal repository). */
  commonDir: string;
  /** `refs/heads/<name>` when HEAD is a symbolic ref; null when detached. */
  headRef: string | null;
  /** The commit HEAD points at; null on an unborn branch. */
  headSha: Oid | null;
  /** What the engine wants the operator to know about this workspace (e.g. where its results may differ from git's). */
  warnings?: string[];
}

/** Basic credentials for an http(s) remote. */
export interface RemoteAuth {
  username: string;
  password: Secret;
}

/** Where and how to reach a remote: always http(s); ssh remotes are rewritten by core first. */
export interface RemoteEndpoint {
  /** http(s) URL without credentials. */
  url: string;
  auth: RemoteAuth | null;
}

/** Result of writing a snapshot. */
export interface SnapshotResult {
  /** The snapshot commit (parent: workspace HEAD, if any). */
  commit: Oid;
  tree: Oid;
  /** Workspace HEAD at the time of the snapshot. */
  head: Oid | null;
}

/** What {@link GitPort.probeSigning} found. */
export interface SigningProbe {
  usable: boolean;
  /** What was checked and found (e.g. `key file ~/.ssh/id_ed25519.pub readable, ssh-keygen runs`). */
  detail: string;
  /** What to do when not usable; null when usable. */
  remedy: string | null;
}

/** Result of a push. */
export interface PushResult {
  /** Bytes of the packfile sent (0 when the remote already had everything). */
  packBytes: number;
  objectCount: number;
}

/** What a snapshot records besides the workspace content (see {@link GitPort.snapshot}). */
export interface SnapshotRequest {
  /** The ref to point at the snapshot commit; null: write the commit only (dry run). */
  ref: string | null;
  message: string;
  author: Signature;
  committer: Signature;
}

/**
 * Git operations shaped for promotion. Implementations must never modify a workspace's
 * working tree, index or HEAD, except in {@link GitPort.switchBranch}.
 */
export interface GitPort {
  /** Which engine this is and the version of the `git` program on PATH (null: none). */
  engine(): Promise<GitEngineInfo>;
  /** Open a working tree (normal repository or linked worktree); NOT_A_GIT_REPO or PATH_NOT_FOUND otherwise. */
  openWorkspace(path: string): Promise<Workspace>;
  /** The configured URL of a remote, or null when no such remote exists. */
  remoteUrl(ws: Workspace, remote: string): Promise<string | null>;
  /** `user.name` / `user.email` from the repository config, then the global config; null when incomplete. */
  identity(ws: Workspace): Promise<Identity | null>;
  /** Tips of branches on the remote, without downloading objects (null: branch absent). */
  listRemoteBranches(
    ws: Workspace,
    req: { endpoint: RemoteEndpoint; branches: string[] },
  ): Promise<Record<string, Oid | null>>;
  /** Download branches and record each as `refs/remotes/<remote>/<branch>`; returns their tips (null: absent). */
  fetch(
    ws: Workspace,
    req: { remote: string; endpoint: RemoteEndpoint; branches: string[] },
  ): Promise<Record<string, Oid | null>>;
  /**
   * Write a commit holding the whole workspace state (HEAD + staged + unstaged + untracked-not-ignored,
   * modes and symlinks; never `.metawsm/`), parent = HEAD, and point `ref` at it unless `ref` is null.
   */
  snapshot(ws: Workspace, req: SnapshotRequest): Promise<SnapshotResult>;
  /** The tree id of the workspace's current full state (as {@link GitPort.snapshot} would write it), writing nothing. */
  workspaceTree(ws: Workspace): Promise<Oid>;
  /** Problems that make the workspace unfit to promote: unmerged paths, a merge/rebase/cherry-pick in progress. */
  workspaceProblems(ws: Workspace): Promise<string[]>;
  /** The best common ancestor of two commits, or null for unrelated histories. */
  mergeBase(ws: Workspace, a: Oid, b: Oid): Promise<Oid | null>;
  /** True when `ancestor` is reachable from `descendant` (or equal to it). */
  isAncestor(ws: Workspace, ancestor: Oid, descendant: Oid): Promise<boolean>;
  /** Commits reachable from `tip` but not from any `exclude`, newest first, at most `limit`. */
  listCommits(ws: Workspace, req: { tip: Oid; exclude: Oid[]; limit: number }): Promise<CommitInfo[]>;
  /** Read one commit. */
  readCommit(ws: Workspace, oid: Oid): Promise<CommitInfo>;
  /**
   * Merge commit `theirs` into commit `ours` the way `git merge-tree --write-tree` does: the merge
   * base is found from the history (criss-cross histories merge their bases first; unrelated
   * histories merge against the empty tree), renames are detected. Writes the merged trees and
   * blobs when clean.
   */
  mergeCommits(ws: Workspace, req: { ours: Oid; theirs: Oid }): Promise<TreeMergeResult>;
  /** Three-way merge of trees (`EMPTY_TREE_OID` allowed); writes the merged trees and blobs when clean. */
  mergeTrees(ws: Workspace, req: { base: Oid; ours: Oid; theirs: Oid }): Promise<TreeMergeResult>;
  /** Changed paths between two trees, sorted by path. */
  diffTrees(ws: Workspace, from: Oid, to: Oid): Promise<FileChange[]>;
  /** The bytes of a blob. */
  readBlob(ws: Workspace, oid: Oid): Promise<Uint8Array>;
  /**
   * Write a commit object; returns its id. With `sign`, the commit carries a `gpgsig` header made
   * by the configured signer, exactly as git writes it (SIGNING_FAILED when the signer fails;
   * nothing is written then); without, it is never signed, whatever `commit.gpgsign` says.
   */
  writeCommit(
    ws: Workspace,
    req: {
      tree: Oid;
      parents: Oid[];
      message: string;
      author: Signature;
      committer: Signature;
      sign?: CommitSigning | null;
    },
  ): Promise<Oid>;
  /** `commit.gpgsign`, `gpg.format`, `user.signingkey` and the format's signer program (repository config, then global). */
  signingConfig(ws: Workspace): Promise<SigningConfig>;
  /** Whether `signing` can work here (key found, signer runs), without signing anything. */
  probeSigning(ws: Workspace, signing: CommitSigning): Promise<SigningProbe>;
  /** The oid a full ref name points at, or null. */
  readRef(ws: Workspace, ref: string): Promise<Oid | null>;
  /** Compare-and-swap a ref: set it only if it equals `expectedOld` (null: must not exist); REF_CHANGED otherwise. */
  updateRef(ws: Workspace, req: { ref: string; newOid: Oid; expectedOld: Oid | null }): Promise<void>;
  /**
   * Push `oid` to `refs/heads/<branch>` on the remote, accepted only if the remote branch is at
   * `lease` (null: must not exist), checked atomically by the server; REF_CHANGED when the lease fails.
   * Sends only objects the remote lacks.
   */
  push(
    ws: Workspace,
    req: { endpoint: RemoteEndpoint; oid: Oid; branch: string; lease: Oid | null },
  ): Promise<PushResult>;
  /** Check out local `branch` in the workspace (HEAD, index, files), only if the workspace tree is `expectTree`; WORKSPACE_CHANGED otherwise. */
  switchBranch(ws: Workspace, req: { branch: string; expectTree: Oid }): Promise<void>;
}
