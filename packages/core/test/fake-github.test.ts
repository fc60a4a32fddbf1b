import {
  describeGitHubContract,
  type GitHubContractSetup,
  type GitHubHarness,
} from '../../testkit/src/contracts/github.contract.js';
import { MetawsmError } from '../src/errors/index.js';
import { Secret } from '../src/domain/secret.js';
import { FakeGitHub } from '../src/testing/fake-github.js';

function fakeFor(setup: GitHubContractSetup): FakeGitHub {
  const fake = new FakeGitHub({ branchExists: (_o, _r, branch) => branch !== setup.missingBranch });
  const permissions: Record<string, { admin: boolean; push: boolean; pull: boolean }> = {};
  for (const u of Object.values(setup.users)) {
    fake.addToken(u.token, { login: u.login, scopes: u.scopes === null ? null : [...u.scopes] });
    if (u.permission) permissions[u.login] = { ...u.permission };
  }
  fake.addRepo(setup.owner, setup.repo, { defaultBranch: setup.defaultBranch, permissions });
  return fake;
}

function harnessFor(setup: GitHubContractSetup): GitHubHarness {
  const fake = fakeFor(setup);
  const { owner, repo } = setup;
  return {
    github: fake,
    repo: { apiUrl: 'https://api.github.com', token: new Secret(setup.users.alice.token), owner, repo },
    seedPullRequest: (seed) => Promise.resolve(fake.seedPullRequest({ owner, repo, ...seed }).number),
    closePullRequest: (n) => Promise.resolve(fake.closePullRequest(owner, repo, n)),
    mergePullRequest: (n) => Promise.resolve(fake.mergePullRequest(owner, repo, n)),
    addReviewComment: (n, seed) => Promise.resolve(fake.addReviewComment(owner, repo, n, seed).id),
    addReview: (n, seed) => Promise.resolve(fake.addReview(owner, repo, n, seed).id),
    editReviewComment: (id, body) => Promise.resolve(fake.editReviewComment(owner, repo, id, body)),
    addIssueComment: (n, seed) => Promise.resolve(fake.addIssueComment(owner, repo, n, seed).id),
    resolveThread: (id) => Promise.resolve(fake.resolveThread(owner, repo, id)),
    outdateThread: (id) => Promise.resolve(fake.outdateThread(owner, repo, id)),
    breakGraphQL: () => Promise.resolve(fake.setGraphQLAvailable(false)),
    addCheckRun: (seed) => Promise.resolve(fake.addCheckRun(owner, repo, seed).id),
    addCommitStatus: (seed) => Promise.resolve(void fake.addCommitStatus(owner, repo, seed)),
    setPullRequestHead: (n, sha) => Promise.resolve(fake.setPullRequestHead(owner, repo, n, sha)),
    inspect: (n) => {
      const pr = fake.listPullRequests(owner, repo).find((p) => p.number === n);
      return Promise.resolve({ labels: pr?.labels ?? [], requestedReviewers: pr?.requestedReviewers ?? [] });
    },
    close: () => Promise.resolve(),
  };
}

describeGitHubContract('FakeGitHub', (setup) => Promise.resolve(harnessFor(setup)));

