import type { MetawsmEvent, NewEvent } from '../domain/event.js';
import type { FeedbackStatus, ReviewFeedbackItem } from '../domain/feedback.js';
import type { LockAttempt, RunLock } from '../domain/lock.js';
import type { PullRequestRecord } from '../domain/pull-request.js';
import type { Run, RunStatus, TargetKey } from '../domain/run.js';
import { MetawsmError } from '../errors/metawsm-error.js';
import type { HttpCacheEntry } from '../ports/http-cache.port.js';
import type { FeedbackKey, RunDetails, RunPatch, StorePort } from '../ports/store.port.js';
import { AsyncMutex } from './async-mutex.js';
import {
  byKeys,
  copy,
  emptyState,
  feedbackMapKey,
  httpCacheMapKey,
  restoreState,
  snapshotState,
  targetMapKey,
  type InMemoryState,
} from './in-memory-state.js';

/**
 * A {@link StorePort} held in memory, for tests. Behaves like the SQLite store (the same contract
 * suite runs against both): values are deep-copied in and out, `transaction()` rolls back every
 * write when `fn` throws, and operations run one at a time (a transaction excludes every other
 * operation until it ends; inside `fn`, use the `tx` store, never this one, or it waits forever).
 */
export class InMemoryStore implements StorePort {
  #state: InMemoryState = emptyState();
  #mutex = new AsyncMutex();
  #inTx = false;
  #closed = false;

