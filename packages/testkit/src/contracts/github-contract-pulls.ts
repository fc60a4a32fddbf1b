import {
  GITHUB_CONTRACT_SETUP as S,
  asToken,
  expectCode,
  type HarnessRef,
} from './github-contract-fixture.js';

const req = (
  head: string,
  extra: { title?: string; body?: string; base?: string; draft?: boolean } = {},
) => ({
  title: extra.title ?? `[T-1] change ${head}`,
  body: extra.body ?? 'body text',
  head,
  base: extra.base ?? 'main',
  draft: extra.draft ?? false,
});

/** Creating, finding, reading and updating pull requests. */
export function describePullRequestContract(h: HarnessRef): void {
  describe('pull requests', () => {
    it('createPullRequest opens a PR and getPullRequest returns the same', async () => {
      const { github, repo } = h();
      const pr = await github.createPullRequest(
        repo,
        req('t-1/widgets/run-1', { body: 'hello\n<!-- marker -->' }),
      );
      expect(pr).toMatchObject({
        number: 1,
        state: 'open',
        title: '[T-1] change t-1/widgets/run-1',
        body: 'hello\n<!-- marker -->',
      });
      expect(pr).toMatchObject({ headRef: 't-1/widgets/run-1', baseRef: 'main' });
      expect(pr.headSha).toMatch(/^[0-9a-f]{40}$/);
      expect(pr.url).toMatch(/\/acme\/widgets\/pull\/1$/);
      await expect(github.getPullRequest(repo, 1)).resolves.toEqual(pr);
    });

    it('numbers PRs per repository and reports drafts as draft', async () => {
      const { github, repo } = h();
      const first = await github.createPullRequest(repo, req('a'));
      const second = await github.createPullRequest(repo, req('b', { draft: true }));
      expect([first.number, second.number]).toEqual([1, 2]);
      expect(second.state).toBe('draft');
    });

    it('a second open PR for the same head and base is PR_ALREADY_EXISTS; after closing it is allowed', async () => {
      const { github, repo } = h();
      await github.createPullRequest(repo, req('dup'));
      await expectCode(github.createPullRequest(repo, req('dup', { title: 'again' })), 'PR_ALREADY_EXISTS');
      await h().closePullRequest(1);
      await expect(github.createPullRequest(repo, req('dup'))).resolves.toMatchObject({
        number: 2,
        state: 'open',
      });
    });

    it('a head or base branch that does not exist is GITHUB_VALIDATION', async () => {
      const { github, repo } = h();
      await expectCode(github.createPullRequest(repo, req(S.missingBranch)), 'GITHUB_VALIDATION');
      await expectCode(
        github.createPullRequest(repo, req('x', { base: S.missingBranch })),
        'GITHUB_VALIDATION',
      );
    });

    it('a caller without push permission gets PERMISSION_DENIED', async () => {
      const { github, repo } = h();
      await expectCode(
        github.createPullRequest(asToken(repo, S.users.bob.token), req('nope')),
        'PERMISSION_DENIED',
      );
    });

    it('findPullRequestsByHead finds PRs of that branch in every state, newest first', async () => {
      const { github, repo } = h();
      const n1 = await h().seedPullRequest({ head: 'feat' });
      await h().closePullRequest(n1);
      const n2 = await h().seedPullRequest({ head: 'feat' });
      await h().mergePullRequest(n2);
      await h().seedPullRequest({ head: 'other' });
      const n4 = await h().seedPullRequest({ head: 'feat', draft: true });
      const found = await github.findPullRequestsByHead(repo, 'feat');
      expect(found.map((p) => [p.number, p.state])).toEqual([
        [n4, 'draft'],
        [n2, 'merged'],
        [n1, 'closed'],
      ]);
      expect(found.every((p) => p.headRef === 'feat')).toBe(true);
      await expect(github.findPullRequestsByHead(repo, 'nothing-here')).resolves.toEqual([]);
    });

    it('findPullRequestsByHead returns every page', async () => {
      const { github, repo } = h();
      for (let i = 0; i < 35; i++) await h().closePullRequest(await h().seedPullRequest({ head: 'many' }));
      await h().seedPullRequest({ head: 'many' });
      const found = await github.findPullRequestsByHead(repo, 'many');
      expect(found).toHaveLength(36);
      expect(found[0]).toMatchObject({ number: 36, state: 'open' });
      expect(new Set(found.map((p) => p.number)).size).toBe(36);
    });

    it('getPullRequest reports closed and merged, and GITHUB_NOT_FOUND for an unknown number', async () => {
      const { github, repo } = h();
      const closed = await h().seedPullRequest({ head: 'c' });
      const merged = await h().seedPullRequest({ head: 'm' });
      await h().closePullRequest(closed);
      await h().mergePullRequest(merged);
      await expect(github.getPullRequest(repo, closed)).resolves.toMatchObject({ state: 'closed' });
      await expect(github.getPullRequest(repo, merged)).resolves.toMatchObject({ state: 'merged' });
      await expectCode(github.getPullRequest(repo, 99), 'GITHUB_NOT_FOUND');
    });

    it('updatePullRequest changes only the given fields', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'u', title: 'old title', body: 'old body' });
      await expect(github.updatePullRequest(repo, n, { title: 'new title' })).resolves.toMatchObject({
        title: 'new title',
        body: 'old body',
      });
      await expect(github.updatePullRequest(repo, n, { body: 'new body' })).resolves.toMatchObject({
        title: 'new title',
        body: 'new body',
      });
      await expect(github.getPullRequest(repo, n)).resolves.toMatchObject({
        title: 'new title',
        body: 'new body',
      });
      await expectCode(github.updatePullRequest(repo, 99, { title: 'x' }), 'GITHUB_NOT_FOUND');
      await expectCode(
        github.updatePullRequest(asToken(repo, S.users.bob.token), n, { title: 'x' }),
        'PERMISSION_DENIED',
      );
    });
  });
}
