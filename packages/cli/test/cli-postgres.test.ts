import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '@metawsm/adapters/store';
import { parseDatabaseUrl, type StoreLocation } from '@metawsm/core';
import { testPgServer, type TestPgServer } from '@metawsm/testkit';
import { BIN, runCli, type CliRun } from './support/cli.js';
import { scenario, type Scenario } from './support/scenario.js';

// The CLI on a real PostgreSQL server (the run's shared test cluster): selection, status, a team
// of two "hosts" sharing one run, store copy, and large outputs.

let server: TestPgServer;
let s: Scenario;
const databases: string[] = [];

beforeAll(async () => {
  server = await testPgServer();
  s = await scenario();
});
afterAll(async () => {
  await s?.close();
  for (const url of databases) await server.dropDatabase(url);
});

async function database(): Promise<string> {
  const url = await server.createDatabase();
  databases.push(url);
  return url;
}

/** The URL as `status` must print it: no password. */
function withoutPassword(url: string): string {
  const u = new URL(url);
  return `postgres://${u.username}@${u.host}${u.pathname}`;
}

function home(name: string): string {
  const dir = join(s.tmp.path, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function cli(args: string[], env: NodeJS.ProcessEnv, cwd = s.home): Promise<CliRun> {
  return runCli(args, { cwd, env });
}

it('METAWSM_DATABASE_URL selects PostgreSQL: status names it without the password and no SQLite file appears', async () => {
  const url = await database();
  const password = new URL(url).password;
  const h = home('pg-status');
  const env = { ...s.env, METAWSM_HOME: h, METAWSM_DATABASE_URL: url };
  const json = await cli(['status', '--json'], env);
  expect(json.code).toBe(0);
  expect(json.json.store).toEqual({ kind: 'postgres', location: withoutPassword(url) });
  const text = await cli(['status'], env);
  expect(text.stdout).toContain(`store: postgres ${withoutPassword(url)}`);
  for (const r of [json, text]) expect(r.stdout + r.stderr).not.toContain(password);
  expect(existsSync(join(h, '.metawsm', 'metawsm.db'))).toBe(false);

  // Without the variable the home's SQLite file is the store: a folder that is no home yet is refused
  // (read-only commands never create one), and once it is a home, status names the file.
  const noHome = await cli(['status', '--json'], { ...s.env, METAWSM_HOME: h });
  expect(noHome.code).toBe(2);
  expect(noHome.json.error.code).toBe('HOME_NOT_FOUND');
  mkdirSync(join(h, '.metawsm'));
  const sqlite = await cli(['status', '--json'], { ...s.env, METAWSM_HOME: h });
  expect(sqlite.json.store).toEqual({ kind: 'sqlite', location: join(h, '.metawsm', 'metawsm.db') });
  expect(existsSync(join(h, '.metawsm', 'metawsm.db'))).toBe(false);
});

it('--database-url wins over the variable; a malformed URL is exit 2 naming the flag or the variable', async () => {
  const url = await database();
  const env = { ...s.env, METAWSM_HOME: home('pg-flag'), METAWSM_DATABASE_URL: 'postgres://u:pw@h:0/x' };
  const bad = await cli(['status', '--json'], env);
  expect(bad.code).toBe(2);
  expect(bad.json.error).toMatchObject({
    code: 'DATABASE_URL_INVALID',
    data: { source: 'METAWSM_DATABASE_URL' },
  });
  const flag = await cli(['status', '--json', '--database-url', url], env);
  expect(flag.code).toBe(0);
  expect(flag.json.store.location).toBe(withoutPassword(url));
  const badFlag = await cli(['run', 'list', '--json', '--database-url', 'mysql://u@h/db'], env);
  expect(badFlag.code).toBe(2);
  expect(badFlag.json.error).toMatchObject({
    code: 'DATABASE_URL_INVALID',
    data: { source: '--database-url' },
  });
});

/** Start `metawsm commit` paused inside its run lock; resolves once it is paused (null if it exited first). */
function pausedCommit(runId: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, 'commit', '--run-id', runId, '--json'], {
    cwd: s.home,
    env: { ...env, METAWSM_TEST_PAUSE_AT: 'commit.snapshot:done', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<{ code: number | null; stdout: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout })),
  );
  const paused = new Promise<boolean>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('METAWSM_PAUSED')) resolve(true);
    });
    void exited.then(() => resolve(false));
  });
  return { child, paused, exited };
}

