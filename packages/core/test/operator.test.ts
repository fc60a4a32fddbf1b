import { operatorLoop, stopSignal, type OperatorTickReport } from '../src/index.js';
import { TestClock } from '../src/testing/index.js';
import { WS, holdRunLock, world } from './support/world.js';
import { feedbackPolicy } from './support/review-world.js';

const kinds = (r: OperatorTickReport) => r.runs.flatMap((x) => x.intents.map((i) => i.kind));
const commands = (r: OperatorTickReport) => r.runs.flatMap((x) => x.actions.map((a) => a.command));
const executed = (r: OperatorTickReport) =>
  r.runs.map((x) => x.executed && [x.executed.kind, x.executed.outcome, x.executed.exitCode]);

async function freshRun(gitPr: Record<string, unknown> = {}, rf: Record<string, unknown> = {}) {
  const w = await world();
  w.git.writeFiles(WS, { 'a.txt': 'a\n' });
  const policy = feedbackPolicy(rf, gitPr);
  const tick = (dryRun = false, n = 1) =>
    import('../src/index.js').then(({ operatorTick }) =>
      operatorTick(w.deps, policy, { selection: {}, intervalMs: 60_000, dryRun }, n),
    );
  return { ...w, policy, tick };
}

describe('operator on fakes', () => {
  it('assist: each state shows its intents with the exact command; nothing is executed', async () => {
    const w = await freshRun();
    let r = await w.tick();
    expect(kinds(r)).toEqual(['commit_ready']);
    expect(commands(r)).toEqual(['metawsm commit --run-id run-1']);
    expect(r.runs[0]!.actions[0]!.mode).toBe('assist');
    expect(executed(r)).toEqual([null]);
    expect(await w.store.getPullRequest({ runId: 'run-1', ticket: 'T-1', repo: 'api' })).toBeNull();

    await w.commit({}, w.policy);
    r = await w.tick();
    expect(kinds(r)).toEqual(['pr_ready']);
    expect(commands(r)).toEqual(['metawsm pr --run-id run-1']);

    await w.pr({}, w.policy);
    r = await w.tick();
    expect(kinds(r)).toEqual(['review_sync_due']);
    expect(commands(r)).toEqual(['metawsm review sync --run-id run-1']);

    w.github.addReviewComment('acme', 'api', 1, { user: 'reviewer1', body: 'fix' });
    const { reviewSync } = await import('../src/index.js');
    await reviewSync(w.deps, w.policy, { selection: { runId: 'run-1' }, dispatch: false });
    r = await w.tick();
    expect(kinds(r)).toEqual(['dispatch_ready']);
    expect(commands(r)).toEqual(['metawsm review sync --dispatch --run-id run-1']);

    await w.store.updateRun('run-1', { status: 'running' });
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    r = await w.tick();
    // A running run is not promoted: the agent may still be writing.
    expect(kinds(r)).toEqual(['dispatch_ready']);

    w.github.closePullRequest('acme', 'api', 1);
    await reviewSync(w.deps, w.policy, { selection: { runId: 'run-1' }, dispatch: false });
    await w.store.updateRun('run-1', { status: 'completed' });
    r = await w.tick();
    expect(kinds(r)).toEqual([]);
    const ticks = await w.store.listEvents({ runId: 'run-1', type: 'operator.tick' });
    expect(ticks).toHaveLength(6);
    expect(ticks[0]!.data).toMatchObject({
      chosen: null,
      actions: [{ kind: 'commit_ready', mode: 'assist' }],
    });
  });

  it('git_pr.mode off: no commit or pr intents', async () => {
    const w = await freshRun({ mode: 'off' });
    expect(kinds(await w.tick())).toEqual([]);
  });

  it('auto: commit → pr → sync → dispatch across ticks, one action per run per tick, within the dispatch cap', async () => {
    const w = await freshRun({ mode: 'auto' }, { mode: 'auto', auto_dispatch_cap_per_interval: 1 });
    expect(executed(await w.tick())).toEqual([['commit_ready', 'done', 0]]);
    expect(
      (await w.store.getPullRequest({ runId: 'run-1', ticket: 'T-1', repo: 'api' }))!.commitSha,
    ).not.toBeNull();
    expect(executed(await w.tick())).toEqual([['pr_ready', 'done', 0]]);
    expect(w.github.listPullRequests('acme', 'api')).toHaveLength(1);
    w.github.addReviewComment('acme', 'api', 1, { user: 'reviewer1', body: 'first round' });
    expect(executed(await w.tick())).toEqual([['review_sync_due', 'done', 0]]);
    expect(executed(await w.tick())).toEqual([['dispatch_ready', 'done', 0]]);
    expect((await w.store.getRun('run-1'))!.status).toBe('running');
    // A second round within the interval: synced, but the cap holds the dispatch back.
    w.clock.advance(10_000);
    w.github.addReviewComment('acme', 'api', 1, { user: 'reviewer1', body: 'second round' });
    const { reviewSync } = await import('../src/index.js');
    await reviewSync(w.deps, w.policy, { selection: { runId: 'run-1' }, dispatch: false });
    const capped = await w.tick();
    expect(kinds(capped)).toEqual([]);
    expect(executed(capped)).toEqual([null]);
    w.clock.advance(60_000);
    const later = await w.tick();
    expect(executed(later)).toEqual([['dispatch_ready', 'done', 0]]);
    const actions = (await w.store.listEvents({ runId: 'run-1', type: 'operator.action' })).filter(
      (e) => e.phase === 'done',
    );
    expect(actions.map((e) => e.data.kind)).toEqual([
      'commit_ready',
      'pr_ready',
      'review_sync_due',
      'dispatch_ready',
      'dispatch_ready',
    ]);
  });

  it('a held run lock skips the run this tick (not a failure)', async () => {
    const w = await freshRun({ mode: 'auto' });
    await holdRunLock(w, { operation: 'pr', ownerId: 'o' });
    const r = await w.tick();
    expect(executed(r)).toEqual([['commit_ready', 'skipped_locked', 0]]);
    expect(r.exitCode).toBe(0);
    const [skip] = (await w.store.listEvents({ runId: 'run-1', type: 'operator.action' })).filter(
      (e) => e.phase === 'info',
    );
    expect(skip!.data).toMatchObject({ outcome: 'skipped_locked', error: 'RUN_LOCKED' });
    await w.store.releaseRunLock('run-1', 'o');
    expect(executed(await w.tick())).toEqual([['commit_ready', 'done', 0]]);
  });

  it('--dry-run computes intents but executes and journals nothing', async () => {
    const w = await freshRun({ mode: 'auto' });
    const before = (await w.store.listEvents()).length;
    const r = await w.tick(true);
    expect(kinds(r)).toEqual(['commit_ready']);
    expect(executed(r)).toEqual([null]);
    expect((await w.store.listEvents()).length).toBe(before);
  });

  it('--once: one tick; the exit code is the highest of the actions run', async () => {
    const w = await freshRun({ mode: 'auto', test_commands: ['npm test'] });
    w.process.script({ exitCode: 1, stdout: 'tests failed' });
    const ticks: OperatorTickReport[] = [];
    const r = await operatorLoop(w.deps, {
      selection: {},
      intervalMs: 60_000,
      dryRun: false,
      once: true,
      stop: stopSignal(),
      policy: () => Promise.resolve(w.policy),
      onTick: (t) => ticks.push(t),
    });
    expect(r).toEqual({ ticks: 1, exitCode: 6 });
    expect(executed(ticks[0]!)).toEqual([['commit_ready', 'done', 6]]);
  });

  it('a commit action that ended without promoting (checks failed) is not retried until the workspace changes', async () => {
    const w = await freshRun({ mode: 'auto', test_commands: ['npm test'] });
    w.process.script({ exitCode: 1 }, { times: 1 });
    expect(executed(await w.tick())).toEqual([['commit_ready', 'done', 6]]);
    expect(kinds(await w.tick())).toEqual([]);
    w.git.writeFiles(WS, { 'a.txt': 'fixed\n' });
    expect(executed(await w.tick())).toEqual([['commit_ready', 'done', 0]]);
    expect(kinds(await w.tick())).toEqual(['pr_ready']);
  });

  it('a commit that crashed after its snapshot (nothing promoted) is still commit_ready', async () => {
    const w = await freshRun({ mode: 'auto' });
    const ws = await w.git.openWorkspace(WS);
    const sig = { name: 'a', email: 'a@b', timestamp: 0, timezoneOffset: 0 };
    await w.git.snapshot(ws, {
      ref: 'refs/metawsm/snapshots/run-1/T-1/api',
      message: 's',
      author: sig,
      committer: sig,
    });
    expect(kinds(await w.tick(true))).toEqual(['commit_ready']);
  });

  it('--interval: ticks on the clock; a stop during an action lets it finish, then the loop ends', async () => {
    const w = await freshRun({ mode: 'auto', test_commands: ['npm test'] });
    const clock = new TestClock({ autoAdvance: false, startMs: w.clock.nowMs() });
    const deps = { ...w.deps, clock };
    const stop = stopSignal();
    const ticks: OperatorTickReport[] = [];
    const loop = operatorLoop(deps, {
      selection: {},
      intervalMs: 30_000,
      dryRun: false,
      once: false,
      stop,
      policy: () => Promise.resolve(w.policy),
      onTick: (t) => ticks.push(t),
    });
    await until(() => ticks.length === 1 && clock.pendingSleeps === 1);
    expect(executed(ticks[0]!)).toEqual([['commit_ready', 'done', 0]]);
    // The second tick pushes; while its test command runs, SIGTERM arrives.
    w.process.script(() => {
      stop.stop();
      return { exitCode: 0 };
    });
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    clock.advance(30_000);
    const result = await loop;
    expect(result.ticks).toBe(2);
    expect(executed(ticks[1]!)).toEqual([['commit_ready', 'done', 0]]);
    expect(stop.stopped).toBe(true);
    expect(await w.store.getRunLock('run-1')).toBeNull();
    expect(clock.pendingSleeps).toBe(0);
  });
});

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error('condition never held');
}
