import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pgQuery, startPgCluster, type PgCluster } from '@metawsm/testkit';
import { BIN, runCli, type CliRun } from './support/cli.js';
import { scenario, type Scenario } from './support/scenario.js';

// The CLI against a private PostgreSQL cluster that this suite breaks: a wrong password, a server
// that is gone, a server restarted or stopped while a command runs.

const CANARY = 'pg-password-canary-93e1';
let cluster: PgCluster;
let s: Scenario;
let counter = 0;

beforeAll(async () => {
  cluster = await startPgCluster();
  s = await scenario();
});
afterAll(async () => {
  await s?.close();
  await cluster?.stop();
});

const adminOf = (database: string): string => cluster.adminUrl.replace(/\/postgres$/, `/${database}`);

/** A fresh database and an environment (own home) using it. */
async function team(): Promise<{ name: string; url: string; env: NodeJS.ProcessEnv }> {
  const name = `cli_${++counter}`;
  await pgQuery(cluster.adminUrl, `create database ${name}`);
  const url = `postgres://postgres:${cluster.password}@127.0.0.1:${cluster.port}/${name}`;
  const home = join(s.tmp.path, name);
  mkdirSync(home);
  return { name, url, env: { ...s.env, METAWSM_HOME: home, METAWSM_DATABASE_URL: url } };
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return runCli(args, { cwd: s.home, env });
}

async function completedRun(env: NodeJS.ProcessEnv, ticket: string): Promise<string> {
  const r = await cli(
    ['run', 'create', '--ticket', ticket, '--repo', `api=${s.ws}`, '--status', 'completed', '--json'],
    env,
  );
  expect(r.code).toBe(0);
  writeFileSync(join(s.ws, `${ticket}.txt`), `change for ${ticket}\n`);
  return r.json.runId as string;
}

/** `metawsm commit` that pauses `pauseMs` right after its snapshot (inside the run lock); resolves when paused. */
function commitPausing(runId: string, env: NodeJS.ProcessEnv, pauseMs: number) {
  const child = spawn(process.execPath, [BIN, 'commit', '--run-id', runId, '--json'], {
    cwd: s.home,
    env: { ...env, METAWSM_TEST_PAUSE_AT: 'commit.snapshot:done', METAWSM_TEST_PAUSE_MS: String(pauseMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => {
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ code, signal, stdout, stderr, json });
    }),
  );
  const paused = new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('METAWSM_PAUSED')) resolve();
    });
    void done.then(() => reject(new Error(`commit exited before pausing: ${stderr}`)));
  });
  return { paused, done };
}

it('a wrong password is exit 2 with the URL redacted; the password is never printed', async () => {
  const { url, env } = await team();
  const wrong = url.replace(`:${cluster.password}@`, `:${CANARY}@`);
  for (const args of [
    ['status', '--json'],
    ['run', 'list'],
  ]) {
    const r = await cli(args, { ...env, METAWSM_DATABASE_URL: wrong });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(CANARY);
    expect(r.stdout + r.stderr).toContain(`127.0.0.1:${cluster.port}`);
    if (args.includes('--json')) expect(r.json.error.code).toBe('DATABASE_AUTH_FAILED');
    else expect(r.stderr).toContain('DATABASE_AUTH_FAILED');
  }
});

it('the password in the URL ends up in no output, event or row', async () => {
  const { name, env } = await team();
  const runId = await completedRun(env, 'P-1');
  const outputs = [
    await cli(['status', '--json'], env),
    await cli(['run', 'list'], env),
    await cli(['commit', '--run-id', runId, '--json'], env),
  ];
  expect(outputs[2]!.code).toBe(0);
  for (const r of outputs) expect(r.stdout + r.stderr).not.toContain(cluster.password);
  const rows: unknown[] = [];
  for (const table of ['runs', 'targets', 'pull_requests', 'review_feedback', 'events', 'run_locks'])
    rows.push(...(await pgQuery(adminOf(name), `select * from ${table}`)));
  expect(rows.length).toBeGreaterThan(3);
  expect(JSON.stringify(rows)).not.toContain(cluster.password);
});

it('an unreachable server is exit 7 after bounded retries', async () => {
  const { env } = await team();
  const started = Date.now();
  const r = await cli(['status', '--json'], {
    ...env,
    METAWSM_DATABASE_URL: `postgres://postgres:${CANARY}@127.0.0.1:1/x`,
  });
  expect(r.code).toBe(7);
  expect(r.json.error.code).toBe('DATABASE_UNREACHABLE');
  expect(r.stdout + r.stderr).not.toContain(CANARY);
  expect(Date.now() - started).toBeLessThan(20_000);
});

it('a server restarted in the middle of a commit: the command retries through and records everything', async () => {
  const { env } = await team();
  const runId = await completedRun(env, 'R-1');
  const commit = commitPausing(runId, env, 3000);
  await commit.paused;
  await cluster.restart();
  const r = await commit.done;
  expect(r.code).toBe(0);
  const target = (r.json as { targets: { outcome: string; commitSha: string }[] }).targets[0]!;
  expect(target.outcome).toBe('committed');
  const status = await cli(['status', '--run-id', runId, '--json'], env);
  expect(status.json.runs[0].lock).toBeNull();
  expect(status.json.runs[0].targets[0].commitSha).toBe(target.commitSha);
});

it('a server stopped in the middle of a commit: exit 7, and the next run of the command completes it', async () => {
  const { env } = await team();
  const runId = await completedRun(env, 'S-1');
  const commit = commitPausing(runId, env, 1500);
  await commit.paused;
  await cluster.stopServer();
  let r: CliRun;
  try {
    r = await commit.done;
  } finally {
    await cluster.startServer();
  }
  expect(r.code).toBe(7);
  expect((r.json as { error?: { code: string } }).error?.code ?? JSON.stringify(r.json)).toMatch(
    /DATABASE_UNREACHABLE/,
  );
  // The dead command's lock (same host, pid gone) is taken over; the promotion is redone from the journal.
  const again = await cli(['commit', '--run-id', runId, '--json'], env);
  expect(again.code).toBe(0);
  expect(['committed', 'unchanged']).toContain(again.json.targets[0].outcome);
  const status = await cli(['status', '--run-id', runId, '--json'], env);
  expect(status.json.runs[0].lock).toBeNull();
  expect(status.json.runs[0].targets[0].commitSha).toBe(again.json.targets[0].commitSha);
});
