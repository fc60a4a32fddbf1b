import type { ReviewCommentInfo, ReviewInfo } from '../ports/github.port.js';
import {
  associationOf,
  copyPull,
  fakeSha,
  splitHead,
  type FakeGitHubRepo,
  type FakePullRequest,
  type FakePullRequestSeed,
  type FakeReviewCommentSeed,
  type FakeReviewSeed,
} from './fake-github-state.js';
import type { FakeGitHubWorld } from './fake-github-world.js';

/**
 * What tests do "on GitHub" behind the port's back: seed pull requests, close and merge them, add
 * and edit review feedback, inspect state. Unknown repositories or numbers are test bugs (plain Error).
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

  addComment(owner: string, repo: string, num: number, seed: FakeReviewCommentSeed): ReviewCommentInfo {
    const { repo: r, pr } = this.pull(owner, repo, num);
    const id = this.#world.nextId();
    const at = this.#world.timestamp();
    const comment: ReviewCommentInfo = {
      id,
      body: seed.body,
      author: seed.user,
      authorType: seed.userType ?? 'User',
      authorAssociation: seed.authorAssociation ?? associationOf(r, seed.user),
      path: seed.path ?? 'README.md',
      line: seed.line === undefined ? 1 : seed.line,
      url: `${this.#world.web}/${r.owner}/${r.repo}/pull/${pr.number}#discussion_r${id}`,
      createdAt: at,
      updatedAt: at,
    };
    r.comments.push({ ...comment, pull: pr.number });
    return comment;
  }

  editComment(owner: string, repo: string, commentId: number, body: string): void {
    const comment = this.repo(owner, repo).comments.find((c) => c.id === commentId);
    if (!comment) throw new Error(`FakeGitHub: unknown review comment ${commentId}`);
    comment.body = body;
    comment.updatedAt = this.#world.timestamp();
  }

  addReview(owner: string, repo: string, num: number, seed: FakeReviewSeed): ReviewInfo {
    const { repo: r, pr } = this.pull(owner, repo, num);
    const id = this.#world.nextId();
    const review: ReviewInfo = {
      id,
      body: seed.body,
      author: seed.user,
      authorType: seed.userType ?? 'User',
      authorAssociation: seed.authorAssociation ?? associationOf(r, seed.user),
      state: seed.state ?? 'COMMENTED',
      url: `${this.#world.web}/${r.owner}/${r.repo}/pull/${pr.number}#pullrequestreview-${id}`,
      submittedAt: this.#world.timestamp(),
    };
    r.reviews.push({ ...review, pull: pr.number });
    return review;
  }

  /** Copies of the pull requests, optionally of one repository. */
  listPulls(owner?: string, repo?: string): FakePullRequest[] {
    const repos = owner !== undefined && repo !== undefined ? [this.repo(owner, repo)] : this.#world.repos();
    return repos.flatMap((r) => r.pulls.map(copyPull));
  }
}
