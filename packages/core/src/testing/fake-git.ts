import {
  EMPTY_TREE_OID,
  FileModes,
  type CommitInfo,
  type FileMode,
  type GitEngineInfo,
  type Identity,
  type Oid,
  type Signature,
} from '../domain/git.js';
import type { CommitSigning, SigningConfig } from '../domain/signing.js';
import { MetawsmError } from '../errors/metawsm-error.js';
import type {
  GitPort,
  PushResult,
  RemoteEndpoint,
  SigningProbe,
  SnapshotResult,
  Workspace,
} from '../ports/git.port.js';
import { FakeObjectStore, type FakeFile } from './fake-git-objects.js';
import { fakeDiffTrees, fakeMergeTrees } from './fake-git-merge.js';

interface FakeRepo {
  refs: Map<string, Oid>;
  remotes: Map<string, string>;
  identity: Identity | null;
}

interface FakeWorkspaceState {
  repo: FakeRepo;
  headRef: string | null;
  detached: Oid | null;
  files: Map<string, FakeFile>;
  problems: string[];
}

/** Content given to the fake: text, bytes, or bytes with a mode. */
export type FakeContent = string | Uint8Array | { data: string | Uint8Array; mode: FileMode };

const enc = new TextEncoder();
const SIG: Signature = {
  name: 'Fake',
  email: 'fake@example.com',
  timestamp: 1_700_000_000,
  timezoneOffset: 0,
};

function toFile(c: FakeContent): FakeFile {
  if (typeof c === 'string') return { mode: FileModes.FILE, data: enc.encode(c) };
  if (c instanceof Uint8Array) return { mode: FileModes.FILE, data: c };
  return { mode: c.mode, data: typeof c.data === 'string' ? enc.encode(c.data) : c.data };
}

/**
 * An in-memory GitPort: real git object ids, workspaces as path → file maps, remotes as url →
 * branch tips (sharing one object store). Test helpers seed remotes, clone workspaces, edit files,
 * make agent commits and move remote branches.
 */
export class FakeGit implements GitPort {
  readonly objects = new FakeObjectStore();
  readonly remotes = new Map<string, Map<string, Oid>>();
  readonly #workspaces = new Map<string, FakeWorkspaceState>();
  /** Identity from the "global config", used when a repo has none. */
  globalIdentity: Identity | null = { name: 'Agent', email: 'agent@example.com' };
  /** Signing config every workspace reads (as if from the global config). */
  signing: SigningConfig = { gpgSign: false, format: 'openpgp', key: null, program: null };
  /** When set, signing fails with SIGNING_FAILED and this detail (a missing key, a signer that exits 2). */
  signerFailure: string | null = null;
  /** Token each remote URL requires (absent: anonymous allowed). */
  readonly requiredTokens = new Map<string, string>();
  /** Every push, for assertions. */
  readonly pushes: { url: string; branch: string; oid: Oid; lease: Oid | null }[] = [];
  /** What {@link FakeGit.engine} reports (an in-memory merge like the pure-JS engine's). */
  engineInfo: GitEngineInfo = { name: 'js', gitVersion: null };

  // ---- test helpers -------------------------------------------------------

  /** Create a remote with `main` holding `files`; returns the commit. */
  seedRemote(url: string, files: Record<string, FakeContent>, branch = 'main'): Oid {
    const commit = this.#commitFiles(this.#fileMap(files), [], 'initial');
    this.remotes.set(url, new Map([[branch, commit]]));
    return commit;
  }

  /** Commit on a remote branch: `files` added/changed, `remove` deleted; returns the new tip. */
  remoteCommit(
    url: string,
    branch: string,
    files: Record<string, FakeContent>,
    remove: string[] = [],
    message = 'remote change',
  ): Oid {
    const remote = this.#remote(url);
    const parent = remote.get(branch);
    const current = parent ? this.#filesOf(parent) : new Map<string, FakeFile>();
    for (const [p, c] of Object.entries(files)) current.set(p, toFile(c));
    for (const p of remove) current.delete(p);
    const commit = this.#commitFiles(current, parent ? [parent] : [], message);
    remote.set(branch, commit);
    return commit;
  }

