#!/usr/bin/env node
// bench/store: the store on SQLite vs PostgreSQL (local Unix socket), side by side.
// 1. Contention: <workers> processes x <writes> writes each, started together: throughput and
//    p50/p99 latency per write. A write is one store transaction of two rows (an event and a
//    pull-request record, `tx`) or a single appendEvent (`event`). PostgreSQL runs with fsync on,
//    once with synchronous_commit=on (every commit waits for its WAL flush) and once with
//    synchronous_commit=off (like SQLite's WAL + synchronous=NORMAL: no flush wait per commit).
// 2. `metawsm status --json` over <runs> open runs (2 targets and 2 records each), seeded
//    directly through the store: whole-process wall time, median of <reps> (target <= 300 ms).
// Usage: node bench/store/run.mjs [--workers 8] [--writes 50] [--runs 1000] [--reps 5]
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from '../../packages/testkit/node_modules/pg/lib/index.js';
import { parseDatabaseUrl, statusReport } from '../../packages/core/dist/index.js';
import { openStore } from '../../packages/adapters/dist/store/index.js';
import { makeTempDir, startPgCluster, stopPgClusterSync } from '../../packages/testkit/dist/index.js';
import { intFlag, parseArgs } from '../lib/args.mjs';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url));
const WRITER = fileURLToPath(new URL('./writer.mjs', import.meta.url));
const USAGE = `usage: node bench/store/run.mjs [--workers 8] [--writes 50] [--runs 1000] [--reps 5]`;
const { flags } = parseArgs(
  process.argv.slice(2),
  { workers: '8', writes: '50', runs: '1000', reps: '5' },
  USAGE,
);
const WORKERS = intFlag('workers', flags.workers);
const WRITES = intFlag('writes', flags.writes);
const RUNS = intFlag('runs', flags.runs);
const REPS = intFlag('reps', flags.reps);

const tmp = makeTempDir('metawsm-bench-store-');
const cluster = await startPgCluster({
  settings: { fsync: 'on', full_page_writes: 'on', synchronous_commit: 'on' },
});
// Never leave the server running, even when the bench dies of an uncaught error.
process.once('exit', () => stopPgClusterSync(cluster.handle));
let dbCounter = 0;

/** A fresh, migrated store: a SQLite file, or a PostgreSQL database reached over the Unix socket. */
async function freshStore(kind, syncCommit = 'on') {
  let spec;
  if (kind === 'sqlite') {
    const dir = join(tmp.path, `home-${++dbCounter}`);
    mkdirSync(join(dir, '.metawsm'), { recursive: true });
    spec = join(dir, '.metawsm', 'metawsm.db');
  } else {
    const name = `bench_${++dbCounter}`;
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.query(`alter database ${name} set synchronous_commit = ${syncCommit}`);
    await admin.end();
    spec = `postgres:///${name}?host=${cluster.socketDir}&port=${cluster.port}&user=postgres`;
  }
  const location = spec.startsWith('postgres')
    ? { kind: 'postgres', url: parseDatabaseUrl(spec, 'bench'), source: 'bench' }
    : { kind: 'sqlite', file: spec };
  await (await openStore(location)).close();
  return { spec, location };
}

function writer(spec, worker, mode) {
  const child = spawn(process.execPath, [WRITER, spec, String(worker), String(WRITES), mode], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  const lines = [];
  const waiters = [];
  child.stdout.on('data', (d) => {
    out += d;
    const parts = out.split('\n');
    out = parts.pop();
    for (const p of parts) lines.push(JSON.parse(p));
    waiters.splice(0).forEach((w) => w());
  });
  const next = (key) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const hit = lines.find((l) => key in l);
        if (hit) return resolve(hit[key]);
        if (child.exitCode !== null) return reject(new Error(`writer exited ${child.exitCode}`));
        waiters.push(check);
      };
      child.on('close', check);
      check();
    });
  return { child, next };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function contention(kind, mode, syncCommit) {
  const { spec } = await freshStore(kind, syncCommit);
  const writers = Array.from({ length: WORKERS }, (_, w) => writer(spec, w, mode));
  await Promise.all(writers.map((w) => w.next('ready')));
  const started = performance.now();
  writers.forEach((w) => w.child.stdin.end('go\n'));
  const latencies = (await Promise.all(writers.map((w) => w.next('latencies')))).flat().sort((a, b) => a - b);
  const seconds = (performance.now() - started) / 1000;
  return {
    writes: latencies.length,
    perSecond: latencies.length / seconds,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
  };
}

function cli(args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const ms = performance.now() - started;
      try {
        if (code !== 0) throw new Error(`metawsm ${args.join(' ')} exited ${code}: ${err}`);
        resolve({ ms, json: JSON.parse(out) });
      } catch (e) {
        reject(e);
      }
    });
  });
}

