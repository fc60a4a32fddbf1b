import type { components } from '@octokit/openapi-types';
import { repoJson } from './json-repos.js';
import { stableId, userJson, type UrlBase } from './json-users.js';
import type { RepoState } from './state.js';
import type { AuthorAssociation, StandInPullRequest } from './types.js';

type Schemas = components['schemas'];

/** A label by name, with the stable id the repository gave it. */
export function labelJson(repo: RepoState, name: string, urls: UrlBase): Schemas['label'] {
  let label = repo.labels.get(name);
  if (!label) {
    label = { id: stableId('label', repo.owner, repo.name, name), name, color: 'ededed' };
    repo.labels.set(name, label);
  }
  return {
    id: label.id,
    node_id: `LA_kwDO${label.id}`,
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: label.color,
    default: false,
  };
}

function side(repo: RepoState, owner: string, ref: string, sha: string, urls: UrlBase) {
  // A head in another owner's fork is shown with that owner; the stand-in has no separate fork state.
  const r = owner.toLowerCase() === repo.owner.toLowerCase() ? repo : { ...repo, owner };
  return { label: `${owner}:${ref}`, ref, sha, user: userJson(owner, urls), repo: repoJson(r, urls, null) };
}

/** The fields shared by list items (`pull-request-simple`) and single answers (`pull-request`). */
function simplePull(repo: RepoState, pr: StandInPullRequest, urls: UrlBase, association: AuthorAssociation) {
  const id = repo.id * 100_000 + pr.number;
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const html = `${urls.web}/${repo.owner}/${repo.name}/pull/${pr.number}`;
  const self = `${api}/pulls/${pr.number}`;
  const statuses = `${api}/statuses/${pr.headSha}`;
  const comments = `${api}/issues/${pr.number}/comments`;
  return {
    url: self,
    id,
    node_id: `PR_kwDO${id}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pr.number}`,
    commits_url: `${self}/commits`,
    review_comments_url: `${self}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: comments,
    statuses_url: statuses,
    number: pr.number,
    state: pr.state,
    locked: false as boolean,
    title: pr.title,
    user: userJson(pr.user, urls),
    body: pr.body,
    // GitHub sends `description: null` for labels without one; its schema says string (allow-listed).
    labels: pr.labels.map((name) => labelJson(repo, name, urls)) as Schemas['pull-request-simple']['labels'],
    milestone: null,
    active_lock_reason: null,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: pr.requestedReviewers.map((login) => userJson(login, urls)),
    requested_teams: [],
    head: side(repo, pr.headOwner, pr.headRef, pr.headSha, urls),
    base: side(repo, repo.owner, pr.baseRef, pr.baseSha, urls),
    _links: {
      self: { href: self },
      html: { href: html },
      issue: { href: `${api}/issues/${pr.number}` },
      comments: { href: comments },
      review_comments: { href: `${self}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${self}/commits` },
      statuses: { href: statuses },
    },
    author_association: association,
    auto_merge: null,
    draft: pr.draft,
  };
}

/** A pull request: `single` gives the full `pull-request` of `GET/PATCH/POST` on one PR, else a list item. */
export function pullJson(
  repo: RepoState,
  pr: StandInPullRequest,
  urls: UrlBase,
  association: AuthorAssociation,
  single: boolean,
): Schemas['pull-request-simple'] | Schemas['pull-request'] {
  const simple = simplePull(repo, pr, urls, association);
  if (!single) return simple satisfies Schemas['pull-request-simple'];
  const counts = repo.comments.filter((c) => c.pull === pr.number).length;
  const full: Schemas['pull-request'] = {
    ...simple,
    merged: pr.merged,
    mergeable: pr.state === 'open' ? true : null,
    rebaseable: pr.state === 'open' ? true : null,
    mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
    merged_by: pr.mergedBy ? userJson(pr.mergedBy, urls) : null,
    comments: repo.issueComments.filter((c) => c.pull === pr.number).length,
    review_comments: counts,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
  return full;
}

/** `GET /repos/{o}/{r}/issues/{n}` for a pull request: GitHub's `issue` with `pull_request` links. */
export function issueJson(
  repo: RepoState,
  pr: StandInPullRequest,
  urls: UrlBase,
  association: AuthorAssociation,
) {
  const simple = simplePull(repo, pr, urls, association);
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const issue: Schemas['issue'] = {
    id: stableId('issue', repo.owner, repo.name, String(pr.number)),
    node_id: `I_kwDO${pr.number}`,
    url: simple.issue_url,
    repository_url: api,
    labels_url: `${simple.issue_url}/labels{/name}`,
    comments_url: simple.comments_url,
    events_url: `${simple.issue_url}/events`,
    html_url: simple.html_url,
    number: pr.number,
    state: pr.state,
    state_reason: pr.state === 'closed' ? 'completed' : null,
    title: pr.title,
    body: pr.body,
    user: simple.user,
    labels: simple.labels,
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: repo.issueComments.filter((c) => c.pull === pr.number).length,
    pull_request: {
      merged_at: pr.mergedAt,
      diff_url: simple.diff_url,
      html_url: simple.html_url,
      patch_url: simple.patch_url,
      url: simple.url,
    },
    closed_at: pr.closedAt,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    draft: pr.draft,
    author_association: association,
  };
  return issue;
}
