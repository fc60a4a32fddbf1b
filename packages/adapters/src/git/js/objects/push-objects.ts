import { FileModes, type Oid } from '@metawsm/core';
import type { ObjectStore } from '../repo/object-store.js';
import type { TreeEntry } from '../repo/tree-codec.js';
import { type CommitWalker, revList } from './commit-walk.js';
import { createDelta, MAX_DELTA_SIZE } from './delta.js';
import { assemblePack, encodeEntry } from './pack-writer.js';
import { byName, joinPath } from './tree-paths.js';

/** A pack ready to send. */
export interface PushPack {
  pack: Buffer;
  objectCount: number;
}

/** Options of {@link buildPushPack}. */
export interface PushPackOptions {
  tip: Oid;
  /** Commits the receiver has (advertised tips present locally): their history is not sent. */
  have: readonly Oid[];
  /** The receiver accepts deltas against objects it has but the pack lacks (no `no-thin`). */
  thin: boolean;
}

/** Longest chain of deltas whose bases are themselves in the pack. */
const MAX_DEPTH = 10;

interface Candidate {
  oid: Oid;
  type: 'tree' | 'blob';
  /** The object at the same path in the first parent that has one: a likely delta base. */
  base: Oid | null;
}

/**
 * The objects the receiver lacks: commits reachable from `tip` but not from `have` (a rev-list
 * `--not` walk), and per new commit the trees and blobs that differ from every parent's at the
 * same path (identical subtrees are skipped unread).
 */
export async function buildPushPack(
  store: ObjectStore,
  walker: CommitWalker,
  opts: PushPackOptions,
): Promise<PushPack> {
  const commits = await revList(walker, { tip: opts.tip, exclude: opts.have });
  const collector = new NewObjects(store);
  for (const c of [...commits].reverse()) {
    const parentTrees = await Promise.all(c.parents.map(async (p) => (await walker.commit(p)).tree));
    await collector.walk('', c.tree, parentTrees);
  }
  const entries: Buffer[] = [];
  for (const c of commits)
    entries.push(encodeEntry({ type: 'commit', content: await store.readTyped(c.oid, 'commit') }));
  const depth = new Map<Oid, number>();
  for (const cand of collector.list)
    entries.push(await encodeCandidate(store, cand, { ...opts, depth, inPack: collector.seen }));
  return { pack: assemblePack(entries), objectCount: entries.length };
}

interface EncodeContext {
  thin: boolean;
  depth: Map<Oid, number>;
  inPack: Set<Oid>;
}

/** Encode one tree or blob, as a delta against its same-path predecessor when that is smaller. */
async function encodeCandidate(store: ObjectStore, cand: Candidate, ctx: EncodeContext): Promise<Buffer> {
  const content = await store.readTyped(cand.oid, cand.type);
  const whole = encodeEntry({ type: cand.type, content });
  const base = cand.base;
  const baseInPack = base !== null && ctx.inPack.has(base);
  const baseDepth = baseInPack ? (ctx.depth.get(base) ?? 0) : 0;
  if (
    base === null ||
    (!baseInPack && !ctx.thin) ||
    baseDepth >= MAX_DEPTH ||
    content.length > MAX_DELTA_SIZE
  )
    return whole;
  const data = createDelta(await store.readTyped(base, cand.type), content);
  if (data === null) return whole;
  const delta = encodeEntry({ type: cand.type, content, delta: { base, data } });
  if (delta.length >= whole.length) return whole;
  ctx.depth.set(cand.oid, baseDepth + 1);
  return delta;
}

class NewObjects {
  readonly list: Candidate[] = [];
  readonly seen = new Set<Oid>();
  readonly #store: ObjectStore;

  constructor(store: ObjectStore) {
    this.#store = store;
  }

  async walk(path: string, tree: Oid, parents: readonly (Oid | null)[]): Promise<void> {
    if (parents.includes(tree) || this.seen.has(tree)) return;
    this.seen.add(tree);
    this.list.push({ oid: tree, type: 'tree', base: parents.find((p) => p !== null) ?? null });
    const [entries, ...parentMaps] = await Promise.all([
      this.#store.readTree(tree),
      ...parents.map(async (p) =>
        p === null ? new Map<string, TreeEntry>() : byName(await this.#store.readTree(p)),
      ),
    ]);
    for (const e of entries) {
      const before = parentMaps.map((m) => m.get(e.name) ?? null);
      if (e.mode === FileModes.TREE) {
        const subParents = before.map((x) => (x?.mode === FileModes.TREE ? x.oid : null));
        await this.walk(joinPath(path, e.name), e.oid, subParents);
      } else if (e.mode !== FileModes.SUBMODULE) this.#blob(e, before);
    }
  }

  #blob(e: TreeEntry, before: (TreeEntry | null)[]): void {
    if (this.seen.has(e.oid) || before.some((x) => x?.oid === e.oid)) return;
    this.seen.add(e.oid);
    const base = before.find(
      (x) => x !== null && x.mode !== FileModes.TREE && x.mode !== FileModes.SUBMODULE,
    );
    this.list.push({ oid: e.oid, type: 'blob', base: base?.oid ?? null });
  }
}
