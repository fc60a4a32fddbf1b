import type { HttpCachePort, StorePort } from '@metawsm/core';

/**
 * ETags kept in the store, which is opened only when a polled GET first asks for one: a command
 * that never polls GitHub never opens the store for it.
 */
export function storeHttpCache(store: () => Promise<StorePort>): HttpCachePort {
  return {
    getHttpCache: async (url, identity) => (await store()).getHttpCache(url, identity),
    putHttpCache: async (entry) => (await store()).putHttpCache(entry),
  };
}
