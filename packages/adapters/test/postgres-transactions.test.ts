import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { callerTransaction, writeTransaction } from '../src/store/postgres/pg-transactions.js';
import type { StoreDatabase } from '../src/store/store-schema.js';

// What the transaction helpers do when a statement fails at a chosen point. The timing of a
// dropped connection during COMMIT cannot be arranged with a real server, so these run on a
// scripted node-postgres pool; everything else about them is covered against a real server.

type Script = (text: string) => Error | null;

/** A pool whose clients record every statement and fail where `script` says. */
function scriptedDb(script: Script): { db: Kysely<StoreDatabase>; statements: string[] } {
  const statements: string[] = [];
  const client = {
    query: (text: string) => {
      statements.push(text);
      const failure = script(text);
      return failure
        ? Promise.reject(failure)
        : Promise.resolve({ command: 'SELECT', rowCount: 0, rows: [] });
    },
    release: () => undefined,
  };
  // Only query(text, params) and release() are ever called by the driver here.
  const pool: PostgresPool = {
    connect: () => Promise.resolve(client as unknown as PostgresPoolClient),
    end: () => Promise.resolve(),
  };
  return { db: new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) }), statements };
}

const options = {
  retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 5000 },
  target: { display: 'postgres://u@h/db', source: 'METAWSM_DATABASE_URL' },
};
const dropped = (): Error => new Error('Connection terminated unexpectedly');
const conflict = (): Error => Object.assign(new Error('could not serialize access'), { code: '40001' });

/** Fails the first `n` statements starting with `prefix`. */
function failFirst(n: number, prefix: string, error: () => Error): Script {
  let left = n;
  return (text) => (text.startsWith(prefix) && left-- > 0 ? error() : null);
}

const work = (calls: { n: number }) => async (db: Kysely<StoreDatabase>) => {
  calls.n++;
  await sql`insert into events default values`.execute(db);
  return 'done';
};

it('a write whose COMMIT loses its connection is not repeated unless idempotent: DATABASE_UNREACHABLE, inDoubt', async () => {
  const calls = { n: 0 };
  const { db } = scriptedDb(failFirst(1, 'commit', dropped));
  await expect(writeTransaction(db, { ...options, idempotent: false }, work(calls))).rejects.toMatchObject({
    code: 'DATABASE_UNREACHABLE',
    data: { inDoubt: true, url: 'postgres://u@h/db' },
  });
  expect(calls.n).toBe(1);
});

it('an idempotent write whose COMMIT loses its connection is run again', async () => {
  const calls = { n: 0 };
  const { db, statements } = scriptedDb(failFirst(1, 'commit', dropped));
  await expect(writeTransaction(db, { ...options, idempotent: true }, work(calls))).resolves.toBe('done');
  expect(calls.n).toBe(2);
  expect(statements.filter((s) => s === 'commit')).toHaveLength(2);
});

it('a serialization failure rolls back and reruns the whole write; past the bound it is STORE_BUSY', async () => {
  const calls = { n: 0 };
  const { db, statements } = scriptedDb(failFirst(2, 'insert', conflict));
  await expect(writeTransaction(db, { ...options, idempotent: false }, work(calls))).resolves.toBe('done');
  expect(calls.n).toBe(3);
  expect(statements.filter((s) => s === 'rollback')).toHaveLength(2);
  expect(statements[0]).toMatch(/^begin isolation level serializable; select pg_advisory_xact_lock_shared/);

  const always = scriptedDb((text) => (text.startsWith('insert') ? conflict() : null));
  await expect(
    writeTransaction(always.db, { ...options, idempotent: true }, work({ n: 0 })),
  ).rejects.toMatchObject({
    code: 'STORE_BUSY',
    data: { attempts: 4 },
  });
});

it("a caller's transaction retries only BEGIN, runs its callback once, and passes the callback's error through", async () => {
  const calls = { n: 0 };
  const { db, statements } = scriptedDb(failFirst(2, 'begin', dropped));
  await expect(callerTransaction(db, options, work(calls))).resolves.toBe('done');
  expect(calls.n).toBe(1);
  expect(
    statements.filter((s) =>
      s.startsWith('begin isolation level read committed; select pg_advisory_xact_lock('),
    ),
  ).toHaveLength(3);

  const mine = new Error('the callback failed');
  const failing = scriptedDb(() => null);
  await expect(callerTransaction(failing.db, options, () => Promise.reject(mine))).rejects.toBe(mine);
  expect(failing.statements.at(-1)).toBe('rollback');

  const inDoubt = scriptedDb(failFirst(1, 'commit', dropped));
  const once = { n: 0 };
  await expect(callerTransaction(inDoubt.db, options, work(once))).rejects.toMatchObject({
    code: 'DATABASE_UNREACHABLE',
    data: { inDoubt: true },
  });
  expect(once.n).toBe(1);
});
