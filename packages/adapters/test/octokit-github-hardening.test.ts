import type { GitHubStandIn } from '../../testkit/src/github-stand-in/index.js';
import { OctokitGitHubAdapter, type GitHubRetryEvent } from '../src/github/index.js';
import { FAST, repoOn, standInWithSetup } from './github-support.js';

const O = 'acme';
const R = 'widgets';

async function failure(
  p: Promise<unknown>,
): Promise<{ code?: string; message?: string; data?: Record<string, unknown> }> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as { code?: string; message?: string },
  );
}

describe('OctokitGitHubAdapter: GraphQL review threads', () => {
  let standIn: GitHubStandIn;
  beforeEach(async () => {
    standIn = await standInWithSetup();
  });
  afterEach(async () => {
    await standIn.close();
  });

  it('pages threads and long threads’ comments, on /graphql and on GHE’s /api/graphql', async () => {
    const n = standIn.seedPullRequest({ owner: O, repo: R, head: 'g' }).number;
    const root = standIn.addReviewComment(O, R, n, { user: 'carol', body: 'root' });
    for (let i = 0; i < 120; i++)
      standIn.addReviewComment(O, R, n, { user: 'carol', body: `r${i}`, inReplyTo: root.id });
    for (let i = 0; i < 4; i++) standIn.addReviewComment(O, R, n, { user: 'carol', body: `t${i}` });
    const github = new OctokitGitHubAdapter({ ...FAST, graphqlPageSize: 2 });
    for (const api of [standIn.baseUrl, standIn.gheUrl]) {
      standIn.requests.length = 0;
      const threads = await github.listReviewThreads(repoOn(api), n);
      expect(threads).toHaveLength(5);
      expect(threads[0]?.commentIds).toHaveLength(121);
      expect(standIn.requests.map((r) => [r.path, r.status])).toEqual([
        [api === standIn.baseUrl ? '/graphql' : '/api/graphql', 200],
        expect.anything(), // the root thread's comments 101..121 (node query)
        expect.anything(),
        expect.anything(),
      ]);
    }
  });

  it('GraphQL errors (unknown PR), a dropped connection and a 5xx are GITHUB_GRAPHQL_UNAVAILABLE', async () => {
    const github = new OctokitGitHubAdapter(FAST);
    const notFound = await failure(github.listReviewThreads(repoOn(standIn.baseUrl), 42));
    expect(notFound).toMatchObject({
      code: 'GITHUB_GRAPHQL_UNAVAILABLE',
      data: { errorTypes: ['NOT_FOUND'] },
    });
    standIn.failNext({ path: /^\/graphql$/, resetConnection: true, count: 3 });
    await expect(github.listReviewThreads(repoOn(standIn.baseUrl), 1)).rejects.toMatchObject({
      code: 'GITHUB_GRAPHQL_UNAVAILABLE',
    });
    standIn.failNext({ path: /^\/graphql$/, status: 502, count: 10 });
    await expect(github.listReviewThreads(repoOn(standIn.baseUrl), 1)).rejects.toMatchObject({
      code: 'GITHUB_GRAPHQL_UNAVAILABLE',
      data: { status: 502 },
    });
  });
});

