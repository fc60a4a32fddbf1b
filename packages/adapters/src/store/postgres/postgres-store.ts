import {
  MetawsmError,
  type DatabaseUrl,
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
import {
  deleteLock,
  extendLease,
  insertEvent,
  selectEvents,
  selectLock,
  takeLock,
} from '../journal-queries.js';
import {
  selectFeedback,
  selectFeedbackList,
  selectPullRequest,
  selectPullRequests,
  upsertFeedback,
  upsertPullRequest,
} from '../record-queries.js';
import { selectHttpCache, upsertHttpCache } from '../http-cache-queries.js';
import { insertRun, selectRun, selectRuns, updateRunRow } from '../run-queries.js';
import { selectRunDetails } from '../run-details-queries.js';
import type { StoreDatabase } from '../store-schema.js';
import { DEFAULT_PG_SESSION, type PgSessionOptions } from './pg-config.js';
import { connectPostgres, migratePostgres } from './pg-connection.js';
import { toPgStoreError, type PgTarget } from './pg-errors.js';
import { DEFAULT_PG_RETRY, withPgRetry, type PgRetryPolicy } from './pg-retry.js';
import { callerTransaction, readTransaction, writeTransaction } from './pg-transactions.js';

/** Options of {@link PostgresStore.open}. */
export interface PostgresStoreOptions {
  /** The parsed URL (`parseDatabaseUrl` from @metawsm/core). */
  url: DatabaseUrl;
  /** The flag or variable the URL came from, named in errors (default `METAWSM_DATABASE_URL`). */
  source?: string;
  /** Retry of conflicts and dropped connections (see {@link DEFAULT_PG_RETRY}). */
  retry?: Partial<PgRetryPolicy>;
  /** Pool size and session timeouts (see {@link DEFAULT_PG_SESSION}). */
  session?: Partial<PgSessionOptions>;
}

type Db = Kysely<StoreDatabase>;

interface Shared {
  retry: PgRetryPolicy;
  target: PgTarget;
}

/**
 * {@link StorePort} on PostgreSQL through Kysely and node-postgres, for teams sharing one state:
 * the same migrations and queries as {@link SqliteStore}. Store writes are serializable
 * transactions retried on conflicts and dropped connections; `transaction(fn)` runs alone (see
 * pg-transactions.ts). Errors name the URL without its password.
 */
export class PostgresStore implements StorePort {
  readonly #db: Db;
  readonly #shared: Shared;
  readonly #inTx: boolean;
  #closed = false;

  private constructor(db: Db, shared: Shared, inTx: boolean) {
    this.#db = db;
    this.#shared = shared;
    this.#inTx = inTx;
  }

  /** Connect (retrying a server that is restarting) and migrate; DATABASE_* errors when that fails. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const retry = { ...DEFAULT_PG_RETRY, ...options.retry };
    const session = { ...DEFAULT_PG_SESSION, ...options.session };
    const target = { display: options.url.display, source: options.source ?? 'METAWSM_DATABASE_URL' };
    const db = await connectPostgres({ url: options.url, target, retry, session });
    try {
      await migratePostgres(db, retry, target);
    } catch (e) {
      await db.destroy().catch(() => undefined);
      throw toPgStoreError(e, target);
    }
    return new PostgresStore(db, { retry, target }, false);
  }

  /** The database's URL without its password. */
  get displayUrl(): string {
    return this.#shared.target.display;
  }

  /** Insert a new run with its targets; RUN_EXISTS if the id is taken. */
  createRun(run: Run): Promise<void> {
    return this.#write((db) => insertRun(db, run), false);
  }

  /** One run with its targets, or null. */
  getRun(id: string): Promise<Run | null> {
    return this.#read((db) => selectRun(db, id), true);
  }

  /** Runs, newest first (createdAt, then id, descending), optionally filtered. */
  listRuns(filter: { status?: RunStatus; ticket?: string } = {}): Promise<Run[]> {
    return this.#read((db) => selectRuns(db, filter), true);
  }

  /** Change a run's mutable fields; RUN_NOT_FOUND if absent. Returns the updated run. */
  updateRun(id: string, patch: RunPatch): Promise<Run> {
    return this.#write((db) => updateRunRow(db, id, patch), true);
  }

  /** The record of one target, or null. */
  getPullRequest(key: TargetKey): Promise<PullRequestRecord | null> {
    return this.#read((db) => selectPullRequest(db, key), false);
  }

  /** All records of a run, ordered by ticket then repo. */
  listPullRequests(runId: string): Promise<PullRequestRecord[]> {
    return this.#read((db) => selectPullRequests(db, runId), false);
  }

  /** Insert or replace the record of a target; RUN_NOT_FOUND if its run is absent. */
  putPullRequest(record: PullRequestRecord): Promise<void> {
    return this.#write((db) => upsertPullRequest(db, record), true);
  }

  /** One feedback item, or null. */
  getFeedback(key: FeedbackKey): Promise<ReviewFeedbackItem | null> {
    return this.#read((db) => selectFeedback(db, key), false);
  }

  /** Feedback items of a run, optionally narrowed, ordered by ticket, repo, source type, GitHub id. */
  listFeedback(filter: {
    runId: string;
    ticket?: string;
    repo?: string;
    status?: FeedbackStatus[];
  }): Promise<ReviewFeedbackItem[]> {
    return this.#read((db) => selectFeedbackList(db, filter), false);
  }

  /** Insert or replace feedback items, all or none; RUN_NOT_FOUND if a run is absent. */
  putFeedback(items: ReviewFeedbackItem[]): Promise<void> {
    return this.#write((db) => upsertFeedback(db, items), true);
  }

  /** Append a journal row; returns its id. */
  appendEvent(event: NewEvent): Promise<number> {
    return this.#write((db) => insertEvent(db, event), false);
  }

  /** Journal rows in id order, optionally narrowed; `limit` keeps the first rows. */
  listEvents(
    filter: { runId?: string; type?: string; operationId?: string; limit?: number } = {},
  ): Promise<MetawsmEvent[]> {
    return this.#read((db) => selectEvents(db, filter), false);
  }

  /** Take a run's lock atomically (free, or the holder satisfies `canTakeOver`); a retry after an unknown commit finds its own lock. */
  acquireRunLock(candidate: RunLock, canTakeOver: (holder: RunLock) => boolean): Promise<LockAttempt> {
    return this.#write((db) => takeLock(db, candidate, canTakeOver), true);
  }

  /** Extend a held lock's lease; false when `ownerId` no longer holds it. */
  renewRunLock(runId: string, ownerId: string, leaseExpiresAt: string): Promise<boolean> {
    return this.#write((db) => extendLease(db, runId, ownerId, leaseExpiresAt), true);
  }

  /** Release a lock if `ownerId` still holds it. */
  releaseRunLock(runId: string, ownerId: string): Promise<void> {
    return this.#write((db) => deleteLock(db, runId, ownerId), true);
  }

  /** The current holder of a run's lock, or null. */
  getRunLock(runId: string): Promise<RunLock | null> {
    return this.#read((db) => selectLock(db, runId), false);
  }

  /** Records, feedback items and lock holders of many runs in a few queries. */
  listRunDetails(runIds: readonly string[]): Promise<RunDetails> {
    return this.#read((db) => selectRunDetails(db, runIds), true);
  }

  /** The remembered answer for (url, identity), or null. */
  getHttpCache(url: string, identity: string): Promise<HttpCacheEntry | null> {
    return this.#read((db) => selectHttpCache(db, url, identity), false);
  }

  /** Remember an answer, replacing the one for the same (url, identity); an upsert, so safe to retry. */
  putHttpCache(entry: HttpCacheEntry): Promise<void> {
    return this.#write((db) => upsertHttpCache(db, entry), true);
  }

  /** Run `fn` in one transaction that no other metawsm write interleaves with; errors from `fn` roll back and are rethrown as they are. */
  async transaction<T>(fn: (tx: StorePort) => Promise<T>): Promise<T> {
    if (this.#inTx) return fn(this);
    this.#assertOpen();
    return callerTransaction(this.#db, this.#shared, async (conn) => {
      const tx = new PostgresStore(conn, this.#shared, true);
      try {
        return await fn(tx);
      } finally {
        // A tx store that escapes its callback must not run on a connection back in the pool.
        tx.#closed = true;
      }
    });
  }

  /** Close the pool (a no-op on the store handed to a transaction callback, and when already closed). */
  async close(): Promise<void> {
    if (this.#inTx || this.#closed) return;
    this.#closed = true;
    await this.#db.destroy();
  }

  /**
   * A read, retried on dropped connections (inline inside a transaction). Reads of several
   * statements (a run and its targets) share one snapshot; single statements skip BEGIN/COMMIT.
   */
  async #read<T>(fn: (db: Db) => Promise<T>, severalStatements: boolean): Promise<T> {
    this.#assertOpen();
    if (!this.#inTx) {
      return severalStatements
        ? readTransaction(this.#db, this.#shared, fn)
        : withPgRetry(() => fn(this.#db), this.#shared.retry, this.#shared.target);
    }
    try {
      return await fn(this.#db);
    } catch (e) {
      throw toPgStoreError(e, this.#shared.target);
    }
  }

  /** A write: its own serializable transaction retried as a whole, or inline inside a caller's. */
  async #write<T>(fn: (db: Db) => Promise<T>, idempotent: boolean): Promise<T> {
    this.#assertOpen();
    if (!this.#inTx) return writeTransaction(this.#db, { ...this.#shared, idempotent }, fn);
    try {
      return await fn(this.#db);
    } catch (e) {
      throw toPgStoreError(e, this.#shared.target);
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new MetawsmError('STORE_FAILED', 'the metawsm database is closed');
  }
}
