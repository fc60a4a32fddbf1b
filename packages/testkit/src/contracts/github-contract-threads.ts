import {
  expectCode,
  GITHUB_CONTRACT_SETUP as S,
  asToken,
  type HarnessRef,
} from './github-contract-fixture.js';

const SHA_A = 'a'.repeat(40);

/** Review comments with replies, replies through the API, conversation comments and review threads. */
export function describeThreadContract(h: HarnessRef): void {
  describe('review threads and conversation', () => {
    it('45 comments over pages with replies: thread roots, reply ids, hunks, lines and commits', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'threads' });
      await h().setPullRequestHead(n, SHA_A);
      const roots: number[] = [];
      for (let i = 0; i < 45; i++)
        roots.push(
          await h().addReviewComment(n, {
            user: 'carol',
            body: `root ${i}`,
            path: `src/f${i % 3}.ts`,
            line: i + 1,
            diffHunk: `@@ -${i + 1} +${i + 1} @@\n+line ${i}`,
          }),
        );
      const reply = await h().addReviewComment(n, { user: 'alice', body: 'done', inReplyTo: roots[7]! });
      const nested = await h().addReviewComment(n, { user: 'carol', body: 'thanks', inReplyTo: reply });
      const comments = await github.listReviewComments(repo, n);
      expect(comments.map((c) => c.id)).toEqual([...roots, reply, nested]);
      expect(comments[7]).toMatchObject({
        inReplyToId: null,
        path: 'src/f1.ts',
        line: 8,
        originalLine: 8,
        diffHunk: '@@ -8 +8 @@\n+line 7',
        commitId: SHA_A,
        originalCommitId: SHA_A,
        authorType: 'User',
        authorAssociation: 'COLLABORATOR',
      });
      expect(comments.slice(45).map((c) => [c.inReplyToId, c.path, c.line, c.author, c.body])).toEqual([
        [roots[7], 'src/f1.ts', 8, 'alice', 'done'],
        [roots[7], 'src/f1.ts', 8, 'carol', 'thanks'],
      ]);
      expect(comments[45]?.url).toMatch(new RegExp(`/acme/widgets/pull/${n}#discussion_r${reply}$`));
    });

    it('replyToReviewComment joins the root thread as the caller; unknown comments are GITHUB_NOT_FOUND', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'reply' });
      const root = await h().addReviewComment(n, { user: 'carol', body: 'fix', path: 'a.ts', line: 3 });
      const first = await github.replyToReviewComment(repo, n, root, 'Addressed in abc');
      expect(first).toMatchObject({
        inReplyToId: root,
        author: 'alice',
        body: 'Addressed in abc',
        path: 'a.ts',
      });
      const second = await github.replyToReviewComment(asToken(repo, S.users.carol.token), n, first.id, 'ok');
      expect(second).toMatchObject({ inReplyToId: root, author: 'carol' });
      const ids = (await github.listReviewComments(repo, n)).map((c) => [c.id, c.inReplyToId]);
      expect(ids).toEqual([
        [root, null],
        [first.id, root],
        [second.id, root],
      ]);
      await expectCode(github.replyToReviewComment(repo, n, 999_999, 'x'), 'GITHUB_NOT_FOUND');
      const other = await h().seedPullRequest({ head: 'other' });
      await expectCode(github.replyToReviewComment(repo, other, root, 'x'), 'GITHUB_NOT_FOUND');
    });

    it('listIssueComments returns every conversation comment of every page, with bots and associations', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'conv' });
      const ids: number[] = [];
      for (let i = 0; i < 34; i++) ids.push(await h().addIssueComment(n, { user: 'carol', body: `c${i}` }));
      ids.push(await h().addIssueComment(n, { user: 'ci-bot', userType: 'Bot', body: 'coverage -1%' }));
      const comments = await github.listIssueComments(repo, n);
      expect(comments.map((c) => c.id)).toEqual(ids);
      expect(comments[0]).toMatchObject({ body: 'c0', author: 'carol', authorAssociation: 'COLLABORATOR' });
      expect(comments[34]).toMatchObject({ author: 'ci-bot', authorType: 'Bot', authorAssociation: 'NONE' });
      expect(comments[0]?.url).toMatch(new RegExp(`/acme/widgets/pull/${n}#issuecomment-${ids[0]}$`));
      expect(comments[0]!.updatedAt >= comments[0]!.createdAt).toBe(true);
      await expectCode(github.listIssueComments(repo, 99), 'GITHUB_NOT_FOUND');
    });

    it('edited comments come back with the new body and a later updatedAt', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'edit' });
      const id = await h().addReviewComment(n, { user: 'carol', body: 'v1' });
      const [before] = await github.listReviewComments(repo, n);
      await h().editReviewComment(id, 'v2');
      const [after] = await github.listReviewComments(repo, n);
      expect(after?.body).toBe('v2');
      expect(after!.updatedAt > before!.updatedAt).toBe(true);
    });

    it('listReviewThreads: one thread per root with its comment ids in order, resolved and outdated', async () => {
      const { github, repo } = h();
      const n = await h().seedPullRequest({ head: 'gql' });
      const roots: number[] = [];
      for (let i = 0; i < 45; i++)
        roots.push(
          await h().addReviewComment(n, { user: 'carol', body: `t${i}`, path: 'x.ts', line: i + 1 }),
        );
      const replies: number[] = [];
      for (let i = 0; i < 25; i++)
        replies.push(await h().addReviewComment(n, { user: 'alice', body: `r${i}`, inReplyTo: roots[0]! }));
      await h().resolveThread(roots[1]!);
      await h().outdateThread(roots[2]!);
      const threads = await github.listReviewThreads(repo, n);
      expect(threads).toHaveLength(45);
      expect(threads[0]).toMatchObject({ isResolved: false, isOutdated: false, path: 'x.ts', line: 1 });
      expect(threads[0]?.commentIds).toEqual([roots[0], ...replies]);
      expect(threads.map((t) => t.commentIds[0])).toEqual(roots);
      expect(threads[1]).toMatchObject({ isResolved: true, isOutdated: false });
      expect(threads[2]).toMatchObject({ isResolved: false, isOutdated: true, line: null });
      expect(new Set(threads.map((t) => t.id)).size).toBe(45);
      const outdated = (await github.listReviewComments(repo, n)).find((c) => c.id === roots[2]);
      expect(outdated).toMatchObject({ line: null, originalLine: 3 });
    });

    it.each([404, 401] as const)(
      'listReviewThreads is GITHUB_GRAPHQL_UNAVAILABLE when GraphQL answers %i',
      async (status) => {
        const { github, repo } = h();
        const n = await h().seedPullRequest({ head: 'down' });
        await h().addReviewComment(n, { user: 'carol', body: 'x' });
        await h().breakGraphQL(status);
        await expectCode(github.listReviewThreads(repo, n), 'GITHUB_GRAPHQL_UNAVAILABLE');
        await expect(github.listReviewComments(repo, n)).resolves.toHaveLength(1);
      },
    );
  });
}
