// One measured run in a fresh process: `node read-once.mjs <variant> <op> <gitdir> <oids...>`.
// variant: `pack-reader` (the js engine's ObjectStore) or `isomorphic-git` (its readObject, as
// the js engine read objects before). Prints one JSON line: op time, objects read, peak RSS.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [variant, op, gitdir, ...oids] = process.argv.slice(2);
const dist = new URL('../../packages/adapters/dist/git/js/', import.meta.url);
const { ObjectStore } = await import(new URL('repo/object-store.js', dist));
const { CommitWalker } = await import(new URL('objects/commit-walk.js', dist));
const { parseTree } = await import(new URL('repo/tree-codec.js', dist));

/** The js engine's read path before the pack reader: isomorphic-git readObject with a shared cache. */
class IsomorphicGitStore {
  #git;
  #cache = {};
  constructor(git) {
    this.#git = git;
  }
  async readTyped(oid, type) {
    const r = await this.#git.readObject({ fs, gitdir, oid, format: 'content', cache: this.#cache });
    if (r.type !== type) throw new Error(`${oid} is a ${r.type}`);
    return r.object;
  }
  async readTree(oid) {
    return parseTree(await this.readTyped(oid, 'tree'), 'binary');
  }
}

async function makeStore() {
  if (variant === 'pack-reader') return new ObjectStore(gitdir);
  const adapters = createRequire(new URL('../../packages/adapters/package.json', import.meta.url));
  return new IsomorphicGitStore(adapters('isomorphic-git'));
}

const started = performance.now();
const store = await makeStore();
let objects = 0;
async function walkTree(oid, withBlobs) {
  objects++;
  for (const e of await store.readTree(oid)) {
    if (e.mode === '040000') await walkTree(e.oid, withBlobs);
    else if (withBlobs && e.mode !== '160000') {
      await store.readTyped(e.oid, e.mode === '120000' ? 'blob' : 'blob');
      objects++;
    }
  }
}
if (op === 'tree' || op === 'checkout') {
  const tree = (await new CommitWalker(store).commit(oids[0])).tree;
  await walkTree(tree, op === 'checkout');
} else if (op === 'merge-base') {
  const walker = new CommitWalker(store);
  const bases = await walker.mergeBases(oids[0], oids[1]);
  objects = bases.length;
} else throw new Error(`unknown op ${op}`);
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    variant,
    op,
    ms: Math.round(ms),
    objects,
    rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
