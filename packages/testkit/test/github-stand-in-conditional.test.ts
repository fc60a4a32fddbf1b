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
});
