import type {
  CommitInfo,
  Conflict,
  ConflictKind,
  FileChange,
  GitPort,
  Oid,
  PushResult,
  TreeMergeResult,
  Workspace,
} from '@metawsm/core';
import { addSignatureHeader, EMPTY_TREE_OID } from '@metawsm/core';
import { CommitWalker, revList } from './objects/commit-walk.js';
import { diffTrees } from './objects/tree-diff.js';
import { hasMergeAttributes } from './objects/merge-attributes.js';
import { analyzeRenames } from './objects/rename-analysis.js';
import { TreeMerger, writeMerged } from './objects/tree-merge.js';
import { displayPath } from './objects/tree-paths.js';
import { parseCommit, serializeCommit, type CommitFields } from './repo/commit-codec.js';
import { signPayload } from '../signing/sign-payload.js';
import type { LockWait } from './repo/lock-file.js';
import { assertOid } from './repo/object-id.js';
import { ObjectStore } from './repo/object-store.js';
import { DEFAULT_REF_LOCK, lockedRefUpdate } from './repo/ref-update.js';
import { assertFullRef, resolveRef } from './repo/refs.js';
import { fetchBranches, listRemoteBranches } from './transport/fetch.js';
import { pushBranch } from './transport/push.js';
import { SmartHttpClient, type SmartHttpOptions } from './transport/smart-http.js';
import type { WorkspaceMethod } from './workspace-git.js';

/**
 * The object half of the git adapter: object database, refs, merges and the network (the
 * adapter itself answers `engine` and composes `mergeCommits` from these).
 */
export type ObjectGitOps = Omit<GitPort, WorkspaceMethod | 'engine' | 'mergeCommits' | 'probeSigning'>;

/** Options of {@link ObjectGit} (tests inject fast retry delays and lock waits). */
export interface ObjectGitOptions {
  http?: SmartHttpOptions;
  /** How long `updateRef` and `fetch` wait for another process's `<ref>.lock`. */
  refLock?: LockWait;
  /** The environment a commit signer runs in (HOME, GNUPGHOME, SSH_AUTH_SOCK...); default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** Conflicts by path (display form), one per path: the first reported kind wins. */
function sortedConflicts(conflicts: { path: string; kind: ConflictKind }[]): Conflict[] {
  const byPath = new Map<string, ConflictKind>();
  for (const c of conflicts) if (!byPath.has(c.path)) byPath.set(c.path, c.kind);
  return [...byPath.keys()].sort().map((path) => ({ path: displayPath(path), kind: byPath.get(path)! }));
}

/**
 * Objects, refs, merges and transport, all in the workspace's common dir (objects and refs live
 * there, also for linked worktrees): our own pack reader and indexer (`pack/`), git's merge
 * semantics (subtree-skipping tree merge, rename analysis, line merge from core), ref locking
 * and smart-HTTP client.
 */
export class ObjectGit implements ObjectGitOps {
  readonly #http: SmartHttpClient;
  readonly #refLock: LockWait;
  readonly #env: NodeJS.ProcessEnv;

  constructor(options: ObjectGitOptions = {}) {
    this.#env = options.env ?? process.env;
    this.#http = new SmartHttpClient(options.http);
    this.#refLock = options.refLock ?? DEFAULT_REF_LOCK;
  }

  #store(ws: Workspace): ObjectStore {
    return new ObjectStore(ws.commonDir);
  }

