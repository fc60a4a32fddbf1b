import type {
  GitHubConnection,
  GitHubPort,
  GitHubRepo,
  GitHubUser,
  PullRequestInfo,
  RepositoryInfo,
  ReviewCommentInfo,
  ReviewInfo,
} from '../ports/github.port.js';
import { checkNewPull, checkReviewers } from './fake-github-rules.js';
import { FakeGitHubSeeds } from './fake-github-seeds.js';
import {
  sameLogin,
  toInfo,
  type FakePullRequest,
  type FakePullRequestSeed,
  type FakeReviewCommentSeed,
  type FakeReviewSeed,
} from './fake-github-state.js';
import {
  FakeGitHubWorld,
  githubError,
  type FakeGitHubOptions,
  type FakeGitHubRepoOptions,
} from './fake-github-world.js';

export type * from './fake-github-state.js';
export type { FakeGitHubOptions, FakeGitHubRepoOptions } from './fake-github-world.js';

/** One call made to the fake (never the token). */
export interface FakeGitHubCall {
  method: keyof GitHubPort;
  apiUrl: string;
  /** `owner/repo`, or null for `currentUser`. */
  repo: string | null;
  /** The arguments after the connection/repository. */
  args: unknown[];
}

/**
 * In-memory GitHubPort with the adapter's semantics over the GitHub stand-in: tokens → users,
 * per-login repository permissions, PR numbers per repository, 'already exists' for a second open
 * PR with the same head and base, labels, reviewers (collaborators only), review comments and
 * reviews. Deterministic; `failNext` injects errors; `calls` logs every call.
 */
export class FakeGitHub implements GitHubPort {
  /** Every call, in order. */
  readonly calls: FakeGitHubCall[] = [];
  readonly #world: FakeGitHubWorld;
  readonly #seeds: FakeGitHubSeeds;
  readonly #faults: { method: keyof GitHubPort; error: Error; remaining: number }[] = [];

  constructor(options: FakeGitHubOptions = {}) {
    this.#world = new FakeGitHubWorld(options);
    this.#seeds = new FakeGitHubSeeds(this.#world);
  }

  /** Register a token and the user it authenticates as. */
  addToken(token: string, info: { login: string; scopes?: string[] | null }): void {
    this.#world.addToken(token, info);
  }
  /** Create a repository; only logins listed in `permissions` can see it. */
  addRepo(owner: string, repo: string, options?: FakeGitHubRepoOptions): void {
    this.#world.addRepo(owner, repo, options);
  }
  /** Make the next `count` calls of `method` throw `error`. */
  failNext(method: keyof GitHubPort, error: Error, count = 1): void {
    this.#faults.push({ method, error, remaining: count });
  }
  /** Create a pull request directly (no permission or branch checks). */
  seedPullRequest(seed: FakePullRequestSeed): FakePullRequest {
    return this.#seeds.seedPull(seed);
  }
  closePullRequest(owner: string, repo: string, num: number): void {
    this.#seeds.close(owner, repo, num, false);
  }
  mergePullRequest(owner: string, repo: string, num: number): void {
    this.#seeds.close(owner, repo, num, true);
  }
  /** Add an inline review comment; returns it. */
  addReviewComment(owner: string, repo: string, num: number, seed: FakeReviewCommentSeed): ReviewCommentInfo {
    return this.#seeds.addComment(owner, repo, num, seed);
  }
  /** Change a review comment's body (bumps `updatedAt`). */
  editReviewComment(owner: string, repo: string, commentId: number, body: string): void {
    this.#seeds.editComment(owner, repo, commentId, body);
  }
  /** Add a top-level review; returns it. */
  addReview(owner: string, repo: string, num: number, seed: FakeReviewSeed): ReviewInfo {
    return this.#seeds.addReview(owner, repo, num, seed);
  }
  /** Copies of the pull requests (with labels and requested reviewers), optionally of one repository. */
  listPullRequests(owner?: string, repo?: string): FakePullRequest[] {
    return this.#seeds.listPulls(owner, repo);
  }

  async currentUser(conn: GitHubConnection): Promise<GitHubUser> {
    this.#enter('currentUser', conn, null, []);
    const user = this.#world.user(conn, 'currentUser');
    return Promise.resolve({ login: user.login, scopes: user.scopes === null ? null : [...user.scopes] });
  }

  async getRepository(gh: GitHubRepo): Promise<RepositoryInfo> {
    this.#enter('getRepository', gh, gh, []);
    const { repo, perm } = this.#world.access(gh, 'pull', 'getRepository');
    return Promise.resolve({
      fullName: `${repo.owner}/${repo.repo}`,
      defaultBranch: repo.defaultBranch,
      permissions: { ...perm },
    });
  }

