#!/usr/bin/env node
// bench/commit: whole-process `metawsm commit`, per engine, against two yardsticks run by git on the same
// workspace state: git's plumbing doing the same promotion off-tree, and the stash/checkout sequence an
// operator would type. Synthetic repos of 1k/10k/50k files (one commit) and a generated long history
// (82k commits, 5k files, one ~340 MB pack; cached). Every measured run starts from the same workspace
// state: metawsm and the plumbing never touch the working tree, so their runs share the prepared workspace
// and its `.git` is put back after each; the stash sequence rewrites the working tree, so each of its runs
// gets a fresh copy (stat cache refreshed; copying is not timed). See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedGitEnv, makeTempDir, startGitHttpServer } from '../../packages/testkit/dist/index.js';
import { intFlag, listFlag, parseArgs } from '../lib/args.mjs';
import { createRun, makeHome, timedCommit } from '../lib/metawsm-cli.mjs';
import { longHistoryOrigin } from '../lib/long-history.mjs';
import { agentChanges, buildOrigin, moveBase, sh } from '../lib/synthetic-repo.mjs';
import { discardGitState, restoreGitState, saveGitState } from '../lib/git-state.mjs';
import { copyWorkspace } from '../lib/workspace-copy.mjs';
import { plumbingSequence, stashSequence } from './sequences.mjs';
import { renderCommitReport } from './report.mjs';

const USAGE = `usage: node bench/commit/run.mjs [--sizes 1000,10000,50000,long] [--reps 5] [--engines native,js]
  --sizes L         file counts of synthetic one-commit repos, and/or \`long\` (the generated long history)
  --reps N          measured runs per repo and sequence (the median is printed) [5]
  --engines L       METAWSM_GIT_ENGINE values to run [native,js]
  --long-commits N  commits of the long history [82000]; --long-files N: its files [5000]`;
const { flags } = parseArgs(
  process.argv.slice(2),
  {
    sizes: '1000,10000,50000,long',
    reps: '5',
    engines: 'native,js',
    'long-commits': '82000',
    'long-files': '5000',
  },
  USAGE,
);
const sizes = listFlag(flags.sizes).map((s) => (s === 'long' ? s : intFlag('sizes', s)));
const reps = intFlag('reps', flags.reps);
const engines = listFlag(flags.engines);
const long = {
  commits: intFlag('long-commits', flags['long-commits']),
  files: intFlag('long-files', flags['long-files']),
};

const tmp = makeTempDir('metawsm-bench-commit-');
const root = join(tmp.path, 'remotes');
mkdirSync(join(root, 'acme'), { recursive: true });
const env = isolatedGitEnv(tmp.path);
// No background auto-gc/maintenance: it would race with the scratch copies being deleted.
for (const [k, v] of [
  ['user.name', 'Bench Agent'],
  ['user.email', 'bench@example.com'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
])
  sh(tmp.path, ['config', '--global', k, v], env);
const server = await startGitHttpServer({ root });
const rows = [];
let longMeta = null;
try {
  for (const size of sizes) {
    const { name, files, bare } = await origin(size);
    const pristine = join(tmp.path, `${name}-pristine`);
    sh(tmp.path, ['clone', '-q', bare, pristine], env);
    sh(pristine, ['remote', 'set-url', 'origin', server.urlFor(`acme/${name}`)], env);
    agentChanges(pristine, env);
    // Settle the stat cache as an agent's `git status` would: no entry left racily clean.
    sh(pristine, ['update-index', '-q', '--refresh'], env);
    moveBase(root, bare, files, 50, env);
    const state = saveGitState(pristine);
    const homes = Object.fromEntries(
      engines.map((e) => [e, makeHome({ dir: join(tmp.path, `${name}-home-${e}`), env, engine: e })]),
    );
    const samples = { stash: [], plumbing: [], ...Object.fromEntries(engines.map((e) => [e, []])) };
    for (let rep = 0; rep < reps; rep++) {
      samples.stash.push(await onCopy(pristine, (ws) => stashSequence(ws, env, `b/${rep}`)));
      samples.plumbing.push(await restoring(state, () => plumbingSequence(pristine, env, `b/${rep}`)));
      for (const engine of engines)
        samples[engine].push(
          await restoring(state, () => metawsmCommit(pristine, homes[engine], `${engine}-${rep}`)),
        );
      console.error(
        `${name} rep ${rep + 1}/${reps}: ${['stash', 'plumbing', ...engines].map((k) => `${k} ${samples[k][rep].seconds.toFixed(2)} s`).join(', ')}`,
      );
    }
    discardGitState(state);
    for (const engine of engines) rows.push({ repo: size, engine, samples, engineSamples: samples[engine] });
  }
} finally {
  await server.close();
  tmp.cleanup();
}
console.log(renderCommitReport({ rows, reps, longMeta }));

/** The bare origin of a size under the server root: built fresh, or a hard-linked clone of the cached long history. */
async function origin(size) {
  if (size !== 'long')
    return { name: `r${size}`, files: size, bare: buildOrigin(root, `r${size}`, size, env) };
  const cached = await longHistoryOrigin({ ...long, env, log: (m) => console.error(m) });
  longMeta = { ...cached.meta, path: cached.bare };
  const bare = join(root, 'acme', 'long.git');
  // Hard-linked: the base move pushed below adds objects to this copy, never to the cache.
  sh(root, ['clone', '-q', '--bare', cached.bare, bare], env);
  sh(bare, ['config', 'http.receivepack', 'true'], env);
  return { name: 'long', files: long.files, bare };
}

/** Run `fn` on a fresh copy of `pristine` and remove the copy afterwards. */
async function onCopy(pristine, fn) {
  const ws = `${pristine}-copy`;
  rmSync(ws, { recursive: true, force: true, maxRetries: 5 });
  copyWorkspace(pristine, ws, env);
  try {
    return await fn(ws);
  } finally {
    rmSync(ws, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** Run `fn` on the prepared workspace, then put its `.git` back as it was before. */
async function restoring(state, fn) {
  try {
    return await fn();
  } finally {
    restoreGitState(state);
  }
}

/** A new completed run on workspace `ws`, then a timed `metawsm commit` that must commit. */
async function metawsmCommit(ws, cliEnv, runId) {
  await createRun({ cliEnv, runId, ticket: 'B-1', repo: 'api', path: ws });
  const m = await timedCommit({ cliEnv, runId });
  if (m.code !== 0 || m.target?.outcome !== 'committed')
    throw new Error(
      `metawsm commit: exit ${m.code}, ${m.target?.outcome}: ${JSON.stringify(m.error)} ${m.stderr}`,
    );
  execFileSync('git', ['cat-file', '-e', `${m.target.commitSha}^{tree}`], { cwd: ws, env });
  return m;
}
