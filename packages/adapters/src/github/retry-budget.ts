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

/**
 * When a port call must have finished, retries included (epoch ms): carried by each of its
 * requests in Octokit's `request` options (see `OctokitClients.forCall`), where every hook and
 * plugin-throttling's rate-limit handler see it. Explicit, not an AsyncLocalStorage: that would
 * put async hooks on every promise of the process (~8% of an idle review sync's CPU).
 */
export interface BudgetedRequest {
  metawsmDeadline?: number;
}

/** Milliseconds left of the budget of the port call that sent `options` (Infinity outside one). */
export function budgetLeftMs(options: { request?: object } | undefined): number {
  const deadline = (options?.request as BudgetedRequest | undefined)?.metawsmDeadline;
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
        if (reason === null || attempt > o.retries || waitMs >= budgetLeftMs(options)) throw e;
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
