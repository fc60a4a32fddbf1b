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

/** Why the database file cannot be used. */
export type Unavailable = 'read_only' | 'corrupt' | 'disk_full' | 'cannot_open' | 'io';

/** SQLite result codes that say the database file cannot be used, as opposed to a bug or contention. */
function unavailableReason(code: string): Unavailable | null {
  if (code.startsWith('SQLITE_READONLY')) return 'read_only';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return 'cannot_open';
  return code.startsWith('SQLITE_IOERR') ? 'io' : null;
}

const UNAVAILABLE: Record<Unavailable, { what: string; hint: (file: string) => string }> = {
  read_only: {
    what: 'read-only',
    hint: (f) => `Make ${f} and its folder writable for the user running metawsm.`,
  },
  corrupt: {
    what: 'damaged',
    hint: (f) =>
      `metawsm left ${f} untouched: keep a copy, then move it aside to start from an empty state, or restore a backup.`,
  },
  disk_full: {
    what: 'out of space',
    hint: (f) => `The disk holding ${f} is full: free some space, then run the command again.`,
  },
  cannot_open: {
    what: 'not accessible',
    hint: (f) => `Check that ${f} and its folder exist and are readable and writable.`,
  },
  io: {
    what: 'failing with I/O errors',
    hint: (f) =>
      `The disk reported an I/O error on ${f} (or a file size limit was hit): check the device and free space.`,
  },
};

/** STORE_UNAVAILABLE (exit 8): the database `file` cannot be used for `reason`; `detail` says what SQLite said. */
export function unavailableStore(
  file: string,
  reason: Unavailable,
  detail: string,
  cause?: { error: unknown; sqliteCode: string },
): MetawsmError {
  return new MetawsmError(
    'STORE_UNAVAILABLE',
    `the metawsm database ${file} is ${UNAVAILABLE[reason].what} (${detail})`,
    {
      hint: UNAVAILABLE[reason].hint(file),
      data: { path: file, reason, ...(cause ? { sqliteCode: cause.sqliteCode } : {}) },
      ...(cause ? { cause: cause.error } : {}),
    },
  );
}

/** STORE_UNAVAILABLE naming the database file, or null when `e` is not such a failure. */
export function storeUnavailable(e: unknown, file: string): MetawsmError | null {
  const code = sqliteErrorCode(e);
  const reason = code === undefined ? null : unavailableReason(code);
  if (code === undefined || reason === null) return null;
  const message = e instanceof Error ? e.message : String(e);
  return unavailableStore(file, reason, message, { error: e, sqliteCode: code });
}

/**
 * Translate anything a store operation on `file` threw: MetawsmErrors pass through, busy errors
 * become STORE_BUSY, an unusable file (read-only, damaged, full, unreadable) STORE_UNAVAILABLE,
 * every other SQLite/Kysely failure STORE_FAILED with the original as `cause`.
 */
export function toStoreError(e: unknown, file: string): MetawsmError {
  if (e instanceof MetawsmError) return e;
  if (isBusyError(e)) return storeBusy(e, 1);
  const unavailable = storeUnavailable(e, file);
  if (unavailable !== null) return unavailable;
  const code = sqliteErrorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  return new MetawsmError('STORE_FAILED', `metawsm database operation failed: ${message}`, {
    hint: 'This looks like a bug in metawsm; METAWSM_DEBUG=1 shows the cause.',
    data: { path: file, ...(code === undefined ? {} : { sqliteCode: code }) },
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
