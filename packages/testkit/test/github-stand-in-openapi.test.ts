import { ROUTES } from '../src/github-stand-in/handler.js';
import { startGitHubStandIn, type GitHubStandIn } from '../src/github-stand-in/index.js';
import { ALLOWED_DEPARTURES, GitHubOpenApi } from './support/openapi.js';

/*
 * Issue 14: every route the stand-in serves, driven with realistic data (PRs open/draft/closed/
 * merged, comments with replies and outdated ones, reviews in each state, labels, bots, CI), and
 * every answer — status and body — validated against the response schema GitHub's OpenAPI
 * description declares for that operation. Only the departures listed in ALLOWED_DEPARTURES pass.
 */

const SHA = 'c'.repeat(40);
const TOKENS = { alice: 'tok-alice', bob: 'tok-bob', carol: 'tok-carol', dave: 'tok-dave' };

interface Answer {
  method: string;
  route: string;
  status: number;
  body: unknown;
}

async function world(): Promise<{ standIn: GitHubStandIn; ids: Record<string, number> }> {
  let t = Date.parse('2024-03-01T10:00:00Z');
  const standIn = await startGitHubStandIn({
    branchExists: (_o, _r, b) => Promise.resolve(b === 'gone' ? false : b === 'main' ? 'a'.repeat(40) : true),
    now: () => new Date((t += 1000)),
  });
  for (const [login, token] of Object.entries(TOKENS))
    standIn.addToken(token, { login, scopes: login === 'bob' ? null : ['repo'] });
  standIn.addRepo('acme', 'widgets', {
    private: false,
    permissions: { alice: { admin: true }, bob: { pull: true }, carol: { push: true } },
  });
  const pr = (head: string, extra: Record<string, unknown> = {}) =>
    standIn.seedPullRequest({ owner: 'acme', repo: 'widgets', head, body: `PR ${head}`, ...extra }).number;
  const open = pr('feat', { headSha: SHA, user: 'carol' });
  pr('draft', { draft: true });
  standIn.closePullRequest('acme', 'widgets', pr('closed'));
  standIn.mergePullRequest('acme', 'widgets', pr('merged'));
  pr('forked', { head: 'carol:feature' });
  const root = standIn.addReviewComment('acme', 'widgets', open, {
    user: 'bob',
    body: 'please rename',
    path: 'src/a.ts',
    line: 4,
    diffHunk: '@@ -1,4 +1,4 @@\n-a\n+b',
  });
  standIn.addReviewComment('acme', 'widgets', open, { user: 'alice', body: 'done', inReplyTo: root.id });
  const stale = standIn.addReviewComment('acme', 'widgets', open, {
    user: 'ci-bot[bot]',
    userType: 'Bot',
    body: 'lint',
  });
  standIn.outdateThread('acme', 'widgets', stale.id);
  for (const state of ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED'] as const)
    standIn.addReview('acme', 'widgets', open, {
      user: 'bob',
      body: state === 'APPROVED' ? '' : `review ${state}`,
      state,
    });
  standIn.addIssueComment('acme', 'widgets', open, { user: 'dave', body: 'drive-by' });
  standIn.addIssueComment('acme', 'widgets', open, {
    user: 'ci-bot[bot]',
    userType: 'Bot',
    body: 'coverage',
  });
  const failing = standIn.addCheckRun('acme', 'widgets', {
    headSha: SHA,
    name: 'test',
    conclusion: 'failure',
    title: '1 failed',
    summary: 'a.test.ts',
    annotations: [{ path: 'src/a.ts', startLine: 3, message: 'expected 1', title: 'assert' }],
  });
  standIn.addCheckRun('acme', 'widgets', { headSha: SHA, name: 'build', status: 'in_progress' });
  standIn.addCommitStatus('acme', 'widgets', { sha: SHA, context: 'ci/lint', state: 'success' });
  standIn.addCommitStatus('acme', 'widgets', {
    sha: SHA,
    context: 'ci/e2e',
    state: 'error',
    description: 'boom',
    targetUrl: 'https://ci.example/1',
  });
  return { standIn, ids: { open, root: root.id, failing: failing.id } };
}

describe('GitHub stand-in answers validate against GitHub’s OpenAPI description (@octokit/openapi)', () => {
  let standIn: GitHubStandIn;
  let ids: Record<string, number>;
  let api: GitHubOpenApi;
  const answers: Answer[] = [];

  beforeAll(async () => {
    api = new GitHubOpenApi();
    ({ standIn, ids } = await world());
  });
  afterAll(async () => {
    await standIn.close();
  });

  const call = async (
    method: string,
    path: string,
    opts: { as?: keyof typeof TOKENS | null; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { accept: 'application/vnd.github+json', ...opts.headers };
    const token = opts.as === null ? null : TOKENS[opts.as ?? 'alice'];
    if (token) headers.authorization = `token ${token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${standIn.baseUrl}${path}`, {
      method,
      headers,
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    });
    const text = await res.text();
    const answer = {
      method,
      route: new URL(path, standIn.baseUrl).pathname,
      status: res.status,
      body: text ? (JSON.parse(text) as unknown) : null,
    };
    answers.push(answer);
    return { ...answer, etag: res.headers.get('etag') };
  };

  it('serves every route with GitHub’s statuses', async () => {
    const R = '/repos/acme/widgets';
    const n = ids.open!;
    const expectations: [Promise<{ status: number }>, number][] = [
      [call('GET', '/user'), 200],
      [call('GET', '/user', { as: null }), 401],
      [call('GET', '/rate_limit'), 200],
      [call('GET', R), 200],
      [call('GET', '/repos/acme/gone'), 404],
      [call('GET', R, { as: 'dave' }), 404],
      [call('GET', `${R}/branches/main`), 200],
      [call('GET', `${R}/branches/gone`), 404],
      [call('GET', `${R}/git/ref/heads/main`), 200],
      [call('GET', `${R}/git/ref/heads/gone`), 404],
      [call('GET', `${R}/collaborators/carol/permission`), 200],
      [call('GET', `${R}/collaborators/dave/permission`), 200],
      [call('GET', `${R}/pulls?state=all&per_page=2`), 200],
      [call('GET', `${R}/pulls?head=acme:feat`), 200],
      [call('GET', `${R}/pulls/${n}`), 200],
      [call('GET', `${R}/pulls/4`), 200],
      [call('GET', `${R}/pulls/99`), 404],
      [call('PATCH', `${R}/pulls/2`, { body: { title: 'Draft: new title' } }), 200],
      [call('PATCH', `${R}/pulls/2`, { body: { state: 'weird' } }), 422],
      [call('PATCH', `${R}/pulls/2`, { as: 'bob', body: { title: 'x' } }), 403],
      [call('POST', `${R}/pulls`, { body: { title: 'New', head: 'new', base: 'main', body: 'b' } }), 201],
      [call('POST', `${R}/pulls`, { body: { title: 'Dup', head: 'new', base: 'main' } }), 422],
      [call('POST', `${R}/pulls`, { body: { head: 'x' } }), 422],
      [call('POST', `${R}/pulls`, { as: 'bob', body: { title: 't', head: 'y', base: 'main' } }), 403],
      [call('POST', `${R}/issues/${n}/labels`, { body: { labels: ['metawsm', 'agent'] } }), 200],
      [call('GET', `${R}/issues/${n}/labels`), 200],
      [call('GET', `${R}/issues/${n}`), 200],
      [call('GET', `${R}/issues/99`), 404],
      [call('POST', `${R}/pulls/${n}/requested_reviewers`, { body: { reviewers: ['bob'] } }), 201],
      [call('POST', `${R}/pulls/${n}/requested_reviewers`, { body: { reviewers: ['dave'] } }), 422],
      [call('GET', `${R}/pulls/${n}/requested_reviewers`), 200],
      [call('GET', `${R}/pulls/${n}/comments`), 200],
      [
        call('POST', `${R}/pulls/${n}/comments/${ids.root}/replies`, { body: { body: 'Addressed in abc' } }),
        201,
      ],
      [call('POST', `${R}/pulls/${n}/comments/999999/replies`, { body: { body: 'x' } }), 404],
      [call('POST', `${R}/pulls/${n}/comments/${ids.root}/replies`, { body: { body: '' } }), 422],
      [call('GET', `${R}/pulls/${n}/reviews`), 200],
      [call('GET', `${R}/issues/${n}/comments`), 200],
      [call('POST', `${R}/issues/${n}/comments`, { body: { body: 'hello' } }), 201],
      [call('POST', `${R}/issues/${n}/comments`, { body: {} }), 422],
      [call('GET', `${R}/commits/${SHA}/check-runs`), 200],
      [call('GET', `${R}/check-runs/${ids.failing}/annotations`), 200],
      [call('GET', `${R}/check-runs/999999/annotations`), 404],
      [call('GET', `${R}/commits/${SHA}/status`), 200],
      [call('GET', `${R}/commits/${SHA}/statuses`), 200],
      [call('GET', `${R}/commits/gone/status`), 422],
      [call('POST', '/graphql', { body: { query: '{ viewer { login } }' } }), 200],
    ];
    for (const [p, status] of expectations) await expect(p).resolves.toMatchObject({ status });
    const first = await call('GET', `${R}/pulls/${n}/comments`);
    const again = await call('GET', `${R}/pulls/${n}/comments`, {
      headers: { 'if-none-match': first.etag ?? '' },
    });
    expect(again).toMatchObject({ status: 304, body: null });
  });

  it('every answer matches the schema of its operation and status (allow-listed departures aside)', () => {
    const problems: string[] = [];
    for (const a of answers) {
      if (a.route === '/graphql' || a.status === 304) continue; // GraphQL is checked against GitHub's GraphQL schema
      const hit = api.operation(a.method, a.route);
      if (!hit) {
        problems.push(`${a.method} ${a.route}: no such operation in GitHub's description`);
        continue;
      }
      const { errors } = api.validate(hit.op, a.status, a.body);
      for (const e of errors.slice(0, 5))
        problems.push(`${hit.op.operationId} ${a.status} ${e.instancePath} ${e.keyword} ${e.message ?? ''}`);
    }
    expect(problems).toEqual([]);
    // An allow-list entry nothing needs is a departure the stand-in no longer makes: remove it.
    expect(ALLOWED_DEPARTURES.filter((a) => !api.used.has(a)).map((a) => a.reason)).toEqual([]);
  });

  it('every route the stand-in serves was exercised', () => {
    const unexercised = ROUTES.filter(
      (r) => !answers.some((a) => a.method === r.method && r.pattern.test(a.route)),
    );
    expect(unexercised.map((r) => `${r.method} ${String(r.pattern)}`)).toEqual([]);
  });
});
