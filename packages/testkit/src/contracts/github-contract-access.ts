import {
  GITHUB_CONTRACT_SETUP as S,
  asToken,
  expectCode,
  type HarnessRef,
} from './github-contract-fixture.js';

/** Tokens → users, repository facts and permissions, auth and not-found failures. */
export function describeAccessContract(h: HarnessRef): void {
  describe('identity and repository', () => {
    it('currentUser returns the login and the OAuth scopes', async () => {
      const { github, repo } = h();
      await expect(github.currentUser(repo)).resolves.toEqual({
        login: 'alice',
        scopes: ['repo', 'read:org'],
      });
    });

    it('currentUser reports null scopes for a token type without them', async () => {
      const { github, repo } = h();
      await expect(github.currentUser(asToken(repo, S.users.bob.token))).resolves.toEqual({
        login: 'bob',
        scopes: null,
      });
    });

    it('an unknown token is AUTH_INVALID everywhere', async () => {
      const { github, repo } = h();
      const bad = asToken(repo, S.unknownToken);
      await expectCode(github.currentUser(bad), 'AUTH_INVALID');
      await expectCode(github.getRepository(bad), 'AUTH_INVALID');
      await expectCode(github.findPullRequestsByHead(bad, 'x'), 'AUTH_INVALID');
      await expectCode(
        github.createPullRequest(bad, { title: 't', body: '', head: 'x', base: 'main', draft: false }),
        'AUTH_INVALID',
      );
    });

    it('getRepository returns full name, default branch and the caller’s permissions', async () => {
      const { github, repo } = h();
      await expect(github.getRepository(repo)).resolves.toEqual({
        fullName: 'acme/widgets',
        defaultBranch: 'main',
        permissions: { admin: true, push: true, pull: true },
      });
      const asBob = await github.getRepository(asToken(repo, S.users.bob.token));
      expect(asBob.permissions).toEqual({ admin: false, push: false, pull: true });
    });

    it('a repository that is missing or invisible to the caller is GITHUB_NOT_FOUND', async () => {
      const { github, repo } = h();
      await expectCode(github.getRepository({ ...repo, repo: S.missingRepo }), 'GITHUB_NOT_FOUND');
      await expectCode(github.getRepository(asToken(repo, S.users.dave.token)), 'GITHUB_NOT_FOUND');
      await expectCode(
        github.findPullRequestsByHead({ ...repo, repo: S.missingRepo }, 'x'),
        'GITHUB_NOT_FOUND',
      );
    });
  });
}
