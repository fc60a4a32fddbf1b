import { parseDatabaseUrl } from '@metawsm/core';
import { describeStoreContract } from '../../testkit/src/contracts/store.contract.js';
import { testPgServer } from '../../testkit/src/postgres/pg-test-server.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';

// The StorePort contract on a real PostgreSQL server (a throwaway cluster, or
// METAWSM_TEST_DATABASE_URL): one fresh database per test, with an ICU en-US default collation so
// that the byte-wise ordering the contract expects has to come from the schema.
describeStoreContract('PostgresStore', async () => {
  const server = await testPgServer();
  const url = await server.createDatabase({ icu: true });
  const open = () => PostgresStore.open({ url: parseDatabaseUrl(url, 'test') });
  return { store: await open(), reopen: open, cleanup: () => server.dropDatabase(url) };
});
