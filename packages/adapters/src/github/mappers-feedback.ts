import type {
  CheckAnnotationInfo,
  CheckRunInfo,
  CommitStatusInfo,
  GitHubAuthored,
  IssueCommentInfo,
  ReviewCommentInfo,
  ReviewInfo,
} from '@metawsm/core';
import type * as v from 'valibot';
import { GHOST } from './mappers.js';
import type {
  AnnotationSchema,
  CheckRunSchema,
  IssueCommentSchema,
  ReviewCommentSchema,
  ReviewSchema,
  StatusSchema,
} from './schemas-feedback.js';

type Out<S extends v.GenericSchema> = v.InferOutput<S>;

function authored(x: {
  user: { login: string; type: string } | null;
  author_association: string;
}): GitHubAuthored {
  const user = x.user ?? GHOST;
  return { author: user.login, authorType: user.type, authorAssociation: x.author_association };
}

/** A validated review comment as the port returns it. */
export function toReviewCommentInfo(c: Out<typeof ReviewCommentSchema>): ReviewCommentInfo {
  return {
    id: c.id,
    body: c.body,
    ...authored(c),
    inReplyToId: c.in_reply_to_id,
    reviewId: c.pull_request_review_id,
    path: c.path,
    line: c.line,
    originalLine: c.original_line,
    diffHunk: c.diff_hunk,
    commitId: c.commit_id,
    originalCommitId: c.original_commit_id,
    url: c.html_url,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

/** A validated review as the port returns it. */
export function toReviewInfo(r: Out<typeof ReviewSchema>): ReviewInfo {
  return {
    id: r.id,
    body: r.body,
    ...authored(r),
    state: r.state,
    url: r.html_url,
    commitId: r.commit_id,
    submittedAt: r.submitted_at,
  };
}

/** A validated conversation comment as the port returns it. */
export function toIssueCommentInfo(c: Out<typeof IssueCommentSchema>): IssueCommentInfo {
  return {
    id: c.id,
    body: c.body,
    ...authored(c),
    url: c.html_url,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

/** A validated check run as the port returns it. */
export function toCheckRunInfo(c: Out<typeof CheckRunSchema>): CheckRunInfo {
  return {
    id: c.id,
    name: c.name,
    headSha: c.head_sha,
    status: c.status,
    conclusion: c.conclusion,
    title: c.output.title,
    summary: c.output.summary,
    detailsUrl: c.details_url,
    url: c.html_url,
    annotationsCount: c.output.annotations_count,
    startedAt: c.started_at,
    completedAt: c.completed_at,
  };
}

/** A validated annotation as the port returns it. */
export function toAnnotationInfo(a: Out<typeof AnnotationSchema>): CheckAnnotationInfo {
  return {
    path: a.path,
    startLine: a.start_line,
    endLine: a.end_line,
    level: a.annotation_level,
    title: a.title,
    message: a.message,
  };
}

/** A validated commit status as the port returns it. */
export function toStatusInfo(s: Out<typeof StatusSchema>): CommitStatusInfo {
  return {
    id: s.id,
    context: s.context,
    state: s.state,
    description: s.description,
    targetUrl: s.target_url,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}
