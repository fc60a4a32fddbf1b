import { MetawsmError, type ErrorCode } from '../errors/index.js';
import type { GitHubConnection, GitHubRepo } from '../ports/github.port.js';
import {
  FakeTimestamps,
  type FakeGitHubPermissions,
  type FakeGitHubRepo,
  type FakePullRequest,
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

/** Options of {@link FakeGitHub.addRepo}. */
export interface FakeGitHubRepoOptions {
  defaultBranch?: string;
  /** Per-login permissions; a login without an entry cannot see the repository and is not a collaborator. */
  permissions?: Record<string, Partial<FakeGitHubPermissions>>;
}

/** A MetawsmError shaped like the adapter's. */
export function githubError(
  code: ErrorCode,
  message: string,
  operation: string,
  data: Record<string, unknown> = {},
): MetawsmError {
  return new MetawsmError(code, message, { data: { operation, ...data } });
}

/** The fake's data (tokens, repositories with their pull requests, comments, reviews), ids, clock and access checks. */
export class FakeGitHubWorld {
  readonly #tokens = new Map<string, { login: string; scopes: string[] | null }>();
  readonly #repos = new Map<string, FakeGitHubRepo>();
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
  addRepo(owner: string, repo: string, options: FakeGitHubRepoOptions = {}): void {
    const permissions = new Map<string, FakeGitHubPermissions>();
    for (const [login, p] of Object.entries(options.permissions ?? {})) {
      const admin = p.admin ?? false;
      permissions.set(login.toLowerCase(), { admin, push: p.push ?? admin, pull: p.pull ?? true });
    }
    const r: FakeGitHubRepo = {
      owner,
      repo,
      defaultBranch: options.defaultBranch ?? 'main',
      permissions,
      pulls: [],
      comments: [],
      reviews: [],
      issueComments: [],
      threads: new Map(),
      checkRuns: [],
      statuses: [],
    };
    this.#repos.set(`${owner}/${repo}`.toLowerCase(), r);
  }

  /** The user behind a connection's token; AUTH_INVALID for an unknown token. */
  user(conn: GitHubConnection, operation: string): { login: string; scopes: string[] | null } {
    const user = this.#tokens.get(conn.token.reveal());
    if (!user)
      throw githubError('AUTH_INVALID', 'GitHub rejected the token (401 Bad credentials)', operation, {
        status: 401,
      });
    return user;
  }

  /** The repository if the caller may use it: GITHUB_NOT_FOUND if unseen, PERMISSION_DENIED without push. */
  access(
    gh: GitHubRepo,
    need: 'pull' | 'push',
    operation: string,
  ): { repo: FakeGitHubRepo; login: string; perm: FakeGitHubPermissions } {
    const { login } = this.user(gh, operation);
    const repo = this.repoNamed(gh.owner, gh.repo);
    const perm = repo?.permissions.get(login.toLowerCase());
    if (!repo || !perm?.pull)
      throw githubError('GITHUB_NOT_FOUND', `repository ${gh.owner}/${gh.repo} not found`, operation, {
        status: 404,
      });
    if (need === 'push' && !perm.push)
      throw githubError('PERMISSION_DENIED', `no push permission on ${gh.owner}/${gh.repo}`, operation, {
        status: 403,
      });
    return { repo, login, perm };
  }

  /** A pull request of a repository; GITHUB_NOT_FOUND when there is none with that number. */
  pull(repo: FakeGitHubRepo, num: number, operation: string): FakePullRequest {
    const pr = repo.pulls[num - 1];
    if (!pr)
      throw githubError('GITHUB_NOT_FOUND', `pull request #${num} not found`, operation, { status: 404 });
    return pr;
  }

  timestamp(): string {
    return this.#time.next();
  }

  nextId(): number {
    return this.#nextId++;
  }

  createPull(
    repo: FakeGitHubRepo,
    fields: Omit<
      FakePullRequest,
      | 'owner'
      | 'repo'
      | 'number'
      | 'state'
      | 'merged'
      | 'labels'
      | 'requestedReviewers'
      | 'createdAt'
      | 'updatedAt'
    >,
  ): FakePullRequest {
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

  /** A repository by name (case-insensitive), if it exists. */
  repoNamed(owner: string, repo: string): FakeGitHubRepo | undefined {
    return this.#repos.get(`${owner}/${repo}`.toLowerCase());
  }

  /** Every repository. */
  repos(): FakeGitHubRepo[] {
    return [...this.#repos.values()];
  }
}
