import { WS, world } from './support/world.js';

const key = { runId: 'run-1', ticket: 'T-1', repo: 'api' };
const MID_MERGE = ['a merge is in progress', 'unmerged path src/app.ts'];

describe('a workspace with an unfinished merge is refused (issue 10 item 20)', () => {
  for (const checks of [[], ['forbidden_files'], ['tests', 'forbidden_files', 'clean_tree']]) {
    it(`whatever the checks (${checks.join(', ') || 'none'}): exit 3 WORKSPACE_UNRESOLVED, no branch`, async () => {
      const w = await world({ gitPr: { required_checks: checks } });
      w.git.writeFiles(WS, { 'src/app.ts': '<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> side\n' });
      w.git.setProblems(WS, MID_MERGE);

      const r = await w.commit();

      expect(r.exitCode).toBe(3);
      expect(r.targets[0]).toMatchObject({
        outcome: 'error',
        commitSha: null,
        error: { code: 'WORKSPACE_UNRESOLVED', data: { path: WS, problems: MID_MERGE } },
      });
      const ws = await w.git.openWorkspace(WS);
      expect(await w.git.readRef(ws, 'refs/heads/t-1/api/run-1')).toBeNull();
      expect(w.git.pushes).toHaveLength(0);
    });
  }

  it('is recorded as the last commit failure, so pr refuses too; a resolved workspace commits', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    w.git.setProblems(WS, MID_MERGE);
    await w.commit();
    expect((await w.store.getPullRequest(key))?.lastError).toMatchObject({ code: 'WORKSPACE_UNRESOLVED' });
    expect((await w.pr()).exitCode).toBe(3);

    w.git.setProblems(WS, []);
    const r = await w.commit();

    expect(r.targets[0]!.outcome).toBe('committed');
    expect((await w.store.getPullRequest(key))?.lastError).toBeNull();
  });

  it('a dry run reports it too, writing nothing', async () => {
    const w = await world();
    w.git.setProblems(WS, MID_MERGE);
    const r = await w.commit({ dryRun: true });
    expect(r.targets[0]!.error?.code).toBe('WORKSPACE_UNRESOLVED');
    expect(await w.store.getPullRequest(key)).toBeNull();
  });
});
