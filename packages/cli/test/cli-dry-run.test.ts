import { join } from 'node:path';
import { SqliteStore } from '@metawsm/adapters/store';
import { git } from '@metawsm/testkit';
import { agentWorkWithMovedBase, scenario, type Scenario } from './support/scenario.js';

/** Every event row and record of the home's database, read by a separate connection. */
async function rows(s: Scenario, runId: string) {
  const store = await SqliteStore.open({ file: join(s.home, '.metawsm', 'metawsm.db') });
  try {
    return { events: await store.listEvents(), records: await store.listPullRequests(runId) };
  } finally {
    await store.close();
  }
}

/** Local refs metawsm could write (branches and snapshots); remote-tracking refs move with fetch. */
function localRefs(s: Scenario): string {
  return git(s.ws, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/metawsm'], {
    env: s.env,
  });
}

describe('--dry-run writes nothing (SPEC 4.2; issue 10 items 5 and 18)', () => {
  let s: Scenario;
  let runId: string;
  beforeEach(async () => {
    s = await scenario();
    await s.cli('policy', 'init');
    runId = (await s.cli('run', 'create', '--ticket', 'PROJ-7', '--repo', `api=${s.ws}`, '--json')).json.id;
    agentWorkWithMovedBase(s);
  });
  afterEach(() => s.close());

  it('commit --dry-run on a running run previews (exit 0) without rows or refs', async () => {
    const before = { db: await rows(s, runId), refs: localRefs(s) };
    const r = await s.cli('commit', '--run-id', runId, '--dry-run', '--json');
    expect(r.code).toBe(0);
    expect(r.json.targets[0]).toMatchObject({ outcome: 'committed', dryRun: true });
    expect(r.json.warnings).toHaveLength(1);
    expect(await rows(s, runId)).toEqual(before.db);
    expect(localRefs(s)).toBe(before.refs);
    const real = await s.cli('commit', '--run-id', runId, '--json');
    expect(real.json.error.code).toBe('RUN_NOT_COMPLETED');
  });

  it('pr --dry-run after a commit writes no rows and pushes nothing', async () => {
    await s.cli('run', 'complete', runId);
    expect((await s.cli('commit', '--run-id', runId)).code).toBe(0);
    const before = { db: await rows(s, runId), refs: localRefs(s) };
    const r = await s.cli('pr', '--run-id', runId, '--dry-run', '--json');
    expect(r.code).toBe(0);
    expect(r.json.targets[0]).toMatchObject({ outcome: 'planned', actions: ['push', 'create'] });
    expect(await rows(s, runId)).toEqual(before.db);
    expect(localRefs(s)).toBe(before.refs);
    expect(git(s.bare, ['branch', '--list'], { env: s.env }).trim()).toBe('* main');
  });
});
