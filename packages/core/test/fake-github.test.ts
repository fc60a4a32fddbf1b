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
