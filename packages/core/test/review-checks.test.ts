import { OWNER, REPO, reviewWorld } from './support/review-world.js';

const NEW_HEAD = 'e'.repeat(40);

describe('review sync: CI results as check items', () => {
  it('a failing check run with annotations becomes a check item; when a newer head sha passes it, addressed', async () => {
    const w = await reviewWorld();
    const head = w.head();
    const run = w.github.addCheckRun(OWNER, REPO, {
      headSha: head,
      name: 'unit tests',
      conclusion: 'failure',
      title: '2 tests failed',
      summary: 'expected 1, got 2',
      detailsUrl: 'https://ci.example/run/1',
      annotations: [
        { path: 'src/app.ts', startLine: 3, message: 'expected 1' },
        { path: 'src/app.ts', startLine: 9, endLine: 11, title: 'lint', message: 'unused' },
      ],
    });
    w.github.addCheckRun(OWNER, REPO, { headSha: head, name: 'build', conclusion: 'success' });
    const t = (await w.sync()).targets[0]!;
    expect(t.counts.new).toBe(1);
    const item = (await w.item(run.id))!;
    expect(item).toMatchObject({
      sourceType: 'check',
      checkName: 'unit tests',
      checkSha: head,
      status: 'pending',
      author: 'unit tests',
      url: 'https://ci.example/run/1',
    });
    expect(item.body).toContain('concluded failure');
    expect(item.body).toContain('2 tests failed');
    expect(item.body).toContain('expected 1, got 2');
    expect(item.body).toContain('https://ci.example/run/1');
    expect(item.body).toContain('- src/app.ts:3: expected 1');
    expect(item.body).toContain('- src/app.ts:9-11: lint: unused');

    await w.dispatch();
    w.github.setPullRequestHead(OWNER, REPO, 1, NEW_HEAD);
    w.github.addCheckRun(OWNER, REPO, { headSha: NEW_HEAD, name: 'unit tests', status: 'in_progress' });
    await w.sync();
    expect(await w.item(run.id)).toMatchObject({ status: 'dispatched' });
    w.github.addCheckRun(OWNER, REPO, { headSha: NEW_HEAD, name: 'unit tests', conclusion: 'success' });
    const after = (await w.sync()).targets[0]!;
    expect(after.counts.addressed).toBe(1);
    expect(await w.item(run.id)).toMatchObject({ status: 'addressed', addressedAt: w.clock.nowIso() });
  });

  it('failure, timed_out, action_required and cancelled count; neutral and skipped do not; failing statuses do', async () => {
    const w = await reviewWorld();
    const head = w.head();
    for (const conclusion of [
      'failure',
      'timed_out',
      'action_required',
      'cancelled',
      'neutral',
      'skipped',
    ] as const)
      w.github.addCheckRun(OWNER, REPO, { headSha: head, name: conclusion, conclusion });
    w.github.addCommitStatus(OWNER, REPO, {
      sha: head,
      context: 'ci/legacy',
      state: 'error',
      description: 'broke',
      targetUrl: 'https://ci/1',
    });
    w.github.addCommitStatus(OWNER, REPO, { sha: head, context: 'ci/ok', state: 'success' });
    await w.sync();
    const names = (await w.items()).map((i) => i.checkName).sort();
    expect(names).toEqual(['action_required', 'cancelled', 'ci/legacy', 'failure', 'timed_out']);
    expect((await w.items()).find((i) => i.checkName === 'ci/legacy')!.body).toContain('broke');
  });

  it('one item per failing check and head sha: a re-run that fails the same way adds nothing; annotations are read once', async () => {
    const w = await reviewWorld();
    const head = w.head();
    const seed = {
      headSha: head,
      name: 'lint',
      conclusion: 'failure' as const,
      annotations: [{ path: 'a.ts', startLine: 1, message: 'm' }],
    };
    w.github.addCheckRun(OWNER, REPO, seed);
    await w.sync();
    await w.sync();
    expect(w.github.calls.filter((c) => c.method === 'listCheckRunAnnotations')).toHaveLength(1);
    w.github.addCheckRun(OWNER, REPO, seed);
    const t = (await w.sync()).targets[0]!;
    expect(t.counts).toMatchObject({ new: 0, reopened: 0 });
    expect(await w.items()).toHaveLength(1);
  });

  it('the same check failing again on a newer head supersedes the pending item on the old sha', async () => {
    const w = await reviewWorld();
    const old = w.github.addCheckRun(OWNER, REPO, { headSha: w.head(), name: 'lint', conclusion: 'failure' });
    await w.sync();
    w.github.setPullRequestHead(OWNER, REPO, 1, NEW_HEAD);
    const fresh = w.github.addCheckRun(OWNER, REPO, {
      headSha: NEW_HEAD,
      name: 'lint',
      conclusion: 'failure',
    });
    await w.sync();
    expect(await w.item(old.id)).toMatchObject({ status: 'ignored', ignoreReason: 'superseded' });
    expect(await w.item(fresh.id)).toMatchObject({ status: 'pending', checkSha: NEW_HEAD });
  });

  it('CI is read on the sha metawsm pushed while the PR is read; a moved head is read again', async () => {
    const w = await reviewWorld();
    const pushed = w.head();
    const ciCalls = () =>
      w.github.calls
        .filter((c) => c.method === 'listCheckRuns' || c.method === 'getCombinedStatus')
        .map((c) => `${c.method} ${String(c.args[0])}`);
    w.github.calls.length = 0;
    await w.sync();
    const calls = w.github.calls.map((c) => c.method);
    // Asked before the PR's answer could be known: no later than the PR read itself.
    expect(calls.indexOf('listCheckRuns')).toBeLessThan(calls.indexOf('getPullRequest'));
    expect(ciCalls()).toEqual([`listCheckRuns ${pushed}`, `getCombinedStatus ${pushed}`]);

    w.github.setPullRequestHead(OWNER, REPO, 1, NEW_HEAD);
    w.github.addCheckRun(OWNER, REPO, { headSha: NEW_HEAD, name: 'lint', conclusion: 'failure' });
    w.github.calls.length = 0;
    const t = (await w.sync()).targets[0]!;
    expect(ciCalls()).toEqual([
      `listCheckRuns ${pushed}`,
      `getCombinedStatus ${pushed}`,
      `listCheckRuns ${NEW_HEAD}`,
      `getCombinedStatus ${NEW_HEAD}`,
    ]);
    expect(t.headSha).toBe(NEW_HEAD);
    expect((await w.items()).map((i) => [i.checkName, i.checkSha])).toEqual([['lint', NEW_HEAD]]);
  });

  it('include_checks false reads no CI results; checks bypass the trust filter', async () => {
    const w = await reviewWorld({ rf: { include_checks: false } });
    w.github.addCheckRun(OWNER, REPO, { headSha: w.head(), name: 'lint', conclusion: 'failure' });
    await w.sync();
    expect(await w.items()).toEqual([]);
    expect(w.github.calls.some((c) => c.method === 'listCheckRuns' || c.method === 'getCombinedStatus')).toBe(
      false,
    );
  });
});
