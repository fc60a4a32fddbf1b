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
} from '../ports/github.port.js';
import { checkAnnotations, combinedStatus, latestCheckRuns, reviewThreads } from './fake-github-checks.js';
import { FakeGitHubControl } from './fake-github-control.js';
import { checkNewPull, checkReviewers } from './fake-github-rules.js';
import { sameLogin, toInfo } from './fake-github-state.js';
import { githubError } from './fake-github-world.js';

export type * from './fake-github-state.js';
export type { FakeGitHubCall } from './fake-github-control.js';
export type { FakeGitHubOptions, FakeGitHubRepoOptions } from './fake-github-world.js';

const strip = <T extends { pull: number }>({ pull: _pull, ...rest }: T): Omit<T, 'pull'> => ({ ...rest });

/**
 * In-memory GitHubPort with the adapter's semantics over the GitHub stand-in: tokens → users,
 * per-login repository permissions, PR numbers per repository, 'already exists' for a second open
 * PR with the same head and base, labels, reviewers (collaborators only), review comments with
 * threads and replies, reviews, conversation comments, review thread state (GraphQL), check runs
 * with annotations and commit statuses. Deterministic; `failNext` injects errors; `calls` logs
 * every call. The same contract suite runs against it and the Octokit adapter.
 */
export class FakeGitHub extends FakeGitHubControl implements GitHubPort {
  async currentUser(conn: GitHubConnection): Promise<GitHubUser> {
    this.enter('currentUser', conn, null, []);
    const user = this.world.user(conn, 'currentUser');
    return Promise.resolve({ login: user.login, scopes: user.scopes === null ? null : [...user.scopes] });
  }

  async getRepository(gh: GitHubRepo): Promise<RepositoryInfo> {
    this.enter('getRepository', gh, gh, []);
    const { repo, perm } = this.world.access(gh, 'pull', 'getRepository');
    return Promise.resolve({
      fullName: `${repo.owner}/${repo.repo}`,
      defaultBranch: repo.defaultBranch,
      permissions: { ...perm },
    });
  }

  async findPullRequestsByHead(gh: GitHubRepo, branch: string): Promise<PullRequestInfo[]> {
    this.enter('findPullRequestsByHead', gh, gh, [branch]);
    const { repo } = this.world.access(gh, 'pull', 'findPullRequestsByHead');
    const found = repo.pulls.filter((p) => sameLogin(p.headOwner, gh.owner) && p.headRef === branch);
    return Promise.resolve(found.sort((a, b) => b.number - a.number).map((p) => toInfo(p, this.world.web)));
  }

  async createPullRequest(gh: GitHubRepo, req: NewPullRequest): Promise<PullRequestInfo> {
    this.enter('createPullRequest', gh, gh, [{ ...req }]);
    const { repo, login } = this.world.access(gh, 'push', 'createPullRequest');
    const checked = checkNewPull(this.world, repo, req);
    const pr = this.world.createPull(repo, {
      title: req.title,
      body: req.body,
      draft: req.draft,
      user: login,
      ...checked,
    });
    return Promise.resolve(toInfo(pr, this.world.web));
  }

  async getPullRequest(gh: GitHubRepo, num: number): Promise<PullRequestInfo> {
    this.enter('getPullRequest', gh, gh, [num]);
    const { repo } = this.world.access(gh, 'pull', 'getPullRequest');
    return Promise.resolve(toInfo(this.world.pull(repo, num, 'getPullRequest'), this.world.web));
  }

  async updatePullRequest(
    gh: GitHubRepo,
    num: number,
    req: { title?: string; body?: string },
  ): Promise<PullRequestInfo> {
    this.enter('updatePullRequest', gh, gh, [num, { ...req }]);
    const op = 'updatePullRequest';
    const { repo, login, perm } = this.world.access(gh, 'pull', op);
    const pr = this.world.pull(repo, num, op);
    if (req.title === undefined && req.body === undefined) return Promise.resolve(toInfo(pr, this.world.web));
    if (!perm.push && !sameLogin(pr.user, login))
      throw githubError('PERMISSION_DENIED', `no push permission on ${gh.owner}/${gh.repo}`, op, {
        status: 403,
      });
    if (req.title !== undefined) pr.title = req.title;
    if (req.body !== undefined) pr.body = req.body;
    pr.updatedAt = this.world.timestamp();
    return Promise.resolve(toInfo(pr, this.world.web));
  }

