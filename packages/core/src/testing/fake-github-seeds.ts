import type { IssueCommentInfo, ReviewCommentInfo, ReviewInfo } from '../ports/github.port.js';
import {
  associationOf,
  copyPull,
  fakeSha,
  splitHead,
  type FakeGitHubRepo,
  type FakeIssueCommentSeed,
  type FakePullRequest,
  type FakePullRequestSeed,
  type FakeReviewCommentSeed,
  type FakeReviewSeed,
} from './fake-github-state.js';
import type { FakeGitHubWorld } from './fake-github-world.js';

type Stored<T> = T & { pull: number };

/**
 * What tests do "on GitHub" behind the port's back: seed pull requests, close and merge them, add
 * and edit review feedback, resolve threads, inspect state. Unknown repositories, numbers or ids
 * are test bugs (plain Error).
 */
export class FakeGitHubSeeds {
  readonly #world: FakeGitHubWorld;

  constructor(world: FakeGitHubWorld) {
    this.#world = world;
  }

  repo(owner: string, repo: string): FakeGitHubRepo {
    const r = this.#world.repoNamed(owner, repo);
    if (!r) throw new Error(`FakeGitHub: unknown repository ${owner}/${repo}`);
    return r;
  }

  pull(owner: string, repo: string, num: number): { repo: FakeGitHubRepo; pr: FakePullRequest } {
    const r = this.repo(owner, repo);
    const pr = r.pulls[num - 1];
    if (!pr) throw new Error(`FakeGitHub: unknown pull request ${owner}/${repo}#${num}`);
    return { repo: r, pr };
  }

