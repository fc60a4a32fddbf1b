import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '../../testkit/src/contracts/store.contract.js';
import { SqliteStore } from '../src/store/sqlite-store.js';

describeStoreContract('SqliteStore (file)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'metawsm-store-'));
  const file = join(dir, 'nested', '.metawsm', 'metawsm.db');
  return {
    store: await SqliteStore.open({ file }),
    reopen: () => SqliteStore.open({ file }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describeStoreContract('SqliteStore (:memory:)', async () => ({
  store: await SqliteStore.open({ file: ':memory:' }),
  cleanup: () => Promise.resolve(),
}));