  /** Insert a new run with its targets; RUN_EXISTS if the id is taken. */
  createRun(run: Run): Promise<void> {
    return this.#op((s) => {
      if (s.runs.has(run.id))
        throw new MetawsmError('RUN_EXISTS', `run ${run.id} already exists`, { data: { runId: run.id } });
      const keys = new Set(run.targets.map((t) => targetMapKey({ runId: run.id, ...t })));
      if (keys.size !== run.targets.length) {
        throw new MetawsmError('DUPLICATE_TARGET', `run ${run.id} lists a ticket/repo pair twice`, {
          data: { runId: run.id },
        });
      }
      s.runs.set(run.id, copy(run));
    });
  }

  /** One run with its targets, or null. */
  getRun(id: string): Promise<Run | null> {
    return this.#op((s) => copy(s.runs.get(id) ?? null));
  }

  /** Runs, newest first (createdAt, then id, descending), optionally filtered. */
  listRuns(filter: { status?: RunStatus; ticket?: string } = {}): Promise<Run[]> {
    return this.#op((s) =>
      [...s.runs.values()]
        .filter((r) => filter.status === undefined || r.status === filter.status)
        .filter((r) => filter.ticket === undefined || r.tickets.includes(filter.ticket))
        .sort(byKeys((r) => [r.createdAt, r.id]))
        .reverse()
        .map(copy),
    );
  }

  /** Change a run's mutable fields; RUN_NOT_FOUND if absent. Returns the updated run. */
  updateRun(id: string, patch: RunPatch): Promise<Run> {
    return this.#op((s) => {
      const run = requireRun(s, id);
      const updated: Run = { ...run, ...copy(patch) };
      s.runs.set(id, updated);
      return copy(updated);
    });
  }

  /** The record of one target, or null. */
  getPullRequest(key: TargetKey): Promise<PullRequestRecord | null> {
    return this.#op((s) => copy(s.pullRequests.get(targetMapKey(key)) ?? null));
  }

  /** All records of a run, ordered by ticket then repo. */
  listPullRequests(runId: string): Promise<PullRequestRecord[]> {
    return this.#op((s) =>
      [...s.pullRequests.values()]
        .filter((r) => r.runId === runId)
        .sort(byKeys((r) => [r.ticket, r.repo]))
        .map(copy),
    );
  }

  /** Insert or replace the record of a target; RUN_NOT_FOUND if its run is absent. */
  putPullRequest(record: PullRequestRecord): Promise<void> {
    return this.#op((s) => {
      requireRun(s, record.runId);
      s.pullRequests.set(targetMapKey(record), copy(record));
    });
  }

  /** One feedback item, or null. */
  getFeedback(key: FeedbackKey): Promise<ReviewFeedbackItem | null> {
    return this.#op((s) => copy(s.feedback.get(feedbackMapKey(key)) ?? null));
  }

  /** Feedback items of a run, optionally narrowed, ordered by ticket, repo, source type, GitHub id. */
  listFeedback(filter: {
    runId: string;
    ticket?: string;
    repo?: string;
    status?: FeedbackStatus[];
  }): Promise<ReviewFeedbackItem[]> {
    return this.#op((s) =>
      [...s.feedback.values()]
        .filter((f) => f.runId === filter.runId)
        .filter((f) => filter.ticket === undefined || f.ticket === filter.ticket)
        .filter((f) => filter.repo === undefined || f.repo === filter.repo)
        .filter((f) => filter.status === undefined || filter.status.includes(f.status))
        .sort(byKeys((f) => [f.ticket, f.repo, f.sourceType, f.githubId]))
        .map(copy),
    );
  }

  /** Insert or replace feedback items, all or none; RUN_NOT_FOUND if a run is absent. */
  putFeedback(items: ReviewFeedbackItem[]): Promise<void> {
    return this.#op((s) => {
      for (const item of items) requireRun(s, item.runId);
      for (const item of items) s.feedback.set(feedbackMapKey(item), copy(item));
    });
  }

  /** Records, feedback items and lock holders of many runs. */
  listRunDetails(runIds: readonly string[]): Promise<RunDetails> {
    const wanted = new Set(runIds);
    return this.#op((s) => ({
      records: [...s.pullRequests.values()]
        .filter((r) => wanted.has(r.runId))
        .sort(byKeys((r) => [r.runId, r.ticket, r.repo]))
        .map(copy),
      feedback: [...s.feedback.values()]
        .filter((f) => wanted.has(f.runId))
        .sort(byKeys((f) => [f.runId, f.ticket, f.repo, f.sourceType, f.githubId]))
        .map(copy),
      locks: [...s.locks.values()].filter((l) => wanted.has(l.runId)).map(copy),
    }));
  }

  /** Append a journal row; returns its id. */
  appendEvent(event: NewEvent): Promise<number> {
    return this.#op((s) => {
      const id = s.nextEventId++;
      s.events.push({ ...copy(event), id });
      return id;
    });
  }

  /** Journal rows in id order, optionally narrowed; `limit` keeps the first rows. */
  listEvents(
    filter: { runId?: string; type?: string; operationId?: string; limit?: number } = {},
  ): Promise<MetawsmEvent[]> {
    return this.#op((s) =>
      s.events
        .filter((e) => filter.runId === undefined || e.runId === filter.runId)
        .filter((e) => filter.type === undefined || e.type === filter.type)
        .filter((e) => filter.operationId === undefined || e.operationId === filter.operationId)
        .slice(0, filter.limit ?? Number.POSITIVE_INFINITY)
        .map(copy),
    );
  }

  /** Take a run's lock atomically (free, or the holder satisfies `canTakeOver`); otherwise return the holder. */
  acquireRunLock(candidate: RunLock, canTakeOver: (holder: RunLock) => boolean): Promise<LockAttempt> {
    return this.#op((s): LockAttempt => {
      const holder = s.locks.get(candidate.runId) ?? null;
      if (holder !== null && !canTakeOver(copy(holder))) return { acquired: false, holder: copy(holder) };
      s.locks.set(candidate.runId, copy(candidate));
      return { acquired: true, lock: copy(candidate), tookOverFrom: copy(holder) };
    });
  }

  /** Extend a held lock's lease; false when `ownerId` no longer holds it. */
  renewRunLock(runId: string, ownerId: string, leaseExpiresAt: string): Promise<boolean> {
    return this.#op((s) => {
      const lock = s.locks.get(runId);
      if (lock === undefined || lock.ownerId !== ownerId) return false;
      s.locks.set(runId, { ...lock, leaseExpiresAt });
      return true;
    });
  }

  /** Release a lock if `ownerId` still holds it. */
  releaseRunLock(runId: string, ownerId: string): Promise<void> {
    return this.#op((s) => {
      if (s.locks.get(runId)?.ownerId === ownerId) s.locks.delete(runId);
    });
  }

  /** The current holder of a run's lock, or null. */
  getRunLock(runId: string): Promise<RunLock | null> {
    return this.#op((s) => copy(s.locks.get(runId) ?? null));
  }

  /** The remembered answer for (url, identity), or null. */
  getHttpCache(url: string, identity: string): Promise<HttpCacheEntry | null> {
    return this.#op((s) => copy(s.httpCache.get(httpCacheMapKey(url, identity)) ?? null));
  }

  /** Remember an answer, replacing the one for the same (url, identity). */
  putHttpCache(entry: HttpCacheEntry): Promise<void> {
    return this.#op((s) => {
      s.httpCache.set(httpCacheMapKey(entry.url, entry.identity), copy(entry));
    });
  }

  /** Run `fn` in one transaction; nested calls on the `tx` store run inline. */
  async transaction<T>(fn: (tx: StorePort) => Promise<T>): Promise<T> {
    if (this.#inTx) return fn(this);
    this.#assertOpen();
    return this.#mutex.run(async () => {
      const before = snapshotState(this.#state);
      const tx = new InMemoryStore();
      tx.#state = this.#state;
      tx.#inTx = true;
      try {
        return await fn(tx);
      } catch (e) {
        restoreState(this.#state, before);
        throw e;
      } finally {
        // A tx store that escapes its callback must not write outside the lock.
        tx.#closed = true;
      }
    });
  }

  /** A new open store over the same data, as if the database were opened again (this one may be closed). */
  reopen(): InMemoryStore {
    const store = new InMemoryStore();
    store.#state = this.#state;
    store.#mutex = this.#mutex;
    return store;
  }

  /** Mark the store closed; later operations fail with STORE_FAILED. */
  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }

  #op<T>(body: (s: InMemoryState) => T): Promise<T> {
    const task = (): T => {
      this.#assertOpen();
      return body(this.#state);
    };
    if (this.#inTx) return new Promise<T>((resolve) => resolve(task()));
    return this.#mutex.run(task);
  }

  #assertOpen(): void {
    if (this.#closed) throw new MetawsmError('STORE_FAILED', 'the store is closed');
  }
}

function requireRun(s: InMemoryState, id: string): Run {
  const run = s.runs.get(id);
  if (run === undefined)
    throw new MetawsmError('RUN_NOT_FOUND', `run ${id} not found`, { data: { runId: id } });
  return run;
}
