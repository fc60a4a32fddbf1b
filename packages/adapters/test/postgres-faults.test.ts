import { parseDatabaseUrl, type ReviewFeedbackItem } from '@metawsm/core';
import { aFeedbackItem, aRun } from '@metawsm/core/testing';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../../testkit/src/postgres/pg-cluster.js';
import { PostgresStore, type PostgresStoreOptions } from '../src/store/postgres/postgres-store.js';

// Faults against a private PostgreSQL cluster (this suite restarts it): wrong password, missing
// database, unreachable server, connections dropped in the middle of a multi-row change.

const CANARY = 'pw-canary-4b1d2e9f';
let cluster: PgCluster;
let counter = 0;

beforeAll(async () => {
  cluster = await startPgCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: cluster.adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database; its URL with `params` appended. */
async function database(params = ''): Promise<string> {
  const name = `faults_${++counter}`;
  await admin((c) => c.query(`create database ${name}`));
  return `postgres://postgres:${cluster.password}@127.0.0.1:${cluster.port}/${name}${params}`;
}

function open(url: string, extra: Partial<PostgresStoreOptions> = {}): Promise<PostgresStore> {
  return PostgresStore.open({ url: parseDatabaseUrl(url, 'METAWSM_DATABASE_URL'), ...extra });
}

async function failure(
  p: Promise<unknown>,
): Promise<Error & { code?: string; data?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

function items(runId: string, n: number): ReviewFeedbackItem[] {
  return Array.from({ length: n }, (_, i) => aFeedbackItem({ runId, githubId: i + 1, body: `item ${i}` }));
}

async function countItems(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('select count(*) as n from review_feedback')).rows[0].n);
  } finally {
    await client.end();
  }
}

/**
 * Resolves true once the session named `applicationName` is inside a transaction, false if `work`
 * settles first (on a busy machine a short change can commit before the first poll sees it).
 */
async function inTransaction(
  c: pg.Client,
  applicationName: string,
  work?: Promise<unknown>,
): Promise<boolean> {
  let settled = false;
  void work?.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 2000 && !settled; i++) {
    const { rows } = await c.query(
      `select pid from pg_stat_activity where application_name = $1 and xact_start is not null`,
      [applicationName],
    );
    if (rows.length > 0) return true;
    await new Promise((r) => setTimeout(r, 2));
  }
  if (settled) return false;
  throw new Error(`${applicationName} never opened a transaction`);
}

/** End the victim's session as soon as it is inside a transaction; false if `work` settled first. */
async function killWhenInTransaction(applicationName: string, work: Promise<unknown>): Promise<boolean> {
  return admin(async (c) => {
    if (!(await inTransaction(c, applicationName, work))) return false;
    await c.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
      applicationName,
    ]);
    return true;
  });
}

async function clearItems(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('delete from review_feedback');
  } finally {
    await client.end();
  }
}

it('a wrong password is DATABASE_AUTH_FAILED naming the variable; the password appears nowhere', async () => {
  const url = (await database()).replace(`:${cluster.password}@`, `:${CANARY}@`);
  const e = await failure(open(url));
  expect(e).toMatchObject({ code: 'DATABASE_AUTH_FAILED', data: { source: 'METAWSM_DATABASE_URL' } });
  const everything = JSON.stringify({
    message: e.message,
    hint: (e as { hint?: string }).hint,
    data: e.data,
    e,
  });
  expect(everything).not.toContain(CANARY);
  expect(everything).toContain(`127.0.0.1:${cluster.port}`);
});

it('a missing database is DATABASE_NOT_FOUND', async () => {
  const url = `postgres://postgres:${cluster.password}@127.0.0.1:${cluster.port}/nope_missing`;
  expect(await failure(open(url))).toMatchObject({ code: 'DATABASE_NOT_FOUND' });
});

it('an unreachable server is DATABASE_UNREACHABLE after the bounded retries', async () => {
  const url = `postgres://postgres:${CANARY}@127.0.0.1:1/db`;
  const started = performance.now();
  const e = await failure(open(url, { retry: { attempts: 3, baseDelayMs: 20 } }));
  expect(e).toMatchObject({ code: 'DATABASE_UNREACHABLE', data: { attempts: 3 } });
  expect(JSON.stringify({ m: e.message, d: e.data })).not.toContain(CANARY);
  expect(performance.now() - started).toBeLessThan(5000);
});

it('a multi-row change whose connection drops mid-way leaves nothing behind (no retry), or all of it (retried)', async () => {
  // Enough rows that the change spans many statements (feedback is written 100 rows per statement).
  const url = await database('?application_name=victim');
  const once = await open(url, { retry: { attempts: 1 } });
  const retried = await open(url);
  try {
    await retried.createRun(aRun());
    // The kill races the change: when the change wins (it committed before the kill), start again
    // with a longer one. Bounded: 4,000, 16,000, then 64,000 rows.
    let dropped = false;
    for (let n = 4000; n <= 64_000 && !dropped; n *= 4) {
      const failed = once.putFeedback(items('run-1', n));
      const killed = await killWhenInTransaction('victim', failed);
      const outcome = await failed.then(
        () => null,
        (e: unknown) => e,
      );
      if (killed && outcome !== null) {
        expect(outcome).toMatchObject({ code: 'DATABASE_UNREACHABLE' });
        expect(await countItems(url)).toBe(0);
        dropped = true;
      } else await clearItems(url);
    }
    expect(dropped).toBe(true);

    const n = 4000;
    const succeeded = retried.putFeedback(items('run-1', n));
    // Whether the kill lands or the change commits first, the retried change is there once, whole.
    await killWhenInTransaction('victim', succeeded);
    await succeeded;
    expect(await countItems(url)).toBe(n);
  } finally {
    await once.close();
    await retried.close();
  }
});

it('a server restart in the middle of a multi-row change is retried through; the store keeps working', async () => {
  const url = await database('?application_name=restarted');
  const store = await open(url);
  try {
    await store.createRun(aRun());
    const writing = store.putFeedback(items('run-1', 1000));
    await admin((c) => inTransaction(c, 'restarted', writing));
    await cluster.restart();
    await writing;
    expect(await countItems(url)).toBe(1000);
    expect((await store.listFeedback({ runId: 'run-1' })).length).toBe(1000);
  } finally {
    await store.close();
  }
});

it('a database migrated by a newer metawsm (a migration this one does not know) is refused', async () => {
  const url = await database();
  await (await open(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`insert into kysely_migration (name, timestamp) values ('9999_future', 'x')`);
  await client.end();
  expect(await failure(open(url))).toMatchObject({ code: 'STORE_FAILED' });
});
