import { throttling } from '@octokit/plugin-throttling';
import type { GitHubClient } from './octokit-client-type.js';

/**
 * The two limiters every request passes through in @octokit/plugin-throttling, without Bottleneck.
 *
 * Bottleneck's local datastore waits for a `setTimeout(0)` (at least 1 ms) at each step of a job,
 * and it takes jobs one at a time, so those waits add up: the 160 requests of an idle `review
 * sync` over 20 PRs left one every 3–4 ms, over ~600 ms, instead of all at once (bench/review). The
 * plugin only calls `key(id).schedule(options, fn, ...args)` on a group, and `schedule(fn, ...args)`
 * and `on('failed', handler)` on its retry limiter; these implement exactly that, with promises.
 * (Its `auth` and `search` groups stay Bottleneck: metawsm sends neither kind of request.)
 */

type Task = (...args: unknown[]) => unknown;

interface Limiter {
  schedule(options: unknown, fn: Task, ...args: unknown[]): Promise<unknown>;
}

/** At most `max` tasks in flight; the rest start in the order they came, as slots free up. */
function semaphore(max: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return {
    async schedule(_options, fn, ...args) {
      if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await fn(...args);
      } finally {
        release();
      }
    },
  };
}

/**
 * The plugin's `global` group: at most `max` requests in flight per key (one key per token), the
 * rest queued in order. The plugin's own allows 10; GitHub's secondary limit is 100 concurrent.
 */
export function concurrencyLimitGroup(max: number): unknown {
  const limiters = new Map<string, Limiter>();
  return {
    key(id: string): Limiter {
      let limiter = limiters.get(id);
      if (!limiter) {
        limiter = semaphore(max);
        limiters.set(id, limiter);
      }
      return limiter;
    },
  };
}

/** What a `failed` handler is told: the job's arguments and how often it was retried. */
export interface FailedJobInfo {
  args: unknown[];
  retryCount: number;
}

type FailedHandler = (error: unknown, info: FailedJobInfo) => unknown;

/**
 * The plugin's retry limiter, with Bottleneck's `failed` contract: when a job rejects, each handler
 * is asked in turn; the first that returns a number asks for a retry after that many milliseconds
 * (the plugin does so for a rate limit its `onRateLimit` accepts), otherwise the rejection stands.
 * No limit and no waiting otherwise: a job starts at once.
 */
export function retryLimiter(sleep: (ms: number) => Promise<void> = defaultSleep) {
  const handlers: FailedHandler[] = [];
  return {
    on(event: string, handler: FailedHandler): void {
      if (event === 'failed') handlers.push(handler);
    },
    async schedule(fn: Task, ...args: unknown[]): Promise<unknown> {
      for (let retryCount = 0; ; retryCount++) {
        try {
          return await fn(...args);
        } catch (error) {
          const delay = await retryDelay(handlers, error, { args, retryCount });
          if (delay === null) throw error;
          await sleep(delay);
        }
      }
    },
  };
}

async function retryDelay(
  handlers: readonly FailedHandler[],
  error: unknown,
  info: FailedJobInfo,
): Promise<number | null> {
  for (const handler of handlers) {
    const answer = await handler(error, info);
    if (typeof answer === 'number' && Number.isFinite(answer)) return Math.max(0, answer);
  }
  return null;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Minimum time between the starts of content-creating requests of one client. */
export interface WriteSpacing {
  /** Between any two writes (POST, PATCH, PUT, DELETE). GitHub recommends 1 s. */
  writeMs: number;
  /** Between two writes that notify people (a comment, a PR, a review request). plugin-throttling uses 3 s. */
  notificationMs: number;
}

/**
 * Space a client's content-creating REST requests as GitHub recommends, in a request hook.
 * plugin-throttling would pace these itself, but it counts every GraphQL request as a write, so a
 * `review sync` of 20 PRs would wait 1 s per review-thread *query*; its own pacing is therefore
 * turned off (`write`/`notifications` groups that never wait) and this hook paces REST writes only.
 * Each attempt is paced (retries included), in the order the requests came.
 */
export function installWritePacing(
  client: GitHubClient,
  spacing: WriteSpacing,
  sleep: (ms: number) => Promise<void> = defaultSleep,
): void {
  let nextWrite = 0;
  let nextNotification = 0;
  client.hook.wrap('request', async (request, options) => {
    const method = String(options.method).toUpperCase();
    // As the plugin reads it: the route template (or URL) as a path.
    const path = new URL(String(options.url), 'http://github.test').pathname;
    if (method === 'GET' || method === 'HEAD' || /(^|\/)graphql$/.test(path)) return request(options);
    const now = Date.now();
    let start = Math.max(now, nextWrite);
    nextWrite = start + spacing.writeMs;
    if (throttling.triggersNotification(path)) {
      start = Math.max(start, nextNotification);
      nextNotification = start + spacing.notificationMs;
    }
    if (start > now) await sleep(start - now);
    return request(options);
  });
}