  /** Clone `url`'s `branch` into a workspace at `path` with remote `origin`. */
  cloneWorkspace(
    path: string,
    url: string,
    opts: { branch?: string; remote?: string; identity?: Identity | null } = {},
  ): void {
    const branch = opts.branch ?? 'main';
    const tip = this.#remote(url).get(branch);
    if (!tip) throw new Error(`fake remote ${url} has no ${branch}`);
    const repo: FakeRepo = {
      refs: new Map([
        [`refs/heads/${branch}`, tip],
        [`refs/remotes/${opts.remote ?? 'origin'}/${branch}`, tip],
      ]),
      remotes: new Map([[opts.remote ?? 'origin', url]]),
      identity: opts.identity ?? null,
    };
    this.#workspaces.set(path, {
      repo,
      headRef: `refs/heads/${branch}`,
      detached: null,
      files: this.#filesOf(tip),
      problems: [],
    });
  }

  /** A fresh repository on an unborn `main` with remote `origin` → `url` and no files. */
  initWorkspace(path: string, url: string, remote = 'origin'): void {
    const repo: FakeRepo = { refs: new Map(), remotes: new Map([[remote, url]]), identity: null };
    this.#workspaces.set(path, {
      repo,
      headRef: 'refs/heads/main',
      detached: null,
      files: new Map(),
      problems: [],
    });
  }

  /** Set (or add) a remote of a workspace's repository. */
  setRemote(path: string, name: string, url: string): void {
    this.#ws(path).repo.remotes.set(name, url);
  }

  /** Create or change working-tree files. */
  writeFiles(path: string, files: Record<string, FakeContent>): void {
    const ws = this.#ws(path);
    for (const [p, c] of Object.entries(files)) ws.files.set(p, toFile(c));
  }

  /** Delete working-tree files. */
  deleteFiles(path: string, paths: string[]): void {
    const ws = this.#ws(path);
    for (const p of paths) ws.files.delete(p);
  }

  /** The working-tree files of a workspace (copies). */
  files(path: string): Map<string, FakeFile> {
    return new Map([...this.#ws(path).files].map(([p, f]) => [p, { mode: f.mode, data: f.data.slice() }]));
  }

  /** A commit by the agent of the whole working tree (except `.metawsm/`) on the current branch. */
  agentCommit(path: string, message = 'agent work'): Oid {
    const ws = this.#ws(path);
    const files = new Map([...ws.files].filter(([p]) => !p.startsWith('.metawsm/')));
    const head = this.#head(ws);
    const commit = this.#commitFiles(files, head ? [head] : [], message);
    if (ws.headRef) ws.repo.refs.set(ws.headRef, commit);
    else ws.detached = commit;
    return commit;
  }

  /** Make `workspaceProblems` report these. */
  setProblems(path: string, problems: string[]): void {
    this.#ws(path).problems = [...problems];
  }

  /** The files of a commit's tree, as text. */
  treeText(commit: Oid): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [p, f] of this.#filesOf(commit)) out[p] = new TextDecoder().decode(f.data);
    return out;
  }

  /** HEAD of a workspace (for assertions). */
  headOf(path: string): { ref: string | null; sha: Oid | null } {
    const ws = this.#ws(path);
    return { ref: ws.headRef, sha: this.#head(ws) };
  }

  // ---- GitPort ------------------------------------------------------------

  engine(): Promise<GitEngineInfo> {
    return Promise.resolve({ ...this.engineInfo });
  }

  openWorkspace(path: string): Promise<Workspace> {
    const ws = this.#workspaces.get(path);
    if (!ws)
      return Promise.reject(
        new MetawsmError('NOT_A_GIT_REPO', `${path} is not a git working tree`, { hint: 'fake' }),
      );
    return Promise.resolve({
      path,
      gitDir: `${path}/.git`,
      commonDir: `${path}/.git`,
      headRef: ws.headRef,
      headSha: this.#head(ws),
    });
  }

  remoteUrl(ws: Workspace, remote: string): Promise<string | null> {
    return Promise.resolve(this.#ws(ws.path).repo.remotes.get(remote) ?? null);
  }

  identity(ws: Workspace): Promise<Identity | null> {
    return Promise.resolve(this.#ws(ws.path).repo.identity ?? this.globalIdentity);
  }

  listRemoteBranches(
    _ws: Workspace,
    req: { endpoint: RemoteEndpoint; branches: string[] },
  ): Promise<Record<string, Oid | null>> {
    const remote = this.#authorized(req.endpoint);
    return Promise.resolve(Object.fromEntries(req.branches.map((b) => [b, remote.get(b) ?? null])));
  }

  fetch(
    ws: Workspace,
    req: { remote: string; endpoint: RemoteEndpoint; branches: string[] },
  ): Promise<Record<string, Oid | null>> {
    const remote = this.#authorized(req.endpoint);
    const repo = this.#ws(ws.path).repo;
    const out: Record<string, Oid | null> = {};
    for (const b of req.branches) {
      const tip = remote.get(b) ?? null;
      out[b] = tip;
      if (tip) repo.refs.set(`refs/remotes/${req.remote}/${b}`, tip);
    }
    return Promise.resolve(out);
  }

  snapshot(
    ws: Workspace,
    req: { ref: string | null; message: string; author: Signature; committer: Signature },
  ): Promise<SnapshotResult> {
    const state = this.#ws(ws.path);
    const head = this.#head(state);
    const tree = this.#workspaceTreeOf(state);
    const commit = this.objects.writeCommit({
      tree,
      parents: head ? [head] : [],
      message: req.message,
      author: req.author,
      committer: req.committer,
    });
    if (req.ref) state.repo.refs.set(req.ref, commit);
    return Promise.resolve({ commit, tree, head });
  }

  workspaceTree(ws: Workspace): Promise<Oid> {
    return Promise.resolve(this.#workspaceTreeOf(this.#ws(ws.path)));
  }

  workspaceProblems(ws: Workspace): Promise<string[]> {
    return Promise.resolve([...this.#ws(ws.path).problems]);
  }

  mergeBase(_ws: Workspace, a: Oid, b: Oid): Promise<Oid | null> {
    const ancestorsA = this.#ancestors(a);
    const common = [...this.#ancestors(b)].filter((c) => ancestorsA.has(c));
    const best = common.filter((c) => !common.some((d) => d !== c && this.#ancestors(d).has(c)));
    return Promise.resolve(best.sort()[0] ?? null);
  }

  isAncestor(_ws: Workspace, ancestor: Oid, descendant: Oid): Promise<boolean> {
    return Promise.resolve(this.#ancestors(descendant).has(ancestor));
  }

  listCommits(_ws: Workspace, req: { tip: Oid; exclude: Oid[]; limit: number }): Promise<CommitInfo[]> {
    const excluded = new Set(
      req.exclude.flatMap((e) => (this.objects.has(e) ? [...this.#ancestors(e)] : [])),
    );
    const out: CommitInfo[] = [];
    const queue = [req.tip];
    const seen = new Set<Oid>();
    while (queue.length > 0 && out.length < req.limit) {
      const oid = queue.shift()!;
      if (seen.has(oid) || excluded.has(oid)) continue;
      seen.add(oid);
      const c = this.objects.readCommit(oid);
      out.push(c);
      queue.push(...c.parents);
    }
    return Promise.resolve(out);
  }

  readCommit(_ws: Workspace, oid: Oid): Promise<CommitInfo> {
    return Promise.resolve(this.objects.readCommit(oid));
  }

  /** Merge base from the history (empty tree for unrelated histories), then the tree merge. */
  async mergeCommits(ws: Workspace, req: { ours: Oid; theirs: Oid }) {
    const base = await this.mergeBase(ws, req.ours, req.theirs);
    return fakeMergeTrees(this.objects, {
      base: base === null ? EMPTY_TREE_OID : this.objects.readCommit(base).tree,
      ours: this.objects.readCommit(req.ours).tree,
      theirs: this.objects.readCommit(req.theirs).tree,
    });
  }

  mergeTrees(_ws: Workspace, req: { base: Oid; ours: Oid; theirs: Oid }) {
    return Promise.resolve(fakeMergeTrees(this.objects, req));
  }

  diffTrees(_ws: Workspace, from: Oid, to: Oid) {
    return Promise.resolve(fakeDiffTrees(this.objects, from, to));
  }

  readBlob(_ws: Workspace, oid: Oid): Promise<Uint8Array> {
    return Promise.resolve(this.objects.readBlob(oid));
  }

  writeCommit(_ws: Workspace, req: Parameters<GitPort['writeCommit']>[1]): Promise<Oid> {
    const { sign, ...fields } = req;
    if (!sign) return Promise.resolve(this.objects.writeCommit(fields));
    if (this.signerFailure !== null)
      return Promise.reject(new MetawsmError('SIGNING_FAILED', `fake signer: ${this.signerFailure}`));
    return Promise.resolve(this.objects.writeCommit({ ...fields, signature: sign.format }));
  }

  signingConfig(_ws: Workspace): Promise<SigningConfig> {
    return Promise.resolve({ ...this.signing });
  }

  probeSigning(_ws: Workspace, signing: CommitSigning): Promise<SigningProbe> {
    const usable = this.signerFailure === null;
    return Promise.resolve({
      usable,
      detail: usable ? `fake ${signing.format} key ${signing.key}` : this.signerFailure!,
      remedy: usable ? null : 'fix the fake signer',
    });
  }

  readRef(ws: Workspace, ref: string): Promise<Oid | null> {
    return Promise.resolve(this.#ws(ws.path).repo.refs.get(ref) ?? null);
  }

  updateRef(ws: Workspace, req: { ref: string; newOid: Oid; expectedOld: Oid | null }): Promise<void> {
    const refs = this.#ws(ws.path).repo.refs;
    const actual = refs.get(req.ref) ?? null;
    if (actual !== req.expectedOld)
      return Promise.reject(
        new MetawsmError('REF_CHANGED', `${req.ref} moved`, {
          data: { ref: req.ref, expected: req.expectedOld, actual },
        }),
      );
    refs.set(req.ref, req.newOid);
    return Promise.resolve();
  }

  push(
    _ws: Workspace,
    req: { endpoint: RemoteEndpoint; oid: Oid; branch: string; lease: Oid | null },
  ): Promise<PushResult> {
    const remote = this.#authorized(req.endpoint);
    const actual = remote.get(req.branch) ?? null;
    if (actual === req.oid) return Promise.resolve({ packBytes: 0, objectCount: 0 });
    if (actual !== req.lease)
      return Promise.reject(
        new MetawsmError('REF_CHANGED', `remote ${req.branch} is not at the lease`, {
          data: { ref: `refs/heads/${req.branch}`, expected: req.lease, actual },
        }),
      );
    remote.set(req.branch, req.oid);
    this.pushes.push({ url: req.endpoint.url, branch: req.branch, oid: req.oid, lease: req.lease });
    return Promise.resolve({ packBytes: 100, objectCount: 1 });
  }

  switchBranch(ws: Workspace, req: { branch: string; expectTree: Oid }): Promise<void> {
    const state = this.#ws(ws.path);
    if (this.#workspaceTreeOf(state) !== req.expectTree)
      return Promise.reject(
        new MetawsmError('WORKSPACE_CHANGED', 'workspace changed since the snapshot', { hint: 'fake' }),
      );
    const tip = state.repo.refs.get(`refs/heads/${req.branch}`);
    if (!tip) return Promise.reject(new MetawsmError('GIT_FAILED', `no branch ${req.branch}`));
    const kept = [...state.files].filter(([p]) => p.startsWith('.metawsm/'));
    state.files = new Map([...this.#filesOf(tip), ...kept]);
    state.headRef = `refs/heads/${req.branch}`;
    state.detached = null;
    return Promise.resolve();
  }

  // ---- internals ----------------------------------------------------------

  #ws(path: string): FakeWorkspaceState {
    const ws = this.#workspaces.get(path);
    if (!ws) throw new MetawsmError('NOT_A_GIT_REPO', `${path} is not a fake workspace`);
    return ws;
  }

  #remote(url: string): Map<string, Oid> {
    const r = this.remotes.get(url);
    if (!r) throw new MetawsmError('REMOTE_NOT_FOUND', `fake remote ${url} does not exist`);
    return r;
  }

  #authorized(endpoint: RemoteEndpoint): Map<string, Oid> {
    const required = this.requiredTokens.get(endpoint.url);
    if (required !== undefined && endpoint.auth?.password.reveal() !== required)
      throw new MetawsmError('AUTH_INVALID', `authentication failed for ${endpoint.url}`);
    return this.#remote(endpoint.url);
  }

  #head(ws: FakeWorkspaceState): Oid | null {
    return ws.headRef ? (ws.repo.refs.get(ws.headRef) ?? null) : ws.detached;
  }

  #fileMap(files: Record<string, FakeContent>): Map<string, FakeFile> {
    return new Map(Object.entries(files).map(([p, c]) => [p, toFile(c)]));
  }

  #filesOf(commit: Oid): Map<string, FakeFile> {
    const tree = this.objects.readCommit(commit).tree;
    return new Map(
      [...this.objects.flatten(tree)].map(([p, e]) => [
        p,
        { mode: e.mode, data: this.objects.readBlob(e.oid) },
      ]),
    );
  }

  #commitFiles(files: Map<string, FakeFile>, parents: Oid[], message: string): Oid {
    const tree = this.objects.buildTree(
      new Map([...files].map(([p, f]) => [p, { mode: f.mode, oid: this.objects.writeBlob(f.data) }])),
    );
    return this.objects.writeCommit({ tree, parents, message, author: SIG, committer: SIG });
  }

  /** The snapshot tree: working files, except `.metawsm/`, which always comes from HEAD. */
  #workspaceTreeOf(ws: FakeWorkspaceState): Oid {
    const head = this.#head(ws);
    const entries = new Map<string, { mode: FileMode; oid: Oid }>();
    for (const [p, f] of ws.files)
      if (!p.startsWith('.metawsm/')) entries.set(p, { mode: f.mode, oid: this.objects.writeBlob(f.data) });
    if (head)
      for (const [p, e] of this.objects.flatten(this.objects.readCommit(head).tree))
        if (p.startsWith('.metawsm/')) entries.set(p, e);
    return this.objects.buildTree(entries);
  }

  #ancestors(oid: Oid): Set<Oid> {
    const seen = new Set<Oid>();
    const stack = [oid];
    while (stack.length > 0) {
      const c = stack.pop()!;
      if (seen.has(c) || !this.objects.has(c)) continue;
      seen.add(c);
      stack.push(...this.objects.readCommit(c).parents);
    }
    return seen;
  }
}
