#!/usr/bin/env node
// bench/review: `metawsm review sync` over 20 open PRs x 300 review items each (threads with
// replies, reviews, conversation comments, one failing check run with annotations), with 100 ms
// added to every GitHub stand-in request.
// Targets: first sync <= 3 s whole process; an idle re-sync <= 1 s with 0 non-304 REST responses.
// Reports GraphQL queries per sync.
// Usage: node bench/review/run.mjs [--prs 20] [--items 300] [--latency 100] [--reps 3] [--profile DIR]
// Also prints the CPU seconds of metawsm (via /usr/bin/time) and of the stand-in's thread.
// BENCH_TIMELINE=1 prints the idle re-sync's requests per 100 ms; BENCH_VERBOSE=1 echoes stderr.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  branchesFromBareRepos,
  isolatedGitEnv,
  makeTempDir,
  startGitHttpServer,
  startGitHubStandIn,
} from '../../packages/testkit/dist/index.js';
import { intFlag, parseArgs } from '../lib/args.mjs';
import { median } from '../lib/stats.mjs';
import { agentChanges, buildOrigin, sh } from '../lib/synthetic-repo.mjs';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url));
const USAGE = `usage: node bench/review/run.mjs [--prs 20] [--items 300] [--latency 100] [--reps 3] [--profile DIR]`;
const { flags } = parseArgs(
  process.argv.slice(2),
  { prs: '20', items: '300', latency: '100', reps: '3', profile: '' },
  USAGE,
);
const PRS = intFlag('prs', flags.prs);
const ITEMS = intFlag('items', flags.items);
const LATENCY = intFlag('latency', flags.latency);
const REPS = intFlag('reps', flags.reps);
const TOKEN = 'bench-token-0123456789';
const MEMBER = { user: 'reviewer', authorAssociation: 'MEMBER' };

/** Extra node options for the CLI processes (`--profile`). */
const nodeArgs = [];

/** Run metawsm under /usr/bin/time (when present) to get its CPU seconds too. */
function cli(args, env, cwd) {
  const timeFile = join(tmp.path, 'cpu.txt');
  const timed = existsSync('/usr/bin/time');
  const argv = [...nodeArgs, BIN, ...args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      timed ? '/usr/bin/time' : process.execPath,
      timed ? ['-f', '%U %S', '-o', timeFile, process.execPath, ...argv] : argv,
      {
        env,
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`metawsm ${args.join(' ')} exited ${code}: ${err}${out}`));
      else {
        if (process.env.BENCH_VERBOSE) process.stderr.write(err);
        const [user, sys] = timed
          ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number)
          : [NaN, NaN];
        resolve({ seconds, cpu: user + sys, json: args.includes('--json') ? JSON.parse(out) : null });
      }
    });
  });
}

/**
 * One PR's feedback: a quarter of the items as threads (root + one reply each), a third as
 * reviews, the rest conversation comments, plus one failing check run with 20 annotations.
 */
function seedFeedback(github, repo, num, headSha) {
  const threads = Math.floor(ITEMS / 3);
  const reviews = Math.floor(ITEMS / 3);
  const talk = ITEMS - threads - reviews - 1;
  for (let i = 0; i < threads; i++) {
    const root = github.addReviewComment('acme', repo, num, {
      ...MEMBER,
      body: `thread ${i}`,
      path: `src/f${i}.ts`,
      line: 1,
    });
    github.addReviewComment('acme', repo, num, { user: 'acme', body: `reply ${i}`, inReplyTo: root.id });
  }
  for (let i = 0; i < reviews; i++) github.addReview('acme', repo, num, { ...MEMBER, body: `review ${i}` });
  for (let i = 0; i < talk; i++)
    github.addIssueComment('acme', repo, num, { user: 'acme', body: `comment ${i}` });
  const annotations = Array.from({ length: 20 }, (_, i) => ({
    path: 'src/a.ts',
    startLine: i + 1,
    message: `bad ${i}`,
  }));
  github.addCheckRun('acme', repo, {
    headSha,
    name: 'unit',
    conclusion: 'failure',
    title: 'failed',
    summary: 's',
    annotations,
  });
}

