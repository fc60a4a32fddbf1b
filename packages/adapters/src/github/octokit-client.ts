import { createHash } from 'node:crypto';
import type { HttpCachePort } from '@metawsm/core';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { installConditionalRequests } from './conditional-requests.js';
import { nodeFetch } from './node-fetch.js';
import { concurrencyLimitGroup, installWritePacing, retryLimiter } from './request-limiters.js';
import { installBodyParsing } from './response-body.js';
import type { GitHubClient } from './octokit-client-type.js';
import { budgetLeftMs, installRetry, type GitHubRetryEvent } from './retry-budget.js';

export type { GitHubClient } from './octokit-client-type.js';

const MetawsmOctokit = Octokit.plugin(throttling);

/** Octokit's logger interface. */
export interface OctokitLog {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

/** Options of the {@link OctokitGitHubAdapter}; every default suits api.github.com. */
export interface OctokitGitHubAdapterOptions {
  /** Retries of a request that got a 5xx or a network error. Default 3. */
  retries?: number;
  /** Backoff unit of those retries: the n-th retry waits n² × this. Default 1000 (1 s, 4 s, 9 s). */
  retryBackoffMs?: number;
  /** Retries of a request that hit a (primary or secondary) rate limit. Default 3. */
  rateLimitRetries?: number;
  /** A rate limit asking to wait longer than this many seconds fails `RATE_LIMITED` at once. Default 60. */
  maxRateLimitWaitSeconds?: number;
  /**
   * The most one port call may take, retries and waits included: no retry starts that would end
   * past it, and no request outlives it. Default 60 000 (60 s).
   */
  retryBudgetMs?: number;
  /** Told before every retry (a TTY prints "retrying in 4 s, attempt 2/4"). */
  onRetry?: (event: GitHubRetryEvent) => void;
  /** Where ETags of polled GETs are kept (the store): enables conditional requests. */
  cache?: HttpCachePort;
  /** Requests in flight at once per token; the rest wait their turn. Default 10 (Octokit's). GitHub's secondary limit is 100. */
  maxConcurrentRequests?: number;
  /**
   * Space content-creating REST requests as GitHub recommends: 1 s between writes, 3 s between
   * writes that notify people (`writeSpacingMs`, `notificationSpacingMs`). GraphQL queries and
   * reads are never paced. Default true; the CLI turns it off (a run makes a handful of writes, and
   * GitHub's secondary limits are honoured through `retry-after`).
   */
  paceWrites?: boolean;
  /** Milliseconds between two paced writes. Default 1000. */
  writeSpacingMs?: number;
  /** Milliseconds between two paced writes that notify people. Default 3000. */
  notificationSpacingMs?: number;
  /** plugin-throttling overrides, e.g. `{ retryAfterBaseValue: 1 }` so `retry-after: 2` waits 2 ms in tests. */
  throttle?: Partial<ThrottlingOptions>;
  /** Abort a single HTTP request after this many milliseconds (then retried as a network error). Default 30 000. */
  requestTimeoutMs?: number;
  /** Items per page when listing. Default 100 (GitHub's maximum). */
  pageSize?: number;
  /** Review threads per GraphQL page (1–100). Default 100. */
  graphqlPageSize?: number;
  /** Give up (`GITHUB_BAD_RESPONSE`) after this many pages rather than follow `next` links forever. Default 100. */
  maxPages?: number;
  userAgent?: string;
  /** Octokit's logger. Default silent: failures surface as MetawsmError instead. */
  log?: OctokitLog;
}

const noop = (): void => undefined;
const SILENT: OctokitLog = { debug: noop, info: noop, warn: noop, error: noop };

type LimiterGroup = NonNullable<ThrottlingOptions['write']>;

/**
 * plugin-throttling's write/notification limiter groups, never waiting (writes are paced by
 * `installWritePacing` instead): the plugin only calls `group.key(id).schedule(options, fn, ...args)`.
 */
const NO_PACING = {
  key: () => ({
    schedule: (_options: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve(fn(...args)),
  }),
} as unknown as LimiterGroup;

/** `nodeFetch` with each attempt cut after `timeoutMs`, and never past `deadline` (epoch ms). */
function timedFetch(timeoutMs: number, deadline: number) {
  return (url: string | URL, init: RequestInit = {}) =>
    nodeFetch(url, {
      ...init,
      signal: init.signal ?? AbortSignal.timeout(Math.max(1, Math.min(timeoutMs, deadline - Date.now()))),
    });
}

/** Builds and caches one Octokit per (API URL, token); the cache key is a digest, never the token. */
export class OctokitClients {
  readonly #clients = new Map<string, GitHubClient>();
  readonly #options: OctokitGitHubAdapterOptions;
  /** plugin-throttling's `global` group, shared by every client (keyed by client id). */
  readonly #global: unknown;

  constructor(options: OctokitGitHubAdapterOptions) {
    this.#options = options;
    this.#global = concurrencyLimitGroup(options.maxConcurrentRequests ?? 10);
  }

  /**
   * The client for one port call: its requests (REST and GraphQL, retries included) carry the
   * call's deadline, `budgetMs` from now, and none outlives it.
   */
  forCall(apiUrl: string, token: string, budgetMs: number): GitHubClient {
    const base = this.get(apiUrl, token);
    const deadline = Date.now() + budgetMs;
    const request = {
      metawsmDeadline: deadline,
      fetch: timedFetch(this.#options.requestTimeoutMs ?? 30_000, deadline),
    };
    return Object.assign(Object.create(base) as GitHubClient, {
      request: base.request.defaults({ request }),
      graphql: base.graphql.defaults({ request }),
    });
  }

  /** The client for this endpoint and token. */
  get(apiUrl: string, token: string): GitHubClient {
    const baseUrl = apiUrl.replace(/\/+$/, '');
    const key = createHash('sha256').update(`${baseUrl}\n${token}`).digest('hex');
    let client = this.#clients.get(key);
    if (!client) {
      client = this.#create(baseUrl, token, key.slice(0, 16));
      this.#clients.set(key, client);
    }
    return client;
  }

  #throttle(id: string): ThrottlingOptions {
    const o = this.#options;
    const rateLimitRetries = o.rateLimitRetries ?? 3;
    const maxWait = o.maxRateLimitWaitSeconds ?? 60;
    const unitMs = o.throttle?.retryAfterBaseValue ?? 1000;
    // Returning true asks plugin-throttling to wait `retryAfter` seconds and retry.
    const onLimit = (
      retryAfter: number,
      options: unknown,
      _octokit: unknown,
      retryCount: number,
    ): boolean => {
      const waitMs = retryAfter * unitMs;
      const left = budgetLeftMs(options as Parameters<typeof budgetLeftMs>[0]);
      const retry = retryCount < rateLimitRetries && retryAfter <= maxWait && waitMs < left;
      const attempt = retryCount + 2;
      const maxAttempts = rateLimitRetries + 1;
      if (retry) o.onRetry?.({ attempt, maxAttempts, waitMs, reason: 'rate_limit', status: null });
      return retry;
    };
    return {
      // Limiters are keyed by id: one per token, so tokens do not pace each other.
      id: `metawsm-${id}`,
      // Promise-based, not Bottleneck's timer-driven ones (request-limiters.ts); the plugin reads
      // both from its options although its types do not declare them.
      ...({ global: this.#global, retryLimiter: retryLimiter() } as Partial<ThrottlingOptions>),
      // The plugin would pace GraphQL queries as writes: installWritePacing paces REST writes instead.
      write: NO_PACING,
      notifications: NO_PACING,
      ...o.throttle,
      onRateLimit: onLimit,
      onSecondaryRateLimit: onLimit,
    };
  }

  #create(baseUrl: string, token: string, id: string): GitHubClient {
    const o = this.#options;
    const timeoutMs = o.requestTimeoutMs ?? 30_000;
    const client = new MetawsmOctokit({
      auth: token,
      baseUrl,
      userAgent: o.userAgent ?? 'metawsm',
      log: o.log ?? SILENT,
      throttle: this.#throttle(id),
      request: {
        // Parsed by installBodyParsing (V8's JSON.parse when safe), not by Octokit's slower parser.
        parseSuccessResponseBody: false,
        // Node's http(s) client, not undici's fetch: far cheaper per request and to start.
        fetch: timedFetch(timeoutMs, Infinity),
      },
    });
    // Registered first, so innermost: retries and the cache see parsed answers.
    installBodyParsing(client);
    // Inside the retries, so that every attempt of a write is paced.
    if (o.paceWrites !== false)
      installWritePacing(client, {
        writeMs: o.writeSpacingMs ?? 1000,
        notificationMs: o.notificationSpacingMs ?? 3000,
      });
    installRetry(client, {
      retries: o.retries ?? 3,
      backoffMs: o.retryBackoffMs ?? 1000,
      onRetry: o.onRetry,
    });
    // Registered last, so outermost: one conditional GET however often it is retried.
    if (o.cache) installConditionalRequests(client, o.cache, token);
    return client;
  }
}
