import { describeStoreContract } from '../../testkit/src/contracts/store.contract.js';
import { InMemoryStore } from '../src/testing/in-memory-store.js';

describeStoreContract('InMemoryStore', () => {
  const store = new InMemoryStore();
  return Promise.resolve({
    store,
    reopen: () => Promise.resolve(store.reopen()),
    cleanup: () => Promise.resolve(),
  });
});