describe('OctokitGitHubAdapter: malformed answers are GITHUB_BAD_RESPONSE with a clean message (issue 10 item 2)', () => {
  let standIn: GitHubStandIn;
  beforeEach(async () => {
    standIn = await standInWithSetup();
  });
  afterEach(async () => {
    await standIn.close();
  });
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const cases: [string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }][] = [
    ['a null body', { body: null }],
    [
      'an HTML page',
      {
        rawBody: '<!DOCTYPE html><html><body>Proxy login</body></html>',
        headers: { 'content-type': 'text/html' },
      },
    ],
    ['a cut-off JSON document', { rawBody: '[{"number": 1, "html_url": "x", "sta', headers: json }],
    ['an object instead of a list', { body: { total_count: 3 } }],
  ];

  it.each(cases)('the PR list as %s', async (_name, fault) => {
    standIn.failNext({ path: /\/pulls$/, status: 200, ...fault });
    const err = await failure(
      new OctokitGitHubAdapter(FAST).findPullRequestsByHead(repoOn(standIn.baseUrl), 'x'),
    );
    expect(err.code).toBe('GITHUB_BAD_RESPONSE');
    expect(err.message).not.toMatch(/Cannot use|undefined|null is not|Unexpected token|<html/i);
    expect(standIn.requests).toHaveLength(1);
  });

  it.each(cases)('a review comment page as %s', async (_name, fault) => {
    const n = standIn.seedPullRequest({ owner: O, repo: R, head: 'x' }).number;
    standIn.failNext({ path: /\/comments$/, status: 200, ...fault });
    const err = await failure(new OctokitGitHubAdapter(FAST).listReviewComments(repoOn(standIn.baseUrl), n));
    expect(err.code).toBe('GITHUB_BAD_RESPONSE');
  });

  it('a 502 HTML page after retries is GITHUB_API_FAILED without the HTML in the message', async () => {
    standIn.failNext({
      path: /^\/user$/,
      status: 502,
      rawBody: '<html><h1>502 Bad Gateway</h1></html>',
      headers: { 'content-type': 'text/html' },
      count: 5,
    });
    const err = await failure(new OctokitGitHubAdapter(FAST).currentUser(repoOn(standIn.baseUrl)));
    expect(err.code).toBe('GITHUB_API_FAILED');
    expect(err.message).not.toContain('<');
  });

  it('a next link that leaves the API is not followed (the token would go with it)', async () => {
    const n = standIn.seedPullRequest({ owner: O, repo: R, head: 'x' }).number;
    standIn.failNext({
      path: /\/reviews$/,
      status: 200,
      body: [],
      headers: { link: '<http://127.0.0.2:9/steal?page=2>; rel="next"' },
    });
    const err = await failure(new OctokitGitHubAdapter(FAST).listReviews(repoOn(standIn.baseUrl), n));
    expect(err.code).toBe('GITHUB_BAD_RESPONSE');
    expect(standIn.requests).toHaveLength(1);
  });
});

describe('OctokitGitHubAdapter: API URL and retry budget (issue 10 item 9)', () => {
  let standIn: GitHubStandIn;
  beforeEach(async () => {
    standIn = await standInWithSetup();
  });
  afterEach(async () => {
    await standIn.close();
  });

  it.each(['notaurl', 'ftp://ghe.example/api/v3', '://x', ''])(
    'API URL %j is GITHUB_API_URL_INVALID before any request',
    async (apiUrl) => {
      const err = await failure(new OctokitGitHubAdapter(FAST).currentUser(repoOn(apiUrl)));
      expect(err.code).toBe('GITHUB_API_URL_INVALID');
    },
  );

  it('an API that never answers fails within the retry budget, announcing each retry', async () => {
    standIn.setLatency(5_000);
    const events: GitHubRetryEvent[] = [];
    const github = new OctokitGitHubAdapter({
      ...FAST,
      retries: 3,
      retryBackoffMs: 100,
      requestTimeoutMs: 200,
      retryBudgetMs: 1_500,
      onRetry: (e) => events.push(e),
    });
    const started = performance.now();
    const err = await failure(github.currentUser(repoOn(standIn.baseUrl)));
    const took = performance.now() - started;
    expect(err).toMatchObject({ code: 'GITHUB_API_FAILED', data: { network: true } });
    // Without the budget: 4 attempts × 200 ms + 100 + 400 + 900 ms of waits = 2.2 s.
    expect(took).toBeLessThan(2_100);
    // 200 ms, wait 100, 200 ms, wait 400, 200 ms: the third wait (900 ms) would pass the budget.
    // Under load a slow attempt can leave room for one retry only; never for the third.
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(2);
    expect(events.map((e) => [e.attempt, e.maxAttempts, e.waitMs, e.reason])).toEqual(
      [
        [2, 4, 100, 'network'],
        [3, 4, 400, 'network'],
      ].slice(0, events.length),
    );
    expect(standIn.requests).toHaveLength(events.length + 1);
  });

  it('a rate limit asking to wait past the budget fails at once instead of waiting', async () => {
    standIn.failNext({
      path: /^\/user$/,
      status: 403,
      headers: { 'retry-after': '5' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    const events: GitHubRetryEvent[] = [];
    const github = new OctokitGitHubAdapter({
      ...FAST,
      throttle: { retryAfterBaseValue: 1000 },
      retryBudgetMs: 2_000,
      onRetry: (e) => events.push(e),
    });
    const started = performance.now();
    await expect(github.currentUser(repoOn(standIn.baseUrl))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(events).toEqual([]);
  });
});
