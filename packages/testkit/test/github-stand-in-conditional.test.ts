import { startGitHubStandIn, type GitHubStandIn } from '../src/github-stand-in/index.js';

const ALICE = 'standin-token-alice';
const BOB = 'standin-token-bob';

async function req(
  s: GitHubStandIn,
  path: string,
  init: { token?: string; etag?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = { authorization: `token ${init.token ?? ALICE}` };
  if (init.etag) headers['if-none-match'] = init.etag;
  const res = await fetch(`${s.baseUrl}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    etag: res.headers.get('etag'),
    remaining: Number(res.headers.get('x-ratelimit-remaining')),
    json: text ? (JSON.parse(text) as unknown) : null,
  };
}

describe('GitHub stand-in: ETags, 304 and GraphQL', () => {
  let s: GitHubStandIn;
  beforeEach(async () => {
    s = await startGitHubStandIn();
    s.addToken(ALICE, { login: 'alice' });
    s.addToken(BOB, { login: 'bob' });
    s.addRepo('acme', 'widgets', { permissions: { alice: { admin: true }, bob: { pull: true } } });
    s.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'feat' });
  });
  afterEach(async () => {
    await s.close();
  });

  it('answers 304 without a body and without counting it; a change or another caller gets a 200', async () => {
    const first = await req(s, '/repos/acme/widgets/pulls/1');
    expect(first.etag).toMatch(/^W\/"[0-9a-f]+"$/);
    const again = await req(s, '/repos/acme/widgets/pulls/1', { etag: first.etag! });
    expect(again).toMatchObject({ status: 304, json: null, remaining: first.remaining });
    const bob = await req(s, '/repos/acme/widgets/pulls/1', { token: BOB, etag: first.etag! });
    expect(bob.status).toBe(200);
    s.addIssueComment('acme', 'widgets', 1, { user: 'bob', body: 'hi' });
    const changed = await req(s, '/repos/acme/widgets/pulls/1', { etag: first.etag! });
    expect(changed.status).toBe(200);
    expect(changed.remaining).toBe(first.remaining - 1);
    expect(s.requests.map((r) => r.status)).toEqual([200, 304, 200, 200]);
  });

  it('GraphQL lives at /graphql and GHE’s /api/graphql, not under /api/v3', async () => {
    const query = { query: '{ viewer { login } }' };
    await expect(req(s, '/graphql', { body: query })).resolves.toMatchObject({
      status: 200,
      json: { data: { viewer: { login: 'alice' } } },
    });
    await expect(req(s, '/api/graphql', { body: query })).resolves.toMatchObject({ status: 200 });
    await expect(req(s, '/api/v3/graphql', { body: query })).resolves.toMatchObject({ status: 404 });
  });

  it('validates queries against GitHub’s schema and enforces connection limits, like GitHub', async () => {
    const bad = await req(s, '/graphql', {
      body: { query: '{ repository(owner: "acme", name: "widgets") { nope } }' },
    });
    expect(bad.json).toMatchObject({
      errors: [expect.objectContaining({ message: expect.stringContaining('nope') })],
    });
    const tooMany = await req(s, '/graphql', {
      body: {
        query:
          '{ repository(owner: "acme", name: "widgets") { pullRequest(number: 1) { reviewThreads(first: 101) { totalCount } } } }',
      },
    });
    expect((tooMany.json as { errors: unknown[] }).errors).toHaveLength(1);
    const hidden = await req(s, '/graphql', {
      token: BOB,
      body: { query: '{ repository(owner: "acme", name: "nope") { nameWithOwner } }' },
    });
    expect(hidden.json).toMatchObject({ data: { repository: null }, errors: [{ type: 'NOT_FOUND' }] });
  });

  it('reuses an answer only until the state changes, through the handle or the API', async () => {
    const comment = s.addReviewComment('acme', 'widgets', 1, { user: 'bob', body: 'first' });
    const path = '/repos/acme/widgets/pulls/1/comments';
    const bodies = (r: { json: unknown }) => (r.json as { body: string }[]).map((c) => c.body);
    const first = await req(s, path);
    expect(bodies(first)).toEqual(['first']);
    await expect(req(s, path, { etag: first.etag! })).resolves.toMatchObject({ status: 304 });
    s.editReviewComment('acme', 'widgets', comment.id, 'edited');
    const edited = await req(s, path, { etag: first.etag! });
    expect(edited.status).toBe(200);
    expect(bodies(edited)).toEqual(['edited']);
    await req(s, `${path}/${comment.id}/replies`, { body: { body: 'a reply' } });
    expect(bodies(await req(s, path, { etag: edited.etag! }))).toEqual(['edited', 'a reply']);
    const threads = {
      query:
        '{ repository(owner: "acme", name: "widgets") { pullRequest(number: 1) { reviewThreads(first: 10) { nodes { isResolved } } } } }',
    };
    const resolved = (r: { json: unknown }) =>
      (
        r.json as {
          data: { repository: { pullRequest: { reviewThreads: { nodes: { isResolved: boolean }[] } } } };
        }
      ).data.repository.pullRequest.reviewThreads.nodes.map((n) => n.isResolved);
    expect(resolved(await req(s, '/graphql', { body: threads }))).toEqual([false]);
    s.resolveThread('acme', 'widgets', comment.id);
    expect(resolved(await req(s, '/graphql', { body: threads }))).toEqual([true]);
  });

  it('answers about a branch by name are never reused: the branch resolver is asked each time', async () => {
    let tip = 'a'.repeat(40);
    const t = await startGitHubStandIn({ branchExists: () => Promise.resolve(tip) });
    try {
      t.addToken(ALICE, { login: 'alice' });
      t.addRepo('acme', 'widgets', { permissions: { alice: { admin: true } } });
      t.addCheckRun('acme', 'widgets', { headSha: 'b'.repeat(40), name: 'build', conclusion: 'success' });
      const names = async () =>
        (
          (await req(t, '/repos/acme/widgets/commits/main/check-runs')).json as {
            check_runs: { name: string }[];
          }
        ).check_runs.map((c) => c.name);
      expect(await names()).toEqual([]);
      tip = 'b'.repeat(40);
      expect(await names()).toEqual(['build']);
    } finally {
      await t.close();
    }
  });
});
