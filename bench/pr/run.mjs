#!/usr/bin/env node
// bench/pr: 8 targets against local stand-ins that add 100 ms of latency to every request.
// 1. Concurrency: wall time of one `metawsm pr` over 8 targets vs the sum of 8 single-target runs
//    (target <= 0.35: real concurrency).
// 2. Pack size: bytes metawsm's push sends vs `git push` of the same commit to an identical remote
//    (target <= 1.2x).
// Usage: node bench/pr/run.mjs [--targets 8] [--latency 100] [--files 1000]
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  branchesFromBareRepos,
  gitAsync,
  isolatedGitEnv,
  makeTempDir,
  startGitHttpServer,
  startGitHubStandIn,
} from '../../packages/testkit/dist/index.js';
import { intFlag, parseArgs } from '../lib/args.mjs';
import { agentChanges, buildOrigin, moveBase, sh } from '../lib/synthetic-repo.mjs';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url));
const USAGE = `usage: node bench/pr/run.mjs [--targets 8] [--latency 100] [--files 1000]`;
const { flags } = parseArgs(process.argv.slice(2), { targets: '8', latency: '100', files: '1000' }, USAGE);
const N = intFlag('targets', flags.targets);
const LATENCY = intFlag('latency', flags.latency);
const FILES = intFlag('files', flags.files);
const TOKEN = 'bench-token-0123456789';

function cli(args, env, cwd) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`metawsm ${args.join(' ')} exited ${code}: ${err}${out}`));
      else resolve({ seconds, json: args.includes('--json') ? JSON.parse(out) : null });
    });
  });
}

const tmp = makeTempDir('metawsm-bench-pr-');
const root = join(tmp.path, 'remotes');
mkdirSync(join(root, 'acme'), { recursive: true });
const env = isolatedGitEnv(tmp.path);
sh(tmp.path, ['config', '--global', 'user.name', 'Bench Agent'], env);
sh(tmp.path, ['config', '--global', 'user.email', 'bench@example.com'], env);
sh(tmp.path, ['config', '--global', 'gc.auto', '0'], env);
const server = await startGitHttpServer({ root, token: TOKEN });
const github = await startGitHubStandIn({ branchExists: branchesFromBareRepos(root, env) });
github.addToken(TOKEN, { login: 'bench', scopes: ['repo'] });
try {
  const repos = [];
  for (let i = 0; i < N; i++) {
    const name = `r${i}`;
    const bare = buildOrigin(root, name, FILES, env);
    github.addRepo('acme', name, { permissions: { bench: { admin: true, push: true, pull: true } } });
    const ws = join(tmp.path, `ws-${name}`);
    sh(tmp.path, ['clone', '-q', bare, ws], env);
    sh(ws, ['remote', 'set-url', 'origin', server.urlFor(`acme/${name}`)], env);
    agentChanges(ws, env);
    moveBase(root, bare, FILES, 50, env);
    repos.push({ name, bare, ws });
  }
  const home = join(tmp.path, 'home');
  mkdirSync(home);
  const cliEnv = {
    ...env,
    METAWSM_HOME: home,
    METAWSM_GITHUB_TOKEN: TOKEN,
    METAWSM_GITHUB_API_URL: github.baseUrl,
  };
  execFileSync(process.execPath, [BIN, 'policy', 'init'], { cwd: home, env: cliEnv });
  const repoArgs = repos.flatMap((r) => ['--repo', `${r.name}=${r.ws}`]);
  for (const id of ['all', 'single']) {
    execFileSync(
      process.execPath,
      [BIN, 'run', 'create', '--ticket', 'B-1', ...repoArgs, '--run-id', id, '--status', 'completed'],
      { cwd: home, env: cliEnv },
    );
    await cli(['commit', '--run-id', id], cliEnv, home);
  }
  // An identical copy of r0's remote, for `git push` of the same commit.
  cpSync(repos[0].bare, join(root, 'acme', 'r0-copy.git'), { recursive: true });

  server.requests.length = 0;
  github.setLatency(LATENCY);
  // The git server's latency is fixed at start; emulate it with a request hook.
  server.onRequest(() => new Promise((r) => setTimeout(r, LATENCY)));
  const all = await cli(['pr', '--run-id', 'all', '--json'], cliEnv, home);
  const outcomes = all.json.targets.map((t) => t.outcome);
  if (!outcomes.every((o) => o === 'created')) throw new Error(`unexpected outcomes ${outcomes}`);
  const oursBytes = server.requests.find(
    (r) => r.method === 'POST' && r.url === '/acme/r0.git/git-receive-pack',
  ).requestBytes;
  let sum = 0;
  const singles = [];
  for (const r of repos) {
    const one = await cli(['pr', '--run-id', 'single', '--repo', r.name, '--json'], cliEnv, home);
    singles.push(one.seconds);
    sum += one.seconds;
  }
  const commit = all.json.targets.find((t) => t.repo === 'r0').commitSha;
  server.requests.length = 0;
  const authed = server.urlFor('acme/r0-copy').replace('http://', `http://x:${TOKEN}@`);
  await gitAsync(repos[0].ws, ['push', '-q', authed, `${commit}:refs/heads/native`], { env });
  const gitBytes = server.requests.find(
    (r) => r.method === 'POST' && r.url.endsWith('git-receive-pack'),
  ).requestBytes;

  console.log(
    `bench/pr — ${N} targets, ${LATENCY} ms added to every git and GitHub request, ${FILES}-file repos`,
  );
  console.log(`one \`metawsm pr\` over ${N} targets: ${all.seconds.toFixed(2)} s`);
  console.log(
    `sum of ${N} single-target runs:      ${sum.toFixed(2)} s  (each ${singles.map((s) => s.toFixed(2)).join(', ')})`,
  );
  console.log(`ratio: ${(all.seconds / sum).toFixed(3)}  (target <= 0.35)`);
  console.log(
    `push request bytes, same commit: metawsm ${oursBytes} B, git push ${gitBytes} B, ratio ${(oursBytes / gitBytes).toFixed(3)}  (target <= 1.2)`,
  );
} finally {
  await server.close();
  await github.close();
  tmp.cleanup();
}