async function statusOver(kind) {
  const { spec, location } = await freshStore(kind);
  const store = await openStore(location);
  const at = (i) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  for (let i = 0; i < RUNS; i += 100) {
    await store.transaction(async (tx) => {
      for (let j = i; j < Math.min(RUNS, i + 100); j++) {
        const runId = `run-${String(j).padStart(5, '0')}`;
        const targets = ['api', 'web'].map((repo) => ({
          ticket: `T-${j}`,
          repo,
          path: `/w/${j}/${repo}`,
          remote: 'origin',
          baseBranch: 'main',
        }));
        await tx.createRun({
          id: runId,
          title: `run ${j}`,
          status: 'completed',
          tickets: [`T-${j}`],
          targets,
          baseBranch: 'main',
          createdAt: at(j),
          updatedAt: at(j),
          completedAt: at(j),
          closedAt: null,
        });
        for (const t of targets)
          await tx.putPullRequest({
            runId,
            ticket: t.ticket,
            repo: t.repo,
            branch: `t-${j}/${t.repo}/${runId}`,
            baseRef: 'refs/remotes/origin/main',
            baseSha: 'a'.repeat(40),
            snapshotSha: 'b'.repeat(40),
            commitSha: 'c'.repeat(40),
            leaseSha: null,
            lastPushedSha: 'c'.repeat(40),
            prNumber: j,
            prUrl: `https://github.com/acme/${t.repo}/pull/${j}`,
            prState: 'open',
            prTitle: `[T-${j}] x`,
            prBodyDigest: 'd',
            actor: 'octo',
            actorSource: 'github',
            credentialMode: 'env_token',
            checks: { passed: true, results: [] },
            lastError: null,
            policyDigest: 'p',
            committedAt: at(j),
            pushedAt: at(j),
            createdAt: at(j),
            updatedAt: at(j),
          });
      }
    });
  }
  await store.close();
  // PostgreSQL needs no local home for `status`, but `policy show` (the start-up yardstick) reads
  // the home's policy file: give it one.
  const pgHome = join(tmp.path, `pg-home-${dbCounter}`);
  const env = { ...process.env, METAWSM_HOME: kind === 'sqlite' ? join(spec, '..', '..') : pgHome };
  if (kind === 'postgres') {
    mkdirSync(pgHome, { recursive: true });
    env.METAWSM_DATABASE_URL = spec;
    await cli(['policy', 'init', '--json'], env);
  } else delete env.METAWSM_DATABASE_URL;
  const times = [];
  const baseline = [];
  const inProcess = [];
  for (let r = 0; r < REPS + 1; r++) {
    const { ms, json } = await cli(['status', '--json'], env);
    if (json.runs.length !== RUNS) throw new Error(`status listed ${json.runs.length} runs`);
    // Start-up alone, interleaved so both see the same machine load: a command that opens no store.
    const start = await cli(['policy', 'show', '--json'], env);
    const started = performance.now();
    const opened = await openStore(location);
    await statusReport(opened, {});
    await opened.close();
    if (r === 0) continue; // the first round warms the page cache
    times.push(ms);
    baseline.push(start.ms);
    inProcess.push(performance.now() - started);
  }
  return {
    median: median(times),
    max: Math.max(...times),
    startup: median(baseline),
    work: median(inProcess),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const f = (n, d = 1) => n.toFixed(d).padStart(9);
try {
  const configs = [
    ['SQLite (WAL, synchronous=NORMAL)', 'sqlite', 'on'],
    ['PostgreSQL synchronous_commit=off', 'postgres', 'off'],
    ['PostgreSQL synchronous_commit=on', 'postgres', 'on'],
  ];
  console.log(
    `bench/store — ${WORKERS} processes x ${WRITES} writes, started together (PostgreSQL ${(await pgVersion()).trim()}, local socket, fsync on)`,
  );
  for (const mode of ['tx', 'event']) {
    console.log(
      `\nwrite = ${mode === 'tx' ? 'one store transaction (event + pull-request record)' : 'one appendEvent'}`,
    );
    console.log('store                                 writes   writes/s    p50 ms    p99 ms');
    for (const [label, kind, sync] of configs) {
      const r = await contention(kind, mode, sync);
      console.log(
        `${label.padEnd(36)} ${String(r.writes).padStart(7)} ${f(r.perSecond, 0)} ${f(r.p50, 2)} ${f(r.p99, 2)}`,
      );
    }
  }
  console.log(`\nmetawsm status --json over ${RUNS} open runs, median of ${REPS} (target <= 300 ms)`);
  console.log(
    'store      whole process   max    start-up alone (policy show)   open + statusReport in-process',
  );
  for (const kind of ['sqlite', 'postgres']) {
    const r = await statusOver(kind);
    console.log(
      `${kind.padEnd(10)} ${f(r.median, 0)} ms ${f(r.max, 0)} ms ${f(r.startup, 0)} ms ${''.padEnd(20)} ${f(r.work, 0)} ms`,
    );
  }
} finally {
  await cluster.stop();
  tmp.cleanup();
}

async function pgVersion() {
  const c = new pg.Client({ connectionString: cluster.adminUrl });
  await c.connect();
  const { rows } = await c.query('show server_version');
  await c.end();
  return rows[0].server_version;
}
