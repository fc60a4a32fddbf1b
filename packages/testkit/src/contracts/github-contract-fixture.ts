import { Secret, type ErrorCode, type GitHubPort, type GitHubRepo } from '@metawsm/core';

/** A login's permissions on the contract repository; null: no access at all (not a collaborator). */
export type ContractPermission = { admin: boolean; push: boolean; pull: boolean } | null;

/** One user every harness registers: token → login (+ scopes) and its permission on the repository. */
export interface ContractUser {
  login: string;
  token: string;
  scopes: string[] | null;
  permission: ContractPermission;
}

/**
 * What every harness must set up, identically per backend: one repository, four users, and a
 * branch that does not exist (every other branch does).
 */
export const GITHUB_CONTRACT_SETUP = {
  owner: 'acme',
  repo: 'widgets',
  defaultBranch: 'main',
  /** `branchExists` answers false for this branch (head or base), true for any other. */
  missingBranch: 'no-such-branch',
  /** A repository that does not exist. */
  missingRepo: 'gone',
  /** A token no backend knows. */
  unknownToken: 'contract-token-unknown',
  users: {
    /** Admin; the harness's `repo` uses this token. */
    alice: {
      login: 'alice',
      token: 'contract-token-alice',
      scopes: ['repo', 'read:org'],
      permission: { admin: true, push: true, pull: true },
    },
    /** Read-only; a token type without scopes. */
    bob: {
      login: 'bob',
      token: 'contract-token-bob',
      scopes: null,
      permission: { admin: false, push: false, pull: true },
    },
    /** Push collaborator (a valid reviewer). */
    carol: {
      login: 'carol',
      token: 'contract-token-carol',
      scopes: ['repo'],
      permission: { admin: false, push: true, pull: true },
    },
    /** Outsider: cannot see the repository, not a collaborator. */
    dave: { login: 'dave', token: 'contract-token-dave', scopes: ['repo'], permission: null },
  } satisfies Record<string, ContractUser>,
} as const;

/** See {@link GITHUB_CONTRACT_SETUP}. */
export type GitHubContractSetup = typeof GITHUB_CONTRACT_SETUP;

/** Seed of a pull request, created directly in the backend (no permission or branch checks). */
export interface ContractPullSeed {
  /** Branch name (same owner as the repository). */
  head: string;
  base?: string;
  title?: string;
  body?: string;
  draft?: boolean;
  /** Author login (default: the repository owner). */
  user?: string;
}

/** Seed of a conversation comment. */
export interface ContractIssueCommentSeed {
  user: string;
  body: string;
  userType?: string;
  authorAssociation?: 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE';
}

/** Seed of an inline review comment. */
export interface ContractCommentSeed extends ContractIssueCommentSeed {
  /** Reply in the thread of this comment. */
  inReplyTo?: number;
  path?: string;
  line?: number | null;
  originalLine?: number;
  diffHunk?: string;
}

/** Seed of a check run. */
export interface ContractCheckRunSeed {
  headSha: string;
  name: string;
  status?: 'queued' | 'in_progress' | 'completed';
  conclusion?: 'success' | 'failure' | 'timed_out' | 'cancelled' | 'action_required' | 'neutral' | 'skipped';
  title?: string;
  summary?: string;
  detailsUrl?: string;
  annotations?: { path: string; startLine: number; endLine?: number; message: string; title?: string }[];
}

/** Seed of a commit status. */
export interface ContractStatusSeed {
  sha: string;
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description?: string;
  targetUrl?: string;
}

/** What a backend hands the GitHub contract suite. */
export interface GitHubHarness {
  github: GitHubPort;
  /** The contract repository as `alice` (admin) sees it. */
  repo: GitHubRepo;
  seedPullRequest(seed: ContractPullSeed): Promise<number>;
  closePullRequest(num: number): Promise<void>;
  mergePullRequest(num: number): Promise<void>;
  /** Returns the comment's id. */
  addReviewComment(num: number, seed: ContractCommentSeed): Promise<number>;
  /** Returns the review's id. */
  addReview(
    num: number,
    seed: {
      user: string;
      body: string;
      state?: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
    },
  ): Promise<number>;
  /** Change a review comment's body. */
  editReviewComment(commentId: number, body: string): Promise<void>;
  /** Returns the comment's id. */
  addIssueComment(num: number, seed: ContractIssueCommentSeed): Promise<number>;
  /** Resolve the thread a review comment is in. */
  resolveThread(commentId: number): Promise<void>;
  /** Make the thread a review comment is in outdated. */
  outdateThread(commentId: number): Promise<void>;
  /** Make GraphQL fail from now on, as a 404 (GHES without GraphQL, proxy) or a 401 would. */
  breakGraphQL(status: 401 | 404): Promise<void>;
  /** Returns the check run's id. */
  addCheckRun(seed: ContractCheckRunSeed): Promise<number>;
  addCommitStatus(seed: ContractStatusSeed): Promise<void>;
  /** A push to the PR's head branch. */
  setPullRequestHead(num: number, sha: string): Promise<void>;
  /** Labels and requested reviewers as the backend stored them. */
  inspect(num: number): Promise<{ labels: string[]; requestedReviewers: string[] }>;
  close(): Promise<void>;
}

/** The harness's repository through another token. */
export function asToken(repo: GitHubRepo, token: string): GitHubRepo {
  return { ...repo, token: new Secret(token) };
}

/** Assert that `promise` rejects with a MetawsmError of `code`. */
export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'MetawsmError', code });
}

/** Lazily read the current test's harness. */
export type HarnessRef = () => GitHubHarness;
