import {
  MetawsmError,
  type FeedbackKey,
  type FeedbackStatus,
  type HttpCacheEntry,
  type LockAttempt,
  type MetawsmEvent,
  type NewEvent,
  type PullRequestRecord,
  type ReviewFeedbackItem,
  type Run,
  type RunDetails,
  type RunLock,
  type RunPatch,
  type RunStatus,
  type StorePort,
  type TargetKey,
} from '@metawsm/core';
import type { Kysely } from 'kysely';
import { selectHttpCache, upsertHttpCache } from './http-cache-queries.js';
import {
  deleteLock,
  extendLease,
  insertEvent,
  selectEvents,
  selectLock,
  takeLock,
} from './journal-queries.js';
import {
  selectFeedback,
  selectFeedbackList,
  selectPullRequest,
  selectPullRequests,
  upsertFeedback,
  upsertPullRequest,
} from './record-queries.js';
import { insertRun, selectRun, selectRuns, updateRunRow } from './run-queries.js';
import { selectRunDetails } from './run-details-queries.js';
import { openDatabase } from './sqlite-connection.js';
import { DEFAULT_BUSY_RETRY, toStoreError, withBusyRetry, type BusyRetryPolicy } from './sqlite-errors.js';
import { callerTransaction, immediateTransaction } from './sqlite-transactions.js';
import type { StoreDatabase } from './store-schema.js';

/** Options of {@link SqliteStore.open}. */
export interface SqliteStoreOptions {
  /** Database file (parent folders are created), or `:memory:` for a private in-memory database. */
  file: string;
  /** How long SQLite itself waits for a lock before reporting busy (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Retry of operations that still hit busy (see {@link DEFAULT_BUSY_RETRY}). */
  retry?: Partial<BusyRetryPolicy>;
  /**
   * Read an existing file only (for commands that only read, which never create a database): nothing is created, no
   * migration or write lock is taken, writes fail with STORE_UNAVAILABLE. A database that still
   * needs a migration is opened normally instead (migrating it is the one write allowed).
   */
  readOnly?: boolean;
  /** Cap on the database size in pages (SQLite `max_page_count`); writes past it fail as disk full. */
  maxPageCount?: number;
}

type Db = Kysely<StoreDatabase>;

/**
 * {@link StorePort} on SQLite through Kysely and better-sqlite3: WAL, busy timeout, versioned
 * migrations, `BEGIN IMMEDIATE` around every multi-row change (reads take no lock), bounded retry
 * on busy (then STORE_BUSY), an unusable file as STORE_UNAVAILABLE, other failures as STORE_FAILED.
 * Within one process operations run one at a time on a single connection: inside `transaction(fn)`, use the `tx` store only, or `fn` waits forever.
 */
export class SqliteStore implements StorePort {
  readonly #db: Db;
  readonly #retry: BusyRetryPolicy;
  readonly #file: string;
  readonly #inTx: boolean;
  #closed = false;

  private constructor(db: Db, opts: { retry: BusyRetryPolicy; file: string; inTx: boolean }) {
    this.#db = db;
    this.#retry = opts.retry;
    this.#file = opts.file;
    this.#inTx = opts.inTx;
  }