  async findPullRequestsByHead(gh: GitHubRepo, branch: string): Promise<PullRequestInfo[]> {
    this.#enter('findPullRequestsByHead', gh, gh, [branch]);
    const { repo } = this.#world.access(gh, 'pull', 'findPullRequestsByHead');
    const found = repo.pulls.filter((p) => sameLogin(p.headOwner, gh.owner) && p.headRef === branch);
    return Promise.resolve(found.sort((a, b) => b.number - a.number).map((p) => toInfo(p, this.#world.web)));
  }

  async createPullRequest(
    gh: GitHubRepo,
    req: { title: string; body: string; head: string; base: string; draft: boolean },
  ): Promise<PullRequestInfo> {
    this.#enter('createPullRequest', gh, gh, [{ ...req }]);
    const { repo, login } = this.#world.access(gh, 'push', 'createPullRequest');
    const checked = checkNewPull(this.#world, repo, req);
    const pr = this.#world.createPull(repo, {
      title: req.title,
      body: req.body,
      draft: req.draft,
      user: login,
      ...checked,
    });
    return Promise.resolve(toInfo(pr, this.#world.web));
  }

  async getPullRequest(gh: GitHubRepo, num: number): Promise<PullRequestInfo> {
    this.#enter('getPullRequest', gh, gh, [num]);
    const { repo } = this.#world.access(gh, 'pull', 'getPullRequest');
    return Promise.resolve(toInfo(this.#world.pull(repo, num, 'getPullRequest'), this.#world.web));
  }

  async updatePullRequest(
    gh: GitHubRepo,
    num: number,
    req: { title?: string; body?: string },
  ): Promise<PullRequestInfo> {
    this.#enter('updatePullRequest', gh, gh, [num, { ...req }]);
    const op = 'updatePullRequest';
    const { repo, login, perm } = this.#world.access(gh, 'pull', op);
    const pr = this.#world.pull(repo, num, op);
    if (req.title === undefined && req.body === undefined)
      return Promise.resolve(toInfo(pr, this.#world.web));
    if (!perm.push && !sameLogin(pr.user, login))
      throw githubError('PERMISSION_DENIED', `no push permission on ${gh.owner}/${gh.repo}`, op, {
        status: 403,
      });
    if (req.title !== undefined) pr.title = req.title;
    if (req.body !== undefined) pr.body = req.body;
    pr.updatedAt = this.#world.timestamp();
    return Promise.resolve(toInfo(pr, this.#world.web));
  }

  async addLabels(gh: GitHubRepo, num: number, labels: string[]): Promise<void> {
    this.#enter('addLabels', gh, gh, [num, [...labels]]);
    if (labels.length === 0) return Promise.resolve();
    const { repo } = this.#world.access(gh, 'push', 'addLabels');
    const pr = this.#world.pull(repo, num, 'addLabels');
    for (const l of labels) if (!pr.labels.includes(l)) pr.labels.push(l);
    return Promise.resolve();
  }

  async requestReviewers(gh: GitHubRepo, num: number, reviewers: string[]): Promise<void> {
    this.#enter('requestReviewers', gh, gh, [num, [...reviewers]]);
    if (reviewers.length === 0) return Promise.resolve();
    const op = 'requestReviewers';
    const { repo } = this.#world.access(gh, 'push', op);
    const pr = this.#world.pull(repo, num, op);
    checkReviewers(repo, pr, reviewers);
    for (const r of reviewers) if (!pr.requestedReviewers.includes(r)) pr.requestedReviewers.push(r);
    return Promise.resolve();
  }

  async listReviewComments(gh: GitHubRepo, num: number): Promise<ReviewCommentInfo[]> {
    this.#enter('listReviewComments', gh, gh, [num]);
    const { repo } = this.#world.access(gh, 'pull', 'listReviewComments');
    const pr = this.#world.pull(repo, num, 'listReviewComments');
    return Promise.resolve(
      repo.comments.filter((c) => c.pull === pr.number).map(({ pull: _pull, ...c }) => c),
    );
  }

  async listReviews(gh: GitHubRepo, num: number): Promise<ReviewInfo[]> {
    this.#enter('listReviews', gh, gh, [num]);
    const { repo } = this.#world.access(gh, 'pull', 'listReviews');
    const pr = this.#world.pull(repo, num, 'listReviews');
    return Promise.resolve(
      repo.reviews.filter((r) => r.pull === pr.number).map(({ pull: _pull, ...r }) => r),
    );
  }

  /** Log the call, then throw an injected fault if one is due. */
  #enter(method: keyof GitHubPort, conn: GitHubConnection, gh: GitHubRepo | null, args: unknown[]): void {
    this.calls.push({ method, apiUrl: conn.apiUrl, repo: gh ? `${gh.owner}/${gh.repo}` : null, args });
    const fault = this.#faults.find((f) => f.method === method && f.remaining > 0);
    if (fault) {
      fault.remaining--;
      throw fault.error;
    }
  }
}
