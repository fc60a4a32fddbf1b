import type { AuthorAssociation } from './types.js';

/* What tests seed into the stand-in. */

/** Seed for {@link GitHubStandIn.seedPullRequest}. */
export interface StandInPullSeed {
  owner: string;
  repo: string;
  /** `branch` or `owner:branch`. */
  head: string;
  /** Default: the repository's default branch. */
  base?: string;
  title?: string;
  body?: string;
  draft?: boolean;
  /** Author login; default the repository owner. */
  user?: string;
  headSha?: string;
}

/** Seed for {@link GitHubStandIn.addIssueComment}. */
export interface StandInIssueCommentSeed {
  user: string;
  body: string;
  /** `User` (default) or `Bot`. */
  userType?: string;
  /** Default: derived from the user's permissions (`OWNER`, `COLLABORATOR`, `NONE`). */
  authorAssociation?: AuthorAssociation;
}

/** Seed for {@link GitHubStandIn.addReviewComment}. */
export interface StandInCommentSeed extends StandInIssueCommentSeed {
  /** Reply in this comment's thread (path, line and hunk come from the thread's root). */
  inReplyTo?: number;
  /** Default `README.md`. */
  path?: string;
  /** Default 1; null: already outdated. */
  line?: number | null;
  /** Default: `line` (or 1). */
  originalLine?: number;
  /** Default `@@ -1 +1 @@`. */
  diffHunk?: string;
  reviewId?: number;
}

/** Seed for {@link GitHubStandIn.addReview}. */
export interface StandInReviewSeed extends StandInIssueCommentSeed {
  /** Default `COMMENTED`. */
  state?: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
}

/** Seed for one annotation of a check run. */
export interface StandInAnnotationSeed {
  path: string;
  startLine: number;
  endLine?: number;
  /** Default `failure`. */
  level?: 'notice' | 'warning' | 'failure';
  title?: string;
  message: string;
}

/** Seed for {@link GitHubStandIn.addCheckRun}. */
export interface StandInCheckRunSeed {
  headSha: string;
  name: string;
  /** Default `completed`. */
  status?: 'queued' | 'in_progress' | 'completed';
  /** Default `success` when completed. */
  conclusion?:
    'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  title?: string;
  summary?: string;
  detailsUrl?: string;
  annotations?: StandInAnnotationSeed[];
}

/** Seed for {@link GitHubStandIn.addCommitStatus}. */
export interface StandInStatusSeed {
  sha: string;
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description?: string;
  targetUrl?: string;
}
