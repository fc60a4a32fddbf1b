import type {
  PullRequestInfo,
  PullRequestState,
  RepositoryInfo,
  ReviewCommentInfo,
  ReviewInfo,
} from '@metawsm/core';
import type * as v from 'valibot';
import type { PullSchema, RepoSchema, ReviewCommentSchema, ReviewSchema } from './schemas.js';

type Pull = v.InferOutput<typeof PullSchema>;

/** GitHub's state + draft + merged → metawsm's state: merged wins, then closed, then draft. */
export function pullRequestState(
  pr: Pick<Pull, 'state' | 'draft' | 'merged' | 'merged_at'>,
): PullRequestState {
  if (pr.merged || pr.merged_at !== null) return 'merged';
  if (pr.state === 'closed') return 'closed';
  return pr.draft ? 'draft' : 'open';
}

/** A validated pull request as the port returns it. */
export function toPullRequestInfo(pr: Pull): PullRequestInfo {
  return {
    number: pr.number,
    url: pr.html_url,
    state: pullRequestState(pr),
    title: pr.title,
    body: pr.body ?? '',
    // TEMP (review branch only): the github branch maps these properly.
    author: 'unknown',
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    headRepoOwner: null,
    baseRef: pr.base.ref,
    updatedAt: '',
  };
}

/** A validated repository as the port returns it. */
export function toRepositoryInfo(repo: v.InferOutput<typeof RepoSchema>): RepositoryInfo {
  return {
    fullName: repo.full_name,
    defaultBranch: repo.default_branch,
    permissions: repo.permissions ? { ...repo.permissions } : null,
  };
}

// GitHub shows deleted accounts as the `ghost` user; the API sends `user: null`.
const GHOST = { login: 'ghost', type: 'User' };

/** A validated review comment as the port returns it. */
export function toReviewCommentInfo(c: v.InferOutput<typeof ReviewCommentSchema>): ReviewCommentInfo {
  const user = c.user ?? GHOST;
  return {
    id: c.id,
    body: c.body,
    author: user.login,
    authorType: user.type,
    authorAssociation: c.author_association,
    // TEMP (review branch only): the github branch maps these properly.
    inReplyToId: null,
    reviewId: null,
    path: c.path ?? '',
    line: c.line,
    originalLine: null,
    diffHunk: '',
    commitId: '',
    originalCommitId: '',
    url: c.html_url,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

/** A validated review as the port returns it. */
export function toReviewInfo(r: v.InferOutput<typeof ReviewSchema>): ReviewInfo {
  const user = r.user ?? GHOST;
  return {
    id: r.id,
    body: r.body,
    author: user.login,
    authorType: user.type,
    authorAssociation: r.author_association,
    state: r.state,
    url: r.html_url,
    commitId: null,
    submittedAt: r.submitted_at,
  };
}

/** `x-oauth-scopes: repo, read:org` → `['repo', 'read:org']`; absent → null (fine-grained and app tokens). */
export function parseScopes(header: string | number | undefined): string[] | null {
  if (header === undefined) return null;
  return String(header)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
