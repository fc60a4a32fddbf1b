import { MetawsmError } from '@metawsm/core';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { StoreDatabase } from '../store-schema.js';
import { classifyPgError, toPgStoreError, type PgTarget } from './pg-errors.js';
import { PassThrough, withPgRetry, type PgRetryPolicy } from './pg-retry.js';

/*
 * Transactions on PostgreSQL. The store's own writes run SERIALIZABLE, so concurrent read-then-
 * write steps (take a lock, check a run exists) behave as if run one at a time; a conflict aborts
 * one of them (40001/40P01), which is retried as a whole. A caller's transaction cannot be retried
 * (its callback may have side effects), so it runs alone instead: it takes an exclusive advisory
 * lock that every store write takes shared. Reads are REPEATABLE READ snapshots.
 */

type Db = Kysely<StoreDatabase>;

/** Options every transaction helper takes. */
export interface PgTxOptions {
  retry: PgRetryPolicy;
  target: PgTarget;
}

/** The advisory lock key ("meta", "wsm"): one per database, shared by every metawsm process. */
const WRITE_LOCK = '1835365473, 7828333';

// One round trip each: without parameters node-postgres sends these as one simple query.
const BEGIN_WRITE = sql.raw(
  `begin isolation level serializable; select pg_advisory_xact_lock_shared(${WRITE_LOCK})`,
);
const BEGIN_EXCLUSIVE = sql.raw(
  `begin isolation level read committed; select pg_advisory_xact_lock(${WRITE_LOCK})`,
);
const BEGIN_READ = sql.raw('begin isolation level repeatable read read only');

/** COMMIT itself failed on a dropped connection: whether the transaction committed is unknown. */
class CommitInDoubt extends PassThrough {}

/** An error thrown by a caller's callback (or after it ran): never retried, never translated. */
class AfterStart extends PassThrough {}

async function commit(conn: Db): Promise<void> {
  try {
    await sql`commit`.execute(conn);
  } catch (e) {
    // A conflict reported at commit rolled back; a dropped connection may have committed or not.
    throw classifyPgError(e) === 'connection' ? new CommitInDoubt(e) : e;
  }
}

async function inTransaction<T>(conn: Db, begin: RawBuilder<unknown>, fn: () => Promise<T>): Promise<T> {
  try {
    await begin.execute(conn);
    const result = await fn();
    await commit(conn);
    return result;
  } catch (e) {
    if (!(e instanceof CommitInDoubt)) await sql`rollback`.execute(conn).catch(() => undefined);
    throw e;
  }
}

function inDoubt(e: CommitInDoubt, target: PgTarget): MetawsmError {
  const cause = toPgStoreError(e.error, target);
  return new MetawsmError(
    'DATABASE_UNREACHABLE',
    `${cause.message} (while committing: the change may or may not be saved)`,
    {
      hint: 'Run `metawsm status` once the server is back to see what was recorded, then run the command again.',
      data: { ...cause.data, inDoubt: true },
      cause: e.error,
    },
  );
}

/**
 * The store's own write `fn` in a serializable transaction, retried as a whole on conflicts and
 * dropped connections. A connection lost during COMMIT is retried only when `idempotent` (running
 * `fn` twice leaves the same state); otherwise it fails with DATABASE_UNREACHABLE (`inDoubt`).
 */
export async function writeTransaction<T>(
  db: Db,
  options: PgTxOptions & { idempotent: boolean },
  fn: (conn: Db) => Promise<T>,
): Promise<T> {
  const attempt = (): Promise<T> =>
    db.connection().execute((conn) =>
      inTransaction(conn, BEGIN_WRITE, () => fn(conn)).catch((e: unknown) => {
        throw e instanceof CommitInDoubt && options.idempotent ? e.error : e;
      }),
    );
  try {
    return await withPgRetry(attempt, options.retry, options.target);
  } catch (e) {
    if (e instanceof CommitInDoubt) throw inDoubt(e, options.target);
    throw e;
  }
}

/** A consistent read (one snapshot for every statement of `fn`), retried on dropped connections. */
export function readTransaction<T>(db: Db, options: PgTxOptions, fn: (conn: Db) => Promise<T>): Promise<T> {
  const attempt = (): Promise<T> =>
    db.connection().execute((conn) => inTransaction(conn, BEGIN_READ, () => fn(conn)));
  return withPgRetry(attempt, options.retry, options.target);
}

/**
 * A caller's `fn` in a transaction that runs alone (exclusive advisory lock). Only getting a
 * connection and BEGIN are retried; `fn` runs once. Errors thrown by `fn` roll back and propagate
 * untouched; the store's own failures become MetawsmErrors.
 */
export async function callerTransaction<T>(
  db: Db,
  options: PgTxOptions,
  fn: (conn: Db) => Promise<T>,
): Promise<T> {
  const attempt = (): Promise<T> =>
    db.connection().execute(async (conn) => {
      try {
        await BEGIN_EXCLUSIVE.execute(conn);
      } catch (e) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw e;
      }
      return afterBegin(conn, fn);
    });
  try {
    return await withPgRetry(attempt, options.retry, options.target);
  } catch (e) {
    if (e instanceof CommitInDoubt) throw inDoubt(e, options.target);
    if (e instanceof AfterStart) {
      const { error } = e;
      throw error instanceof Callback ? error.error : toPgStoreError(error, options.target);
    }
    throw e;
  }
}

/** Marks an error as the callback's own (vs. COMMIT failing after it). */
class Callback {
  constructor(readonly error: unknown) {}
}

async function afterBegin<T>(conn: Db, fn: (conn: Db) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await fn(conn);
  } catch (e) {
    await sql`rollback`.execute(conn).catch(() => undefined);
    throw new AfterStart(new Callback(e));
  }
  try {
    await commit(conn);
  } catch (e) {
    throw e instanceof CommitInDoubt ? e : new AfterStart(e);
  }
  return result;
}
