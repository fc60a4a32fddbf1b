import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseUrl, type StoreLocation, type StorePort } from '@metawsm/core';
import { aFeedbackItem, aLock, anEvent, aPullRequestRecord, aRun, aTarget } from '@metawsm/core/testing';
import { sql } from 'kysely';
import { testPgServer, type TestPgServer } from '../../testkit/src/postgres/pg-test-server.js';
import { COPIED_TABLES, NOT_COPIED_TABLES } from '../src/store/copy/copied-tables.js';
import { openStoreHandle, type AnyDb } from '../src/store/copy/store-handle.js';
import { copyStore, openStore } from '../src/store/select-store.js';

// `store copy` between real SQLite files and a real PostgreSQL server: every table compared row by row.

let dir: string;
let server: TestPgServer;
const databases: string[] = [];

beforeAll(async () => {
  server = await testPgServer();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'metawsm-copy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  for (const url of databases.splice(0)) await server.dropDatabase(url);
});

const sqlite = (name: string): StoreLocation => ({ kind: 'sqlite', file: join(dir, name) });
async function postgres(): Promise<StoreLocation> {
  const url = await server.createDatabase();
  databases.push(url);
  return { kind: 'postgres', url: parseDatabaseUrl(url, 'test'), source: 'test' };
}

async function withStore<T>(location: StoreLocation, fn: (store: StorePort) => Promise<T>): Promise<T> {
  const store = await openStore(location);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Two runs with every kind of row, values that differ between dialects if mishandled. */
async function seed(store: StorePort, prefix: string): Promise<void> {
  const run = aRun({
    id: `${prefix}-run-1`,
    title: 'Ünïcode “title” — ok',
    tickets: ['T-1', 'T-2'],
    targets: [aTarget({ ticket: 'T-1', repo: 'api' }), aTarget({ ticket: 'T-2', repo: 'web', path: '/w/2' })],
  });
  await store.createRun(run);
  await store.createRun(aRun({ id: `${prefix}-run-2`, status: 'running', completedAt: null }));
  await store.putPullRequest(
    aPullRequestRecord({
      runId: run.id,
      ticket: 'T-1',
      repo: 'api',
      prNumber: 7,
      lastError: { code: 'X', message: 'm', at: run.createdAt },
    }),
  );
  await store.putFeedback([
    aFeedbackItem({ runId: run.id, ticket: 'T-1', repo: 'api', githubId: 3_000_000_123, body: 'big id' }),
    aFeedbackItem({
      runId: run.id,
      ticket: 'T-1',
      repo: 'api',
      githubId: 5,
      path: null,
      line: null,
      url: null,
    }),
  ]);
  for (let i = 0; i < 3; i++)
    await store.appendEvent(
      anEvent({ runId: run.id, type: `${prefix}.e${i}`, data: { i, nested: { a: [1, 'x'] } } }),
    );
  await store.appendEvent(anEvent({ runId: null, ticket: null, repo: null, type: `${prefix}.orphan` }));
  await store.acquireRunLock(aLock({ runId: run.id }), () => false);
}

/** Every copied table's rows in key order, as plain objects. */
async function dump(location: StoreLocation): Promise<Record<string, unknown[]>> {
  const handle = await openStoreHandle(location, false);
  try {
    return await handle.read(async (db) => {
      const out: Record<string, unknown[]> = {};
      for (const table of COPIED_TABLES) {
        let query = db.selectFrom(table.name).selectAll();
        for (const column of table.key) query = query.orderBy(column);
        out[table.name] = await query.execute();
      }
      return out;
    });
  } finally {
    await handle.close();
  }
}

it('round trip SQLite -> PostgreSQL -> SQLite keeps every row of every table identical; locks stay behind', async () => {
  const a = sqlite('a.db');
  await withStore(a, (s) => seed(s, 'a'));
  const pg = await postgres();
  const there = await copyStore({ from: a, to: pg, merge: false });
  expect(there.tables.map((t) => [t.table, t.copied, t.skipped])).toEqual([
    ['runs', 2, 0],
    ['targets', 3, 0],
    ['pull_requests', 1, 0],
    ['review_feedback', 2, 0],
    ['events', 4, 0],
  ]);
  expect(there.locksNotCopied).toBe(1);
  const b = sqlite('b.db');
  await copyStore({ from: pg, to: b, merge: false });

  const original = await dump(a);
  expect(original['events']).toHaveLength(4);
  expect(await dump(pg)).toEqual(original);
  expect(await dump(b)).toEqual(original);
  await withStore(pg, async (s) => expect(await s.getRunLock('a-run-1')).toBeNull());
  await withStore(b, async (s) => {
    expect(await s.getRunLock('a-run-1')).toBeNull();
    expect((await s.listFeedback({ runId: 'a-run-1' })).map((f) => f.githubId)).toEqual([5, 3_000_000_123]);
  });
});

it('new events in the destination continue after the copied ids (PostgreSQL identity moved past them)', async () => {
  const a = sqlite('a.db');
  await withStore(a, (s) => seed(s, 'a'));
  const pg = await postgres();
  await copyStore({ from: a, to: pg, merge: false });
  const maxId = Math.max(...(await dump(a))['events']!.map((e) => (e as { id: number }).id));
  await withStore(pg, async (s) => expect(await s.appendEvent(anEvent())).toBeGreaterThan(maxId));
});

it('refuses a destination holding data with STORE_NOT_EMPTY and changes nothing there', async () => {
  const a = sqlite('a.db');
  const b = sqlite('b.db');
  await withStore(a, (s) => seed(s, 'a'));
  await withStore(b, (s) => s.acquireRunLock(aLock({ runId: 'elsewhere' }), () => false));
  await expect(copyStore({ from: a, to: b, merge: false })).rejects.toMatchObject({
    code: 'STORE_NOT_EMPTY',
    data: { table: 'run_locks' },
  });
  expect((await dump(b))['runs']).toEqual([]);
});

it('--merge adds the runs the destination lacks with their rows, keeps the ones it has, and repeats idempotently', async () => {
  const a = sqlite('a.db');
  const pg = await postgres();
  await withStore(a, (s) => seed(s, 'a'));
  await withStore(pg, async (s) => {
    await seed(s, 'p');
    // The destination already has a-run-1, in its own version: it must stay as it is.
    await s.createRun(
      aRun({ id: 'a-run-1', title: 'destination version', targets: [aTarget({ repo: 'only' })] }),
    );
  });
  const before = await dump(pg);
  const report = await copyStore({ from: a, to: pg, merge: true });
  expect(report.tables.map((t) => [t.table, t.copied, t.skipped])).toEqual([
    ['runs', 1, 1],
    ['targets', 1, 2], // a-run-2's one target is new; a-run-1's two stay out
    ['pull_requests', 0, 1],
    ['review_feedback', 0, 2],
    ['events', 1, 3],
  ]);
  const after = await dump(pg);
  expect(after['runs']).toEqual(expect.arrayContaining(before['runs']!));
  await withStore(pg, async (s) => {
    expect((await s.getRun('a-run-1'))?.title).toBe('destination version');
    expect((await s.getRun('a-run-2'))?.status).toBe('running');
    expect((await s.listEvents({ type: 'a.orphan' })).length).toBe(1);
  });
  const again = await copyStore({ from: a, to: pg, merge: true });
  expect(again.tables.every((t) => t.copied === 0)).toBe(true);
  expect(await dump(pg)).toEqual(after);
});

it('refuses to copy a store onto itself, and a missing SQLite source', async () => {
  const a = sqlite('a.db');
  await withStore(a, (s) => seed(s, 'a'));
  await expect(copyStore({ from: a, to: sqlite('a.db'), merge: true })).rejects.toMatchObject({
    code: 'INVALID_INPUT',
  });
  await expect(
    copyStore({ from: sqlite('missing.db'), to: sqlite('c.db'), merge: false }),
  ).rejects.toMatchObject({
    code: 'PATH_NOT_FOUND',
  });
});

it.each(['sqlite', 'postgres'] as const)(
  'copies every table a migrated %s store has, except run locks',
  async (kind) => {
    const location = kind === 'sqlite' ? sqlite('t.db') : await postgres();
    const handle = await openStoreHandle(location, true);
    try {
      const tables = await handle.read((db: AnyDb) =>
        kind === 'sqlite'
          ? sql<{
              name: string;
            }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
          : sql<{
              name: string;
            }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db),
      );
      const names = tables.rows
        .map((r) => r.name)
        .filter((n) => !n.startsWith('kysely_'))
        .sort();
      expect(names).toEqual([...COPIED_TABLES.map((t) => t.name), ...NOT_COPIED_TABLES].sort());
    } finally {
      await handle.close();
    }
  },
);
