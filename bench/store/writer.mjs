// One writer process of bench/store/run.mjs: opens the store, creates its run, says "ready",
// waits for "go" on stdin, then times each of <count> writes and prints their latencies (ms).
//   node writer.mjs <sqlite file | postgres URL> <worker> <count> <tx|event>
import { performance } from 'node:perf_hooks';
import { parseDatabaseUrl } from '../../packages/core/dist/index.js';
import { openStore } from '../../packages/adapters/dist/store/index.js';

const [spec, worker, count, mode] = process.argv.slice(2);
const location = spec.startsWith('postgres')
  ? { kind: 'postgres', url: parseDatabaseUrl(spec, 'bench'), source: 'bench' }
  : { kind: 'sqlite', file: spec };
const iso = () => new Date().toISOString();
const runId = `run-w${worker}`;

const store = await openStore(location);
await store.createRun({
  id: runId,
  title: null,
  status: 'completed',
  tickets: ['T-1'],
  targets: [],
  baseBranch: 'main',
  createdAt: iso(),
  updatedAt: iso(),
  completedAt: iso(),
  closedAt: null,
});
const event = (i) => ({
  runId,
  ticket: 'T-1',
  repo: `repo-${i}`,
  type: 'bench.write',
  phase: 'done',
  operationId: `op-${worker}`,
  actor: null,
  data: { worker: Number(worker), i },
  at: iso(),
});
const record = (i) => ({
  ...Object.fromEntries(
    [
      'baseSha',
      'snapshotSha',
      'commitSha',
      'leaseSha',
      'lastPushedSha',
      'prNumber',
      'prUrl',
      'prState',
      'prTitle',
    ]
      .concat([
        'prBodyDigest',
        'actor',
        'actorSource',
        'credentialMode',
        'checks',
        'lastError',
        'policyDigest',
      ])
      .concat(['committedAt', 'pushedAt'])
      .map((k) => [k, null]),
  ),
  runId,
  ticket: 'T-1',
  repo: `repo-${i}`,
  branch: `t-1/repo-${i}/${runId}`,
  baseRef: 'refs/remotes/origin/main',
  createdAt: iso(),
  updatedAt: iso(),
});

console.log(JSON.stringify({ ready: true }));
await new Promise((resolve) => process.stdin.once('data', resolve));
const latencies = [];
for (let i = 0; i < Number(count); i++) {
  const started = performance.now();
  if (mode === 'event') await store.appendEvent(event(i));
  else
    await store.transaction(async (tx) => {
      await tx.appendEvent(event(i));
      await tx.putPullRequest(record(i));
    });
  latencies.push(performance.now() - started);
}
await store.close();
console.log(JSON.stringify({ latencies }));
process.exit(0);
