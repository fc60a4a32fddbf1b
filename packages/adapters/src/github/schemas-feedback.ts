import * as v from 'valibot';
import { author, id } from './schemas.js';

/* Review feedback and CI answers (docs/architecture.md, review sync), as far as metawsm depends on them. */

const line = v.nullish(id, null);

/** An inline review comment (`line` is null on outdated comments; replies carry `in_reply_to_id`). */
export const ReviewCommentSchema = v.object({
  id,
  body: v.nullish(v.string(), ''),
  user: author,
  author_association: v.string(),
  in_reply_to_id: v.nullish(id, null),
  pull_request_review_id: v.nullish(id, null),
  path: v.string(),
  line,
  original_line: line,
  diff_hunk: v.nullish(v.string(), ''),
  commit_id: v.string(),
  original_commit_id: v.string(),
  html_url: v.string(),
  created_at: v.string(),
  updated_at: v.string(),
});

/** A top-level review (`submitted_at` is absent on pending reviews). */
export const ReviewSchema = v.object({
  id,
  body: v.nullish(v.string(), ''),
  user: author,
  author_association: v.string(),
  state: v.string(),
  html_url: v.string(),
  commit_id: v.nullish(v.string(), null),
  submitted_at: v.nullish(v.string(), null),
});

/** A conversation (issue) comment. */
export const IssueCommentSchema = v.object({
  id,
  body: v.nullish(v.string(), ''),
  user: author,
  author_association: v.string(),
  html_url: v.string(),
  created_at: v.string(),
  updated_at: v.string(),
});

/** A check run. */
export const CheckRunSchema = v.object({
  id,
  name: v.string(),
  head_sha: v.string(),
  status: v.string(),
  conclusion: v.nullish(v.string(), null),
  details_url: v.nullish(v.string(), null),
  html_url: v.nullish(v.string(), null),
  started_at: v.nullish(v.string(), null),
  completed_at: v.nullish(v.string(), null),
  output: v.object({
    title: v.nullish(v.string(), null),
    summary: v.nullish(v.string(), null),
    annotations_count: v.optional(v.pipe(v.number(), v.integer()), 0),
  }),
});

/** One page of `GET …/commits/{ref}/check-runs`. */
export const CheckRunPageSchema = v.object({
  total_count: v.pipe(v.number(), v.integer()),
  check_runs: v.array(CheckRunSchema),
});

/** One annotation of a check run. */
export const AnnotationSchema = v.object({
  path: v.string(),
  start_line: v.pipe(v.number(), v.integer()),
  end_line: v.pipe(v.number(), v.integer()),
  annotation_level: v.nullish(v.string(), null),
  title: v.nullish(v.string(), null),
  message: v.string(),
});

/** A commit status as listed in a combined status. */
export const StatusSchema = v.object({
  id,
  context: v.string(),
  state: v.string(),
  description: v.nullish(v.string(), null),
  target_url: v.nullish(v.string(), null),
  created_at: v.string(),
  updated_at: v.string(),
});

/** One page of `GET …/commits/{ref}/status`. */
export const CombinedStatusSchema = v.object({
  state: v.string(),
  sha: v.string(),
  total_count: v.pipe(v.number(), v.integer()),
  statuses: v.array(StatusSchema),
});

const pageInfo = v.object({ hasNextPage: v.boolean(), endCursor: v.nullable(v.string()) });

/** A page of a thread's comments (GraphQL). */
export const ThreadCommentsSchema = v.object({
  nodes: v.array(v.object({ databaseId: v.nullable(id) })),
  pageInfo,
});

/** A review thread node (GraphQL). */
export const ThreadSchema = v.object({
  id: v.string(),
  isResolved: v.boolean(),
  isOutdated: v.boolean(),
  path: v.string(),
  line: v.nullable(id),
  comments: ThreadCommentsSchema,
});

/** `repository.pullRequest.reviewThreads` (GraphQL). */
export const ThreadPageSchema = v.object({
  repository: v.object({
    pullRequest: v.object({ reviewThreads: v.object({ nodes: v.array(ThreadSchema), pageInfo }) }),
  }),
});

/** `node(id:)` of a thread, for its further comments (GraphQL). */
export const ThreadNodeSchema = v.object({ node: v.object({ comments: ThreadCommentsSchema }) });
