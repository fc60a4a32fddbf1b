import { inspect } from 'node:util';
import { Secret, type GitHubRepo } from '@metawsm/core';
import type { GitHubStandIn } from '../../testkit/src/github-stand-in/index.js';
import { OctokitGitHubAdapter } from '../src/github/index.js';
import { FAST, standInWithSetup } from './github-support.js';

const CANARY = 'canary-7f3a9c1e5d2b-token';
const GH_FORMAT = `ghp_${'Q'.repeat(36)}`;

/** Every text a caller could print or store from an error. */
function surfaces(err: unknown): string[] {
  const e = err as { message: string; data?: unknown; cause?: unknown };
  return [
    e.message,
    JSON.stringify(err),
    JSON.stringify(e.data ?? null),
    String(e.cause),
    inspect(err, { depth: Infinity }),
  ];
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('OctokitGitHubAdapter never leaks the token', () => {
  let standIn: GitHubStandIn;
  let github: OctokitGitHubAdapter;
  let repo: GitHubRepo;
  beforeEach(async () => {
    standIn = await standInWithSetup();
    standIn.addToken(CANARY, { login: 'eve', scopes: ['repo'] });
    standIn.addToken(GH_FORMAT, { login: 'mallory' });
    standIn.addRepo('acme', 'readonly', { permissions: { eve: { pull: true } } });
    standIn.addRepo('acme', 'widgets-eve', { permissions: { eve: { admin: true } } });
    github = new OctokitGitHubAdapter(FAST);
    repo = { apiUrl: standIn.baseUrl, token: new Secret(CANARY), owner: 'acme', repo: 'widgets-eve' };
  });
  afterEach(async () => {
    await standIn.close();
  });

  const expectClean = (err: unknown, token = CANARY) => {
    expect(err).toMatchObject({ name: 'MetawsmError' });
    for (const text of surfaces(err)) expect(text).not.toContain(token);
  };
  const req = { title: 't', body: 'b', head: 'feat', base: 'main', draft: false };

  it('in 401, 403, 404, 422 and already-exists errors', async () => {
    expectClean(
      await failure(github.currentUser({ ...repo, token: new Secret(`${CANARY}-unknown`) })),
      `${CANARY}-unknown`,
    );
    expectClean(await failure(github.createPullRequest({ ...repo, repo: 'readonly' }, req)));
    expectClean(await failure(github.getRepository({ ...repo, repo: 'missing' })));
    expectClean(await failure(github.createPullRequest(repo, { ...req, head: 'main' })));
    await github.createPullRequest(repo, req);
    const dup = await failure(github.createPullRequest(repo, req));
    expect(dup).toMatchObject({ code: 'PR_ALREADY_EXISTS' });
    expectClean(dup);
  });

  it('in rate-limit, 5xx and network errors after retries', async () => {
    standIn.failNext({
      path: /^\/user$/,
      status: 429,
      headers: { 'retry-after': '3600' },
      body: { message: 'You have exceeded a secondary rate limit' },
    });
    expectClean(await failure(github.currentUser(repo)));
    standIn.failNext({ path: /^\/user$/, status: 500, count: 10 });
    expectClean(await failure(github.currentUser(repo)));
    standIn.failNext({ path: /^\/user$/, resetConnection: true, count: 10 });
    expectClean(await failure(github.currentUser(repo)));
  });

  it('when the server echoes the token back in its error body', async () => {
    const body = {
      message: `Bad credentials for ${CANARY}`,
      errors: [{ resource: 'PullRequest', code: 'custom', message: `token ${CANARY}` }],
    };
    standIn.failNext({ path: /pulls$/, status: 422, body });
    const err = await failure(github.createPullRequest(repo, req));
    expect(err).toMatchObject({ code: 'GITHUB_VALIDATION' });
    expectClean(err);
    standIn.failNext({ path: /^\/user$/, status: 401, body: { message: `nope ${CANARY}` } });
    expectClean(await failure(github.currentUser(repo)));
  });

  it('with a GitHub-format token, and with credentials embedded in the API URL', async () => {
    const ghRepo = { ...repo, token: new Secret(GH_FORMAT) };
    expectClean(await failure(github.getRepository(ghRepo)), GH_FORMAT);
    const withCreds = { ...repo, apiUrl: standIn.baseUrl.replace('http://', `http://x:${CANARY}@`) };
    const err = await failure(github.currentUser(withCreds));
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    expectClean(err);
    expect(standIn.requests.filter((r) => r.route === '/user')).toHaveLength(0);
  });

  it('and the stand-in logs only whether auth was present', async () => {
    await github.currentUser(repo);
    expect(standIn.requests[0]).toMatchObject({ authPresent: true, login: 'eve' });
    expect(JSON.stringify(standIn.requests)).not.toContain(CANARY);
  });
});

describe('OctokitGitHubAdapter validates the responses it depends on', () => {
  let standIn: GitHubStandIn;
  const github = new OctokitGitHubAdapter(FAST);
  beforeEach(async () => {
    standIn = await standInWithSetup();
  });
  afterEach(async () => {
    await standIn.close();
  });
  const repo = () => ({
    apiUrl: standIn.baseUrl,
    token: new Secret('contract-token-alice'),
    owner: 'acme',
    repo: 'widgets',
  });

  it('a malformed pull request is GITHUB_BAD_RESPONSE naming the fields, not a crash', async () => {
    standIn.failNext({
      path: /pulls\/1$/,
      status: 200,
      body: { number: 'one', html_url: 'x', state: 'weird' },
    });
    const err = await failure(github.getPullRequest(repo(), 1));
    expect(err).toMatchObject({ code: 'GITHUB_BAD_RESPONSE' });
    const issues = (err as { data: { issues: { path: string }[] } }).data.issues.map((i) => i.path);
    expect(issues).toEqual(expect.arrayContaining(['number', 'state']));
  });

  it('a list that is not an array, or a user without login, is GITHUB_BAD_RESPONSE', async () => {
    standIn.failNext({ path: /pulls$/, status: 200, body: { items: [] } });
    await expect(github.findPullRequestsByHead(repo(), 'x')).rejects.toMatchObject({
      code: 'GITHUB_BAD_RESPONSE',
    });
    standIn.failNext({ path: /^\/user$/, status: 200, body: { id: 1 } });
    await expect(github.currentUser(repo())).rejects.toMatchObject({ code: 'GITHUB_BAD_RESPONSE' });
    standIn.failNext({ path: /^\/user$/, status: 200, body: 'not json at all' });
    await expect(github.currentUser(repo())).rejects.toMatchObject({ code: 'GITHUB_BAD_RESPONSE' });
  });

  it('tolerates what GitHub may omit or null: draft, body, permissions, deleted users', async () => {
    standIn.failNext({
      path: /pulls\/1$/,
      status: 200,
      body: {
        number: 1,
        html_url: 'h',
        state: 'closed',
        merged_at: '2024-01-01T00:00:00Z',
        title: 't',
        body: null,
        user: null,
        head: { ref: 'a', sha: 's', repo: null },
        base: { ref: 'main' },
        updated_at: '2024-01-01T00:00:00Z',
      },
    });
    await expect(github.getPullRequest(repo(), 1)).resolves.toMatchObject({
      state: 'merged',
      body: '',
      author: 'ghost',
      headRepoOwner: null,
    });
    standIn.failNext({
      path: /^\/repos\/acme\/widgets$/,
      status: 200,
      body: { full_name: 'acme/widgets', default_branch: 'trunk' },
    });
    await expect(github.getRepository(repo())).resolves.toEqual({
      fullName: 'acme/widgets',
      defaultBranch: 'trunk',
      permissions: null,
    });
    const comment = {
      id: 5,
      body: 'x',
      user: null,
      author_association: 'NONE',
      path: 'a.ts',
      line: null,
      diff_hunk: null,
      commit_id: 'c1',
      original_commit_id: 'c0',
      html_url: 'u',
      created_at: 'c',
      updated_at: 'u',
    };
    standIn.failNext({ path: /comments$/, status: 200, body: [comment] });
    await expect(github.listReviewComments(repo(), 1)).resolves.toEqual([
      {
        id: 5,
        body: 'x',
        author: 'ghost',
        authorType: 'User',
        authorAssociation: 'NONE',
        inReplyToId: null,
        reviewId: null,
        path: 'a.ts',
        line: null,
        originalLine: null,
        diffHunk: '',
        commitId: 'c1',
        originalCommitId: 'c0',
        url: 'u',
        createdAt: 'c',
        updatedAt: 'u',
      },
    ]);
  });

  it('stops following next links after maxPages', async () => {
    const capped = new OctokitGitHubAdapter({ ...FAST, pageSize: 1, maxPages: 3 });
    const pr = standIn.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'p' });
    for (let i = 0; i < 5; i++)
      standIn.addReview('acme', 'widgets', pr.number, { user: 'carol', body: `r${i}` });
    await expect(capped.listReviews(repo(), pr.number)).rejects.toMatchObject({
      code: 'GITHUB_BAD_RESPONSE',
      data: { maxPages: 3 },
    });
    expect(standIn.requests.filter((r) => r.route.endsWith('/reviews'))).toHaveLength(3);
  });
});
