import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { SQLITE_DIALECT } from '../src/store/migrations/dialect.js';
import { STORE_MIGRATIONS } from '../src/store/migrations/index.js';
import { SqliteStore } from '../src/store/sqlite-store.js';

const event = {
  runId: null,
  ticket: null,
  repo: null,
  type: 't',
  phase: 'info',
  operationId: 'op',
  actor: null,
  data: {},
  at: '2024-01-01T00:00:00.000Z',
} as const;

let dir: string;
let file: string;
const open: { close(): unknown }[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'metawsm-sqlite-'));
  file = join(dir, 'metawsm.db');
});

afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
  await rm(dir, { recursive: true, force: true });
});

async function openStore(
  options: Partial<Parameters<typeof SqliteStore.open>[0]> = {},
): Promise<SqliteStore> {
  const store = await SqliteStore.open({ file, ...options });
  open.push(store);
  return store;
}

/** A second, raw connection holding the write lock until `release()`. */
function holdWriteLock(): { release(): void } {
  const raw = new Database(file);
  open.push(raw);
  raw.prepare('begin immediate').run();
  return {
    release: () => {
      if (raw.open && raw.inTransaction) raw.prepare('rollback').run();
    },
  };
}

describe('SqliteStore connection setup', () => {
  it('creates the schema through versioned migrations, in WAL mode', async () => {
    const store = await openStore();
    await store.close();
    const raw = new Database(file, { readonly: true });
    open.push(raw);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const migrations = raw.prepare('select name from kysely_migration order by name').all();
    expect(migrations).toEqual([
      { name: '0001_initial' },
      { name: '0002_http_cache' },
      { name: '0003_review_feedback' },
      { name: '0004_commit_signature' },
    ]);
    const tables = raw
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'kysely%' and name not like 'sqlite%' order by name",
      )
      .all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual([
      'events',
      'http_cache',
      'pull_requests',
      'review_feedback',
      'run_locks',
      'runs',
      'targets',
    ]);
  });

  it('0003 upgrades a database with feedback rows written before it: new fields get their defaults', async () => {
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    // The shipped migrations before 0003, bound to SQLite as the store binds them.
    const older = Object.fromEntries(
      ['0001_initial', '0002_http_cache'].map((name) => {
        const m = STORE_MIGRATIONS[name]!;
        return [name, { up: (d: Kysely<unknown>) => m.up(d, SQLITE_DIALECT) }];
      }),
    );
    const { error } = await new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(older) },
    }).migrateToLatest();
    expect(error).toBeUndefined();
    await sql`insert into runs (id, status, tickets, base_branch, created_at, updated_at) values ('run-1', 'completed', '["T-1"]', 'main', 't0', 't0')`.execute(
      db,
    );
    await sql`insert into review_feedback (run_id, ticket, repo, source_type, github_id, pr_number, author, author_association, body, body_digest, status, created_at, updated_at)
      values ('run-1', 'T-1', 'app', 'review', 7, 1, 'alice', 'MEMBER', 'old row', 'd', 'dispatched', 't0', 't0')`.execute(
      db,
    );
    await db.destroy();
    const store = await openStore();
    expect(
      await store.getFeedback({
        runId: 'run-1',
        ticket: 'T-1',
        repo: 'app',
        sourceType: 'review',
        githubId: 7,
      }),
    ).toMatchObject({
      body: 'old row',
      status: 'dispatched',
      replies: [],
      outdated: false,
      threadId: null,
      diffHunk: null,
      checkName: null,
      ignoreReason: null,
      replyState: 'none',
      replyId: null,
      postedAt: null,
    });
  });

  it('reopens an up-to-date database without re-running migrations', async () => {
    await (await openStore()).close();
    const again = await openStore();
    expect(await again.listRuns()).toEqual([]);
  });

  it('fails to open a file that is not a database with STORE_UNAVAILABLE (exit 8), keeping the cause', async () => {
    await writeFile(
      file,
      'this is not a sqlite database, just text long enough to have a header '.repeat(20),
    );
    const attempt = SqliteStore.open({ file });
    await expect(attempt).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(attempt).rejects.toHaveProperty('cause.code', 'SQLITE_NOTADB');
  });
});

describe('SqliteStore on a busy database', () => {
  const fastRetry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

  it('gives up with STORE_BUSY (cause SQLITE_BUSY) after its bounded retries, without running a transaction body', async () => {
    const store = await openStore({ busyTimeoutMs: 5, retry: fastRetry });
    const lock = holdWriteLock();
    const write = store.appendEvent(event);
    await expect(write).rejects.toMatchObject({
      code: 'STORE_BUSY',
      data: { attempts: 3 },
      hint: expect.any(String),
    });
    await expect(write).rejects.toHaveProperty('cause.code', 'SQLITE_BUSY');
    let ran = false;
    await expect(store.transaction(() => Promise.resolve((ran = true)))).rejects.toMatchObject({
      code: 'STORE_BUSY',
    });
    expect(ran).toBe(false);
    lock.release();
    expect(await store.appendEvent(event)).toBeGreaterThan(0);
    expect(await store.listEvents()).toHaveLength(1);
  });

  it('succeeds when the lock is released while it is backing off', async () => {
    const store = await openStore({
      busyTimeoutMs: 1,
      retry: { attempts: 10, baseDelayMs: 20, maxDelayMs: 200 },
    });
    const lock = holdWriteLock();
    const timer = setTimeout(() => lock.release(), 60);
    try {
      await expect(store.appendEvent(event)).resolves.toBeGreaterThan(0);
    } finally {
      clearTimeout(timer);
    }
  });
});
