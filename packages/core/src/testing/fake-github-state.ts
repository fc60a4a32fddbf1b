import { sha256Hex } from '../domain/digest.js';
import type {
  CheckAnnotationInfo,
  CheckRunInfo,
  CommitStatusInfo,
  IssueCommentInfo,
  PullRequestInfo,
  ReviewCommentInfo,
  ReviewInfo,
} from '../ports/github.port.js';

/** A login's permissions on a fake repository. */
export interface FakeGitHubPermissions {
  admin: boolean;
  push: boolean;
  pull: boolean;
}

/** A fake repository. */
export interface FakeGitHubRepo {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** Keyed by lowercase login; a login without an entry cannot see the repository. */
  permissions: Map<string, FakeGitHubPermissions>;
  pulls: FakePullRequest[];
  comments: (ReviewCommentInfo & { pull: number })[];
  reviews: (ReviewInfo & { pull: number })[];
  issueComments: (IssueCommentInfo & { pull: number })[];
  /** Review thread state, keyed by the thread's root comment id (absent: unresolved, current). */
  threads: Map<number, { resolved: boolean; outdated: boolean }>;
  checkRuns: (CheckRunInfo & { annotations: CheckAnnotationInfo[] })[];
  statuses: (CommitStatusInfo & { sha: string })[];
}

/** A fake pull request with everything tests may inspect. */
export interface FakePullRequest {
  owner: string;
  repo: string;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  headOwner: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  user: string;
  labels: string[];
  requestedReviewers: string[];
  createdAt: string;
  updatedAt: string;
}

/** Seed for {@link FakeGitHub.seedPullRequest} (same shape as the GitHub stand-in's). */
export interface FakePullRequestSeed {
  owner: string;
  repo: string;
  /** `branch` or `owner:branch`. */
  head: string;
  base?: string;
  title?: string;
  body?: string;
  draft?: boolean;
  /** Author login; default the repository owner. */
  user?: string;
  headSha?: string;
}

/** Seed for {@link FakeGitHub.addIssueComment} (a comment in the PR's conversation). */
export interface FakeIssueCommentSeed {
  user: string;
  body: string;
  /** `User` (default) or `Bot`. */
  userType?: string;
  /** Default: `OWNER` for the owner, `COLLABORATOR` for a login with permissions, else `NONE`. */
  authorAssociation?: string;
}

/** Seed for {@link FakeGitHub.addReviewComment}. */
export interface FakeReviewCommentSeed extends FakeIssueCommentSeed {
  /** Reply in the thread of this comment (path, line and hunk then come from the thread's root). */
  inReplyTo?: number;
  /** Default `README.md`. */
  path?: string;
  /** Default 1; null for a comment that is already outdated. */
  line?: number | null;
  /** Default: `line` (or 1). */
  originalLine?: number;
  /** Default `@@ -1 +1 @@`. */
  diffHunk?: string;
  reviewId?: number;
}

/** Seed for {@link FakeGitHub.addReview}. */
export interface FakeReviewSeed extends FakeIssueCommentSeed {
  /** Default `COMMENTED`. */
  state?: string;
}

/** Seed for one annotation of {@link FakeCheckRunSeed}. */
export interface FakeAnnotationSeed {
  path: string;
  startLine: number;
  /** Default `startLine`. */
  endLine?: number;
  /** Default `failure`. */
  level?: 'notice' | 'warning' | 'failure';
  title?: string;
  message: string;
}

/** Seed for {@link FakeGitHub.addCheckRun}. */
export interface FakeCheckRunSeed {
  headSha: string;
  name: string;
  /** Default `completed`. */
  status?: 'queued' | 'in_progress' | 'completed';
  /** Default `success` when completed, else none. */
  conclusion?:
    'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  title?: string;
  summary?: string;
  /** Default: the check run's page. */
  detailsUrl?: string;
  annotations?: FakeAnnotationSeed[];
}

/** Seed for {@link FakeGitHub.addCommitStatus}. */
export interface FakeCommitStatusSeed {
  sha: string;
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description?: string;
  targetUrl?: string;
}

/** A stable made-up 40-hex sha for a branch nobody resolved. */
export function fakeSha(...parts: string[]): string {
  return sha256Hex(parts.join('\0')).slice(0, 40);
}

/** `owner:branch` → [owner, branch]; a bare branch belongs to `defaultOwner`. */
export function splitHead(head: string, defaultOwner: string): [string, string] {
  const i = head.indexOf(':');
  return i < 0 ? [defaultOwner, head] : [head.slice(0, i), head.slice(i + 1)];
}

/** Case-insensitive equality, as GitHub compares logins and owners. */
export const sameLogin = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** GitHub's `author_association` for a login on a repository. */
export function associationOf(repo: FakeGitHubRepo, login: string): string {
  if (sameLogin(login, repo.owner)) return 'OWNER';
  return repo.permissions.has(login.toLowerCase()) ? 'COLLABORATOR' : 'NONE';
}

/** The port's view of a fake pull request. */
export function toInfo(pr: FakePullRequest, web: string): PullRequestInfo {
  return {
    number: pr.number,
    url: `${web}/${pr.owner}/${pr.repo}/pull/${pr.number}`,
    state: pr.merged ? 'merged' : pr.state === 'closed' ? 'closed' : pr.draft ? 'draft' : 'open',
    title: pr.title,
    body: pr.body,
    author: pr.user,
    headRef: pr.headRef,
    headSha: pr.headSha,
    headRepoOwner: pr.headOwner,
    baseRef: pr.baseRef,
    updatedAt: pr.updatedAt,
  };
}

/** A deep-enough copy for handing out. */
export function copyPull(pr: FakePullRequest): FakePullRequest {
  return { ...pr, labels: [...pr.labels], requestedReviewers: [...pr.requestedReviewers] };
}

/** Deterministic timestamps: `startMs`, then one second later on every call. */
export class FakeTimestamps {
  #next: number;
  constructor(startMs: number) {
    this.#next = startMs;
  }
  next(): string {
    const at = new Date(this.#next).toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.#next += 1000;
    return at;
  }
}
