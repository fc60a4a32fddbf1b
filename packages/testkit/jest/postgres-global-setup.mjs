// jest globalSetup: prepares (but does not start) the run's shared PostgreSQL test cluster.
// The first suite that needs PostgreSQL starts it (packages/testkit/src/postgres/pg-test-server.ts),
// so runs without PostgreSQL suites never pay for it; postgres-global-teardown.mjs stops it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup() {
  // Workers are started after this and inherit the variable.
  process.env.METAWSM_TEST_PG_STATE = mkdtempSync(join(tmpdir(), 'metawsm-pg-state-'));
}
