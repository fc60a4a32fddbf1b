/** Bounded exponential backoff for transient transport failures. */
export interface RetryPolicy {
  /** Total attempts, including the first. */
  attempts: number;
  /** Delay before the second attempt; doubles each time, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep(ms: number): Promise<void>;
}

/** Three attempts, 0.5 s then 1 s apart. */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 4000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The delay before attempt `attempt + 1` (attempt counts from 1). */
export function backoff(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/** A failure worth retrying: a 5xx/408/429 answer or a network error. */
export class TransientError extends Error {
  readonly status: number | null;

  constructor(message: string, status: number | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
    this.status = status;
  }
}

/** What {@link withRetry} runs. */
export interface RetryTask<T> {
  run(attempt: number): Promise<T>;
  /** Turn the last transient failure into the final error. */
  giveUp(last: TransientError): never;
  /** Called before each retry; may end the loop early with a result (e.g. a push that landed after all). */
  beforeRetry?(): Promise<{ done: true; value: T } | { done: false }>;
}

/** Run a task up to `policy.attempts` times while it throws {@link TransientError}. */
export async function withRetry<T>(policy: RetryPolicy, task: RetryTask<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task.run(attempt);
    } catch (e) {
      if (!(e instanceof TransientError)) throw e;
      if (attempt >= policy.attempts) task.giveUp(e);
      await policy.sleep(backoff(policy, attempt));
      if (task.beforeRetry) {
        const early = await task.beforeRetry();
        if (early.done) return early.value;
      }
    }
  }
}
