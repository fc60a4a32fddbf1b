import type { StorePort } from '@metawsm/core';
import { describeHttpCacheContract } from './store-contract-http-cache.js';
import { describeDetailsContract } from './store-contract-details.js';
import { describeRecordContract } from './store-contract-records.js';
import { describeJournalAndLockContract } from './store-contract-journal.js';
import { describeRunContract } from './store-contract-runs.js';
import { describeTransactionContract } from './store-contract-transactions.js';
import type { StoreContext } from './store-fixtures.js';

/** What a store factory hands the contract suite. */
export interface StoreHarness {
  /** A store on an empty, freshly migrated database. */
  store: StorePort;
  /** Open the same database again (the suite closes the old store first). Omit for `:memory:`. */
  reopen?: () => Promise<StorePort>;
  /** Remove whatever the harness created (temp files). The suite closes stores itself. */
  cleanup: () => Promise<void>;
}

/**
 * The StorePort contract (docs/architecture.md, Tests): every implementation — the in-memory fake, SQLite
 * on a file and in memory, PostgreSQL — must pass it. Uses jest's globals; `makeStore` is
 * called once per test and must return an empty store.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`StorePort contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    let current: StorePort | undefined;

    beforeEach(async () => {
      harness = await makeStore();
      current = harness.store;
    });

    afterEach(async () => {
      await current?.close().catch(() => undefined);
      await harness?.cleanup();
      harness = undefined;
      current = undefined;
    });

    const ctx: StoreContext = {
      store: () => {
        if (current === undefined) throw new Error('store contract: no store outside a test');
        return current;
      },
      reopen: () => {
        const reopen = harness?.reopen;
        if (reopen === undefined) return null;
        return (async () => {
          await current?.close();
          current = await reopen();
          return current;
        })();
      },
    };

    describeRunContract(ctx);
    describeRecordContract(ctx);
    describeJournalAndLockContract(ctx);
    describeTransactionContract(ctx);
    describeHttpCacheContract(ctx);
    describeDetailsContract(ctx);
  });
}
