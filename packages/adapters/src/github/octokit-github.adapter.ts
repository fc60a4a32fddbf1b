import type {
  CheckAnnotationInfo,
  CheckRunInfo,
  CombinedStatusInfo,
  GitHubConnection,
  GitHubPort,
  GitHubRepo,
  GitHubUser,
  IssueCommentInfo,
  NewPullRequest,
  PullRequestInfo,
  RepositoryInfo,
  ReviewCommentInfo,
  ReviewInfo,
  ReviewThreadInfo,
} from '@metawsm/core';
import { parseScopes, toPullRequestInfo, toRepositoryInfo } from './mappers.js';
import { toReviewCommentInfo } from './mappers-feedback.js';
import { OctokitCalls } from './octokit-calls.js';
import type { OctokitGitHubAdapterOptions } from './octokit-client.js';
import { OctokitFeedback } from './octokit-feedback.js';
import { parseGitHub, PullSchema, RepoSchema, UserSchema } from './schemas.js';
import { ReviewCommentSchema } from './schemas-feedback.js';

/**
 * GitHubPort over GitHub's REST API (@octokit/rest) and GraphQL API (review threads). Retries 5xx
 * and network errors within a per-call budget, rate limits honouring `retry-after` /
 * `x-ratelimit-reset` (plugin-throttling), sends conditional requests for polled GETs when given a
 * cache, validates the response fields it uses (valibot) and maps failures to MetawsmError codes
 * without ever carrying the token.
 */
export class OctokitGitHubAdapter implements GitHubPort {
  readonly #calls: OctokitCalls;
  readonly #feedback: OctokitFeedback;

  constructor(options: OctokitGitHubAdapterOptions = {}) {
    this.#calls = new OctokitCalls(options);
    this.#feedback = new OctokitFeedback(this.#calls, options.graphqlPageSize ?? 100);
  }

  async currentUser(conn: GitHubConnection): Promise<GitHubUser> {
    return this.#calls.call(conn, { operation: 'currentUser' }, async (gh) => {
      const res = await gh.request('GET /user');
      const user = parseGitHub(UserSchema, res.data, 'user');
      return { login: user.login, scopes: parseScopes(res.headers['x-oauth-scopes']) };
    });
  }

  async getRepository(repo: GitHubRepo): Promise<RepositoryInfo> {
    return this.#calls.call(repo, { operation: 'getRepository' }, async (gh) => {
      const res = await gh.request('GET /repos/{owner}/{repo}', { owner: repo.owner, repo: repo.repo });
      return toRepositoryInfo(parseGitHub(RepoSchema, res.data, 'repository'));
    });
  }

  async findPullRequestsByHead(repo: GitHubRepo, branch: string): Promise<PullRequestInfo[]> {
    return this.#calls.call(repo, { operation: 'findPullRequestsByHead' }, async (gh) => {
      // `head` needs the owner prefix: without it GitHub ignores the filter.
      const params = { owner: repo.owner, repo: repo.repo, head: `${repo.owner}:${branch}`, state: 'all' };
      const route = 'GET /repos/{owner}/{repo}/pulls';
      const pulls = await this.#calls.list(gh, route, params, PullSchema, 'pull request list');
      return pulls.map(toPullRequestInfo);
    });
  }

  async createPullRequest(repo: GitHubRepo, req: NewPullRequest): Promise<PullRequestInfo> {
    const ctx = { operation: 'createPullRequest', pullRequest: { head: req.head, base: req.base } };
    return this.#calls.call(repo, ctx, async (gh) => {
      const res = await gh.request('POST /repos/{owner}/{repo}/pulls', {
        owner: repo.owner,
        repo: repo.repo,
        ...req,
      });
      return toPullRequestInfo(parseGitHub(PullSchema, res.data, 'pull request'));
    });
  }

  async getPullRequest(repo: GitHubRepo, num: number): Promise<PullRequestInfo> {
    return this.#calls.call(repo, { operation: 'getPullRequest' }, async (gh) => {
      const res = await gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
        owner: repo.owner,
        repo: repo.repo,
        pull_number: num,
      });
      return toPullRequestInfo(parseGitHub(PullSchema, res.data, 'pull request'));
    });
  }

  async updatePullRequest(
    repo: GitHubRepo,
    num: number,
    req: { title?: string; body?: string },
  ): Promise<PullRequestInfo> {
    if (req.title === undefined && req.body === undefined) return this.getPullRequest(repo, num);
    return this.#calls.call(repo, { operation: 'updatePullRequest' }, async (gh) => {
      const fields: { title?: string; body?: string } = {};
      if (req.title !== undefined) fields.title = req.title;
      if (req.body !== undefined) fields.body = req.body;
      const route = 'PATCH /repos/{owner}/{repo}/pulls/{pull_number}';
      const res = await gh.request(route, {
        owner: repo.owner,
        repo: repo.repo,
        pull_number: num,
        ...fields,
      });
      return toPullRequestInfo(parseGitHub(PullSchema, res.data, 'pull request'));
    });
  }

  async addLabels(repo: GitHubRepo, num: number, labels: string[]): Promise<void> {
    if (labels.length === 0) return;
    await this.#calls.call(repo, { operation: 'addLabels' }, async (gh) => {
      const route = 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels';
      await gh.request(route, { owner: repo.owner, repo: repo.repo, issue_number: num, labels });
    });
  }

  async requestReviewers(repo: GitHubRepo, num: number, reviewers: string[]): Promise<void> {
    if (reviewers.length === 0) return;
    await this.#calls.call(repo, { operation: 'requestReviewers' }, async (gh) => {
      const route = 'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers';
      await gh.request(route, { owner: repo.owner, repo: repo.repo, pull_number: num, reviewers });
    });
  }

  async listReviewComments(repo: GitHubRepo, num: number): Promise<ReviewCommentInfo[]> {
    return this.#feedback.reviewComments(repo, num);
  }

  async replyToReviewComment(
    repo: GitHubRepo,
    num: number,
    commentId: number,
    body: string,
  ): Promise<ReviewCommentInfo> {
    return this.#calls.call(repo, { operation: 'replyToReviewComment' }, async (gh) => {
      const route = 'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies';
      const params = { owner: repo.owner, repo: repo.repo, pull_number: num, comment_id: commentId, body };
      const res = await gh.request(route, params);
      return toReviewCommentInfo(parseGitHub(ReviewCommentSchema, res.data, 'review comment'));
    });
  }

  async listReviews(repo: GitHubRepo, num: number): Promise<ReviewInfo[]> {
    return this.#feedback.reviews(repo, num);
  }

  async listIssueComments(repo: GitHubRepo, num: number): Promise<IssueCommentInfo[]> {
    return this.#feedback.issueComments(repo, num);
  }

  async listReviewThreads(repo: GitHubRepo, num: number): Promise<ReviewThreadInfo[]> {
    return this.#feedback.reviewThreads(repo, num);
  }

  async listCheckRuns(repo: GitHubRepo, sha: string): Promise<CheckRunInfo[]> {
    return this.#feedback.checkRuns(repo, sha);
  }

  async listCheckRunAnnotations(
    repo: GitHubRepo,
    checkRunId: number,
    limit?: number,
  ): Promise<CheckAnnotationInfo[]> {
    return this.#feedback.annotations(repo, checkRunId, limit);
  }

  async getCombinedStatus(repo: GitHubRepo, sha: string): Promise<CombinedStatusInfo> {
    return this.#feedback.combinedStatus(repo, sha);
  }
}
