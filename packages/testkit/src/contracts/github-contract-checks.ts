import { expectCode, type HarnessRef } from './github-contract-fixture.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

/** Pull-request state and head, check runs with annotations, commit statuses. */
export function describeChecksContract(h: HarnessRef): void {
  describe('PR state and CI results', () => {
    it('getPullRequest reports author, head repository owner, head sha after a push, and updatedAt', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'state', user: 'carol' });
      const before = await github.getPullRequest(repo, n);
      expect(before).toMatchObject({
        author: 'carol',
        headRef: 'state',
        headRepoOwner: 'acme',
        state: 'open',
      });
      await h().setPullRequestHead(n, SHA_B);
      const after = await github.getPullRequest(repo, n);
      expect(after.headSha).toBe(SHA_B);
      expect(after.updatedAt > before.updatedAt).toBe(true);
      await h().mergePullRequest(n);
      await expect(github.getPullRequest(repo, n)).resolves.toMatchObject({ state: 'merged' });
    });

    it('listCheckRuns returns the latest run per name on that commit only', async () => {
      const { github, repo } = h();
      await h().addCheckRun({ headSha: SHA_A, name: 'test', conclusion: 'success' });
      const failing = await h().addCheckRun({
        headSha: SHA_A,
        name: 'lint',
        conclusion: 'failure',
        title: '2 problems',
        summary: 'eslint found 2 problems',
        detailsUrl: 'https://ci.example/jobs/7',
        annotations: [{ path: 'a.ts', startLine: 3, message: 'no-unused-vars' }],
      });
      const rerun = await h().addCheckRun({ headSha: SHA_A, name: 'test', conclusion: 'timed_out' });
      await h().addCheckRun({ headSha: SHA_A, name: 'build', status: 'in_progress' });
      await h().addCheckRun({ headSha: SHA_B, name: 'test', conclusion: 'success' });
      const runs = await github.listCheckRuns(repo, SHA_A);
      expect(runs.map((r) => [r.name, r.status, r.conclusion]).sort()).toEqual([
        ['build', 'in_progress', null],
        ['lint', 'completed', 'failure'],
        ['test', 'completed', 'timed_out'],
      ]);
      expect(runs.find((r) => r.name === 'test')?.id).toBe(rerun);
      expect(runs.find((r) => r.id === failing)).toMatchObject({
        headSha: SHA_A,
        title: '2 problems',
        summary: 'eslint found 2 problems',
        detailsUrl: 'https://ci.example/jobs/7',
        annotationsCount: 1,
      });
      expect(runs.find((r) => r.id === failing)?.url).toMatch(/\/acme\/widgets\/runs\/\d+$/);
      await expect(github.listCheckRuns(repo, 'c'.repeat(40))).resolves.toEqual([]);
    });

    it('listCheckRunAnnotations returns every page, or at most `limit`', async () => {
      const { github, repo } = h();
      const annotations = Array.from({ length: 60 }, (_, i) => ({
        path: `src/f${i}.ts`,
        startLine: i + 1,
        endLine: i + 2,
        message: `problem ${i}`,
        ...(i === 0 ? { title: 'first' } : {}),
      }));
      const id = await h().addCheckRun({ headSha: SHA_A, name: 'lint', conclusion: 'failure', annotations });
      const all = await github.listCheckRunAnnotations(repo, id);
      expect(all.map((a) => a.message)).toEqual(annotations.map((a) => a.message));
      expect(all[0]).toEqual({
        path: 'src/f0.ts',
        startLine: 1,
        endLine: 2,
        level: 'failure',
        title: 'first',
        message: 'problem 0',
      });
      await expect(github.listCheckRunAnnotations(repo, id, 50)).resolves.toHaveLength(50);
      await expectCode(github.listCheckRunAnnotations(repo, 999_999), 'GITHUB_NOT_FOUND');
    });

    it('getCombinedStatus: the latest status per context and GitHub’s overall state', async () => {
      const { github, repo } = h();
      await expect(github.getCombinedStatus(repo, SHA_A)).resolves.toMatchObject({
        state: 'pending',
        sha: SHA_A,
        statuses: [],
      });
      await h().addCommitStatus({ sha: SHA_A, context: 'ci/test', state: 'pending' });
      await h().addCommitStatus({ sha: SHA_A, context: 'ci/lint', state: 'success' });
      await h().addCommitStatus({
        sha: SHA_A,
        context: 'ci/test',
        state: 'failure',
        description: '3 failed',
        targetUrl: 'https://ci.example/7',
      });
      const combined = await github.getCombinedStatus(repo, SHA_A);
      expect(combined.state).toBe('failure');
      const byContext = [...combined.statuses].sort((a, b) => a.context.localeCompare(b.context));
      expect(byContext.map((s) => [s.context, s.state, s.description, s.targetUrl])).toEqual([
        ['ci/lint', 'success', null, null],
        ['ci/test', 'failure', '3 failed', 'https://ci.example/7'],
      ]);
      await h().addCommitStatus({ sha: SHA_B, context: 'ci/test', state: 'success' });
      await expect(github.getCombinedStatus(repo, SHA_B)).resolves.toMatchObject({ state: 'success' });
    });
  });
}
