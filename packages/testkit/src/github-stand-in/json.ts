import type { components } from '@octokit/openapi-types';
import { fakeSha, type RepoState } from './state.js';
import type { StandInPermissions, StandInPullRequest, StandInReview, StandInReviewComment } from './types.js';

type Schemas = components['schemas'];

/** Where the response's URLs point: the API base the client used, and the web root. */
export interface UrlBase {
  /** e.g. `http://127.0.0.1:4711` or `http://127.0.0.1:4711/api/v3`. */
  api: string;
  web: string;
}

/** The subset of GitHub's `simple-user` the stand-in fills in. */
export type UserJson = Pick<
  Schemas['simple-user'],
  'login' | 'id' | 'node_id' | 'type' | 'url' | 'html_url' | 'site_admin'
>;

type Ref = Pick<Schemas['pull-request']['head'], 'label' | 'ref' | 'sha'> & { user: UserJson };

/** The subset of GitHub's `pull-request` the stand-in fills in (`merged` only on single-PR answers, like GitHub). */
export type PullJson = Pick<
  Schemas['pull-request'],
  | 'url'
  | 'id'
  | 'node_id'
  | 'html_url'
  | 'number'
  | 'state'
  | 'locked'
  | 'title'
  | 'body'
  | 'created_at'
  | 'updated_at'
  | 'closed_at'
  | 'merged_at'
  | 'draft'
  | 'author_association'
> & {
  user: UserJson;
  labels: { name: string }[];
  requested_reviewers: UserJson[];
  head: Ref;
  base: Ref;
  merged?: boolean;
};

/** GitHub's review comment; `line` is null for outdated comments although the schema says otherwise. */
export type ReviewCommentJson = Pick<
  Schemas['pull-request-review-comment'],
  | 'url'
  | 'id'
  | 'node_id'
  | 'pull_request_review_id'
  | 'diff_hunk'
  | 'path'
  | 'commit_id'
  | 'original_commit_id'
  | 'body'
  | 'created_at'
  | 'updated_at'
  | 'html_url'
  | 'pull_request_url'
  | 'author_association'
> & { user: UserJson; line: number | null };

/** GitHub's `pull-request-review` subset. */
export type ReviewJson = Pick<
  Schemas['pull-request-review'],
  | 'id'
  | 'node_id'
  | 'body'
  | 'state'
  | 'html_url'
  | 'pull_request_url'
  | 'submitted_at'
  | 'commit_id'
  | 'author_association'
> & { user: UserJson };

/** GitHub's `full-repository` subset. */
export type RepoJson = Pick<
  Schemas['full-repository'],
  'id' | 'node_id' | 'name' | 'full_name' | 'private' | 'html_url' | 'url' | 'default_branch'
> & {
  owner: UserJson;
  permissions?: StandInPermissions;
};

/** A stable numeric id for a login. */
function userId(login: string): number {
  return Number.parseInt(fakeSha('user', login.toLowerCase()).slice(0, 8), 16);
}

/** A `simple-user` for a login. */
export function userJson(login: string, urls: UrlBase, type = 'User'): UserJson {
  const id = userId(login);
  return {
    login,
    id,
    node_id: `U_${id}`,
    type,
    url: `${urls.api}/users/${login}`,
    html_url: `${urls.web}/${login}`,
    site_admin: false,
  };
}

/** A pull request; `single` adds `merged` as GitHub does on `GET/PATCH/POST` of one pull request. */
export function pullJson(
  repo: RepoState,
  pr: StandInPullRequest,
  urls: UrlBase,
  association: PullJson['author_association'],
  single: boolean,
): PullJson {
  const id = repo.id * 100_000 + pr.number;
  const json: PullJson = {
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/pulls/${pr.number}`,
    id,
    node_id: `PR_${id}`,
    html_url: `${urls.web}/${repo.owner}/${repo.name}/pull/${pr.number}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    body: pr.body,
    user: userJson(pr.user, urls),
    labels: pr.labels.map((name) => ({ name })),
    requested_reviewers: pr.requestedReviewers.map((login) => userJson(login, urls)),
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    draft: pr.draft,
    author_association: association,
    head: {
      label: `${pr.headOwner}:${pr.headRef}`,
      ref: pr.headRef,
      sha: pr.headSha,
      user: userJson(pr.headOwner, urls),
    },
    base: {
      label: `${repo.owner}:${pr.baseRef}`,
      ref: pr.baseRef,
      sha: pr.baseSha,
      user: userJson(repo.owner, urls),
    },
  };
  if (single) json.merged = pr.merged;
  return json;
}

/** An inline review comment. */
export function reviewCommentJson(
  repo: RepoState,
  c: StandInReviewComment,
  urls: UrlBase,
): ReviewCommentJson {
  const pr = repo.pulls[c.pull - 1];
  const sha = pr?.headSha ?? fakeSha('unknown');
  const base = `${repo.owner}/${repo.name}`;
  return {
    url: `${urls.api}/repos/${base}/pulls/comments/${c.id}`,
    id: c.id,
    node_id: `PRRC_${c.id}`,
    pull_request_review_id: null,
    diff_hunk: '@@ -1 +1 @@',
    path: c.path,
    line: c.line,
    commit_id: sha,
    original_commit_id: sha,
    user: userJson(c.user, urls, c.userType),
    body: c.body,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    html_url: `${urls.web}/${base}/pull/${c.pull}#discussion_r${c.id}`,
    pull_request_url: `${urls.api}/repos/${base}/pulls/${c.pull}`,
    author_association: c.authorAssociation,
  };
}

/** A top-level review. */
export function reviewJson(repo: RepoState, r: StandInReview, urls: UrlBase): ReviewJson {
  const base = `${repo.owner}/${repo.name}`;
  return {
    id: r.id,
    node_id: `PRR_${r.id}`,
    user: userJson(r.user, urls, r.userType),
    body: r.body,
    state: r.state,
    html_url: `${urls.web}/${base}/pull/${r.pull}#pullrequestreview-${r.id}`,
    pull_request_url: `${urls.api}/repos/${base}/pulls/${r.pull}`,
    submitted_at: r.submittedAt,
    commit_id: repo.pulls[r.pull - 1]?.headSha ?? null,
    author_association: r.authorAssociation,
  };
}

/** A repository as the caller sees it (with the caller's permissions). */
export function repoJson(repo: RepoState, urls: UrlBase, permissions: StandInPermissions | null): RepoJson {
  const json: RepoJson = {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: userJson(repo.owner, urls),
    private: repo.private,
    html_url: `${urls.web}/${repo.owner}/${repo.name}`,
    url: `${urls.api}/repos/${repo.owner}/${repo.name}`,
    default_branch: repo.defaultBranch,
  };
  if (permissions) json.permissions = { ...permissions };
  return json;
}
