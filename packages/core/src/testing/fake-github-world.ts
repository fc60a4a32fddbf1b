import { MetawsmError, type ErrorCode } from '../errors/index.js';
import type { GitHubConnection, GitHubRepo, ReviewCommentInfo, ReviewInfo } from '../ports/github.port.js';
import {
  associationOf,
  copyPull,
  fakeSha,
  FakeTimestamps,
  splitHead,
  type FakePullRequest,
  type FakePullRequestSeed,
  type FakeRepo,
  type FakeRepoPermissions,
  type FakeReviewCommentSeed,
  type FakeReviewSeed,
} from './fake-github-state.js';

/** Options of {@link FakeGitHub}. */
export interface FakeGitHubOptions {
  /**
   * Whether a branch exists (for `createPullRequest`): false → GITHUB_VALIDATION, true → exists,
   * a string → exists with that tip sha. Default: every branch exists.
   */
  branchExists?: (owner: string, repo: string, branch: string) => boolean | string;
  /** Epoch ms of the first timestamp; each later one is a second later. Default 2024-01-01T00:00:00Z. */
  startMs?: number;
  /** Web root for `url`s. Default `https://github.com`. */
  webUrl?: string;
}

/** Options of {@link FakeGitHubWorld.addRepo}. */
export interface FakeRepoOptions {
  defaultBranch?: string;
  /** Per-login permissions; a login without an entry cannot see the repository and is not a collaborator. */
  permissions?: Record<string, Partial<FakeRepoPermissions>>;
}

/** A MetawsmError shaped like the adapter's. */
export function githubError(code: ErrorCode, message: string, operation: string, data: Record<string, unknown> = {}): MetawsmError {
  return new MetawsmError(code, message, { data: { operation, ...data } });
}

/** The fake's data: tokens, repositories, pull requests, comments, reviews; seeding helpers; access checks. */
export class FakeGitHubWorld {
  readonly #tokens = new Map<string, { login: string; scopes: string[] | null }>();
  readonly #repos = new Map<string, FakeRepo>();
  readonly #time: FakeTimestamps;
  readonly branchExists: (owner: string, repo: string, branch: string) => boolean | string;
  readonly web: string;
  #nextId = 1000;

  constructor(options: FakeGitHubOptions = {}) {
    this.#time = new FakeTimestamps(options.startMs ?? 1_704_067_200_000);
    this.branchExists = options.branchExists ?? (() => true);
    this.web = (options.webUrl ?? 'https://github.com').replace(/\/+$/, '');
  }

  /** Register a token and the user it authenticates as. */
  addToken(token: string, info: { login: string; scopes?: string[] | null }): void {
    this.#tokens.set(token, { login: info.login, scopes: info.scopes ?? null });
  }

  /** Create a repository. A login's `push` defaults to its `admin`, `pull` to true. */
  addRepo(owner: string, repo: string, options: FakeRepoOptions = {}): void {
    const permissions = new Map<string, FakeRepoPermissions>();
    for (const [login, p] of Object.entries(options.permissions ?? {})) {
      const admin = p.admin ?? false;
      permissions.set(login.toLowerCase(), { admin, push: p.push ?? admin, pull: p.pull ?? true });
    }
    const r: FakeRepo = { owner, repo, defaultBranch: options.defaultBranch ?? 'main', permissions, pulls: [], comments: [], reviews: [] };
    this.#repos.set(`${owner}/${repo}`.toLowerCase(), r);
  }

  /** The user behind a connection's token; AUTH_INVALID for an unknown token. */
  user(conn: GitHubConnection, operation: string): { login: string; scopes: string[] | null } {
    const user = this.#tokens.get(conn.token.reveal());
    if (!user) throw githubError('AUTH_INVALID', 'GitHub rejected the token (401 Bad credentials)', operation, { status: 401 });
    return user;
  }

  /** The repository if the caller may use it: GITHUB_NOT_FOUND if unseen, PERMISSION_DENIED without push. */
  access(gh: GitHubRepo, need: 'pull' | 'push', operation: string): { repo: FakeRepo; login: string; perm: FakeRepoPermissions } {
    const { login } = this.user(gh, operation);
    const repo = this.#repos.get(`${gh.owner}/${gh.repo}`.toLowerCase());
    const perm = repo?.permissions.get(login.toLowerCase());
    if (!repo || !perm?.pull) throw githubError('GITHUB_NOT_FOUND', `repository ${gh.owner}/${gh.repo} not found`, operation, { status: 404 });
    if (need === 'push' && !perm.push)
      throw githubError('PERMISSION_DENIED', `no push permission on ${gh.owner}/${gh.repo}`, operation, { status: 403 });
    return { repo, login, perm };
  }