  listRemoteBranches(
    _ws: Workspace,
    req: Parameters<GitPort['listRemoteBranches']>[1],
  ): Promise<Record<string, Oid | null>> {
    return listRemoteBranches(this.#http, req);
  }

  fetch(ws: Workspace, req: Parameters<GitPort['fetch']>[1]): Promise<Record<string, Oid | null>> {
    return fetchBranches({ http: this.#http, store: this.#store(ws), ws, refLock: this.#refLock }, req);
  }

  push(ws: Workspace, req: Parameters<GitPort['push']>[1]): Promise<PushResult> {
    const store = this.#store(ws);
    return pushBranch({ http: this.#http, store, walker: new CommitWalker(store) }, req);
  }

  async mergeBase(ws: Workspace, a: Oid, b: Oid): Promise<Oid | null> {
    assertOid(a, 'a');
    assertOid(b, 'b');
    return (await new CommitWalker(this.#store(ws)).mergeBases(a, b))[0] ?? null;
  }

  isAncestor(ws: Workspace, ancestor: Oid, descendant: Oid): Promise<boolean> {
    assertOid(ancestor, 'ancestor');
    assertOid(descendant, 'descendant');
    return new CommitWalker(this.#store(ws)).isAncestor(ancestor, descendant);
  }

  async listCommits(ws: Workspace, req: { tip: Oid; exclude: Oid[]; limit: number }): Promise<CommitInfo[]> {
    assertOid(req.tip, 'tip');
    req.exclude.forEach((x) => assertOid(x, 'exclude'));
    if (req.limit <= 0) return [];
    const store = this.#store(ws);
    const walked = await revList(new CommitWalker(store), {
      tip: req.tip,
      exclude: req.exclude,
      limit: req.limit,
    });
    const out: CommitInfo[] = [];
    for (const c of walked.slice(0, req.limit))
      out.push(parseCommit(c.oid, await store.readTyped(c.oid, 'commit')));
    return out;
  }

  async readCommit(ws: Workspace, oid: Oid): Promise<CommitInfo> {
    return parseCommit(oid, await this.#store(ws).readTyped(oid, 'commit'));
  }

  async writeCommit(ws: Workspace, req: CommitFields): Promise<Oid> {
    assertOid(req.tree, 'tree');
    req.parents.forEach((p) => assertOid(p, 'parent'));
    const store = this.#store(ws);
    // git treats the empty tree as always present; write it so fsck finds it too.
    if (req.tree === EMPTY_TREE_OID) await store.writeTree([]);
    else await store.readTyped(req.tree, 'tree');
    for (const p of req.parents) await store.readTyped(p, 'commit');
    if (!req.sign) return store.writeCommit(req);
    // git signs the commit exactly as it would be written unsigned, then inserts the header.
    const payload = serializeCommit(req);
    const armor = await signPayload(payload, req.sign, { path: ws.path, env: this.#env });
    return store.write('commit', Buffer.from(addSignatureHeader(payload.toString('utf8'), armor), 'utf8'));
  }

  readBlob(ws: Workspace, oid: Oid): Promise<Uint8Array> {
    return this.#store(ws).readTyped(oid, 'blob');
  }

  async mergeTrees(ws: Workspace, req: { base: Oid; ours: Oid; theirs: Oid }): Promise<TreeMergeResult> {
    for (const [k, v] of Object.entries(req)) assertOid(v, k);
    const store = this.#store(ws);
    const renames = await analyzeRenames(store, req);
    const merger = new TreeMerger(store, renames?.overlay, !hasMergeAttributes(ws));
    const root = await merger.merge('', req);
    const conflicts = [...merger.conflicts, ...(renames?.conflicts ?? [])];
    if (conflicts.length > 0) return { clean: false, conflicts: sortedConflicts(conflicts) };
    return { clean: true, tree: await writeMerged(store, root) };
  }

  diffTrees(ws: Workspace, from: Oid, to: Oid): Promise<FileChange[]> {
    assertOid(from, 'from');
    assertOid(to, 'to');
    return diffTrees(this.#store(ws), from, to);
  }

  async readRef(ws: Workspace, ref: string): Promise<Oid | null> {
    assertFullRef(ref);
    return resolveRef(ws, ref);
  }

  async updateRef(ws: Workspace, req: { ref: string; newOid: Oid; expectedOld: Oid | null }): Promise<void> {
    assertOid(req.newOid, 'newOid');
    if (req.expectedOld !== null) assertOid(req.expectedOld, 'expectedOld');
    await this.#store(ws).read(req.newOid); // git refuses refs to missing objects; so do we
    await lockedRefUpdate(ws, req, this.#refLock);
  }
}
