import { commitRun } from '../src/index.js';
import { FakeProcess, failingAt, faultPlan } from '../src/testing/index.js';
import { ORIGIN, WS, workspaceFingerprint, world } from './support/world.js';

const key = { runId: 'run-1', ticket: 'T-1', repo: 'api' };

async function setup() {
  const w = await world();
  w.git.writeFiles(WS, { 'src/app.ts': 'export const a = 3;\n', 'notes.md': 'n\n' });
  w.git.remoteCommit(ORIGIN, 'main', { 'base.txt': 'moved\n' });
  return w;
}

function run(w: Awaited<ReturnType<typeof world>>, deps: Parameters<typeof commitRun>[0]) {
  return commitRun(deps, w.policy, {
    selection: { runId: 'run-1' },
    dryRun: false,
    force: false,
    switch: false,
    allowRunning: false,
  });
}

describe('commit crash safety (fault injected at every git/store call in turn)', () => {
  it('loses no workspace data and the next commit completes with the same tree', async () => {
    const clean = await setup();
    const plan0 = faultPlan(Number.POSITIVE_INFINITY);
    const reference = (
      await run(clean, {
        ...clean.deps,
        git: failingAt(clean.git, plan0, 'git'),
        store: failingAt(clean.store, plan0, 'store'),
      })
    ).targets[0]!;
    expect(reference.outcome).toBe('committed');
    const expectedTree = (await clean.git.readCommit(await clean.git.openWorkspace(WS), reference.commitSha!))
      .tree;
    const totalCalls = plan0.calls;
    expect(totalCalls).toBeGreaterThan(10);

    for (let failAt = 1; failAt <= totalCalls; failAt++) {
      const w = await setup();
      const before = workspaceFingerprint(w.git);
      const plan = faultPlan(failAt);
      const crashed: Awaited<ReturnType<typeof run>> | Error = await run(w, {
        ...w.deps,
        git: failingAt(w.git, plan, 'git'),
        store: failingAt(w.store, plan, 'store'),
      }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      expect(plan.fired).toBe(true);
      // A fault inside a check counts as that check failing (exit 6); anywhere else the target errors.
      if (!(crashed instanceof Error))
        expect(['error', 'checks_failed']).toContain(crashed.targets[0]!.outcome);
      expect(workspaceFingerprint(w.git)).toBe(before);

      // The crashed process is gone: a new process (other pid) re-runs the same command.
      const next = { ...w.deps, process: new FakeProcess({ pid: 7777 }) };
      const again = await run(w, next);
      const t = again.targets[0]!;
      expect(['committed', 'unchanged']).toContain(t.outcome);
      const ws = await w.git.openWorkspace(WS);
      const rec = await w.store.getPullRequest(key);
      expect(rec?.commitSha).toBe(t.commitSha);
      expect(await w.git.readRef(ws, 'refs/heads/t-1/api/run-1')).toBe(t.commitSha);
      expect((await w.git.readCommit(ws, t.commitSha!)).tree).toBe(expectedTree);
      expect(workspaceFingerprint(w.git)).toBe(before);
    }
  });
});
