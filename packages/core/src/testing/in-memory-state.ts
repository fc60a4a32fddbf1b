import type { MetawsmEvent } from '../domain/event.js';
import type { ReviewFeedbackItem } from '../domain/feedback.js';
import type { RunLock } from '../domain/lock.js';
import type { PullRequestRecord } from '../domain/pull-request.js';
import type { Run, TargetKey } from '../domain/run.js';
import type { HttpCacheEntry } from '../ports/http-cache.port.js';
import type { FeedbackKey } from '../ports/store.port.js';

/** Everything an {@link InMemoryStore} holds; plain data so it can be snapshotted. */
export interface InMemoryState {
  runs: Map<string, Run>;
  pullRequests: Map<string, PullRequestRecord>;
  feedback: Map<string, ReviewFeedbackItem>;
  events: MetawsmEvent[];
  nextEventId: number;
  locks: Map<string, RunLock>;
  /** Keyed by {@link httpCacheMapKey}. */
  httpCache: Map<string, HttpCacheEntry>;
}

/** An empty state; event ids start at 1 like an autoincrement column. */
export function emptyState(): InMemoryState {
  return {
    runs: new Map(),
    pullRequests: new Map(),
    feedback: new Map(),
    events: [],
    nextEventId: 1,
    locks: new Map(),
    httpCache: new Map(),
  };
}

/**
 * A deep copy through JSON, so stored values behave exactly like the SQLite store's JSON columns
 * (`undefined` properties vanish) and callers never share objects with the store.
 */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A deep copy of a whole state, for transaction rollback. */
export function snapshotState(s: InMemoryState): InMemoryState {
  return {
    runs: new Map([...s.runs].map(([k, v]) => [k, copy(v)])),
    pullRequests: new Map([...s.pullRequests].map(([k, v]) => [k, copy(v)])),
    feedback: new Map([...s.feedback].map(([k, v]) => [k, copy(v)])),
    events: s.events.map(copy),
    nextEventId: s.nextEventId,
    locks: new Map([...s.locks].map(([k, v]) => [k, copy(v)])),
    httpCache: new Map([...s.httpCache].map(([k, v]) => [k, copy(v)])),
  };
}

/** Replace `target`'s contents with `source`'s (rollback keeps object identity of the state). */
export function restoreState(target: InMemoryState, source: InMemoryState): void {
  Object.assign(target, source);
}

/** Map key of a target. */
export function targetMapKey(k: TargetKey): string {
  return JSON.stringify([k.runId, k.ticket, k.repo]);
}

/** Map key of a feedback item. */
export function feedbackMapKey(k: FeedbackKey): string {
  return JSON.stringify([k.runId, k.ticket, k.repo, k.sourceType, k.githubId]);
}

/** Map key of a conditional-request cache entry. */
export function httpCacheMapKey(url: string, identity: string): string {
  return JSON.stringify([url, identity]);
}

/** Byte-order string comparison, like SQLite's default BINARY collation for ASCII keys. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A comparator over the tuple `key` returns: element by element, numbers numerically, text by code unit. */
export function byKeys<T>(key: (x: T) => (string | number)[]): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    for (let i = 0; i < x.length; i++) {
      const p = x[i];
      const q = y[i];
      const c = typeof p === 'number' && typeof q === 'number' ? p - q : compareText(String(p), String(q));
      if (c !== 0) return c;
    }
    return 0;
  };
}