  seedPull(seed: FakePullRequestSeed): FakePullRequest {
    const repo = this.repo(seed.owner, seed.repo);
    const [headOwner, headRef] = splitHead(seed.head, repo.owner);
    const pr = this.#world.createPull(repo, {
      title: seed.title ?? `Change ${headRef}`,
      body: seed.body ?? '',
      draft: seed.draft ?? false,
      headOwner,
      headRef,
      headSha: seed.headSha ?? fakeSha(headOwner, repo.repo, headRef),
      baseRef: seed.base ?? repo.defaultBranch,
      user: seed.user ?? repo.owner,
    });
    return copyPull(pr);
  }

  close(owner: string, repo: string, num: number, merged: boolean): void {
    const { pr } = this.pull(owner, repo, num);
    if (pr.state === 'closed' && (pr.merged || !merged)) return;
    pr.state = 'closed';
    pr.merged = merged;
    pr.updatedAt = this.#world.timestamp();
  }

  /** A push to the PR's head branch. */
  setHead(owner: string, repo: string, num: number, sha: string): void {
    const { pr } = this.pull(owner, repo, num);
    pr.headSha = sha;
    pr.updatedAt = this.#world.timestamp();
  }

  addComment(owner: string, repo: string, num: number, seed: FakeReviewCommentSeed): ReviewCommentInfo {
    const { repo: r, pr } = this.pull(owner, repo, num);
    const root = seed.inReplyTo === undefined ? undefined : this.#root(r, seed.inReplyTo);
    if (root && root.pull !== pr.number) throw new Error(`FakeGitHub: comment ${root.id} is on another PR`);
    const id = this.#world.nextId();
    const at = this.#world.timestamp();
    const line = root ? root.line : seed.line === undefined ? 1 : seed.line;
    const comment: ReviewCommentInfo = {
      id,
      body: seed.body,
      ...this.#authored(r, seed),
      inReplyToId: root?.id ?? null,
      reviewId: seed.reviewId ?? null,
      path: root?.path ?? seed.path ?? 'README.md',
      line,
      originalLine: root?.originalLine ?? seed.originalLine ?? line ?? 1,
      diffHunk: root?.diffHunk ?? seed.diffHunk ?? '@@ -1 +1 @@',
      commitId: pr.headSha,
      originalCommitId: root?.originalCommitId ?? pr.headSha,
      url: `${this.#world.web}/${r.owner}/${r.repo}/pull/${pr.number}#discussion_r${id}`,
      createdAt: at,
      updatedAt: at,
    };
    r.comments.push({ ...comment, pull: pr.number });
    return { ...comment };
  }

  /** The root of the thread a comment is in (GitHub attaches replies to replies to the root). */
  #root(r: FakeGitHubRepo, commentId: number): Stored<ReviewCommentInfo> {
    const c = r.comments.find((x) => x.id === commentId);
    if (!c) throw new Error(`FakeGitHub: unknown review comment ${commentId}`);
    return c.inReplyToId === null ? c : this.#root(r, c.inReplyToId);
  }

  /** Root comment id of the thread `commentId` is in, or undefined if there is no such comment on the PR. */
  threadRootOf(r: FakeGitHubRepo, pull: number, commentId: number): number | undefined {
    const c = r.comments.find((x) => x.id === commentId && x.pull === pull);
    return c ? this.#root(r, c.id).id : undefined;
  }

  editComment(owner: string, repo: string, commentId: number, body: string): void {
    this.#edit(this.repo(owner, repo).comments, commentId, body, 'review comment');
  }

  /** Resolve (or unresolve) the thread a review comment is in. */
  resolveThread(owner: string, repo: string, commentId: number, resolved: boolean): void {
    const r = this.repo(owner, repo);
    const root = this.#root(r, commentId).id;
    const t = r.threads.get(root) ?? { resolved: false, outdated: false };
    r.threads.set(root, { ...t, resolved });
  }

  /** Make the thread a review comment is in outdated: its comments lose their `line`, as on GitHub. */
  outdateThread(owner: string, repo: string, commentId: number): void {
    const r = this.repo(owner, repo);
    const root = this.#root(r, commentId).id;
    r.threads.set(root, { resolved: r.threads.get(root)?.resolved ?? false, outdated: true });
    for (const c of r.comments) if (c.id === root || c.inReplyToId === root) c.line = null;
  }

  addReview(owner: string, repo: string, num: number, seed: FakeReviewSeed): ReviewInfo {
    const { repo: r, pr } = this.pull(owner, repo, num);
    const id = this.#world.nextId();
    const review: ReviewInfo = {
      id,
      body: seed.body,
      ...this.#authored(r, seed),
      state: seed.state ?? 'COMMENTED',
      url: `${this.#world.web}/${r.owner}/${r.repo}/pull/${pr.number}#pullrequestreview-${id}`,
      commitId: pr.headSha,
      submittedAt: this.#world.timestamp(),
    };
    r.reviews.push({ ...review, pull: pr.number });
    return { ...review };
  }

  editReview(owner: string, repo: string, reviewId: number, body: string): void {
    const review = this.repo(owner, repo).reviews.find((x) => x.id === reviewId);
    if (!review) throw new Error(`FakeGitHub: unknown review ${reviewId}`);
    review.body = body;
  }

  addIssueComment(owner: string, repo: string, num: number, seed: FakeIssueCommentSeed): IssueCommentInfo {
    const { repo: r, pr } = this.pull(owner, repo, num);
    const id = this.#world.nextId();
    const at = this.#world.timestamp();
    const comment: IssueCommentInfo = {
      id,
      body: seed.body,
      ...this.#authored(r, seed),
      url: `${this.#world.web}/${r.owner}/${r.repo}/pull/${pr.number}#issuecomment-${id}`,
      createdAt: at,
      updatedAt: at,
    };
    r.issueComments.push({ ...comment, pull: pr.number });
    return { ...comment };
  }

  editIssueComment(owner: string, repo: string, commentId: number, body: string): void {
    this.#edit(this.repo(owner, repo).issueComments, commentId, body, 'issue comment');
  }

  /** Copies of the pull requests, optionally of one repository. */
  listPulls(owner?: string, repo?: string): FakePullRequest[] {
    const repos = owner !== undefined && repo !== undefined ? [this.repo(owner, repo)] : this.#world.repos();
    return repos.flatMap((r) => r.pulls.map(copyPull));
  }

  #authored(r: FakeGitHubRepo, seed: FakeIssueCommentSeed) {
    return {
      author: seed.user,
      authorType: seed.userType ?? 'User',
      authorAssociation: seed.authorAssociation ?? associationOf(r, seed.user),
    };
  }

  #edit(list: { id: number; body: string; updatedAt: string }[], id: number, body: string, what: string) {
    const item = list.find((x) => x.id === id);
    if (!item) throw new Error(`FakeGitHub: unknown ${what} ${id}`);
    item.body = body;
    item.updatedAt = this.#world.timestamp();
  }
}