it('two hosts race for one run: one holds the lock, the other gets exit 4 naming it; after the lease the takeover works', async () => {
  const url = await database();
  const hosts = ['host-a', 'host-b'].map((host) => ({
    host,
    env: {
      ...s.env,
      METAWSM_HOME: home(`team-${host}`),
      METAWSM_DATABASE_URL: url,
      METAWSM_TEST_HOSTNAME: host,
      METAWSM_TEST_LOCK_LEASE_MS: '8000',
    },
  }));
  const created = await cli(
    ['run', 'create', '--ticket', 'T-9', '--repo', `api=${s.ws}`, '--status', 'completed', '--json'],
    hosts[0]!.env,
  );
  expect(created.code).toBe(0);
  const runId = created.json.runId as string;
  writeFileSync(join(s.ws, 'team.txt'), 'written by the agent\n');
  // The other host sees the run: one shared state.
  expect(
    (await cli(['run', 'list', '--json'], hosts[1]!.env)).json.runs.map((r: { id: string }) => r.id),
  ).toEqual([runId]);

  const racers = hosts.map((h) => ({ ...h, cmd: pausedCommit(runId, h.env) }));
  const paused = await Promise.all(racers.map((r) => r.cmd.paused));
  expect(paused.filter(Boolean)).toHaveLength(1);
  const winner = racers[paused.indexOf(true)]!;
  const loser = racers[paused.indexOf(false)]!;
  const refused = await loser.cmd.exited;
  expect(refused.code).toBe(4);
  const holder = JSON.parse(refused.stdout).error.data.holder;
  expect(holder).toMatchObject({ host: winner.host, operation: 'commit', pid: winner.cmd.child.pid });

  // The holder dies without releasing. Its pid is gone, but on another host: only its lease frees it.
  winner.cmd.child.kill('SIGKILL');
  await winner.cmd.exited;
  const early = await cli(['commit', '--run-id', runId, '--json'], loser.env);
  expect(early.code).toBe(4);
  expect(early.json.error.data.holder.host).toBe(winner.host);
  await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(holder.leaseExpiresAt) - Date.now() + 200)));
  const late = await cli(['commit', '--run-id', runId, '--json'], loser.env);
  expect(late.code).toBe(0);
  expect(late.json.targets[0].outcome).toBe('committed');
  const status = await cli(['status', '--run-id', runId, '--json'], winner.env);
  expect(status.json.runs[0].lock).toBeNull();
  expect(status.json.runs[0].targets[0].commitSha).toBe(late.json.targets[0].commitSha);
});

it('store copy moves a SQLite home into PostgreSQL and back; a second copy without --merge is refused', async () => {
  const url = await database();
  const password = new URL(url).password;
  const h = home('copy-home');
  const env = { ...s.env, METAWSM_HOME: h };
  for (const ticket of ['T-1', 'T-2'])
    expect((await cli(['run', 'create', '--ticket', ticket, '--repo', `api=${s.ws}`], env)).code).toBe(0);
  const before = (await cli(['status', '--json'], env)).json.runs;

  const there = await cli(['store', 'copy', '--to', url, '--json'], env, h);
  expect(there.code).toBe(0);
  expect(there.json.to).toEqual({ kind: 'postgres', location: withoutPassword(url) });
  expect(there.json.tables.find((t: { table: string }) => t.table === 'runs').copied).toBe(2);
  const onPg = await cli(['status', '--json', '--database-url', url], env);
  expect(onPg.json.runs).toEqual(before);

  const again = await cli(['store', 'copy', '--to', url, '--json'], env, h);
  expect(again.code).toBe(2);
  expect(again.json.error.code).toBe('STORE_NOT_EMPTY');
  const merged = await cli(['store', 'copy', '--to', url, '--merge', '--json'], env, h);
  expect(merged.code).toBe(0);
  expect(merged.json.tables.every((t: { copied: number }) => t.copied === 0)).toBe(true);

  const back = await cli(['store', 'copy', '--from', url, '--to', 'back/metawsm.db', '--json'], env, h);
  expect(back.code).toBe(0);
  expect(back.json.to).toEqual({ kind: 'sqlite', location: join(h, 'back', 'metawsm.db') });
  const backHome = home('copy-back');
  mkdirSync(join(backHome, '.metawsm'));
  const copied = await cli(
    [
      'store',
      'copy',
      '--from',
      join(h, 'back', 'metawsm.db'),
      '--to',
      join(backHome, '.metawsm', 'metawsm.db'),
    ],
    env,
    h,
  );
  expect(copied.code).toBe(0);
  expect((await cli(['status', '--json'], { ...s.env, METAWSM_HOME: backHome })).json.runs).toEqual(before);
  for (const r of [there, again, merged, back, onPg]) expect(r.stdout + r.stderr).not.toContain(password);
});

it.each(['sqlite', 'postgres'] as const)(
  'status --json over 1000 runs (seeded through the %s store) prints them all',
  async (kind) => {
    const h = home(`many-${kind}`);
    const url = kind === 'postgres' ? await database() : null;
    const location: StoreLocation =
      url === null
        ? { kind: 'sqlite', file: join(h, '.metawsm', 'metawsm.db') }
        : { kind: 'postgres', url: parseDatabaseUrl(url, 'test'), source: 'test' };
    const store = await openStore(location);
    try {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 1000; i++) {
          const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
          const targets = [
            { ticket: `T-${i}`, repo: 'api', path: `/w/${i}`, remote: 'origin', baseBranch: 'main' },
          ];
          await tx.createRun({
            id: `run-${i}`,
            title: null,
            status: 'completed',
            tickets: [`T-${i}`],
            targets,
            baseBranch: 'main',
            createdAt: at,
            updatedAt: at,
            completedAt: at,
            closedAt: null,
          });
        }
      });
    } finally {
      await store.close();
    }
    const env = { ...s.env, METAWSM_HOME: h, ...(url === null ? {} : { METAWSM_DATABASE_URL: url }) };
    const r = await cli(['status', '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json.runs).toHaveLength(1000);
    expect(r.json.runs[0].id).toBe('run-999');
  },
);
