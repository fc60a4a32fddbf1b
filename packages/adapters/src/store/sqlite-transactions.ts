import { sql, type Kysely } from 'kysely';
import { toStoreError, withBusyRetry, type BusyRetryPolicy } from './sqlite-errors.js';
import type { StoreDatabase } from './store-schema.js';

/*
 * Transactions pin one connection and open with `BEGIN IMMEDIATE`, so the write lock is taken up
 * front and concurrent writers queue on SQLite's busy handler instead of failing on lock upgrade.
 * This and the connection setup are the only SQLite-specific SQL in the store.
 */

type Db = Kysely<StoreDatabase>;

/** Carries an error thrown by a caller's callback past the store's error translation. */
class CallbackFailure {
  constructor(readonly error: unknown) {}
}

async function commitOrRollback<T>(conn: Db, fn: () => Promise<T>): Promise<T> {
  try {
    const result = await fn();
    await sql`commit`.execute(conn);
    return result;
  } catch (e) {
    await sql`rollback`.execute(conn).catch(() => undefined);
    throw e;
  }
}

/**
 * Run the store's own `fn` in an immediate transaction: commit when it resolves, roll back and
 * rethrow when it throws. Safe to retry as a whole on busy.
 */
export function immediateTransaction<T>(db: Db, fn: (conn: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    return commitOrRollback(conn, () => fn(conn));
  });
}

/**
 * Run a caller's `fn` in an immediate transaction. Only `BEGIN` is retried on busy (the callback
 * may have side effects); errors thrown by `fn` roll back and propagate untouched, the store's own
 * failures become STORE_BUSY / STORE_FAILED.
 */
export async function callerTransaction<T>(
  db: Db,
  opts: { retry: BusyRetryPolicy; file: string },
  fn: (conn: Db) => Promise<T>,
): Promise<T> {
  try {
    return await db.connection().execute(async (conn) => {
      await withBusyRetry(() => sql`begin immediate`.execute(conn), opts.retry);
      return commitOrRollback(conn, () =>
        fn(conn).catch((e: unknown) => {
          throw new CallbackFailure(e);
        }),
      );
    });
  } catch (e) {
    if (e instanceof CallbackFailure) throw e.error;
    throw toStoreError(e, opts.file);
  }
}