const tmp = makeTempDir('metawsm-bench-review-');
const root = join(tmp.path, 'remotes');
mkdirSync(join(root, 'acme'), { recursive: true });
const env = isolatedGitEnv(tmp.path);
sh(tmp.path, ['config', '--global', 'user.name', 'Bench Agent'], env);
sh(tmp.path, ['config', '--global', 'user.email', 'bench@example.com'], env);
const server = await startGitHttpServer({ root, token: TOKEN });
const github = await startGitHubStandIn({ branchExists: branchesFromBareRepos(root, env) });
github.addToken(TOKEN, { login: 'bench', scopes: ['repo'] });
try {
  const home = join(tmp.path, 'home');
  mkdirSync(home);
  const cliEnv = {
    ...env,
    METAWSM_HOME: home,
    METAWSM_GITHUB_TOKEN: TOKEN,
    METAWSM_GITHUB_API_URL: github.baseUrl,
  };
  await cli(['policy', 'init'], cliEnv, home);
  const policyFile = join(home, '.metawsm', 'policy.json');
  const policy = JSON.parse(readFileSync(policyFile, 'utf8'));
  policy.git_pr.review_feedback = {
    ...policy.git_pr.review_feedback,
    enabled: true,
    max_items_per_sync: 10_000,
  };
  writeFileSync(policyFile, JSON.stringify(policy, null, 2));
  const repoArgs = [];
  for (let i = 0; i < PRS; i++) {
    const name = `r${i}`;
    const bare = buildOrigin(root, name, 200, env);
    github.addRepo('acme', name, { permissions: { bench: { admin: true, push: true, pull: true } } });
    const ws = join(tmp.path, `ws-${name}`);
    sh(tmp.path, ['clone', '-q', bare, ws], env);
    sh(ws, ['remote', 'set-url', 'origin', server.urlFor(`acme/${name}`)], env);
    agentChanges(ws, env);
    repoArgs.push('--repo', `${name}=${ws}`);
  }
  const runs = [];
  for (let rep = 0; rep < REPS; rep++) {
    const id = `bench-${rep}`;
    await cli(
      ['run', 'create', '--ticket', `B-${rep}`, ...repoArgs, '--run-id', id, '--status', 'completed'],
      cliEnv,
      home,
    );
    await cli(['commit', '--run-id', id], cliEnv, home);
    const pr = await cli(['pr', '--run-id', id, '--json'], cliEnv, home);
    for (const t of pr.json.targets) seedFeedback(github, t.repo, t.number, t.commitSha);
    runs.push(id);
  }
  github.setLatency(LATENCY);
  // --profile DIR: CPU profiles of the syncs (node --cpu-prof) for analysis.
  if (flags.profile) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${flags.profile}`);
  const first = [];
  const idle = [];
  let firstStats = null;
  let idleStats = null;
  const stats = () => {
    const graphql = github.requests.filter((r) => r.route === '/graphql').length;
    const rest = github.requests.filter((r) => r.route !== '/graphql');
    const at = github.requests.map((r) => r.atMs);
    const spanS = (Math.max(...at) - Math.min(...at) + LATENCY) / 1000;
    return { graphql, rest: rest.length, non304: rest.filter((r) => r.status !== 304).length, spanS };
  };
  const cpu = { first: [], idle: [], standInFirst: [], standInIdle: [] };
  const served = (f) => async () => {
    const before = process.cpuUsage();
    const r = await f();
    const d = process.cpuUsage(before);
    return { ...r, standIn: (d.user + d.system) / 1e6 };
  };
  for (const id of runs) {
    github.requests.length = 0;
    const a = await served(() => cli(['review', 'sync', '--run-id', id, '--json'], cliEnv, home))();
    cpu.first.push(a.cpu);
    cpu.standInFirst.push(a.standIn);
    const items = a.json.targets.reduce((n, t) => n + t.counts.new, 0);
    if (items !== PRS * ITEMS) throw new Error(`expected ${PRS * ITEMS} new items, got ${items}`);
    first.push(a.seconds);
    firstStats ??= stats();
    github.requests.length = 0;
    const b = await served(() => cli(['review', 'sync', '--run-id', id, '--json'], cliEnv, home))();
    cpu.idle.push(b.cpu);
    cpu.standInIdle.push(b.standIn);
    if (b.json.targets.some((t) => t.counts.new + t.counts.reopened + t.counts.updated > 0))
      throw new Error('idle re-sync changed items');
    idle.push(b.seconds);
    idleStats ??= stats();
    if (process.env.BENCH_TIMELINE) {
      const t0 = Math.min(...github.requests.map((r) => r.atMs));
      const buckets = new Map();
      for (const r of github.requests) {
        const k = Math.floor((r.atMs - t0) / 100);
        buckets.set(k, (buckets.get(k) ?? 0) + 1);
      }
      console.log(
        [...buckets]
          .sort((a, b) => a[0] - b[0])
          .map(([k, n]) => `${k * 100}ms:${n}`)
          .join(' '),
      );
    }
  }
  console.log(
    `bench/review — ${PRS} open PRs x ${ITEMS} review items, ${LATENCY} ms added to every GitHub request, ${REPS} runs`,
  );
  console.log(
    `first review sync:  median ${median(first).toFixed(2)} s  (each ${first.map((s) => s.toFixed(2)).join(', ')})  target <= 3 s`,
  );
  console.log(
    `  requests: ${firstStats.rest} REST, ${firstStats.graphql} GraphQL queries; first to last request ${firstStats.spanS.toFixed(2)} s`,
  );
  console.log(
    `  CPU: metawsm ${median(cpu.first).toFixed(2)} s, the stand-in (one thread, serving every request) ${median(cpu.standInFirst).toFixed(2)} s`,
  );
  console.log(
    `idle re-sync:       median ${median(idle).toFixed(2)} s  (each ${idle.map((s) => s.toFixed(2)).join(', ')})  target <= 1 s`,
  );
  console.log(
    `  requests: ${idleStats.rest} REST of which ${idleStats.non304} not 304 (target 0), ${idleStats.graphql} GraphQL queries; first to last request ${idleStats.spanS.toFixed(2)} s`,
  );
  console.log(
    `  CPU: metawsm ${median(cpu.idle).toFixed(2)} s, the stand-in ${median(cpu.standInIdle).toFixed(2)} s`,
  );
} finally {
  await server.close();
  await github.close();
  tmp.cleanup();
}
