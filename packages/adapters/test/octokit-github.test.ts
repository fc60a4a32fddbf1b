import {
  describeGitHubContract,
  GITHUB_CONTRACT_SETUP as S,
} from '../../testkit/src/contracts/github.contract.js';
import type { GitHubStandIn } from '../../testkit/src/github-stand-in/index.js';
import { OctokitGitHubAdapter } from '../src/github/index.js';
import { adapterHarness, FAST, repoOn, standInWithSetup } from './github-support.js';

// Page sizes 30 (REST) and 20 (GraphQL) so the contract's longer lists cross pages.
describeGitHubContract('OctokitGitHubAdapter over the GitHub stand-in', (setup) =>
  adapterHarness(setup, { ...FAST, pageSize: 30, graphqlPageSize: 20 }),
);
describeGitHubContract('OctokitGitHubAdapter over the stand-in at /api/v3 (GHE)', (setup) =>
  adapterHarness(setup, { ...FAST, pageSize: 30, graphqlPageSize: 20 }, (s) => s.gheUrl),
);

describe('OctokitGitHubAdapter against the stand-in', () => {
  let standIn: GitHubStandIn;
  beforeEach(async () => {
    standIn = await standInWithSetup();
  });
  afterEach(async () => {
    await standIn.close();
  });
  const req = (head: string) => ({ title: `[T-1] ${head}`, body: 'b', head, base: 'main', draft: false });

  it('creates a pull request with one POST carrying title, body, head, base and draft', async () => {
    const github = new OctokitGitHubAdapter(FAST);
    const pr = await github.createPullRequest(repoOn(standIn.baseUrl), {
      ...req('t-1/widgets/r1'),
      draft: true,
    });
    expect(pr).toMatchObject({ number: 1, state: 'draft', headRef: 't-1/widgets/r1', baseRef: 'main' });
    const posts = standIn.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      route: '/repos/acme/widgets/pulls',
      status: 201,
      authPresent: true,
      login: 'alice',
    });
    expect(posts[0]?.body).toEqual({
      title: '[T-1] t-1/widgets/r1',
      body: 'b',
      head: 't-1/widgets/r1',
      base: 'main',
      draft: true,
    });
  });

  it('maps the 422 "already exists" answer to PR_ALREADY_EXISTS', async () => {
    const github = new OctokitGitHubAdapter(FAST);
    await github.createPullRequest(repoOn(standIn.baseUrl), req('dup'));
    const err: unknown = await github
      .createPullRequest(repoOn(standIn.baseUrl), req('dup'))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'PR_ALREADY_EXISTS',
      data: { status: 422, head: 'dup', base: 'main' },
    });
    expect(standIn.requests.filter((r) => r.status === 422)).toHaveLength(1);
  });

  it('reads 45 review comments over two default-size pages (30 + 15)', async () => {
    const pr = standIn.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'c' });
    for (let i = 0; i < 45; i++)
      standIn.addReviewComment('acme', 'widgets', pr.number, { user: 'carol', body: `c${i}` });
    const github = new OctokitGitHubAdapter({ ...FAST, pageSize: 30 });
    const comments = await github.listReviewComments(repoOn(standIn.baseUrl), pr.number);
    expect(comments).toHaveLength(45);
    expect(comments.map((c) => c.body)).toEqual(Array.from({ length: 45 }, (_, i) => `c${i}`));
    const pages = standIn.requests.filter((r) => r.route.endsWith('/comments'));
    expect(pages.map((r) => [r.query.page ?? '1', r.status])).toEqual([
      ['1', 200],
      ['2', 200],
    ]);
  });

  it('asks for 100 per page by default (one request for 45 comments)', async () => {
    const pr = standIn.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'c' });
    for (let i = 0; i < 45; i++)
      standIn.addReviewComment('acme', 'widgets', pr.number, { user: 'carol', body: `c${i}` });
    const github = new OctokitGitHubAdapter(FAST); // FAST leaves pageSize at its default
    await expect(github.listReviewComments(repoOn(standIn.baseUrl), pr.number)).resolves.toHaveLength(45);
    expect(
      standIn.requests.filter((r) => r.route.endsWith('/comments')).map((r) => r.query.per_page),
    ).toEqual(['100']);
  });

  it('looks PRs up with head=owner:branch and state=all', async () => {
    const github = new OctokitGitHubAdapter(FAST);
    await github.findPullRequestsByHead(repoOn(standIn.baseUrl), 'feat/x');
    expect(standIn.requests.at(-1)?.query).toMatchObject({ head: 'acme:feat/x', state: 'all' });
  });

  it('maps 401 to AUTH_INVALID', async () => {
    const github = new OctokitGitHubAdapter(FAST);
    await expect(github.currentUser(repoOn(standIn.baseUrl, 'not-a-token'))).rejects.toMatchObject({
      code: 'AUTH_INVALID',
      data: { status: 401 },
    });
    expect(standIn.requests).toHaveLength(1);
  });

  it('works under the GitHub Enterprise /api/v3 prefix, following prefixed Link headers', async () => {
    const github = new OctokitGitHubAdapter({ ...FAST, pageSize: 30 });
    const repo = repoOn(standIn.gheUrl);
    await expect(github.currentUser(repo)).resolves.toEqual({ login: 'alice', scopes: ['repo', 'read:org'] });
    const pr = await github.createPullRequest(repo, req('ghe'));
    for (let i = 0; i < 31; i++)
      standIn.addReview('acme', 'widgets', pr.number, { user: 'carol', body: `r${i}` });
    await expect(github.listReviews(repo, pr.number)).resolves.toHaveLength(31);
    expect(standIn.requests.every((r) => r.path.startsWith('/api/v3/'))).toBe(true);
    expect(standIn.requests.filter((r) => r.route.endsWith('/reviews'))).toHaveLength(2);
  });

  it('does not pace content-creating calls when paceWrites is false', async () => {
    const github = new OctokitGitHubAdapter(FAST);
    const started = performance.now();
    const prs = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((b) => github.createPullRequest(repoOn(standIn.baseUrl), req(b))),
    );
    await Promise.all(prs.map((p) => github.requestReviewers(repoOn(standIn.baseUrl), p.number, ['carol'])));
    expect(performance.now() - started).toBeLessThan(2500); // paced, 10 notification-triggering calls take ≥ 27 s
    expect(new Set(prs.map((p) => p.number)).size).toBe(5);
  });

  it('maps 403 without a rate-limit signal to PERMISSION_DENIED, without retrying', async () => {
    const github = new OctokitGitHubAdapter(FAST);
    await expect(
      github.createPullRequest(repoOn(standIn.baseUrl, S.users.bob.token), req('x')),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(standIn.requests).toHaveLength(1);
  });

  it('puts GitHub’s 422 details into data.errors (GITHUB_VALIDATION)', async () => {
    const github = new OctokitGitHubAdapter(FAST);
    const err: unknown = await github
      .createPullRequest(repoOn(standIn.baseUrl), req(S.missingBranch))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'GITHUB_VALIDATION',
      data: { status: 422, errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] },
    });
  });
});
