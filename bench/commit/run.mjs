#!/usr/bin/env node
// bench/commit: `metawsm commit` vs the native git sequence an operator would otherwise run
// (git fetch; git stash -u; git checkout -B <branch> origin/main; git stash pop; git add -A; git commit),
// side by side in one run, on synthetic repos of 1k / 10k / 50k files with ~30 changed files and a base
// moved by a 50-file commit. Prints median wall time, the ratio and peak RSS.
// Usage: node bench/commit/run.mjs [--sizes 1000,10000,50000] [--reps 5]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatedGitEnv, makeTempDir, startGitHttpServer } from '../../packages/testkit/dist/index.js';
import { agentChanges, buildOrigin, median, moveBase, sh } from '../lib/synthetic-repo.mjs';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url));
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const sizes = arg('sizes', '1000,10000,50000').split(',').map(Number);
const reps = Number(arg('reps', '5'));

/** Run a command under /usr/bin/time; resolves {seconds, rssMb, code}. Async: the git server runs in this process. */
function timed(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '__TIME__ %e %M', cmd, ...args], {
      ...opts,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /__TIME__ ([\d.]+) (\d+)/.exec(err);
      if (!m) return reject(new Error(`no timing: ${err}`));
      resolve({ seconds: Number(m[1]), rssMb: Number(m[2]) / 1024, code, out, err });
    });
  });
}

async function nativeSequence(ws, env, branch) {
  const steps = [
    ['fetch', '-q', 'origin', 'main'],
    ['stash', 'push', '-u', '-q'],
    ['checkout', '-q', '-B', branch, 'origin/main'],
    ['stash', 'pop', '-q'],
    ['add', '-A'],
    ['commit', '-q', '-m', 'agent work'],
  ];
  let seconds = 0;
  let rssMb = 0;
  for (const s of steps) {
    const r = await timed('git', s, { cwd: ws, env });
    if (r.code !== 0) throw new Error(`git ${s.join(' ')} failed: ${r.err}`);
    seconds += r.seconds;
    rssMb = Math.max(rssMb, r.rssMb);
  }
  return { seconds, rssMb };
}

const tmp = makeTempDir('metawsm-bench-commit-');
const root = join(tmp.path, 'remotes');
mkdirSync(join(root, 'acme'), { recursive: true });
const env = isolatedGitEnv(tmp.path);
sh(tmp.path, ['config', '--global', 'user.name', 'Bench Agent'], env);
sh(tmp.path, ['config', '--global', 'user.email', 'bench@example.com'], env);
// No background auto-gc/maintenance: it would race with the scratch copies being deleted.
sh(tmp.path, ['config', '--global', 'gc.auto', '0'], env);
sh(tmp.path, ['config', '--global', 'maintenance.auto', 'false'], env);
const server = await startGitHttpServer({ root });
const rows = [];
try {
  for (const files of sizes) {
    const name = `r${files}`;
    const bare = buildOrigin(root, name, files, env);
    const pristine = join(tmp.path, `${name}-pristine`);
    sh(tmp.path, ['clone', '-q', bare, pristine], env);
    sh(pristine, ['remote', 'set-url', 'origin', server.urlFor(`acme/${name}`)], env);
    agentChanges(pristine, env);
    moveBase(root, bare, files, 50, env);
    const home = join(tmp.path, `${name}-home`);
    mkdirSync(home, { recursive: true });
    const cliEnv = { ...env, METAWSM_HOME: home };
    execFileSync(process.execPath, [BIN, 'policy', 'init'], { cwd: home, env: cliEnv });
    const ours = [];
    const theirs = [];
    for (let rep = 0; rep < reps; rep++) {
      // metawsm never touches the workspace, so it runs on the pristine copy every time (a new run = a new branch).
      const id = `bench-${rep}`;
      execFileSync(
        process.execPath,
        [
          BIN,
          'run',
          'create',
          '--ticket',
          'B-1',
          '--repo',
          `api=${pristine}`,
          '--run-id',
          id,
          '--status',
          'completed',
        ],
        { cwd: home, env: cliEnv },
      );
      const m = await timed(process.execPath, [BIN, 'commit', '--run-id', id, '--json'], {
        cwd: home,
        env: cliEnv,
      });
      const outcome = JSON.parse(m.out).targets[0].outcome;
      if (m.code !== 0 || outcome !== 'committed')
        throw new Error(`metawsm commit: exit ${m.code}, ${outcome}: ${m.err}`);
      ours.push(m);
      // The native sequence rewrites the workspace, so it gets a fresh copy each time (copy time not measured).
      const copy = join(tmp.path, `${name}-native`);
      rmSync(copy, { recursive: true, force: true, maxRetries: 5 });
      execFileSync('cp', ['-a', pristine, copy]);
      theirs.push(await nativeSequence(copy, env, `b/${rep}`));
    }
    const o = median(ours.map((x) => x.seconds));
    const t = median(theirs.map((x) => x.seconds));
    rows.push({
      files,
      metawsm_s: o,
      git_s: t,
      ratio: o / t,
      metawsm_rss_mb: Math.max(...ours.map((x) => x.rssMb)),
      git_rss_mb: Math.max(...theirs.map((x) => x.rssMb)),
    });
    const r = rows[rows.length - 1];
    console.error(
      `${files} files: metawsm ${r.metawsm_s.toFixed(2)} s, git ${r.git_s.toFixed(2)} s, ratio ${r.ratio.toFixed(2)}, RSS ${r.metawsm_rss_mb.toFixed(0)} MB`,
    );
  }
} finally {
  await server.close();
  tmp.cleanup();
}
console.log(
  `bench/commit — median of ${reps} runs, whole-process wall time (metawsm includes Node start-up, SQLite and a fetch)`,
);
console.log('files   metawsm(s)  git seq(s)  ratio  metawsm peak RSS  git peak RSS');
for (const r of rows) {
  console.log(
    `${String(r.files).padEnd(7)} ${r.metawsm_s.toFixed(2).padStart(10)}  ${r.git_s.toFixed(2).padStart(10)}  ${r.ratio.toFixed(2).padStart(5)}  ${r.metawsm_rss_mb.toFixed(0).padStart(13)} MB  ${r.git_rss_mb.toFixed(0).padStart(9)} MB`,
  );
}
console.log('targets: ratio <= 2 at 10k and 50k files; metawsm peak RSS <= 300 MB at 50k');
