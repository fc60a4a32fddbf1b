import type { PullRequestInfo, PullRequestState, RepositoryInfo } from '@metawsm/core';
import type * as v from 'valibot';
import type { PullSchema, RepoSchema } from './schemas.js';

type Pull = v.InferOutput<typeof PullSchema>;

/** GitHub shows deleted accounts as the `ghost` user; the API sends `user: null`. */
export const GHOST = { login: 'ghost', type: 'User' };

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
    author: (pr.user ?? GHOST).login,
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    headRepoOwner: pr.head.repo?.owner.login ?? null,
    baseRef: pr.base.ref,
    updatedAt: pr.updated_at,
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

/** `x-oauth-scopes: repo, read:org` → `['repo', 'read:org']`; absent → null (fine-grained and app tokens). */
export function parseScopes(header: string | number | undefined): string[] | null {
  if (header === undefined) return null;
  return String(header)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
