import type { PullRequestState } from '../domain/pull-request.js';

/*
 * What GitHub answers, as GitHubPort returns it: only the fields metawsm uses, already validated
 * by the adapter. Logins are as GitHub spells them; times are GitHub's ISO-8601 strings.
 */

/** The authenticated user behind a token. */
export interface GitHubUser {
  login: string;
  /** OAuth scopes from `x-oauth-scopes`; null when the token type does not report them (fine-grained, app). */
  scopes: string[] | null;
}

/** Repository facts metawsm depends on. */
export interface RepositoryInfo {
  fullName: string;
  defaultBranch: string;
  /** The token's permissions on the repository; null when GitHub did not report them. */
  permissions: { admin: boolean; push: boolean; pull: boolean } | null;
}

/** A pull request as metawsm needs it. */
export interface PullRequestInfo {
  number: number;
  /** The PR's web page. */
  url: string;
  /** `merged` wins over `closed`; an open draft is `draft`. */
  state: PullRequestState;
  title: string;
  body: string;
  /** Login of the PR's author. */
  author: string;
  headRef: string;
  headSha: string;
  /** Owner login of the head repository; null when that repository was deleted (a gone fork). */
  headRepoOwner: string | null;
  baseRef: string;
  updatedAt: string;
}

/**
 * Who wrote a comment or review. `authorType` is GitHub's user type (`User`, `Bot`,
 * `Organization`, `Mannequin`); `authorAssociation` its `author_association` (`OWNER`, `MEMBER`,
 * `COLLABORATOR`, `CONTRIBUTOR`, `FIRST_TIME_CONTRIBUTOR`, `FIRST_TIMER`, `MANNEQUIN`, `NONE`).
 * A deleted account is GitHub's `ghost` user.
 */
export interface GitHubAuthored {
  author: string;
  authorType: string;
  authorAssociation: string;
}

/** An inline review comment (a thread's root, or a reply to one). */
export interface ReviewCommentInfo extends GitHubAuthored {
  id: number;
  body: string;
  /** The root comment of the thread this reply belongs to; null for a root. */
  inReplyToId: number | null;
  /** The review this comment was submitted with, if any. */
  reviewId: number | null;
  path: string;
  /** Line in the current diff; null when the comment is outdated (its code changed since). */
  line: number | null;
  /** Line in the diff the comment was written on. */
  originalLine: number | null;
  /** The diff context GitHub shows above the comment. */
  diffHunk: string;
  /** The commit the comment currently applies to. */
  commitId: string;
  /** The commit the comment was written on. */
  originalCommitId: string;
  /** Web URL of the comment. */
  url: string;
  createdAt: string;
  updatedAt: string;
}

/** A top-level review (approve / request changes / comment) with its body. */
export interface ReviewInfo extends GitHubAuthored {
  id: number;
  /** Empty when the reviewer wrote nothing at the top level. */
  body: string;
  /** `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED` or `PENDING`. */
  state: string;
  url: string;
  /** The head sha the review was made on; null when GitHub does not report it. */
  commitId: string | null;
  /** Null for a pending (unsubmitted) review. */
  submittedAt: string | null;
}

/** A comment in the PR's conversation (GitHub's issue comment). */
export interface IssueCommentInfo extends GitHubAuthored {
  id: number;
  body: string;
  url: string;
  createdAt: string;
  updatedAt: string;
}

/** A review thread as GitHub's GraphQL API reports it. */
export interface ReviewThreadInfo {
  /** GraphQL node id of the thread. */
  id: string;
  isResolved: boolean;
  /** True when the code the thread is on changed since (GitHub shows it as "Outdated"). */
  isOutdated: boolean;
  path: string;
  /** Null when outdated. */
  line: number | null;
  /** REST ids (`databaseId`) of the thread's comments, oldest first; the first is the root. */
  commentIds: number[];
}

/** A check run on a commit (GitHub Actions job, external CI, ...). */
export interface CheckRunInfo {
  id: number;
  name: string;
  headSha: string;
  /** `queued`, `in_progress`, `completed` (also `waiting`, `requested`, `pending`). */
  status: string;
  /**
   * Set once completed: `success`, `failure`, `neutral`, `cancelled`, `skipped`, `timed_out`,
   * `action_required` or `stale`.
   */
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  /** Where the CI system shows details; falls back to nothing. */
  detailsUrl: string | null;
  /** The check run's page on GitHub. */
  url: string | null;
  annotationsCount: number;
  startedAt: string | null;
  completedAt: string | null;
}

/** One annotation of a check run (a line a linter or test runner flagged). */
export interface CheckAnnotationInfo {
  path: string;
  startLine: number;
  endLine: number;
  /** `notice`, `warning` or `failure`. */
  level: string | null;
  title: string | null;
  message: string;
}

/** One commit status (the older statuses API): the latest for its context. */
export interface CommitStatusInfo {
  id: number;
  context: string;
  /** `error`, `failure`, `pending` or `success`. */
  state: string;
  description: string | null;
  targetUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The combined status of a commit: the latest status per context and their overall state. */
export interface CombinedStatusInfo {
  /** `failure` if any context is `error`/`failure`, else `pending` if any is (or none exist), else `success`. */
  state: string;
  sha: string;
  statuses: CommitStatusInfo[];
}
