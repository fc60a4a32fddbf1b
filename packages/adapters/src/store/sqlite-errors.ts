import { setTimeout as sleep } from 'node:timers/promises';
import { MetawsmError } from '@metawsm/core';

/** How long and how often to retry an operation that hit SQLITE_BUSY / SQLITE_LOCKED. */
export interface BusyRetryPolicy {
  /** Total attempts, the first included (default 10). */
  attempts: number;
  /** First backoff; doubles per attempt, with jitter (default 25 ms). */
  baseDelayMs: number;
  /** Cap on one backoff (default 1000 ms). */
  maxDelayMs: number;
  /** No new attempt starts after this long since the first (default 15 s). */
  maxElapsedMs: number;
}

/** Defaults of {@link BusyRetryPolicy}: backoffs add up to at most ~4.6 s. */
export const DEFAULT_BUSY_RETRY: BusyRetryPolicy = {
  attempts: 10,
  baseDelayMs: 25,
  maxDelayMs: 1000,
  maxElapsedMs: 15_000,
};

/**
 * The `SQLITE_*` code of a better-sqlite3 `SqliteError`, else undefined. Recognised by shape, not
 * `instanceof`: the native addon keeps the error class of the first copy of better-sqlite3 loaded
 * in the process, so a second copy (bundlers, test runners' module registries) sees foreign classes.
 */
export function sqliteErrorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === 'SqliteError' && typeof code === 'string' ? code : undefined;
}

/** True for SQLite's "database is busy/locked" family (SQLITE_BUSY*, SQLITE_LOCKED*). */
export function isBusyError(e: unknown): boolean {
  const code = sqliteErrorCode(e);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The STORE_BUSY error thrown once retries are exhausted. */
export function storeBusy(cause: unknown, attempts: number): MetawsmError {
  return new MetawsmError('STORE_BUSY', `the metawsm database stayed busy after ${attempts} attempts`, {
    hint: 'Another metawsm process is writing to the same database; retry in a moment.',
    data: { attempts },
    cause,
  });
}

/**
 * Translate anything a store operation threw: MetawsmErrors pass through, busy errors become
 * STORE_BUSY, every other SQLite/Kysely failure STORE_FAILED with the original as `cause`.
 */
export function toStoreError(e: unknown): MetawsmError {
  if (e instanceof MetawsmError) return e;
  if (isBusyError(e)) return storeBusy(e, 1);
  const code = sqliteErrorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  return new MetawsmError('STORE_FAILED', `metawsm database operation failed: ${message}`, {
    hint: 'Check that .metawsm/metawsm.db is readable and writable and not corrupted; METAWSM_DEBUG=1 shows the cause.',
    ...(code === undefined ? {} : { data: { sqliteCode: code } }),
    cause: e,
  });
}

/**
 * Run `op`, retrying it with exponential backoff and jitter while it fails with a busy error.
 * `op` must be safe to repeat (it is a whole transaction, or a statement that did not commit).
 */
export async function withBusyRetry<T>(op: () => Promise<T>, policy: BusyRetryPolicy): Promise<T> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      if (!isBusyError(e)) throw e;
      const elapsed = performance.now() - started;
      if (attempt >= policy.attempts || elapsed >= policy.maxElapsedMs) throw storeBusy(e, attempt);
      await sleep(backoffMs(attempt, policy));
    }
  }
}

function backoffMs(attempt: number, policy: BusyRetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // "Equal jitter": half fixed, half random, so contenders spread out but never spin.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
