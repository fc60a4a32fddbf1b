import { AsyncLocalStorage } from 'node:async_hooks';
import type { GitHubClient } from './octokit-client-type.js';

/** One retry about to happen, for progress output ("retrying in 4 s, attempt 2/4"). */
export interface GitHubRetryEvent {
  /** The attempt about to be made (2 = the first retry). */
  attempt: number;
  /** The most attempts this request can get. */
  maxAttempts: number;
  /** How long metawsm waits before it. */
  waitMs: number;
  /** `rate_limit`, `server_error` (5xx) or `network`. */
  reason: 'rate_limit' | 'server_error' | 'network';
  /** HTTP status of the failed attempt, if it had one. */
  status: number | null;
}

/** When the current port call must have finished, retries included (epoch ms). */
const deadlines = new AsyncLocalStorage<number>();

/** Run `fn` (one port call) with a deadline `budgetMs` from now; nested calls keep the outer one. */
export function withBudget<T>(budgetMs: number, fn: () => Promise<T>): Promise<T> {
  const outer = deadlines.getStore();
  return outer === undefined ? deadlines.run(Date.now() + budgetMs, fn) : fn();
}

/** Milliseconds left of the current port call's budget (Infinity outside one). */
export function budgetLeftMs(): number {
  const deadline = deadlines.getStore();
  return deadline === undefined ? Infinity : deadline - Date.now();
}

/** What the retry hook needs. */
export interface RetryOptions {
  /** Retries of 5xx answers and network errors. */
  retries: number;
  /** The n-th retry waits n² × this. */
  backoffMs: number;
  onRetry: ((e: GitHubRetryEvent) => void) | undefined;
}

interface RequestErrorLike {
  status?: number;
  response?: unknown;
  request?: { request?: { retryCount?: number } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function reasonOf(e: RequestErrorLike): GitHubRetryEvent['reason'] | null {
  if (e.response === undefined) return 'network';
  if ((e.status ?? 0) >= 500) return 'server_error';
  return null;
}

/**
 * Retry 5xx answers and network errors with n² backoff, never past the port call's budget: a wait
 * that would end after the deadline is not made. Rate limits (403/429) are plugin-throttling's.
 * Each retry is announced through `onRetry` first.
 */
export function installRetry(client: GitHubClient, o: RetryOptions): void {
  client.hook.wrap('request', async (request, options) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(options);
      } catch (e) {
        const err = e as RequestErrorLike;
        const reason = typeof e === 'object' && e !== null ? reasonOf(err) : null;
        const waitMs = attempt * attempt * o.backoffMs;
        if (reason === null || attempt > o.retries || waitMs >= budgetLeftMs()) throw e;
        // toGitHubError reports how many retries were made.
        options.request.retryCount = attempt;
        if (err.request?.request) err.request.request.retryCount = attempt;
        o.onRetry?.({
          attempt: attempt + 1,
          maxAttempts: o.retries + 1,
          waitMs,
          reason,
          status: err.status ?? null,
        });
        await sleep(waitMs);
      }
    }
  });
}
