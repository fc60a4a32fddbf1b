// One measured pack indexing in a fresh process: `node index-once.mjs <variant> <pack file>`.
// variant: `pack-indexer` (the js engine's) or `isomorphic-git` (its indexPack, used before).
// Prints one JSON line: time, objects, peak RSS.
import fs from 'node:fs';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [variant, packFile] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'metawsm-index-bench-'));
try {
  mkdirSync(join(dir, 'objects', 'pack'), { recursive: true });
  copyFileSync(packFile, join(dir, 'objects', 'pack', 'bench.pack'));
  const started = performance.now();
  let objects;
  if (variant === 'pack-indexer') {
    const dist = new URL('../../packages/adapters/dist/git/js/pack/pack-indexer.js', import.meta.url);
    const { indexPack } = await import(dist);
    const pack = readFileSync(join(dir, 'objects', 'pack', 'bench.pack'));
    const { idx } = indexPack(pack);
    fs.writeFileSync(join(dir, 'objects', 'pack', 'bench.idx'), idx);
    objects = pack.readUInt32BE(8);
  } else {
    const adapters = createRequire(new URL('../../packages/adapters/package.json', import.meta.url));
    const git = adapters('isomorphic-git');
    const r = await git.indexPack({ fs, dir, gitdir: dir, filepath: join('objects', 'pack', 'bench.pack') });
    objects = r.oids.length;
  }
  const ms = performance.now() - started;
  console.log(
    JSON.stringify({
      variant,
      ms: Math.round(ms),
      objects,
      rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
