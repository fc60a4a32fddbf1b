import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDatabaseUrl, type RunLock, type StoreLocation, type StorePort } from '@metawsm/core';
import { canTakeOverLock } from '../../core/src/domain/lock-decision.js';
import { withRunLock, type RunLockDeps } from '../../core/src/services/run-lock.js';
import { testPgServer } from '../../testkit/src/postgres/pg-test-server.js';
import { openStore } from '../src/store/select-store.js';

// Real OS processes on one database: a SQLite file, and a database on a real PostgreSQL server.
// Children run the compiled code in dist/ (see fixtures/store-child.mjs), so `pnpm run build`
// must run before jest (the test script does). A child given METAWSM_TEST_HOSTNAME plays another host.

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = join(here, 'fixtures', 'store-child.mjs');
const DIST = [
  join(here, '..', 'dist', 'store', 'index.js'),
  join(here, '..', '..', 'core', 'dist', 'services', 'run-lock.js'),
  join(here, '..', '..', 'core', 'dist', 'domain', 'database-url.js'),
];

const OTHER_HOST = 'another-host.test';

interface Child {
  proc: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Resolves with the first stdout line that parses as JSON having `key`. */
  message<T>(key: string): Promise<T>;
}

function startChild(args: string[], host?: string): Child {
  const env = { ...process.env, ...(host === undefined ? {} : { METAWSM_TEST_HOSTNAME: host }) };
  const proc = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  proc.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    waiters.forEach((w) => w());
  });
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
      waiters.forEach((w) => w());
    });
  });
  const message = <T>(key: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        for (const line of stdout.split('\n')) {
          const parsed = tryJson(line);
          if (parsed !== null && key in parsed) return resolve(parsed[key] as T);
        }
        if (proc.exitCode !== null || proc.signalCode !== null)
          reject(new Error(`child exited without "${key}": ${stderr}`));
      };
      waiters.push(check);
      check();
    });
  return { proc, exited, message };
}

function tryJson(line: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function realPorts(store: StorePort): RunLockDeps {
  return {
    store,
    clock: {
      nowMs: () => Date.now(),
      timezoneOffsetMinutes: () => 0,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    },
    ids: { randomHex: (bytes = 8) => randomBytes(bytes).toString('hex') },
    process: {
      pid: process.pid,
      hostname: hostname(),
      env: (n) => process.env[n],
      isAlive,
      run: () => Promise.reject(new Error('unused')),
      terminateChildren: () => Promise.resolve(0),
      which: () => Promise.resolve(null),
    },
  };
}

const children: Child[] = [];

beforeAll(() => {
  const missing = DIST.filter((p) => !existsSync(p));
  if (missing.length > 0)
    throw new Error(`compiled code missing (${missing.join(', ')}): run \`pnpm run build\` first`);
});

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await c.exited;
  }
});

function spawnChild(args: string[], host?: string): Child {
  const child = startChild(args, host);
  children.push(child);
  return child;
}

/** A fresh database per test: a SQLite file, or a database on the test PostgreSQL server. */
interface Db {
  /** What a child gets as <db>: a file path or a postgres:// URL. */
  spec: string;
  location: StoreLocation;
  cleanup(): Promise<void>;
}

const DIALECTS: Record<'SQLite' | 'PostgreSQL', () => Promise<Db>> = {
  SQLite: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'metawsm-procs-'));
    const file = join(dir, '.metawsm', 'metawsm.db');
    return {
      spec: file,
      location: { kind: 'sqlite', file },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  },
  PostgreSQL: async () => {
    const server = await testPgServer();
    const url = await server.createDatabase();
    const location: StoreLocation = { kind: 'postgres', url: parseDatabaseUrl(url, 'test'), source: 'test' };
    return { spec: url, location, cleanup: () => server.dropDatabase(url) };
  },
};

