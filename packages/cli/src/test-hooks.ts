import type { LockAttempt, RunLock, StorePort } from '@metawsm/core';

/*
 * Test-only hooks, each off unless its METAWSM_TEST_* variable is set:
 * - METAWSM_TEST_PAUSE_AT=<event type>:<phase> (e.g. `commit.snapshot:done`): right after
 *   journalling that event the process announces `METAWSM_PAUSED <point>` on stderr and waits to
 *   be killed (crash tests `kill -9` it there), or, with METAWSM_TEST_PAUSE_MS, resumes after that
 *   many ms (tests restart the database server meanwhile).
 * - METAWSM_TEST_LOCK_LEASE_MS: run-lock leases this long (and never renewed in time), so a test
 *   sees a lease run out in seconds instead of ten minutes.
 * - METAWSM_TEST_HOSTNAME: this process's host identity, so one machine can play two hosts.
 */

/** The host identity override, if any. */
export function testHostname(): string | undefined {
  return process.env.METAWSM_TEST_HOSTNAME || undefined;
}

/** The store with the hooks the environment asks for. */
export function withTestHooks(store: StorePort): StorePort {
  let hooked = store;
  const leaseMs = Number(process.env.METAWSM_TEST_LOCK_LEASE_MS);
  if (leaseMs > 0) hooked = withShortLease(hooked, leaseMs);
  const point = process.env.METAWSM_TEST_PAUSE_AT;
  if (point) hooked = withPausePoint(hooked, point, Number(process.env.METAWSM_TEST_PAUSE_MS) || null);
  return hooked;
}

/** Replace some methods of `store`, forwarding the rest bound to it. */
function override(store: StorePort, methods: Partial<StorePort>): StorePort {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (Object.hasOwn(methods, prop)) return methods[prop as keyof StorePort];
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Test-only: with METAWSM_TEST_SQLITE_MAX_PAGES=<n>, the database may not grow past n pages
 * (SQLite `max_page_count`), so tests can make the "disk" full without filling a real one.
 */
export function testStoreOptions(maxPages: string | undefined): { maxPageCount?: number } {
  const n = Number(maxPages);
  return maxPages && Number.isInteger(n) && n > 0 ? { maxPageCount: n } : {};
}

function withPausePoint(store: StorePort, point: string, resumeAfterMs: number | null): StorePort {
  return override(store, {
    appendEvent: async (event) => {
      const id = await store.appendEvent(event);
      if (`${event.type}:${event.phase}` === point) {
        process.stderr.write(`METAWSM_PAUSED ${point}\n`);
        if (resumeAfterMs === null) await new Promise(() => setInterval(() => undefined, 60_000));
        else await new Promise((resolve) => setTimeout(resolve, resumeAfterMs));
      }
      return id;
    },
  });
}

function withShortLease(store: StorePort, leaseMs: number): StorePort {
  const until = (fromMs: number): string => new Date(fromMs + leaseMs).toISOString();
  return override(store, {
    acquireRunLock: (candidate: RunLock, canTakeOver: (holder: RunLock) => boolean): Promise<LockAttempt> =>
      store.acquireRunLock(
        { ...candidate, leaseExpiresAt: until(Date.parse(candidate.startedAt)) },
        canTakeOver,
      ),
    renewRunLock: (runId, ownerId) => store.renewRunLock(runId, ownerId, until(Date.now())),
  });
}
