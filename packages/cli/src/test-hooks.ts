import type { StorePort } from '@metawsm/core';

/**
 * Test-only: with METAWSM_TEST_PAUSE_AT=<event type>:<phase> (e.g. `commit.snapshot:done`), the
 * process stops right after journalling that event, announces `METAWSM_PAUSED <point>` on stderr
 * and waits to be killed. Crash tests use it to `kill -9` a real command at a chosen point.
 */
export function withPausePoint(store: StorePort, point: string | undefined): StorePort {
  if (!point) return store;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'appendEvent') {
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return async (event: Parameters<StorePort['appendEvent']>[0]) => {
        const id = await target.appendEvent(event);
        if (`${event.type}:${event.phase}` === point) {
          process.stderr.write(`METAWSM_PAUSED ${point}\n`);
          await new Promise(() => setInterval(() => undefined, 60_000));
        }
        return id;
      };
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