  async addLabels(gh: GitHubRepo, num: number, labels: string[]): Promise<void> {
    this.enter('addLabels', gh, gh, [num, [...labels]]);
    if (labels.length === 0) return Promise.resolve();
    const { repo } = this.world.access(gh, 'push', 'addLabels');
    const pr = this.world.pull(repo, num, 'addLabels');
    for (const l of labels) if (!pr.labels.includes(l)) pr.labels.push(l);
    return Promise.resolve();
  }

  async requestReviewers(gh: GitHubRepo, num: number, reviewers: string[]): Promise<void> {
    this.enter('requestReviewers', gh, gh, [num, [...reviewers]]);
    if (reviewers.length === 0) return Promise.resolve();
    const op = 'requestReviewers';
    const { repo } = this.world.access(gh, 'push', op);
    const pr = this.world.pull(repo, num, op);
    checkReviewers(repo, pr, reviewers);
    for (const r of reviewers) if (!pr.requestedReviewers.includes(r)) pr.requestedReviewers.push(r);
    return Promise.resolve();
  }

  async listReviewComments(gh: GitHubRepo, num: number): Promise<ReviewCommentInfo[]> {
    const { repo, pr } = this.#pull('listReviewComments', gh, num);
    return Promise.resolve(repo.comments.filter((c) => c.pull === pr.number).map(strip));
  }

  async replyToReviewComment(
    gh: GitHubRepo,
    num: number,
    commentId: number,
    body: string,
  ): Promise<ReviewCommentInfo> {
    const op = 'replyToReviewComment';
    const { repo, pr, login } = this.#pull(op, gh, num, [commentId, body]);
    const root = this.seeds.threadRootOf(repo, pr.number, commentId);
    if (root === undefined)
      throw githubError('GITHUB_NOT_FOUND', `review comment ${commentId} not found`, op, { status: 404 });
    if (body.trim() === '')
      throw githubError('GITHUB_VALIDATION', 'a reply needs a body', op, { status: 422 });
    const reply = { user: login, body, inReplyTo: root };
    return Promise.resolve(this.seeds.addComment(repo.owner, repo.repo, num, reply));
  }

  async listReviews(gh: GitHubRepo, num: number): Promise<ReviewInfo[]> {
    const { repo, pr } = this.#pull('listReviews', gh, num);
    return Promise.resolve(repo.reviews.filter((r) => r.pull === pr.number).map(strip));
  }

  async listIssueComments(gh: GitHubRepo, num: number): Promise<IssueCommentInfo[]> {
    const { repo, pr } = this.#pull('listIssueComments', gh, num);
    return Promise.resolve(repo.issueComments.filter((c) => c.pull === pr.number).map(strip));
  }

  async listReviewThreads(gh: GitHubRepo, num: number): Promise<ReviewThreadInfo[]> {
    const { repo, pr } = this.#pull('listReviewThreads', gh, num);
    return Promise.resolve(reviewThreads(repo, pr));
  }

  async listCheckRuns(gh: GitHubRepo, sha: string): Promise<CheckRunInfo[]> {
    this.enter('listCheckRuns', gh, gh, [sha]);
    const { repo } = this.world.access(gh, 'pull', 'listCheckRuns');
    return Promise.resolve(latestCheckRuns(repo, sha));
  }

  async listCheckRunAnnotations(
    gh: GitHubRepo,
    checkRunId: number,
    limit?: number,
  ): Promise<CheckAnnotationInfo[]> {
    const op = 'listCheckRunAnnotations';
    this.enter(op, gh, gh, limit === undefined ? [checkRunId] : [checkRunId, limit]);
    const { repo } = this.world.access(gh, 'pull', op);
    const found = checkAnnotations(repo, checkRunId, limit);
    if (!found)
      throw githubError('GITHUB_NOT_FOUND', `check run ${checkRunId} not found`, op, { status: 404 });
    return Promise.resolve(found);
  }

  async getCombinedStatus(gh: GitHubRepo, sha: string): Promise<CombinedStatusInfo> {
    this.enter('getCombinedStatus', gh, gh, [sha]);
    const { repo } = this.world.access(gh, 'pull', 'getCombinedStatus');
    return Promise.resolve(combinedStatus(repo, sha));
  }

  /** Log, check read access and find the pull request. */
  #pull(method: keyof GitHubPort, gh: GitHubRepo, num: number, extra: unknown[] = []) {
    this.enter(method, gh, gh, [num, ...extra]);
    const { repo, login } = this.world.access(gh, 'pull', method);
    return { repo, login, pr: this.world.pull(repo, num, method) };
  }
}
