import { setTimeout as sleep } from 'node:timers/promises';
import { isRetryablePgError, toPgStoreError, type PgTarget } from './pg-errors.js';

/** How long and how often to retry a PostgreSQL operation that hit a conflict or a dropped connection. */
export interface PgRetryPolicy {
  /** Total attempts, the first included (default 8). */
  attempts: number;
  /** First backoff; doubles per attempt, with jitter (default 50 ms). */
  baseDelayMs: number;
  /** Cap on one backoff (default 1000 ms). */
  maxDelayMs: number;
  /** No new attempt starts after this long since the first (default 10 s). */
  maxElapsedMs: number;
}

/** Defaults of {@link PgRetryPolicy}: backoffs add up to at most ~3.6 s, enough for a server restart. */
export const DEFAULT_PG_RETRY: PgRetryPolicy = {
  attempts: 8,
  baseDelayMs: 50,
  maxDelayMs: 1000,
  maxElapsedMs: 10_000,
};

/**
 * An error wrapped to cross {@link withPgRetry} untouched: neither retried nor translated (a
 * caller's own error, a commit whose outcome is unknown).
 */
export class PassThrough {
  constructor(readonly error: unknown) {}
}

/**
 * Run `op` until it succeeds, fails with a non-retryable error, or the policy is exhausted; every
 * failure leaves as a MetawsmError. `op` must be safe to repeat (a whole transaction that did not
 * commit, or a read).
 */
export async function withPgRetry<T>(
  op: () => Promise<T>,
  policy: PgRetryPolicy,
  target: PgTarget,
): Promise<T> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      if (e instanceof PassThrough) throw e;
      const elapsed = performance.now() - started;
      if (!isRetryablePgError(e) || attempt >= policy.attempts || elapsed >= policy.maxElapsedMs)
        throw toPgStoreError(e, target, attempt);
      await sleep(backoffMs(attempt, policy));
    }
  }
}

function backoffMs(attempt: number, policy: PgRetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // "Equal jitter": half fixed, half random, so contenders spread out but never spin.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
