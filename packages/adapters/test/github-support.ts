import { Secret, type GitHubRepo } from '@metawsm/core';
import type { GitHubContractSetup, GitHubHarness } from '../../testkit/src/contracts/github.contract.js';
import { GITHUB_CONTRACT_SETUP } from '../../testkit/src/contracts/github.contract.js';
import {
  startGitHubStandIn,
  type GitHubStandIn,
  type GitHubStandInOptions,
} from '../../testkit/src/github-stand-in/index.js';
import { OctokitGitHubAdapter, type OctokitGitHubAdapterOptions } from '../src/github/index.js';

/** Small limits so retries and rate-limit waits take milliseconds: `retry-after: 1` waits 1 ms. */
export const FAST: OctokitGitHubAdapterOptions = {
  retries: 2,
  retryBackoffMs: 1,
  rateLimitRetries: 2,
  paceWrites: false,
  throttle: { retryAfterBaseValue: 1 },
  requestTimeoutMs: 5_000,
};

/** A stand-in holding the contract setup (users, tokens, repository, missing branch). */
export async function standInWithSetup(
  setup: GitHubContractSetup = GITHUB_CONTRACT_SETUP,
  options: GitHubStandInOptions = {},
): Promise<GitHubStandIn> {
  const standIn = await startGitHubStandIn({
    branchExists: (_o, _r, branch) => Promise.resolve(branch !== setup.missingBranch),
    ...options,
  });
  const permissions: Record<string, { admin: boolean; push: boolean; pull: boolean }> = {};
  for (const u of Object.values(setup.users)) {
    standIn.addToken(u.token, { login: u.login, scopes: u.scopes === null ? null : [...u.scopes] });
    if (u.permission) permissions[u.login] = { ...u.permission };
  }
  standIn.addRepo(setup.owner, setup.repo, { defaultBranch: setup.defaultBranch, permissions });
  return standIn;
}

/** The contract repository on a stand-in, as `token` (default alice's). */
export function repoOn(apiUrl: string, token: string = GITHUB_CONTRACT_SETUP.users.alice.token): GitHubRepo {
  return {
    apiUrl,
    token: new Secret(token),
    owner: GITHUB_CONTRACT_SETUP.owner,
    repo: GITHUB_CONTRACT_SETUP.repo,
  };
}

/** A contract harness: the Octokit adapter against a fresh stand-in. */
export async function adapterHarness(
  setup: GitHubContractSetup,
  options: OctokitGitHubAdapterOptions = FAST,
  apiUrlOf: (s: GitHubStandIn) => string = (s) => s.baseUrl,
): Promise<GitHubHarness & { standIn: GitHubStandIn }> {
  // A clock that ticks a second per timestamp, like FakeGitHub's, so edits are always later.
  let tick = Date.parse('2024-01-01T00:00:00Z');
  const standIn = await standInWithSetup(setup, { now: () => new Date((tick += 1000)) });
  const { owner, repo } = setup;
  const find = (n: number) => standIn.listPullRequests(owner, repo).find((p) => p.number === n);
  return {
    standIn,
    github: new OctokitGitHubAdapter(options),
    repo: repoOn(apiUrlOf(standIn), setup.users.alice.token),
    seedPullRequest: (seed) => Promise.resolve(standIn.seedPullRequest({ owner, repo, ...seed }).number),
    closePullRequest: (n) => Promise.resolve(standIn.closePullRequest(owner, repo, n)),
    mergePullRequest: (n) => Promise.resolve(standIn.mergePullRequest(owner, repo, n)),
    addReviewComment: (n, seed) => Promise.resolve(standIn.addReviewComment(owner, repo, n, seed).id),
    addReview: (n, seed) => Promise.resolve(standIn.addReview(owner, repo, n, seed).id),
    editReviewComment: (id, body) => Promise.resolve(standIn.editReviewComment(owner, repo, id, body)),
    addIssueComment: (n, seed) => Promise.resolve(standIn.addIssueComment(owner, repo, n, seed).id),
    resolveThread: (id) => Promise.resolve(standIn.resolveThread(owner, repo, id)),
    outdateThread: (id) => Promise.resolve(standIn.outdateThread(owner, repo, id)),
    breakGraphQL: (status) => Promise.resolve(standIn.failNext({ path: /^\/graphql$/, status, count: 1000 })),
    addCheckRun: (seed) => Promise.resolve(standIn.addCheckRun(owner, repo, seed).id),
    addCommitStatus: (seed) => Promise.resolve(void standIn.addCommitStatus(owner, repo, seed)),
    setPullRequestHead: (n, sha) => Promise.resolve(standIn.setPullRequestHead(owner, repo, n, sha)),
    inspect: (n) =>
      Promise.resolve({
        labels: find(n)?.labels ?? [],
        requestedReviewers: find(n)?.requestedReviewers ?? [],
      }),
    close: () => standIn.close(),
  };
}