describe.each(Object.keys(DIALECTS) as (keyof typeof DIALECTS)[])(
  '%s store shared by real processes',
  (dialect) => {
    let db: Db;
    beforeEach(async () => {
      db = await DIALECTS[dialect]();
    });
    afterEach(() => db.cleanup());

    async function withStore<T>(fn: (store: StorePort) => Promise<T>): Promise<T> {
      const store = await openStore(db.location);
      try {
        return await fn(store);
      } finally {
        await store.close();
      }
    }

    async function acquireInParent(operation: string): Promise<{ previous: RunLock[]; lock: RunLock }> {
      const previous: RunLock[] = [];
      const lock = await withStore((store) =>
        withRunLock(
          realPorts(store),
          { runId: 'run-1', operation, onTakeOver: (p) => previous.push(p) },
          (l) => Promise.resolve(l),
        ),
      );
      return { previous, lock };
    }

    it('8 processes x 50 transactions on a fresh database: all exit 0, no errors, all 400 rows present', async () => {
      const workers = 8;
      const perWorker = 50;
      const started = performance.now();
      const results = await Promise.all(
        Array.from(
          { length: workers },
          (_, w) => spawnChild(['contention', db.spec, String(w), String(perWorker)]).exited,
        ),
      );
      const elapsedMs = performance.now() - started;
      for (const r of results)
        expect({ code: r.code, signal: r.signal, stderr: r.stderr }).toEqual({
          code: 0,
          signal: null,
          stderr: '',
        });
      await withStore(async (store) => {
        expect(await store.listEvents({ type: 'test.write' })).toHaveLength(workers * perWorker);
        for (let w = 0; w < workers; w++) {
          const events = await store.listEvents({ runId: `run-w${w}` });
          expect(events.map((e) => e.data['i'])).toEqual(Array.from({ length: perWorker }, (_, i) => i));
          expect(await store.listPullRequests(`run-w${w}`)).toHaveLength(perWorker);
        }
        expect(await store.listRuns()).toHaveLength(workers);
      });
      // Printed for the record (the report quotes it); the bound only catches pathological stalls.
      console.log(`${dialect} 8x50 contention: ${Math.round(elapsedMs)} ms`);
      expect(elapsedMs).toBeLessThan(45_000);
    });

    it('refuses a live holder with RUN_LOCKED naming it, and takes over once it is SIGKILLed (same host)', async () => {
      const child = spawnChild(['hold', db.spec, 'run-1', 'pr']);
      const held = await child.message<RunLock>('locked');
      expect(held).toMatchObject({ pid: child.proc.pid, host: hostname(), operation: 'pr' });

      await expect(acquireInParent('commit')).rejects.toMatchObject({
        code: 'RUN_LOCKED',
        data: { holder: { operation: 'pr', pid: child.proc.pid, ownerId: held.ownerId } },
      });

      child.proc.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');
      const { previous, lock } = await acquireInParent('commit');
      expect(previous).toEqual([held]);
      expect(lock).toMatchObject({ pid: process.pid, operation: 'commit' });
    });

    it('a dead holder on another host is taken over only once its lease has expired', async () => {
      const child = spawnChild(['hold', db.spec, 'run-1', 'pr', '2500', '3600000'], OTHER_HOST);
      const held = await child.message<RunLock>('locked');
      expect(held.host).toBe(OTHER_HOST);
      child.proc.kill('SIGKILL');
      await child.exited;
      // Its pid is gone here, but it ran on another host: this host cannot tell, so the lease decides.
      await expect(acquireInParent('commit')).rejects.toMatchObject({
        code: 'RUN_LOCKED',
        data: { holder: { host: OTHER_HOST, ownerId: held.ownerId } },
      });
      await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(held.leaseExpiresAt) - Date.now() + 50)));
      const { previous } = await acquireInParent('commit');
      expect(previous).toEqual([held]);
    });

    it('lease renewal keeps a live holder on another host in place for several lease lengths', async () => {
      const child = spawnChild(['hold', db.spec, 'run-1', 'commit', '900', '150'], OTHER_HOST);
      const held = await child.message<RunLock>('locked');
      const observed: string[] = [];
      const until = Date.now() + 3000;
      while (Date.now() < until) {
        const holder = await withStore((s) => s.getRunLock('run-1'));
        expect(holder?.ownerId).toBe(held.ownerId);
        // What another host decides: never takeable while renewals keep coming.
        expect(canTakeOverLock(holder!, { host: hostname(), nowMs: Date.now(), isAlive: () => false })).toBe(
          false,
        );
        observed.push(holder!.leaseExpiresAt);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(new Set(observed).size).toBeGreaterThan(3);
      await expect(acquireInParent('pr')).rejects.toMatchObject({ code: 'RUN_LOCKED' });
    });

    it('takes over an expired lease even though its holder is alive', async () => {
      const child = spawnChild(['hold', db.spec, 'run-1', 'review sync', '1', '3600000']);
      const held = await child.message<RunLock>('locked');
      await new Promise((r) => setTimeout(r, 20));
      const { previous } = await acquireInParent('commit');
      expect(previous).toEqual([held]);
      expect(isAlive(held.pid)).toBe(true);
      expect(child.proc.exitCode).toBeNull();
    });

    it('releases the lock when the holder exits normally', async () => {
      const child = spawnChild(['brief', db.spec, 'run-1']);
      const held = await child.message<RunLock>('locked');
      const exit = await child.exited;
      expect({ code: exit.code, stderr: exit.stderr }).toEqual({ code: 0, stderr: '' });
      expect(held.pid).toBe(child.proc.pid);
      expect(await withStore((s) => s.getRunLock('run-1'))).toBeNull();
    });

    it('releases the lock through releaseHeldLocks on SIGTERM', async () => {
      const child = spawnChild(['hold', db.spec, 'run-1', 'pr']);
      await child.message<RunLock>('locked');
      child.proc.kill('SIGTERM');
      expect((await child.exited).code).toBe(143);
      const { previous } = await acquireInParent('commit');
      expect(previous).toEqual([]);
    });
  },
);

describe('SQLite readers never wait for a writer (issue 10 item 13)', () => {
  it('with another process inside a write transaction, opening and reading take no write lock', async () => {
    const db = await DIALECTS.SQLite();
    try {
      const seed = await openStore(db.location);
      await seed.appendEvent({
        runId: null,
        ticket: null,
        repo: null,
        type: 'test.committed',
        phase: 'info',
        operationId: 'op-seed',
        actor: null,
        data: {},
        at: new Date().toISOString(),
      });
      await seed.close();
      const writer = spawnChild(['write-hold', db.spec]);
      expect(await writer.message<boolean>('holding')).toBe(true);

      for (const readOnly of [false, true]) {
        const started = performance.now();
        const store = await openStore(db.location, { readOnly });
        try {
          const types = (await store.listEvents()).map((e) => e.type);
          const elapsedMs = performance.now() - started;
          expect(types).toEqual(['test.committed']);
          // SQLite's busy timeout is 5 s: a reader queuing behind the writer would take at least that.
          expect(elapsedMs).toBeLessThan(4000);
        } finally {
          await store.close();
        }
      }
    } finally {
      await db.cleanup();
    }
  });
});
