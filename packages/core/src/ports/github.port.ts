import type { Secret } from '../domain/secret.js';
import type {
  CheckAnnotationInfo,
  CheckRunInfo,
  CombinedStatusInfo,
  GitHubUser,
  IssueCommentInfo,
  PullRequestInfo,
  RepositoryInfo,
  ReviewCommentInfo,
  ReviewInfo,
  ReviewThreadInfo,
} from './github-types.js';

export type * from './github-types.js';

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

/** A new pull request. */
export interface NewPullRequest {
  title: string;
  body: string;
  /** Branch name (same owner) or `owner:branch`. */
  head: string;
  base: string;
  draft: boolean;
}

/**
 * The GitHub calls metawsm makes (REST, and GraphQL for review threads). Implementations return
 * every page of a list, retry transient failures (5xx, network, rate limits) within a bounded
 * budget, validate the answers they depend on (a malformed answer is GITHUB_BAD_RESPONSE) and map
 * failures to MetawsmError codes. Reads used for polling (PR, comments, reviews, checks,
 * statuses) may be answered through conditional requests: a 304 Not Modified returns the stored
 * answer, identical to the last one, and costs no rate limit. Nothing here ever merges a PR or
 * resolves a thread.
 */
export interface GitHubPort {
  /** The login and scopes of the token's user. AUTH_INVALID on 401. */
  currentUser(conn: GitHubConnection): Promise<GitHubUser>;
  /** Repository facts incl. the token's permissions. GITHUB_NOT_FOUND on 404. */
  getRepository(repo: GitHubRepo): Promise<RepositoryInfo>;
  /** Pull requests (any state) whose head is `owner:branch` in this repository, newest first, all pages. */
  findPullRequestsByHead(repo: GitHubRepo, branch: string): Promise<PullRequestInfo[]>;
  /** Open a pull request. PR_ALREADY_EXISTS when GitHub answers 422 "A pull request already exists". */
  createPullRequest(repo: GitHubRepo, req: NewPullRequest): Promise<PullRequestInfo>;
  /** One pull request by number, with its current state and head sha. GITHUB_NOT_FOUND when absent. */
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
  /** All inline review comments of a pull request (roots and replies), oldest first, all pages. */
  listReviewComments(repo: GitHubRepo, num: number): Promise<ReviewCommentInfo[]>;
  /** Reply in the thread of review comment `commentId` (a reply to a reply joins the same thread). */
  replyToReviewComment(
    repo: GitHubRepo,
    num: number,
    commentId: number,
    body: string,
  ): Promise<ReviewCommentInfo>;
  /** All reviews of a pull request, oldest first, all pages. */
  listReviews(repo: GitHubRepo, num: number): Promise<ReviewInfo[]>;
  /** All conversation (issue) comments of a pull request, oldest first, all pages. */
  listIssueComments(repo: GitHubRepo, num: number): Promise<IssueCommentInfo[]>;
  /**
   * The PR's review threads with resolved/outdated state and their comments' ids, all pages
   * (GraphQL). GITHUB_GRAPHQL_UNAVAILABLE when GraphQL does not answer (404, 401, network, errors):
   * callers then go on from REST alone.
   */
  listReviewThreads(repo: GitHubRepo, num: number): Promise<ReviewThreadInfo[]>;
  /** The latest check run per name on a commit, all pages. */
  listCheckRuns(repo: GitHubRepo, sha: string): Promise<CheckRunInfo[]>;
  /** Annotations of a check run, in GitHub's order, at most `limit` (default: all pages). */
  listCheckRunAnnotations(
    repo: GitHubRepo,
    checkRunId: number,
    limit?: number,
  ): Promise<CheckAnnotationInfo[]>;
  /** The combined status of a commit with the latest status per context, all pages. */
  getCombinedStatus(repo: GitHubRepo, sha: string): Promise<CombinedStatusInfo>;
}
