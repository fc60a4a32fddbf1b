import { ORIGIN, WS, world } from './support/world.js';

const key = { runId: 'run-1', ticket: 'T-1', repo: 'api' };
const BRANCH = 't-1/api/run-1';
type World = Awaited<ReturnType<typeof world>>;

const pushes = (w: World) => w.git.pushes.length;
const creates = (w: World) => w.github.calls.filter((c) => c.method === 'createPullRequest').length;

/** Base and workspace both change `README.md`: the promotion conflicts. */
function conflicting(w: World): void {
  w.git.writeFiles(WS, { 'README.md': 'agent\n' });
  w.git.remoteCommit(ORIGIN, 'main', { 'README.md': 'base\n' });
}

describe('pr after a failed commit exits with that outcome (issue 10 item 16)', () => {
  it('failed checks on the first commit: pr exits 6 with CHECKS_FAILED, pushes and creates nothing', async () => {
    const w = await world({ gitPr: { test_commands: ['npm test'] } });
    w.process.script({ exitCode: 1, stdout: 'boom' });
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    expect((await w.commit()).exitCode).toBe(6);

    const r = await w.pr();

    expect(r.exitCode).toBe(6);
    expect(r.targets[0]).toMatchObject({ outcome: 'commit_failed', error: { code: 'CHECKS_FAILED' } });
    expect(r.targets[0]!.checks?.passed).toBe(false);
    expect(r.targets[0]!.error?.hint).toContain('--run-id run-1');
    expect([pushes(w), creates(w)]).toEqual([0, 0]);
  });

  it('a conflict: pr exits 3 with PROMOTION_CONFLICT', async () => {
    const w = await world();
    conflicting(w);
    expect((await w.commit()).exitCode).toBe(3);

    const r = await w.pr();

    expect(r.exitCode).toBe(3);
    expect(r.targets[0]).toMatchObject({ outcome: 'commit_failed', error: { code: 'PROMOTION_CONFLICT' } });
    expect(pushes(w)).toBe(0);
  });

  it('an older commit is not pushed when the latest commit attempt conflicted', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const first = (await w.commit()).targets[0]!;
    expect(first.outcome).toBe('committed');
    conflicting(w);
    expect((await w.commit()).exitCode).toBe(3);
    expect((await w.store.getPullRequest(key))?.commitSha).toBe(first.commitSha);

    const r = await w.pr();

    expect(r.exitCode).toBe(3);
    expect(pushes(w)).toBe(0);
  });

  it('foreign commits found by commit: pr exits 3 with FOREIGN_COMMITS and pushes nothing new', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await w.commit();
    await w.pr();
    w.git.remoteCommit(ORIGIN, BRANCH, { 'human.txt': 'fix\n' });
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    expect((await w.commit()).targets[0]!.outcome).toBe('foreign_commits');
    const before = pushes(w);

    const r = await w.pr();

    expect(r.exitCode).toBe(3);
    expect(r.targets[0]!.error?.code).toBe('FOREIGN_COMMITS');
    expect(pushes(w)).toBe(before);
  });

  it('a later successful commit (or an unchanged one) lifts the refusal', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await w.commit();
    w.git.writeFiles(WS, { 'secret.pem': 'k\n' });
    expect((await w.commit()).exitCode).toBe(6);
    expect((await w.pr()).exitCode).toBe(6);
    w.git.deleteFiles(WS, ['secret.pem']);

    expect((await w.commit()).targets[0]!.outcome).toBe('unchanged');
    expect((await w.store.getPullRequest(key))?.lastError).toBeNull();
    const r = await w.pr();

    expect(r.exitCode).toBe(0);
    expect(r.targets[0]!.outcome).toBe('created');
  });

  it('a failure recorded by pr itself does not block the next pr', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await w.commit();
    w.git.writeFiles(WS, { 'late.txt': 'late\n' });
    expect((await w.pr()).exitCode).toBe(6);
    w.git.deleteFiles(WS, ['late.txt']);

    const r = await w.pr();

    expect(r.targets[0]!.outcome).toBe('created');
  });

  it('a dry-run commit that fails records nothing, so pr is not refused because of it', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await w.commit();
    conflicting(w);
    expect((await w.commit({ dryRun: true })).exitCode).toBe(3);
    expect((await w.store.getPullRequest(key))?.lastError).toBeNull();
    // The workspace now differs from the promoted snapshot: pr's own clean_tree check answers.
    expect((await w.pr()).targets[0]!.outcome).toBe('checks_failed');
  });
});
