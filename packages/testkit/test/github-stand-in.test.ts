import { Octokit } from '@octokit/rest';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { createRepoPair, git, isolatedGitEnv, makeTempDir } from '../src/git-fixtures.js';
import {
  branchesFromBareRepos,
  startGitHubStandIn,
  rateLimitFaults,
  type GitHubStandIn,
} from '../src/github-stand-in/index.js';

const ALICE = 'standin-token-alice';
const BOB = 'standin-token-bob';

async function setup(options: Parameters<typeof startGitHubStandIn>[0] = {}): Promise<GitHubStandIn> {
  const s = await startGitHubStandIn(options);
  s.addToken(ALICE, { login: 'alice', scopes: ['repo', 'read:org'] });
  s.addToken(BOB, { login: 'bob' });
  s.addRepo('acme', 'widgets', {
    permissions: { alice: { admin: true }, bob: { pull: true }, carol: { push: true } },
  });
  return s;
}

const octokitFor = (baseUrl: string, token = ALICE) =>
  new Octokit({ auth: token, baseUrl, log: { debug() {}, info() {}, warn() {}, error() {} } });

async function get(
  url: string,
  token: string | null = ALICE,
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(url, { headers: token === null ? {} : { authorization: `token ${token}` } });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

describe('GitHub REST stand-in', () => {
  let s: GitHubStandIn;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(async () => {
    await s.close();
  });

  it('creates pull requests for Octokit and answers a duplicate with GitHub’s 422', async () => {
    const gh = octokitFor(s.baseUrl);
    const created = await gh.rest.pulls.create({
      owner: 'acme',
      repo: 'widgets',
      title: 'T',
      body: 'B',
      head: 'feat',
      base: 'main',
      draft: true,
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 1,
      state: 'open',
      draft: true,
      merged: false,
      title: 'T',
      body: 'B',
      user: { login: 'alice' },
    });
    expect(created.data.head).toMatchObject({ ref: 'feat', label: 'acme:feat' });
    expect(created.data.html_url).toBe(`${s.baseUrl}/acme/widgets/pull/1`);
    const dup = await gh.rest.pulls
      .create({ owner: 'acme', repo: 'widgets', title: 'T', head: 'feat', base: 'main' })
      .catch((e: unknown) => e);
    expect(dup).toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [{ message: 'A pull request already exists for acme:feat.' }],
        },
      },
    });
    expect(
      (dup as { response: { data: { documentation_url?: string } } }).response.data.documentation_url,
    ).toMatch(/^https:\/\/docs\.github\.com/);
  });

  it('authenticates with token or Bearer, sends scopes and rate-limit headers, 401 otherwise', async () => {
    const me = await get(`${s.baseUrl}/user`);
    expect(me.json).toMatchObject({ login: 'alice' });
    expect(me.headers.get('x-oauth-scopes')).toBe('repo, read:org');
    expect(me.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(me.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(Number(me.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const bearer = await fetch(`${s.baseUrl}/user`, { headers: { authorization: `Bearer ${BOB}` } });
    expect(bearer.headers.get('x-oauth-scopes')).toBeNull();
    expect(bearer.headers.get('x-ratelimit-used')).toBe('1');
    expect(await get(`${s.baseUrl}/user`, 'wrong')).toMatchObject({
      status: 401,
      json: { message: 'Bad credentials' },
    });
    expect(await get(`${s.baseUrl}/user`, null)).toMatchObject({
      status: 401,
      json: { message: 'Requires authentication' },
    });
  });

  it('reports the caller’s permissions; 404 for unknown repos and non-collaborators; 403 without push', async () => {
    s.addToken('standin-token-dave', { login: 'dave' });
    expect(await get(`${s.baseUrl}/repos/acme/widgets`, BOB)).toMatchObject({
      status: 200,
      json: {
        full_name: 'acme/widgets',
        default_branch: 'main',
        permissions: { admin: false, push: false, pull: true },
      },
    });
    expect(await get(`${s.baseUrl}/repos/acme/nope`)).toMatchObject({
      status: 404,
      json: { message: 'Not Found' },
    });
    expect((await get(`${s.baseUrl}/repos/acme/widgets`, 'standin-token-dave')).status).toBe(404);
    const denied = await octokitFor(s.baseUrl, BOB)
      .rest.pulls.create({ owner: 'acme', repo: 'widgets', title: 'T', head: 'x', base: 'main' })
      .catch((e: unknown) => e);
    expect(denied).toMatchObject({ status: 403 });
  });

  it('paginates like GitHub: 30 by default, Link with next/last, then prev/first, absolute URLs', async () => {
    const pr = s.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'c' });
    for (let i = 0; i < 45; i++)
      s.addReviewComment('acme', 'widgets', pr.number, { user: 'carol', body: `c${i}` });
    const url = `${s.baseUrl}/repos/acme/widgets/pulls/1/comments`;
    const first = await get(url);
    expect(first.json).toHaveLength(30);
    expect(first.headers.get('link')).toBe(`<${url}?page=2>; rel="next", <${url}?page=2>; rel="last"`);
    const second = await get(`${url}?page=2`);
    expect((second.json as { body: string }[]).map((c) => c.body)).toEqual(
      Array.from({ length: 15 }, (_, i) => `c${i + 30}`),
    );
    expect(second.headers.get('link')).toBe(`<${url}?page=1>; rel="prev", <${url}?page=1>; rel="first"`);
    const capped = await get(`${url}?per_page=500`);
    expect(capped.json).toHaveLength(45);
    expect(capped.headers.get('link')).toBeNull();
    const all = await octokitFor(s.baseUrl).paginate(octokitFor(s.baseUrl).rest.pulls.listReviewComments, {
      owner: 'acme',
      repo: 'widgets',
      pull_number: 1,
    });
    expect(all).toHaveLength(45);
  });

  it('serves the same API under /api/v3 with prefixed URLs', async () => {
    const gh = octokitFor(s.gheUrl);
    const { data } = await gh.rest.pulls.create({
      owner: 'acme',
      repo: 'widgets',
      title: 'T',
      head: 'feat',
      base: 'main',
    });
    expect(data.url).toBe(`${s.gheUrl}/repos/acme/widgets/pulls/1`);
    for (let i = 0; i < 31; i++) s.addReview('acme', 'widgets', 1, { user: 'carol', body: `r${i}` });
    const page = await get(`${s.gheUrl}/repos/acme/widgets/pulls/1/reviews`);
    expect(page.headers.get('link')).toContain(
      `<${s.gheUrl}/repos/acme/widgets/pulls/1/reviews?page=2>; rel="next"`,
    );
    expect(s.requests.map((r) => [r.path.startsWith('/api/v3/'), r.route.startsWith('/repos/')])).toEqual([
      [true, true],
      [true, true],
    ]);
  });

  it('filters the pull list by state (default open), owner:branch head and base; a head without owner is ignored', async () => {
    s.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'a' });
    s.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'a', base: 'dev' });
    s.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'b' });
    s.closePullRequest('acme', 'widgets', 1);
    const numbers = async (query: string) =>
      ((await get(`${s.baseUrl}/repos/acme/widgets/pulls?${query}`)).json as { number: number }[]).map(
        (p) => p.number,
      );
    expect(await numbers('')).toEqual([3, 2]);
    expect(await numbers('state=all&head=acme:a')).toEqual([2, 1]);
    expect(await numbers('state=closed')).toEqual([1]);
    expect(await numbers('state=all&head=a')).toEqual([3, 2, 1]);
    expect(await numbers('state=all&base=dev')).toEqual([2]);
    expect(await numbers('state=all&direction=asc&per_page=2')).toEqual([1, 2]);
  });

  it('updates title, body, state and base; a merged PR cannot be reopened', async () => {
    const gh = octokitFor(s.baseUrl);
    s.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'u' });
    const { data } = await gh.rest.pulls.update({
      owner: 'acme',
      repo: 'widgets',
      pull_number: 1,
      title: 'new',
      state: 'closed',
      base: 'dev',
    });
    expect(data).toMatchObject({ title: 'new', state: 'closed', base: { ref: 'dev' } });
    expect(data.closed_at).toEqual(expect.any(String));
    s.mergePullRequest('acme', 'widgets', 1);
    expect((await gh.rest.pulls.get({ owner: 'acme', repo: 'widgets', pull_number: 1 })).data).toMatchObject({
      merged: true,
      state: 'closed',
    });
    await expect(
      gh.rest.pulls.update({ owner: 'acme', repo: 'widgets', pull_number: 1, state: 'open' }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('adds labels and requests collaborators as reviewers (422 for non-collaborators)', async () => {
    const gh = octokitFor(s.baseUrl);
    s.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'l', user: 'bob' });
    await gh.rest.issues.addLabels({ owner: 'acme', repo: 'widgets', issue_number: 1, labels: ['a', 'b'] });
    await gh.rest.pulls.requestReviewers({
      owner: 'acme',
      repo: 'widgets',
      pull_number: 1,
      reviewers: ['carol'],
    });
    await expect(
      gh.rest.pulls.requestReviewers({
        owner: 'acme',
        repo: 'widgets',
        pull_number: 1,
        reviewers: ['mallory'],
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(s.listPullRequests('acme', 'widgets')[0]).toMatchObject({
      labels: ['a', 'b'],
      requestedReviewers: ['carol'],
    });
  });

  it('logs requests without credentials and resets state but keeps tokens and repos', async () => {
    await octokitFor(s.baseUrl).rest.pulls.create({
      owner: 'acme',
      repo: 'widgets',
      title: 'T',
      head: 'f',
      base: 'main',
    });
    expect(s.requests[0]).toMatchObject({
      method: 'POST',
      route: '/repos/acme/widgets/pulls',
      status: 201,
      authPresent: true,
      login: 'alice',
      injected: false,
    });
    expect(s.requests[0]?.body).toMatchObject({ title: 'T', head: 'f' });
    expect(JSON.stringify(s.requests)).not.toContain(ALICE);
    s.failNext({ path: /.*/, status: 500, count: 5 });
    s.reset();
    expect([s.requests.length, s.listPullRequests().length]).toEqual([0, 0]);
    expect((await get(`${s.baseUrl}/repos/acme/widgets`)).status).toBe(200);
  });
});

describe('GitHub stand-in fault injection', () => {
  let s: GitHubStandIn;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(async () => {
    await s.close();
  });

  it('fails the next matching requests only (method, path, count), with GitHub-shaped bodies', async () => {
    s.failNext({ method: 'GET', path: /^\/user$/, status: 502, count: 2 });
    expect((await get(`${s.baseUrl}/repos/acme/widgets`)).status).toBe(200);
    expect((await get(`${s.gheUrl}/user`)).status).toBe(502);
    expect((await get(`${s.baseUrl}/user`)).status).toBe(502);
    expect((await get(`${s.baseUrl}/user`)).status).toBe(200);
    expect(s.requests.map((r) => r.injected)).toEqual([false, true, true, false]);
  });

  it('shapes rate limits so plugin-throttling recognises them', async () => {
    const seen: string[] = [];
    const throttle: ThrottlingOptions = {
      retryAfterBaseValue: 1,
      onSecondaryRateLimit: (after: number) => {
        seen.push(`secondary:${after}`);
        return false;
      },
      onRateLimit: (after: number) => {
        seen.push(`primary:${after <= 3}`);
        return false;
      },
    };
    const Throttled = Octokit.plugin(throttling);
    const gh = new Throttled({
      auth: ALICE,
      baseUrl: s.baseUrl,
      throttle,
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    s.failNext(rateLimitFaults.secondary({ path: /^\/user$/, retryAfterSeconds: 7 }));
    s.failNext(
      rateLimitFaults.primary({
        path: /^\/user$/,
        status: 429,
        resetEpochSeconds: Math.floor(Date.now() / 1000),
      }),
    );
    await gh.rest.users.getAuthenticated().catch(() => undefined);
    await gh.rest.users.getAuthenticated().catch(() => undefined);
    expect(seen).toEqual(['secondary:7', 'primary:true']);
  });

  it('drops the connection on resetConnection and adds latency when asked', async () => {
    s.failNext({ path: /^\/user$/, resetConnection: true });
    await expect(
      fetch(`${s.baseUrl}/user`, { headers: { authorization: `token ${ALICE}` } }),
    ).rejects.toThrow();
    s.setLatency(40);
    const started = performance.now();
    await get(`${s.baseUrl}/user`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('checks branch existence through branchExists and uses a resolved sha', async () => {
    const t = await startGitHubStandIn({
      branchExists: (_o, _r, b) => Promise.resolve(b === 'real' ? 'b'.repeat(40) : b === 'main'),
    });
    t.addToken(ALICE, { login: 'alice' });
    t.addRepo('acme', 'widgets', { permissions: { alice: { admin: true } } });
    const gh = octokitFor(t.baseUrl);
    const made = await gh.rest.pulls.create({
      owner: 'acme',
      repo: 'widgets',
      title: 'T',
      head: 'real',
      base: 'main',
    });
    expect(made.data.head.sha).toBe('b'.repeat(40));
    const bad = await gh.rest.pulls
      .create({ owner: 'acme', repo: 'widgets', title: 'T', head: 'ghost', base: 'main' })
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({
      status: 422,
      response: { data: { errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] } },
    });
    await t.close();
  });

  it('resolves branches from bare repositories (the git stand-in layout) with real shas', async () => {
    const tmp = makeTempDir();
    const env = isolatedGitEnv(tmp.path);
    const pair = createRepoPair(tmp.path, 'widgets', { 'a.txt': 'a\n' }, { env });
    git(pair.work, ['push', '-q', 'origin', 'HEAD:refs/heads/feature'], { env });
    const sha = git(pair.bare, ['rev-parse', 'refs/heads/feature'], { env });
    const t = await startGitHubStandIn({ branchExists: branchesFromBareRepos(tmp.path, env) });
    try {
      t.addToken(ALICE, { login: 'alice' });
      t.addRepo('acme', 'widgets', { permissions: { alice: { admin: true } } });
      const gh = octokitFor(t.baseUrl);
      const made = await gh.rest.pulls.create({
        owner: 'acme',
        repo: 'widgets',
        title: 'T',
        head: 'feature',
        base: 'main',
      });
      expect(made.data.head.sha).toBe(sha);
      await expect(
        gh.rest.pulls.create({ owner: 'acme', repo: 'widgets', title: 'T', head: 'missing', base: 'main' }),
      ).rejects.toMatchObject({ status: 422 });
    } finally {
      await t.close();
      tmp.cleanup();
    }
  });
});
