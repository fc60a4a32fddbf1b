import {
  GITHUB_CONTRACT_SETUP as S,
  asToken,
  expectCode,
  type HarnessRef,
} from './github-contract-fixture.js';

/** Labels, reviewers, review comments and reviews. */
export function describeReviewContract(h: HarnessRef): void {
  describe('labels, reviewers and review feedback', () => {
    it('addLabels adds labels once each; an empty list is a no-op', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'l' });
      await github.addLabels(repo, n, ['metawsm', 'agent']);
      await github.addLabels(repo, n, ['agent', 'review']);
      await github.addLabels(repo, n, []);
      expect((await h().inspect(n)).labels).toEqual(['metawsm', 'agent', 'review']);
      await expectCode(github.addLabels(repo, 99, ['x']), 'GITHUB_NOT_FOUND');
      await expectCode(github.addLabels(asToken(repo, S.users.bob.token), n, ['x']), 'PERMISSION_DENIED');
    });

    it('requestReviewers accepts collaborators and refuses others and the author', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'r', user: 'alice' });
      await github.requestReviewers(repo, n, ['carol']);
      await github.requestReviewers(repo, n, []);
      expect((await h().inspect(n)).requestedReviewers).toEqual(['carol']);
      await expectCode(github.requestReviewers(repo, n, ['dave']), 'GITHUB_VALIDATION');
      await expectCode(github.requestReviewers(repo, n, ['alice']), 'GITHUB_VALIDATION');
    });

    it('listReviewComments returns every comment of every page, oldest first, with author facts', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'c' });
      const other = await h().seedPullRequest({ head: 'c2' });
      await h().addReviewComment(other, { user: 'carol', body: 'elsewhere' });
      const ids: number[] = [];
      for (let i = 0; i < 45; i++)
        ids.push(
          await h().addReviewComment(n, {
            user: 'carol',
            body: `comment ${i}`,
            path: 'src/a.ts',
            line: i + 1,
          }),
        );
      const comments = await github.listReviewComments(repo, n);
      expect(comments.map((c) => c.id)).toEqual(ids);
      expect(comments[44]).toMatchObject({
        body: 'comment 44',
        author: 'carol',
        authorType: 'User',
        authorAssociation: 'COLLABORATOR',
        path: 'src/a.ts',
        line: 45,
      });
      expect(comments[0]?.url).toContain(`/acme/widgets/pull/${n}`);
      expect(typeof comments[0]?.createdAt).toBe('string');
      expect(typeof comments[0]?.updatedAt).toBe('string');
    });

    it('review comments keep bots, outdated lines and explicit associations', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'b' });
      await h().addReviewComment(n, {
        user: 'ci-bot',
        userType: 'Bot',
        body: 'lint',
        line: null,
        authorAssociation: 'NONE',
      });
      await h().addReviewComment(n, { user: 'dave', body: 'drive-by' });
      const [bot, outsider] = await github.listReviewComments(repo, n);
      expect(bot).toMatchObject({
        author: 'ci-bot',
        authorType: 'Bot',
        line: null,
        authorAssociation: 'NONE',
      });
      expect(outsider).toMatchObject({ author: 'dave', authorAssociation: 'NONE' });
      await expect(
        github.listReviewComments(repo, await h().seedPullRequest({ head: 'empty' })),
      ).resolves.toEqual([]);
      await expectCode(github.listReviewComments(repo, 99), 'GITHUB_NOT_FOUND');
    });

    it('listReviews returns every review with its state and submission time', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'rv' });
      const a = await h().addReview(n, { user: 'carol', body: 'please fix', state: 'CHANGES_REQUESTED' });
      const b = await h().addReview(n, { user: 'carol', body: '', state: 'APPROVED' });
      const reviews = await github.listReviews(repo, n);
      expect(reviews.map((r) => [r.id, r.state, r.body, r.author])).toEqual([
        [a, 'CHANGES_REQUESTED', 'please fix', 'carol'],
        [b, 'APPROVED', '', 'carol'],
      ]);
      expect(reviews[0]?.submittedAt).toEqual(expect.any(String));
      expect(reviews[0]?.authorAssociation).toBe('COLLABORATOR');
      await expectCode(github.listReviews(repo, 99), 'GITHUB_NOT_FOUND');
    });
  });
}
