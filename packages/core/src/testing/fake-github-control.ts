import { MetawsmError } from '../errors/metawsm-error.js';
import type {
  CheckRunInfo,
  CommitStatusInfo,
  GitHubConnection,
  GitHubPort,
  GitHubRepo,
  IssueCommentInfo,
  ReviewCommentInfo,
  ReviewInfo,
} from '../ports/github.port.js';
import { addCheckRun, addCommitStatus } from './fake-github-checks.js';
import { FakeGitHubSeeds } from './fake-github-seeds.js';
import type {
  FakeCheckRunSeed,
  FakeCommitStatusSeed,
  FakeIssueCommentSeed,
  FakePullRequest,
  FakePullRequestSeed,
  FakeReviewCommentSeed,
  FakeReviewSeed,
} from './fake-github-state.js';
import { FakeGitHubWorld, type FakeGitHubOptions, type FakeGitHubRepoOptions } from './fake-github-world.js';

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
 * The side of {@link FakeGitHub} that tests drive "on GitHub", behind the port's back: tokens,
 * repositories, pull requests, review feedback, thread state, CI results, injected faults and
 * the call log.
 */
export abstract class FakeGitHubControl {
  /** Every port call, in order. */
  readonly calls: FakeGitHubCall[] = [];
  protected readonly world: FakeGitHubWorld;
  protected readonly seeds: FakeGitHubSeeds;
  protected graphqlAvailable = true;
  readonly #faults: { method: keyof GitHubPort; error: Error; remaining: number }[] = [];

  constructor(options: FakeGitHubOptions = {}) {
    this.world = new FakeGitHubWorld(options);
    this.seeds = new FakeGitHubSeeds(this.world);
  }

  /** Register a token and the user it authenticates as. */
  addToken(token: string, info: { login: string; scopes?: string[] | null }): void {
    this.world.addToken(token, info);
  }
  /** Create a repository; only logins listed in `permissions` can see it. */
  addRepo(owner: string, repo: string, options?: FakeGitHubRepoOptions): void {
    this.world.addRepo(owner, repo, options);
  }
  /** Make the next `count` calls of `method` throw `error`. */
  failNext(method: keyof GitHubPort, error: Error, count = 1): void {
    this.#faults.push({ method, error, remaining: count });
  }
  /** false: every `listReviewThreads` fails GITHUB_GRAPHQL_UNAVAILABLE (GraphQL down or absent). */
  setGraphQLAvailable(available: boolean): void {
    this.graphqlAvailable = available;
  }
  /** Create a pull request directly (no permission or branch checks). */
  seedPullRequest(seed: FakePullRequestSeed): FakePullRequest {
    return this.seeds.seedPull(seed);
  }
  closePullRequest(owner: string, repo: string, num: number): void {
    this.seeds.close(owner, repo, num, false);
  }
  mergePullRequest(owner: string, repo: string, num: number): void {
    this.seeds.close(owner, repo, num, true);
  }
  /** Move the PR's head to `sha`, as a push to its branch does. */
  setPullRequestHead(owner: string, repo: string, num: number, sha: string): void {
    this.seeds.setHead(owner, repo, num, sha);
  }
  /** Add an inline review comment, or with `inReplyTo` a reply in that comment's thread; returns it. */
  addReviewComment(owner: string, repo: string, num: number, seed: FakeReviewCommentSeed): ReviewCommentInfo {
    return this.seeds.addComment(owner, repo, num, seed);
  }
  /** Change a review comment's body (bumps `updatedAt`). */
  editReviewComment(owner: string, repo: string, commentId: number, body: string): void {
    this.seeds.editComment(owner, repo, commentId, body);
  }
  /** Resolve (default) or unresolve the thread a review comment is in. */
  resolveThread(owner: string, repo: string, commentId: number, resolved = true): void {
    this.seeds.resolveThread(owner, repo, commentId, resolved);
  }
  /** Mark the thread a review comment is in as outdated (its comments' `line` becomes null). */
  outdateThread(owner: string, repo: string, commentId: number): void {
    this.seeds.outdateThread(owner, repo, commentId);
  }
  /** Add a top-level review; returns it. */
  addReview(owner: string, repo: string, num: number, seed: FakeReviewSeed): ReviewInfo {
    return this.seeds.addReview(owner, repo, num, seed);
  }
  /** Change a review's body. */
  editReview(owner: string, repo: string, reviewId: number, body: string): void {
    this.seeds.editReview(owner, repo, reviewId, body);
  }
  /** Add a conversation comment to a pull request; returns it. */
  addIssueComment(owner: string, repo: string, num: number, seed: FakeIssueCommentSeed): IssueCommentInfo {
    return this.seeds.addIssueComment(owner, repo, num, seed);
  }
  /** Change a conversation comment's body (bumps `updatedAt`). */
  editIssueComment(owner: string, repo: string, commentId: number, body: string): void {
    this.seeds.editIssueComment(owner, repo, commentId, body);
  }
  /** Add a check run (with annotations) on a commit; a later one with the same name supersedes it. */
  addCheckRun(owner: string, repo: string, seed: FakeCheckRunSeed): CheckRunInfo {
    return addCheckRun(this.world, this.seeds.repo(owner, repo), seed);
  }
  /** Add a commit status; a later one with the same context supersedes it. */
  addCommitStatus(owner: string, repo: string, seed: FakeCommitStatusSeed): CommitStatusInfo {
    return addCommitStatus(this.world, this.seeds.repo(owner, repo), seed);
  }
  /** Copies of the pull requests (with labels and requested reviewers), optionally of one repository. */
  listPullRequests(owner?: string, repo?: string): FakePullRequest[] {
    return this.seeds.listPulls(owner, repo);
  }

  /** Log the call, then throw an injected fault if one is due. */
  protected enter(
    method: keyof GitHubPort,
    conn: GitHubConnection,
    gh: GitHubRepo | null,
    args: unknown[],
  ): void {
    this.calls.push({ method, apiUrl: conn.apiUrl, repo: gh ? `${gh.owner}/${gh.repo}` : null, args });
    const fault = this.#faults.find((f) => f.method === method && f.remaining > 0);
    if (fault) {
      fault.remaining--;
      throw fault.error;
    }
    if (method === 'listReviewThreads' && !this.graphqlAvailable)
      throw new MetawsmError('GITHUB_GRAPHQL_UNAVAILABLE', 'GitHub GraphQL API did not answer (404)', {
        data: { operation: method, status: 404 },
      });
  }
}
