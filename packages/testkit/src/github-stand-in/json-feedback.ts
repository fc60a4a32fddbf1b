import type { components } from '@octokit/openapi-types';
import { userJson, type UrlBase } from './json-users.js';
import type { RepoState } from './state.js';
import type { StandInIssueComment, StandInReview, StandInReviewComment } from './types.js';

type Schemas = components['schemas'];

/** GitHub's review comment; `line`/`position` are null on outdated comments although the schema says otherwise. */
export type ReviewCommentJson = Omit<Schemas['pull-request-review-comment'], 'line' | 'position'> & {
  line: number | null;
  position: number | null;
};

/** An inline review comment (a reply carries `in_reply_to_id`). */
export function reviewCommentJson(
  repo: RepoState,
  c: StandInReviewComment,
  urls: UrlBase,
): ReviewCommentJson {
  const base = `${repo.owner}/${repo.name}`;
  const self = `${urls.api}/repos/${base}/pulls/comments/${c.id}`;
  const html = `${urls.web}/${base}/pull/${c.pull}#discussion_r${c.id}`;
  const pull = `${urls.api}/repos/${base}/pulls/${c.pull}`;
  const json: ReviewCommentJson = {
    url: self,
    id: c.id,
    node_id: `PRRC_kwDO${c.id}`,
    pull_request_review_id: c.reviewId,
    diff_hunk: c.diffHunk,
    path: c.path,
    position: c.line,
    original_position: c.originalLine,
    commit_id: c.commitId,
    original_commit_id: c.originalCommitId,
    user: userJson(c.user, urls, c.userType),
    body: c.body,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    html_url: html,
    pull_request_url: pull,
    author_association: c.authorAssociation,
    _links: { self: { href: self }, html: { href: html }, pull_request: { href: pull } },
    start_line: null,
    original_start_line: null,
    start_side: null,
    line: c.line,
    original_line: c.originalLine,
    side: 'RIGHT',
    subject_type: 'line',
  };
  if (c.inReplyTo !== null) json.in_reply_to_id = c.inReplyTo;
  return json;
}

/** A submitted review. */
export function reviewJson(repo: RepoState, r: StandInReview, urls: UrlBase): Schemas['pull-request-review'] {
  const base = `${repo.owner}/${repo.name}`;
  const html = `${urls.web}/${base}/pull/${r.pull}#pullrequestreview-${r.id}`;
  const pull = `${urls.api}/repos/${base}/pulls/${r.pull}`;
  return {
    id: r.id,
    node_id: `PRR_kwDO${r.id}`,
    user: userJson(r.user, urls, r.userType),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: pull,
    _links: { html: { href: html }, pull_request: { href: pull } },
    submitted_at: r.submittedAt,
    commit_id: r.commitId,
    author_association: r.authorAssociation,
  };
}

/** A conversation comment. */
export function issueCommentJson(
  repo: RepoState,
  c: StandInIssueComment,
  urls: UrlBase,
): Schemas['issue-comment'] {
  const base = `${repo.owner}/${repo.name}`;
  return {
    id: c.id,
    node_id: `IC_kwDO${c.id}`,
    url: `${urls.api}/repos/${base}/issues/comments/${c.id}`,
    html_url: `${urls.web}/${base}/pull/${c.pull}#issuecomment-${c.id}`,
    body: c.body,
    user: userJson(c.user, urls, c.userType),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${urls.api}/repos/${base}/issues/${c.pull}`,
    author_association: c.authorAssociation,
  };
}
