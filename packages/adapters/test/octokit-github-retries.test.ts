import { rateLimitFaults, type GitHubStandIn } from '../../testkit/src/github-stand-in/index.js';
import { OctokitGitHubAdapter } from '../src/github/index.js';
import { FAST, repoOn, standInWithSetup } from './github-support.js';

const PULLS = /^\/repos\/acme\/widgets\/pulls$/;
const req = (head: string) => ({ title: `[T-1] ${head}`, body: 'b', head, base: 'main', draft: false });

describe('OctokitGitHubAdapter retries and rate limits (fast limits injected)', () => {
  let standIn: GitHubStandIn;
  let github: OctokitGitHubAdapter;
  beforeEach(async () => {
    standIn = await standInWithSetup();
    github = new OctokitGitHubAdapter(FAST);
  });
  afterEach(async () => {
    await standIn.close();
  });
  const posts = () => standIn.requests.filter((r) => r.method === 'POST');

  it('retries a 403 secondary rate limit after retry-after and creates exactly one PR', async () => {
    // retryAfterBaseValue 1: `retry-after: 60` means 60 ms here.
    standIn.failNext(rateLimitFaults.secondary({ path: PULLS, method: 'POST', retryAfterSeconds: 60 }));
    const pr = await github.createPullRequest(repoOn(standIn.baseUrl), req('sec'));
    expect(pr.number).toBe(1);
    expect(posts().map((r) => r.status)).toEqual([403, 201]);
    const [first, second] = posts();
    expect(second!.atMs - first!.atMs).toBeGreaterThanOrEqual(55);
    expect(standIn.listPullRequests()).toHaveLength(1);
  });

  it('retries a 429 (GitHub-shaped, no retry-after: plugin-throttling falls back to 60 "seconds")', async () => {
    standIn.failNext({ path: PULLS, method: 'POST', status: 429 });
    await expect(github.createPullRequest(repoOn(standIn.baseUrl), req('429'))).resolves.toMatchObject({
      number: 1,
    });
    expect(posts().map((r) => r.status)).toEqual([429, 201]);
  });

  it('waits for x-ratelimit-reset on a primary rate limit, then retries', async () => {
    standIn.failNext(
      rateLimitFaults.primary({ path: /^\/user$/, resetEpochSeconds: Math.floor(Date.now() / 1000) + 1 }),
    );
    await expect(github.currentUser(repoOn(standIn.baseUrl))).resolves.toMatchObject({ login: 'alice' });
    expect(standIn.requests.map((r) => r.status)).toEqual([403, 200]);
  });

  it('fails RATE_LIMITED at once when the reset is further away than maxRateLimitWaitSeconds', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    standIn.failNext(rateLimitFaults.primary({ path: /^\/user$/, resetEpochSeconds: reset }));
    const err: unknown = await github.currentUser(repoOn(standIn.baseUrl)).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'RATE_LIMITED',
      data: { status: 403, resetAt: new Date(reset * 1000).toISOString() },
    });
    expect(standIn.requests).toHaveLength(1);
  });

  it('fails RATE_LIMITED when the limit persists after rateLimitRetries', async () => {
    standIn.failNext({ ...rateLimitFaults.secondary({ path: PULLS, method: 'POST' }), count: 10 });
    await expect(github.createPullRequest(repoOn(standIn.baseUrl), req('stuck'))).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(posts()).toHaveLength(1 + (FAST.rateLimitRetries ?? 0));
    expect(standIn.listPullRequests()).toHaveLength(0);
  });

  it('does not retry an injected plain 403: PERMISSION_DENIED', async () => {
    standIn.failNext({ path: PULLS, method: 'POST', status: 403 });
    await expect(github.createPullRequest(repoOn(standIn.baseUrl), req('403'))).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(posts()).toHaveLength(1);
  });

  it('retries a 502 and creates exactly one PR', async () => {
    standIn.failNext({ path: PULLS, method: 'POST', status: 502 });
    await expect(github.createPullRequest(repoOn(standIn.baseUrl), req('502'))).resolves.toMatchObject({
      number: 1,
    });
    expect(posts().map((r) => r.status)).toEqual([502, 201]);
  });

  it('retries a dropped connection (network error)', async () => {
    standIn.failNext({ path: /^\/repos\/acme\/widgets$/, resetConnection: true });
    await expect(github.getRepository(repoOn(standIn.baseUrl))).resolves.toMatchObject({
      fullName: 'acme/widgets',
    });
    expect(standIn.requests.map((r) => r.injected)).toEqual([true, false]);
  });

  it('gives up on a persistent 5xx with GITHUB_API_FAILED after the bounded retries, quickly', async () => {
    standIn.failNext({ path: /^\/repos\/acme\/widgets$/, status: 503, count: 100 });
    const started = performance.now();
    await expect(github.getRepository(repoOn(standIn.baseUrl))).rejects.toMatchObject({
      code: 'GITHUB_API_FAILED',
      data: { status: 503, retries: 2 },
    });
    expect(standIn.requests).toHaveLength(1 + (FAST.retries ?? 0));
    expect(performance.now() - started).toBeLessThan(2500); // default backoff alone would be 1 s + 4 s
  });

  it('gives up on a persistent network error with GITHUB_API_FAILED marked as network', async () => {
    standIn.failNext({ path: /^\/user$/, resetConnection: true, count: 100 });
    await expect(github.currentUser(repoOn(standIn.baseUrl))).rejects.toMatchObject({
      code: 'GITHUB_API_FAILED',
      data: { network: true },
    });
    expect(standIn.requests).toHaveLength(1 + (FAST.retries ?? 0));
  });

  it('retries each page of a paginated list independently', async () => {
    const pr = standIn.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'p' });
    for (let i = 0; i < 40; i++)
      standIn.addReviewComment('acme', 'widgets', pr.number, { user: 'carol', body: `c${i}` });
    const paged = new OctokitGitHubAdapter({ ...FAST, pageSize: 30 });
    standIn.requests.length = 0;
    standIn.failNext({ path: /\/comments$/, status: 500 }); // page 1
    const comments = paged.listReviewComments(repoOn(standIn.baseUrl), pr.number);
    await expect(comments).resolves.toHaveLength(40);
    expect(standIn.requests.map((r) => [r.query.page ?? '1', r.status])).toEqual([
      ['1', 500],
      ['1', 200],
      ['2', 200],
    ]);
  });

  it('times out a hanging request (requestTimeoutMs), retries it, then fails GITHUB_API_FAILED', async () => {
    standIn.setLatency(400);
    const impatient = new OctokitGitHubAdapter({ ...FAST, retries: 1, requestTimeoutMs: 40 });
    const started = performance.now();
    await expect(impatient.currentUser(repoOn(standIn.baseUrl))).rejects.toMatchObject({
      code: 'GITHUB_API_FAILED',
      data: { network: true },
    });
    expect(performance.now() - started).toBeLessThan(750); // two full 400 ms answers would take 800 ms
    expect(standIn.requests).toHaveLength(2);
  });
});
