import type { components } from '@octokit/openapi-types';

/** GitHub's `author_association` values. */
export type AuthorAssociation = components['schemas']['author-association'];

/** Permissions of one login on a stand-in repository (GitHub's `permissions` object). */
export interface StandInPermissions {
  admin: boolean;
  push: boolean;
  pull: boolean;
}

/** What a registered token authenticates as. */
export interface StandInToken {
  login: string;
  /** Sent as `x-oauth-scopes`; null or absent: the header is omitted (fine-grained and app tokens). */
  scopes?: string[] | null;
}

/** Options of {@link GitHubStandIn.addRepo}. */
export interface StandInRepoOptions {
  /** Default `main`. */
  defaultBranch?: string;
  private?: boolean;
  /** Per-login permissions; a login without an entry cannot see the repository and is not a collaborator. */
  permissions?: Record<string, Partial<StandInPermissions>>;
}

/**
 * Tells the stand-in whether a branch exists (for `POST /pulls`): `false` → 422 invalid head,
 * `true` → exists (the PR gets a made-up sha), a string → exists with that tip sha.
 */
export type StandInBranchResolver = (
  owner: string,
  repo: string,
  branch: string,
) => Promise<boolean | string>;

/** Options of {@link startGitHubStandIn}. */
export interface GitHubStandInOptions {
  /** Delay added to every request, in milliseconds (benchmarks). */
  latencyMs?: number;
  /** Branch existence; default: every branch exists. Tests wire it to a bare repo on the git stand-in. */
  branchExists?: StandInBranchResolver;
  /** Clock for `created_at` & co.; default the system clock. */
  now?: () => Date;
  /** `x-ratelimit-limit` per token (default 5000); `remaining` counts down with each request. */
  rateLimit?: number;
}

/** A canned failure: the next `count` matching requests get this answer instead of being served. */
export interface StandInFault {
  /** Only requests with this method (default: any). */
  method?: string;
  /** Tested against the API path without the `/api/v3` prefix and without the query, e.g. `/repos/o/r/pulls`. */
  path: RegExp;
  /** Default 500. */
  status?: number;
  headers?: Record<string, string>;
  /** JSON body; default a GitHub-shaped error (429: secondary rate limit; 403: permission; see `rateLimitFaults`). */
  body?: unknown;
  /** Send these bytes as the body instead (an HTML error page, a cut-off JSON document); set `content-type` in `headers`. */
  rawBody?: string;
  /** Default 1. */
  count?: number;
  /** Destroy the connection instead of answering (a network error). */
  resetConnection?: boolean;
}

/** One request the stand-in answered. Holds no credentials: only whether auth was sent. */
export interface StandInRequest {
  method: string;
  /** Path as sent, including any `/api/v3` prefix, without the query. */
  path: string;
  /** Path without the `/api/v3` prefix. */
  route: string;
  query: Record<string, string>;
  /** Parsed JSON body, or null. */
  body: unknown;
  /** The answer's status; 0 when the connection was dropped (`resetConnection`). */
  status: number;
  /** Whether an `Authorization` header was sent (its value is never stored). */
  authPresent: boolean;
  /** The login the token resolved to, if any. */
  login: string | null;
  /** True when a {@link StandInFault} answered it. */
  injected: boolean;
  /** Milliseconds since the stand-in started, when the request arrived. */
  atMs: number;
}

/** A stand-in pull request as tests inspect it. */
export interface StandInPullRequest {
  owner: string;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  headOwner: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  user: string;
  labels: string[];
  requestedReviewers: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  /** GitHub's test-merge commit while open, the merge commit once merged. */
  mergeCommitSha: string | null;
  mergedBy: string | null;
}

/** Who wrote a stored comment or review. */
export interface StandInAuthored {
  id: number;
  pull: number;
  user: string;
  userType: string;
  authorAssociation: AuthorAssociation;
  body: string;
}

/** A stored conversation (issue) comment. */
export interface StandInIssueComment extends StandInAuthored {
  createdAt: string;
  updatedAt: string;
}

/** A stored inline review comment. */
export interface StandInReviewComment extends StandInIssueComment {
  /** Root comment of the thread; null for a root. */
  inReplyTo: number | null;
  reviewId: number | null;
  path: string;
  line: number | null;
  originalLine: number;
  diffHunk: string;
  commitId: string;
  originalCommitId: string;
}

/** A stored top-level review. */
export interface StandInReview extends StandInAuthored {
  state: string;
  commitId: string;
  submittedAt: string;
}

/** A stored check run with its annotations. */
export interface StandInCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  detailsUrl: string | null;
  startedAt: string;
  completedAt: string | null;
  annotations: StandInAnnotation[];
}

/** A stored annotation. */
export interface StandInAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  level: 'notice' | 'warning' | 'failure';
  title: string | null;
  message: string;
}

/** A stored commit status. */
export interface StandInStatus {
  id: number;
  sha: string;
  context: string;
  state: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
}
