import type { PullRequestState } from '../domain/pull-request.js';
import type { Secret } from '../domain/secret.js';

/** An API endpoint and token. */
export interface GitHubConnection {
  /** e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  apiUrl: string;
  token: Secret;
}

/** A repository on a GitHub API endpoint. */
export interface GitHubRepo extends GitHubConnection {
  owner: string;
  repo: string;
}

/** The authenticated user behind a token. */
export interface GitHubUser {
  login: string;
  /** OAuth scopes from `x-oauth-scopes`; null when the token type does not report them (fine-grained, app). */
  scopes: string[] | null;
}

/** Repository facts metawsm depends on. */
export interface RepositoryInfo {
  fullName: string;
  defaultBranch: string;
  /** The token's permissions on the repository; null when GitHub did not report them. */
  permissions: { admin: boolean; push: boolean; pull: boolean } | null;
}

/** A pull request as metawsm needs it. */
export interface PullRequestInfo {
  number: number;
  url: string;
  state: PullRequestState;
  title: string;
  body: string;
  headRef: string;
  headSha: string;
  baseRef: string;
}

/** An inline review comment. */
export interface ReviewCommentInfo {
  id: number;
  body: string;
  author: string;
  authorType: string;
  authorAssociation: string;
  path: string | null;
  line: number | null;
  url: string;
  createdAt: string;
  updatedAt: string;
}

/** A top-level review (approve / request changes / comment) with its body. */
export interface ReviewInfo {
  id: number;
  body: string;
  author: string;
  authorType: string;
  authorAssociation: string;
  state: string;
  url: string;
  submittedAt: string | null;
}

/**
 * The GitHub REST calls metawsm makes. Implementations retry transient failures
 * (5xx, network, rate limits) and map failures to MetawsmError codes.
 */
export interface GitHubPort {
  /** The login and scopes of the token's user. AUTH_INVALID on 401. */
  currentUser(conn: GitHubConnection): Promise<GitHubUser>;
  /** Repository facts incl. the token's permissions. GITHUB_NOT_FOUND on 404. */
  getRepository(repo: GitHubRepo): Promise<RepositoryInfo>;
  /** Pull requests (any state) whose head is `owner:branch` in this repository, all pages. */
  findPullRequestsByHead(repo: GitHubRepo, branch: string): Promise<PullRequestInfo[]>;
  /** Open a pull request. PR_ALREADY_EXISTS when GitHub answers 422 "A pull request already exists". */
  createPullRequest(
    repo: GitHubRepo,
    req: { title: string; body: string; head: string; base: string; draft: boolean },
  ): Promise<PullRequestInfo>;
  /** One pull request by number. */
  getPullRequest(repo: GitHubRepo, num: number): Promise<PullRequestInfo>;
  /** Change title and/or body. */
  updatePullRequest(
    repo: GitHubRepo,
    num: number,
    req: { title?: string; body?: string },
  ): Promise<PullRequestInfo>;
  /** Add labels to a pull request. */
  addLabels(repo: GitHubRepo, num: number, labels: string[]): Promise<void>;
  /** Request reviews from users. */
  requestReviewers(repo: GitHubRepo, num: number, reviewers: string[]): Promise<void>;
  /** All inline review comments of a pull request, all pages. */
  listReviewComments(repo: GitHubRepo, num: number): Promise<ReviewCommentInfo[]>;
  /** All reviews of a pull request, all pages. */
  listReviews(repo: GitHubRepo, num: number): Promise<ReviewInfo[]>;
}
