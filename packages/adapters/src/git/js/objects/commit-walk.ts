import type { Oid } from '@metawsm/core';
import { parseCommitHeader } from '../repo/commit-codec.js';
import type { ObjectStore } from '../repo/object-store.js';
import { readShallow } from '../repo/shallow.js';
import { CommitQueue, type WalkCommit } from './commit-queue.js';

const PARENT1 = 1;
const PARENT2 = 2;
const STALE = 4;
const RESULT = 8;
const UNINTERESTING = 16;
const SEEN = 32;
/** Extra commits popped after only uninteresting ones remain, to tolerate clock skew (git's SLOP). */
const SLOP = 5;

/**
 * History walks (merge bases, ancestry, rev-list) over one object store, with a commit cache.
 * In a shallow clone the boundary commits count as parentless, as git walks them: merge bases
 * are found among the commits that exist, and a missing parent behind the boundary is no error.
 */
export class CommitWalker {
  readonly #store: ObjectStore;
  readonly #commits = new Map<Oid, WalkCommit>();
  readonly #shallow: Set<Oid>;

  constructor(store: ObjectStore) {
    this.#store = store;
    this.#shallow = readShallow(store.gitdir);
  }

  /** Parents (none past a shallow boundary), tree and time of a commit (cached). */
  async commit(oid: Oid): Promise<WalkCommit> {
    const cached = this.#commits.get(oid);
    if (cached) return cached;
    const header = parseCommitHeader(oid, await this.#store.readTyped(oid, 'commit'));
    const parents = this.#shallow.has(oid) ? [] : header.parents;
    const commit = { oid, parents, tree: header.tree, time: header.time };
    this.#commits.set(oid, commit);
    return commit;
  }

  /** The commit if it was already loaded. */
  peek(oid: Oid): WalkCommit | undefined {
    return this.#commits.get(oid);
  }

  /** The best common ancestors of `a` and `b`, newest first (git's `get_merge_bases`). */
  async mergeBases(a: Oid, b: Oid): Promise<Oid[]> {
    if (a === b) return [a];
    const flags = new Map<Oid, number>();
    const found = await this.#paintDownToCommon(a, b, flags);
    const bases = found.filter((c) => ((flags.get(c.oid) ?? 0) & STALE) === 0);
    if (bases.length <= 1) return bases.map((c) => c.oid);
    return this.#removeRedundant(bases);
  }

  /** True when `ancestor` is reachable from `descendant` (or equal to it). */
  async isAncestor(ancestor: Oid, descendant: Oid): Promise<boolean> {
    if (ancestor === descendant) return true;
    const found = await this.#paintDownToCommon(ancestor, descendant, new Map());
    return found.some((c) => c.oid === ancestor);
  }

  /**
   * Mark commits reachable from `one` (PARENT1) and `two` (PARENT2) in date order until only
   * commits already known to lie below a common ancestor (STALE) remain; returns the candidates.
   */
  async #paintDownToCommon(one: Oid, two: Oid, flags: Map<Oid, number>): Promise<WalkCommit[]> {
    const queue = new CommitQueue();
    flags.set(one, PARENT1);
    flags.set(two, PARENT2);
    queue.push(await this.commit(one));
    queue.push(await this.commit(two));
    const result: WalkCommit[] = [];
    const nonStale = (c: WalkCommit) => ((flags.get(c.oid) ?? 0) & STALE) === 0;
    while (queue.items().some(nonStale)) {
      const c = queue.pop()!;
      let f = (flags.get(c.oid) ?? 0) & (PARENT1 | PARENT2 | STALE);
      if ((f & (PARENT1 | PARENT2)) === (PARENT1 | PARENT2)) {
        const cf = flags.get(c.oid) ?? 0;
        if ((cf & RESULT) === 0) {
          flags.set(c.oid, cf | RESULT);
          result.push(c);
        }
        f |= STALE;
      }
      for (const p of c.parents) {
        const pf = flags.get(p) ?? 0;
        if ((pf & f) === f) continue;
        flags.set(p, pf | f);
        queue.push(await this.commit(p));
      }
    }
    return result;
  }

  async #removeRedundant(bases: WalkCommit[]): Promise<Oid[]> {
    const keep: Oid[] = [];
    for (const b of bases) {
      let redundant = false;
      for (const other of bases) {
        if (other !== b && (await this.isAncestor(b.oid, other.oid))) redundant = true;
      }
      if (!redundant) keep.push(b.oid);
    }
    return keep;
  }
}

/** Options of {@link revList}. */
export interface RevListOptions {
  tip: Oid;
  exclude: readonly Oid[];
  /** Stop after this many commits (only used to cut short a walk without exclusions). */
  limit?: number;
}

/**
 * `git rev-list <tip> --not <exclude>...`: commits reachable from `tip` but not from any exclude,
 * newest first. The walk stops once only uninteresting commits are queued, so it never visits
 * the whole history below the excluded commits.
 */
export async function revList(walker: CommitWalker, opts: RevListOptions): Promise<WalkCommit[]> {
  const flags = new Map<Oid, number>();
  const queue = new CommitQueue();
  const push = async (oid: Oid, f: number) => {
    flags.set(oid, (flags.get(oid) ?? 0) | f | SEEN);
    queue.push(await walker.commit(oid));
  };
  await push(opts.tip, 0);
  for (const x of opts.exclude) await push(x, UNINTERESTING);
  const out: WalkCommit[] = [];
  let slop = SLOP;
  while (queue.size > 0) {
    if (opts.exclude.length === 0 && opts.limit !== undefined && out.length >= opts.limit) break;
    if (queue.items().every((c) => ((flags.get(c.oid) ?? 0) & UNINTERESTING) !== 0) && --slop < 0) break;
    const c = queue.pop()!;
    const uninteresting = ((flags.get(c.oid) ?? 0) & UNINTERESTING) !== 0;
    if (uninteresting) markUninteresting(walker, flags, c.parents);
    else out.push(c);
    for (const p of c.parents) {
      if (((flags.get(p) ?? 0) & SEEN) === 0) await push(p, uninteresting ? UNINTERESTING : 0);
    }
  }
  return out.filter((c) => ((flags.get(c.oid) ?? 0) & UNINTERESTING) === 0);
}

/** Mark `oids` and every already-loaded ancestor uninteresting (git's `mark_parents_uninteresting`). */
function markUninteresting(walker: CommitWalker, flags: Map<Oid, number>, oids: readonly Oid[]): void {
  const stack = [...oids];
  while (stack.length > 0) {
    const oid = stack.pop()!;
    const f = flags.get(oid) ?? 0;
    if ((f & UNINTERESTING) !== 0) continue;
    flags.set(oid, f | UNINTERESTING);
    if ((f & SEEN) === 0) continue;
    const loaded = walker.peek(oid);
    if (loaded) stack.push(...loaded.parents);
  }
}