  /**
   * Open (creating it if needed) and migrate a database; with `readOnly`, open an existing one for
   * reading. An unusable file (read-only, damaged, full, unreadable) is STORE_UNAVAILABLE and stays
   * untouched; a folder that cannot be created is LOCAL_IO_FAILED (both exit 8, naming the path).
   */
  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    const retry = { ...DEFAULT_BUSY_RETRY, ...options.retry };
    const connect = {
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      readOnly: options.readOnly === true,
      maxPageCount: options.maxPageCount,
    };
    try {
      const db = await openDatabase(options.file, connect, retry);
      return new SqliteStore(db, { retry, file: options.file, inTx: false });
    } catch (e) {
      throw toStoreError(e, options.file);
    }
  }

  /** Insert a new run with its targets; RUN_EXISTS if the id is taken. */
  createRun(run: Run): Promise<void> {
    return this.#write((db) => insertRun(db, run));
  }

  /** One run with its targets, or null. */
  getRun(id: string): Promise<Run | null> {
    return this.#read((db) => selectRun(db, id));
  }

  /** Runs, newest first (createdAt, then id, descending), optionally filtered. */
  listRuns(filter: { status?: RunStatus; ticket?: string } = {}): Promise<Run[]> {
    return this.#read((db) => selectRuns(db, filter));
  }

  /** Change a run's mutable fields; RUN_NOT_FOUND if absent. Returns the updated run. */
  updateRun(id: string, patch: RunPatch): Promise<Run> {
    return this.#write((db) => updateRunRow(db, id, patch));
  }

  /** The record of one target, or null. */
  getPullRequest(key: TargetKey): Promise<PullRequestRecord | null> {
    return this.#read((db) => selectPullRequest(db, key));
  }

  /** All records of a run, ordered by ticket then repo. */
  listPullRequests(runId: string): Promise<PullRequestRecord[]> {
    return this.#read((db) => selectPullRequests(db, runId));
  }

  /** Insert or replace the record of a target; RUN_NOT_FOUND if its run is absent. */
  putPullRequest(record: PullRequestRecord): Promise<void> {
    return this.#write((db) => upsertPullRequest(db, record));
  }

  /** One feedback item, or null. */
  getFeedback(key: FeedbackKey): Promise<ReviewFeedbackItem | null> {
    return this.#read((db) => selectFeedback(db, key));
  }

  /** Feedback items of a run, optionally narrowed, ordered by ticket, repo, source type, GitHub id. */
  listFeedback(filter: {
    runId: string;
    ticket?: string;
    repo?: string;
    status?: FeedbackStatus[];
  }): Promise<ReviewFeedbackItem[]> {
    return this.#read((db) => selectFeedbackList(db, filter));
  }

  /** Insert or replace feedback items, all or none; RUN_NOT_FOUND if a run is absent. */
  putFeedback(items: ReviewFeedbackItem[]): Promise<void> {
    return this.#write((db) => upsertFeedback(db, items));
  }

  /** Append a journal row; returns its id. */
  appendEvent(event: NewEvent): Promise<number> {
    return this.#write((db) => insertEvent(db, event));
  }

  /** Journal rows in id order, optionally narrowed; `limit` keeps the first rows. */
  listEvents(
    filter: { runId?: string; type?: string; operationId?: string; limit?: number } = {},
  ): Promise<MetawsmEvent[]> {
    return this.#read((db) => selectEvents(db, filter));
  }

  /** Take a run's lock atomically in one immediate transaction (free, or the holder satisfies `canTakeOver`). */
  acquireRunLock(candidate: RunLock, canTakeOver: (holder: RunLock) => boolean): Promise<LockAttempt> {
    return this.#write((db) => takeLock(db, candidate, canTakeOver));
  }

  /** Extend a held lock's lease; false when `ownerId` no longer holds it. */
  renewRunLock(runId: string, ownerId: string, leaseExpiresAt: string): Promise<boolean> {
    return this.#write((db) => extendLease(db, runId, ownerId, leaseExpiresAt));
  }

  /** Release a lock if `ownerId` still holds it. */
  releaseRunLock(runId: string, ownerId: string): Promise<void> {
    return this.#write((db) => deleteLock(db, runId, ownerId));
  }

  /** The current holder of a run's lock, or null. */
  getRunLock(runId: string): Promise<RunLock | null> {
    return this.#read((db) => selectLock(db, runId));
  }

  /** The remembered answer for (url, identity), or null. */
  getHttpCache(url: string, identity: string): Promise<HttpCacheEntry | null> {
    return this.#read((db) => selectHttpCache(db, url, identity));
  }

  /** Remember an answer, replacing the one for the same (url, identity). */
  putHttpCache(entry: HttpCacheEntry): Promise<void> {
    return this.#write((db) => upsertHttpCache(db, entry));
  }

  /** Records, feedback items and lock holders of many runs in a few queries. */
  listRunDetails(runIds: readonly string[]): Promise<RunDetails> {
    return this.#read((db) => selectRunDetails(db, runIds));
  }

  /** Run `fn` in one `BEGIN IMMEDIATE` transaction; errors from `fn` roll back and are rethrown as they are. */
  async transaction<T>(fn: (tx: StorePort) => Promise<T>): Promise<T> {
    if (this.#inTx) return fn(this);
    this.#assertOpen();
    return callerTransaction(this.#db, { retry: this.#retry, file: this.#file }, async (conn) => {
      const tx = new SqliteStore(conn, { retry: this.#retry, file: this.#file, inTx: true });
      try {
        return await fn(tx);
      } finally {
        // A tx store that escapes its callback must not run on the shared connection later.
        tx.#closed = true;
      }
    });
  }

  /** Close the database (a no-op on the store handed to a transaction callback, and when already closed). */
  async close(): Promise<void> {
    if (this.#inTx || this.#closed) return;
    this.#closed = true;
    await this.#db.destroy();
  }

  /** A read: retried on busy outside transactions. */
  async #read<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    this.#assertOpen();
    try {
      return this.#inTx ? await fn(this.#db) : await withBusyRetry(() => fn(this.#db), this.#retry);
    } catch (e) {
      throw toStoreError(e, this.#file);
    }
  }

  /** A write: its own immediate transaction (retried on busy as a whole), or inline inside one. */
  async #write<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    this.#assertOpen();
    try {
      return this.#inTx
        ? await fn(this.#db)
        : await withBusyRetry(() => immediateTransaction(this.#db, fn), this.#retry);
    } catch (e) {
      throw toStoreError(e, this.#file);
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new MetawsmError('STORE_FAILED', 'the metawsm database is closed');
  }
}