describe('FakeGitHub extras', () => {
  const token = 'canary-fake-token-123';
  const make = () => {
    const fake = new FakeGitHub();
    fake.addToken(token, { login: 'alice' });
    fake.addRepo('acme', 'widgets', { permissions: { alice: { admin: true } } });
    return {
      fake,
      repo: {
        apiUrl: 'https://ghe.example/api/v3',
        token: new Secret(token),
        owner: 'acme',
        repo: 'widgets',
      },
    };
  };

  it('failNext throws the given error once, then behaves normally', async () => {
    const { fake, repo } = make();
    fake.failNext('createPullRequest', new MetawsmError('RATE_LIMITED', 'slow down'));
    const req = { title: 't', body: 'b', head: 'x', base: 'main', draft: false };
    await expect(fake.createPullRequest(repo, req)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(fake.createPullRequest(repo, req)).resolves.toMatchObject({ number: 1 });
    expect(fake.listPullRequests()).toHaveLength(1);
  });

  it('logs every call without the token', async () => {
    const { fake, repo } = make();
    await fake.currentUser(repo);
    await fake.findPullRequestsByHead(repo, 'feat');
    expect(fake.calls.map((c) => [c.method, c.repo, c.apiUrl])).toEqual([
      ['currentUser', null, 'https://ghe.example/api/v3'],
      ['findPullRequestsByHead', 'acme/widgets', 'https://ghe.example/api/v3'],
    ]);
    expect(JSON.stringify(fake.calls)).not.toContain(token);
  });

  it('is deterministic: same calls, same timestamps, shas and urls', async () => {
    const run = async () => {
      const { fake, repo } = make();
      const pr = await fake.createPullRequest(repo, {
        title: 't',
        body: '',
        head: 'feat',
        base: 'main',
        draft: false,
      });
      fake.addReviewComment('acme', 'widgets', pr.number, { user: 'alice', body: 'hi' });
      return { pr, comments: await fake.listReviewComments(repo, pr.number) };
    };
    expect(await run()).toEqual(await run());
  });

  it('uses a resolved head sha and reports edited comments', async () => {
    const fake = new FakeGitHub({ branchExists: () => 'a'.repeat(40) });
    fake.addToken(token, { login: 'alice' });
    fake.addRepo('acme', 'widgets', { permissions: { alice: { admin: true } } });
    const repo = {
      apiUrl: 'https://api.github.com',
      token: new Secret(token),
      owner: 'acme',
      repo: 'widgets',
    };
    const pr = await fake.createPullRequest(repo, {
      title: 't',
      body: '',
      head: 'feat',
      base: 'main',
      draft: false,
    });
    expect(pr.headSha).toBe('a'.repeat(40));
    const c = fake.addReviewComment('acme', 'widgets', pr.number, { user: 'alice', body: 'v1' });
    fake.editReviewComment('acme', 'widgets', c.id, 'v2');
    const [edited] = await fake.listReviewComments(repo, pr.number);
    expect(edited?.body).toBe('v2');
    expect(edited!.updatedAt > c.updatedAt).toBe(true);
  });
});

describe('FakeGitHub review feedback seeds', () => {
  const token = 'seed-token';
  const make = () => {
    const fake = new FakeGitHub();
    fake.addToken(token, { login: 'alice' });
    fake.addRepo('acme', 'widgets', { permissions: { alice: { admin: true }, carol: { push: true } } });
    const repo = {
      apiUrl: 'https://api.github.com',
      token: new Secret(token),
      owner: 'acme',
      repo: 'widgets',
    };
    const pr = fake.seedPullRequest({ owner: 'acme', repo: 'widgets', head: 'feat' });
    return { fake, repo, n: pr.number };
  };

  it('edits reviews and conversation comments; only the conversation comment gets a new updatedAt', async () => {
    const { fake, repo, n } = make();
    const review = fake.addReview('acme', 'widgets', n, { user: 'carol', body: 'r1' });
    const comment = fake.addIssueComment('acme', 'widgets', n, { user: 'carol', body: 'c1' });
    fake.editReview('acme', 'widgets', review.id, 'r2');
    fake.editIssueComment('acme', 'widgets', comment.id, 'c2');
    expect((await fake.listReviews(repo, n)).map((r) => r.body)).toEqual(['r2']);
    const [edited] = await fake.listIssueComments(repo, n);
    expect(edited).toMatchObject({ body: 'c2', createdAt: comment.createdAt });
    expect(edited!.updatedAt > comment.updatedAt).toBe(true);
  });

  it('GraphQL can be switched off and on; failNext applies to the new methods too', async () => {
    const { fake, repo, n } = make();
    fake.addReviewComment('acme', 'widgets', n, { user: 'carol', body: 'x' });
    fake.setGraphQLAvailable(false);
    await expect(fake.listReviewThreads(repo, n)).rejects.toMatchObject({
      code: 'GITHUB_GRAPHQL_UNAVAILABLE',
    });
    fake.setGraphQLAvailable(true);
    await expect(fake.listReviewThreads(repo, n)).resolves.toHaveLength(1);
    fake.failNext('listCheckRuns', new MetawsmError('GITHUB_API_FAILED', '502'));
    await expect(fake.listCheckRuns(repo, 'a'.repeat(40))).rejects.toMatchObject({
      code: 'GITHUB_API_FAILED',
    });
    await expect(fake.listCheckRuns(repo, 'a'.repeat(40))).resolves.toEqual([]);
  });

  it('a reply takes its thread’s place, logs the call, and an empty reply is GITHUB_VALIDATION', async () => {
    const { fake, repo, n } = make();
    const root = fake.addReviewComment('acme', 'widgets', n, {
      user: 'carol',
      body: 'x',
      path: 'a.ts',
      line: 9,
    });
    fake.outdateThread('acme', 'widgets', root.id);
    const reply = await fake.replyToReviewComment(repo, n, root.id, 'Addressed in abc');
    expect(reply).toMatchObject({ inReplyToId: root.id, path: 'a.ts', line: null, originalLine: 9 });
    await expect(fake.replyToReviewComment(repo, n, root.id, '  ')).rejects.toMatchObject({
      code: 'GITHUB_VALIDATION',
    });
    expect(fake.calls.filter((c) => c.method === 'replyToReviewComment').map((c) => c.args)).toEqual([
      [n, root.id, 'Addressed in abc'],
      [n, root.id, '  '],
    ]);
  });

  it('a check run that is not completed has no conclusion; unknown seeds targets are test bugs', () => {
    const { fake } = make();
    expect(fake.addCheckRun('acme', 'widgets', { headSha: 'a', name: 'ci', status: 'queued' })).toMatchObject(
      {
        conclusion: null,
        completedAt: null,
      },
    );
    expect(() => fake.resolveThread('acme', 'widgets', 424242)).toThrow(/unknown review comment/);
    expect(() => fake.addIssueComment('acme', 'widgets', 77, { user: 'x', body: 'y' })).toThrow(
      /unknown pull/,
    );
  });
});