  /** A pull request of a repository; GITHUB_NOT_FOUND when there is none with that number. */
  pull(repo: FakeRepo, num: number, operation: string): FakePullRequest {
    const pr = repo.pulls[num - 1];
    if (!pr) throw githubError('GITHUB_NOT_FOUND', `pull request #${num} not found`, operation, { status: 404 });
    return pr;
  }

  timestamp(): string {
    return this.#time.next();
  }

  nextId(): number {
    return this.#nextId++;
  }

  createPull(repo: FakeRepo, fields: Omit<FakePullRequest, 'owner' | 'repo' | 'number' | 'state' | 'merged' | 'labels' | 'requestedReviewers' | 'createdAt' | 'updatedAt'>): FakePullRequest {
    const at = this.timestamp();
    const pr: FakePullRequest = {
      owner: repo.owner,
      repo: repo.repo,
      number: repo.pulls.length + 1,
      ...fields,
      state: 'open',
      merged: false,
      labels: [],
      requestedReviewers: [],
      createdAt: at,
      updatedAt: at,
    };
    repo.pulls.push(pr);
    return pr;
  }

  mustRepo(owner: string, repo: string): FakeRepo {
    const r = this.#repos.get(`${owner}/${repo}`.toLowerCase());
    if (!r) throw new Error(`FakeGitHub: unknown repository ${owner}/${repo}`);
    return r;
  }

  mustPull(owner: string, repo: string, num: number): { repo: FakeRepo; pr: FakePullRequest } {
    const r = this.mustRepo(owner, repo);
    const pr = r.pulls[num - 1];
    if (!pr) throw new Error(`FakeGitHub: unknown pull request ${owner}/${repo}#${num}`);
    return { repo: r, pr };
  }

  seedPull(seed: FakePullRequestSeed): FakePullRequest {
    const repo = this.mustRepo(seed.owner, seed.repo);
    const [headOwner, headRef] = splitHead(seed.head, repo.owner);
    return this.createPull(repo, {
      title: seed.title ?? `Change ${headRef}`,
      body: seed.body ?? '',
      draft: seed.draft ?? false,
      headOwner,
      headRef,
      headSha: seed.headSha ?? fakeSha(headOwner, repo.repo, headRef),
      baseRef: seed.base ?? repo.defaultBranch,
      user: seed.user ?? repo.owner,
    });
  }

  addComment(owner: string, repo: string, num: number, seed: FakeReviewCommentSeed): ReviewCommentInfo & { pull: number } {
    const { repo: r, pr } = this.mustPull(owner, repo, num);
    const id = this.nextId();
    const at = this.timestamp();
    const comment = {
      pull: pr.number,
      id,
      body: seed.body,
      author: seed.user,
      authorType: seed.userType ?? 'User',
      authorAssociation: seed.authorAssociation ?? associationOf(r, seed.user),
      path: seed.path ?? 'README.md',
      line: seed.line === undefined ? 1 : seed.line,
      url: `${this.web}/${r.owner}/${r.repo}/pull/${pr.number}#discussion_r${id}`,
      createdAt: at,
      updatedAt: at,
    };
    r.comments.push(comment);
    return { ...comment };
  }

  addReview(owner: string, repo: string, num: number, seed: FakeReviewSeed): ReviewInfo & { pull: number } {
    const { repo: r, pr } = this.mustPull(owner, repo, num);
    const id = this.nextId();
    const review = {
      pull: pr.number,
      id,
      body: seed.body,
      author: seed.user,
      authorType: seed.userType ?? 'User',
      authorAssociation: seed.authorAssociation ?? associationOf(r, seed.user),
      state: seed.state ?? 'COMMENTED',
      url: `${this.web}/${r.owner}/${r.repo}/pull/${pr.number}#pullrequestreview-${id}`,
      submittedAt: this.timestamp(),
    };
    r.reviews.push(review);
    return { ...review };
  }

  /** Copies of the pull requests, optionally of one repository. */
  listPulls(owner?: string, repo?: string): FakePullRequest[] {
    const repos = owner !== undefined && repo !== undefined ? [this.mustRepo(owner, repo)] : [...this.#repos.values()];
    return repos.flatMap((r) => r.pulls.map(copyPull));
  }
}
