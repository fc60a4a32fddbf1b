// Benchmark: WorkspaceGit.snapshot vs `git add -A && git write-tree` on synthetic repositories.
// Usage: node bench/snapshot/run.mjs [sizes...]   (default 1000 10000 50000; build first with `npx tsc -b tsconfig.build.json`)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = dirname(fileURLToPath(import.meta.url));
const workRoot = join(here, 'work');
const RUNS = 5;
const home = join(workRoot, 'home');
const env = {
  ...process.env,
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'b@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'b@example.com',
};
const git = (cwd, args, extra = {}) =>
  execFileSync('git', args, { cwd, env: { ...env, ...extra }, maxBuffer: 1 << 28 })
    .toString()
    .trim();

/** Nested small source files plus ~0.5 MB of larger ones, committed and cloned into a single pack. */
function buildRepo(size) {
  const seed = join(workRoot, `seed-${size}`);
  const pristine = join(workRoot, `pristine-${size}`);
  if (existsSync(pristine)) return pristine;
  rmSync(seed, { recursive: true, force: true });
  for (let i = 0; i < size; i++) {
    const file = join(seed, `pkg${i % 50}`, `mod${Math.floor(i / 50) % 20}`, `f${i}.ts`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `export const value${i} = ${i};\n// ${'x'.repeat(i % 200)}\n`);
  }
  for (let i = 0; i < 10; i++) writeFileSync(join(seed, `pkg${i}`, `asset${i}.bin`), Buffer.alloc(50_000, i));
  git(workRoot, ['init', '-q', '-b', 'main', seed]);
  git(seed, ['add', '-A']);
  git(seed, ['-c', 'gc.auto=0', 'commit', '-q', '-m', 'initial']);
  git(workRoot, ['clone', '-q', '--no-local', seed, pristine]);
  rmSync(seed, { recursive: true, force: true });
  return pristine;
}

/** A working copy with 20 modified, 5 untracked and 3 deleted files. */
function makeWorkspace(pristine, size) {
  const work = join(workRoot, `work-${size}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(pristine, work, { recursive: true });
  const path = (i) => join(work, `pkg${i % 50}`, `mod${Math.floor(i / 50) % 20}`, `f${i}.ts`);
  const step = Math.floor(size / 30);
  for (let k = 0; k < 20; k++) writeFileSync(path(k * step + 1), `export const changed${k} = true;\n`);
  for (let k = 0; k < 5; k++) {
    const file = join(work, k < 2 ? 'new-dir' : `pkg${k}`, `untracked${k}.ts`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `export const untracked${k} = ${k};\n`);
  }
  for (let k = 0; k < 3; k++) unlinkSync(path(k * step + 7));
  // Let the index be older than the edits, as in real use (no racily-clean entries).
  git(work, ['status', '--porcelain']);
  return work;
}

/** Remove loose objects and the snapshot ref so that every run starts from the same repository. */
function resetObjects(work) {
  const objects = join(work, '.git', 'objects');
  for (const d of readdirSync(objects))
    if (/^[0-9a-f]{2}$/.test(d)) rmSync(join(objects, d), { recursive: true });
  rmSync(join(work, '.git', 'refs', 'metawsm'), { recursive: true, force: true });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeOurs(work, mode, entry = 'barrel') {
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    resetObjects(work);
    const t0 = performance.now();
    const child = spawnSync(process.execPath, [join(here, 'snapshot-once.mjs'), work, mode, entry], { env });
    const wall = performance.now() - t0;
    if (child.status !== 0) throw new Error(child.stderr.toString());
    runs.push({ wall, ...JSON.parse(child.stdout.toString()) });
  }
  return {
    wall: median(runs.map((r) => r.wall)),
    inProcess: median(runs.map((r) => r.ms)),
    rss: Math.max(...runs.map((r) => r.maxRssMB)),
    tree: runs[0].tree,
  };
}

/** git in place with a copy of the index (same stat cache as ours), and in a `cp -a` copy (stat cache cold). */
function timeGit(work, size) {
  const inPlace = [];
  const copied = [];
  let tree = '';
  for (let r = 0; r < RUNS; r++) {
    resetObjects(work);
    const index = join(workRoot, `index-${size}`);
    cpSync(join(work, '.git', 'index'), index);
    let t0 = performance.now();
    git(work, ['add', '-A'], { GIT_INDEX_FILE: index });
    tree = git(work, ['write-tree'], { GIT_INDEX_FILE: index });
    inPlace.push(performance.now() - t0);
    const copy = join(workRoot, `copy-${size}`);
    rmSync(copy, { recursive: true, force: true });
    execFileSync('cp', ['-a', work, copy]);
    t0 = performance.now();
    git(copy, ['add', '-A']);
    git(copy, ['write-tree']);
    copied.push(performance.now() - t0);
    rmSync(copy, { recursive: true, force: true });
  }
  resetObjects(work);
  return { inPlace: median(inPlace), copied: median(copied), tree };
}

mkdirSync(home, { recursive: true });
const sizes = process.argv.slice(2).map(Number);
const fmt = (ms) => `${(ms / 1000).toFixed(3)} s`;
console.log(
  'files  | snapshot: process, barrel | process, workspace module | in-process | workspaceTree in-process | peak RSS | git add -A+write-tree: index copy | cp -a copy | same tree',
);
for (const size of sizes.length ? sizes : [1000, 10000, 50000]) {
  const work = makeWorkspace(buildRepo(size), size);
  const ours = timeOurs(work, 'snapshot');
  const lean = timeOurs(work, 'snapshot', 'workspace');
  const tree = timeOurs(work, 'tree', 'workspace');
  const theirs = timeGit(work, size);
  const cells = [
    fmt(ours.wall),
    fmt(lean.wall),
    fmt(lean.inProcess),
    fmt(tree.inProcess),
    `${Math.max(ours.rss, lean.rss).toFixed(0)} MB`,
    fmt(theirs.inPlace),
    fmt(theirs.copied),
  ];
  const same = [ours, lean, tree].every((r) => r.tree === theirs.tree);
  console.log(`${String(size).padStart(6)} | ${cells.join(' | ')} | ${same}`);
}
