#!/usr/bin/env node
// bench/realhist: replay real repositories' history through `metawsm commit` and compare every promotion
// with git's own (`git merge-tree --write-tree`), per engine. Dev-time tool, not CI. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isolatedGitEnv, makeTempDir, startGitHttpServer } from '../../packages/testkit/dist/index.js';
import { intFlag, listFlag, parseArgs } from '../lib/args.mjs';
import { repoFacts, replayRepo } from './replay.mjs';
import { renderReport } from './report.mjs';

const USAGE = `usage: node bench/realhist/run.mjs [options] [REPO_PATH...]
  REPO_PATH     local clones (bare or not); default: every directory in $METAWSM_REALREPOS or /work/realrepos
  --cases N     cases per repository [60]
  --seed S      seed of the case selection and of the agent-commit split [1]
  --engines L   METAWSM_GIT_ENGINE values to run, comma-separated [native,js]
  --max-ahead K the base moves 1..K first-parent commits ahead of P [80]
  --x-window W  X is 1..k+W first-parent commits after P [40]
  --only I,J    replay only these case indexes (same seed), e.g. to reproduce a disagreement
  --keep        keep the workspaces (printed path) for inspection
  --out FILE    disagreements, one JSON object per line [bench/realhist/work/disagreements-<seed>.jsonl]`;

const { flags, positional } = parseArgs(
  process.argv.slice(2),
  {
    cases: '60',
    seed: '1',
    engines: 'native,js',
    'max-ahead': '80',
    'x-window': '40',
    only: '',
    keep: false,
    out: '',
  },
  USAGE,
);
const opts = {
  cases: intFlag('cases', flags.cases),
  seed: flags.seed,
  engines: listFlag(flags.engines),
  draw: {
    maxAhead: intFlag('max-ahead', flags['max-ahead']),
    xWindow: intFlag('x-window', flags['x-window']),
  },
  only: flags.only ? listFlag(flags.only).map((s) => intFlag('only', s)) : null,
  keep: flags.keep,
};
const outFile = resolve(flags.out || join(import.meta.dirname, 'work', `disagreements-${opts.seed}.jsonl`));
mkdirSync(join(outFile, '..'), { recursive: true });
writeFileSync(outFile, '');

function defaultRepos() {
  const dir = process.env.METAWSM_REALREPOS ?? '/work/realrepos';
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((d) => join(dir, d))
    .filter((p) => statSync(p).isDirectory())
    .sort();
}
const repoPaths = positional.length ? positional.map((p) => resolve(p)) : defaultRepos();
if (repoPaths.length === 0) {
  console.error(`no repositories given and none found\n${USAGE}`);
  process.exit(2);
}

const tmp = makeTempDir('metawsm-realhist-');
const serverRoot = join(tmp.path, 'remotes');
mkdirSync(serverRoot);
const env = isolatedGitEnv(tmp.path);
// No background gc/maintenance: it would race with the workspaces being deleted and skew timings.
for (const [k, v] of [
  ['user.name', 'Realhist Agent'],
  ['user.email', 'agent@example.com'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
])
  execFileSync('git', ['config', '--global', k, v], { env });
const server = await startGitHttpServer({ root: serverRoot });
const results = [];
const repos = [];
try {
  for (const src of repoPaths) {
    const name = basename(src).replace(/\.git$/, '');
    // metawsm wants OWNER/REPO at the end of a remote URL (SPEC §5), hence the `realhist/` owner folder.
    const bare = join(serverRoot, 'realhist', `${name}.git`);
    // A hard-linked bare clone: the per-case base refs created during the replay never touch `src`.
    execFileSync('git', ['clone', '-q', '--bare', '--single-branch', '--no-tags', src, bare], { env });
    const facts = repoFacts(bare, env, 'HEAD');
    console.error(
      `${name}: ${facts.commits} commits, ${facts.files} files, pack ${facts.packMb.toFixed(0)} MB`,
    );
    const summary = await replayRepo({
      name,
      bare,
      url: server.urlFor(`realhist/${name}`),
      env,
      tmp: tmp.path,
      opts,
      onResult: (r) => {
        results.push(r);
        if (r.verdict.category !== 'agree')
          appendFileSync(outFile, `${JSON.stringify(disagreement(r, src))}\n`);
        const git = `${r.oracle.clean ? 'clean' : 'conflict'} ${r.oracle.seconds.toFixed(2)} s`;
        console.error(
          `  case ${r.case.index} ${r.engine}: ${r.verdict.category} (${r.ours.outcome} ${r.seconds.toFixed(2)} s; git ${git})`,
        );
      },
    });
    const xInBase = results.filter(
      (r) => r.repo === name && r.engine === opts.engines[0] && r.case.xInBase,
    ).length;
    repos.push({ name, facts, ...summary, xInBase });
  }
} finally {
  await server.close();
  if (opts.keep) console.error(`kept: ${tmp.path}`);
  else tmp.cleanup();
}
console.log(renderReport({ results, repos, opts, outFile }));

/** One line of the disagreement file: enough to replay the case (`--seed`, `--only`) or rebuild it by hand. */
function disagreement(r, src) {
  const { patch: _patch, files, ...c } = r.case;
  return {
    repo: r.repo,
    repoPath: src,
    seed: opts.seed,
    replay: `node bench/realhist/run.mjs --seed ${opts.seed} --cases ${opts.cases} --only ${c.index} --engines ${r.engine} --keep ${src}`,
    ...c,
    changedFiles: files.length,
    split: r.split,
    engine: r.engine,
    engineUsed: r.engineUsed,
    verdict: r.verdict,
    metawsm: r.ours,
    git: {
      clean: r.oracle.clean,
      tree: r.oracle.tree,
      conflicts: r.oracle.conflicts,
      snapshotTree: r.oracle.snapshotTree,
    },
    metawsmSnapshotTree: r.snapshotTree,
    ...r.detail,
  };
}
