import type { GitHubState, RepoState } from './state.js';
import type {
  StandInCheckRun,
  StandInIssueComment,
  StandInReview,
  StandInReviewComment,
  StandInStatus,
} from './types.js';
import type {
  StandInCheckRunSeed,
  StandInCommentSeed,
  StandInIssueCommentSeed,
  StandInReviewSeed,
  StandInStatusSeed,
} from './seed-types.js';

/* What tests (and the write routes) add to a repository: comments, reviews, CI results. */

function authored(state: GitHubState, repo: RepoState, seed: StandInIssueCommentSeed) {
  return {
    user: seed.user,
    userType: seed.userType ?? 'User',
    authorAssociation: seed.authorAssociation ?? state.associationOf(repo, seed.user),
    body: seed.body,
  };
}

/** The root comment of the thread `id` is in, if `id` is a review comment of the repository. */
export function threadRoot(repo: RepoState, id: number): StandInReviewComment | undefined {
  const c = repo.comments.find((x) => x.id === id);
  return c && c.inReplyTo !== null ? threadRoot(repo, c.inReplyTo) : c;
}

/** Add an inline comment, or a reply in the thread of `seed.inReplyTo` (normalised to its root). */
export function addComment(
  state: GitHubState,
  owner: string,
  name: string,
  num: number,
  seed: StandInCommentSeed,
): StandInReviewComment {
  const { repo, pr } = state.mustPull(owner, name, num);
  const root = seed.inReplyTo === undefined ? undefined : threadRoot(repo, seed.inReplyTo);
  if (seed.inReplyTo !== undefined && root?.pull !== pr.number)
    throw new Error(`stand-in: no review comment ${seed.inReplyTo} on ${owner}/${name}#${num}`);
  const at = state.timestamp();
  const line = root ? root.line : seed.line === undefined ? 1 : seed.line;
  const comment: StandInReviewComment = {
    id: state.nextId(),
    pull: pr.number,
    ...authored(state, repo, seed),
    inReplyTo: root?.id ?? null,
    reviewId: seed.reviewId ?? null,
    path: root?.path ?? seed.path ?? 'README.md',
    line,
    originalLine: root?.originalLine ?? seed.originalLine ?? line ?? 1,
    diffHunk: root?.diffHunk ?? seed.diffHunk ?? '@@ -1 +1 @@',
    commitId: pr.headSha,
    originalCommitId: root?.originalCommitId ?? pr.headSha,
    createdAt: at,
    updatedAt: at,
  };
  repo.comments.push(comment);
  return comment;
}

/** Add a submitted review. */
export function addReview(
  state: GitHubState,
  owner: string,
  name: string,
  num: number,
  seed: StandInReviewSeed,
): StandInReview {
  const { repo, pr } = state.mustPull(owner, name, num);
  const review: StandInReview = {
    id: state.nextId(),
    pull: pr.number,
    ...authored(state, repo, seed),
    state: seed.state ?? 'COMMENTED',
    commitId: pr.headSha,
    submittedAt: state.timestamp(),
  };
  repo.reviews.push(review);
  return review;
}

/** Add a conversation comment. */
export function addIssueComment(
  state: GitHubState,
  owner: string,
  name: string,
  num: number,
  seed: StandInIssueCommentSeed,
): StandInIssueComment {
  const { repo, pr } = state.mustPull(owner, name, num);
  const at = state.timestamp();
  const comment = {
    id: state.nextId(),
    pull: pr.number,
    ...authored(state, repo, seed),
    createdAt: at,
    updatedAt: at,
  };
  repo.issueComments.push(comment);
  return comment;
}

/** Resolve/unresolve or outdate the thread a comment is in (outdated comments lose their line). */
export function setThread(
  repo: RepoState,
  commentId: number,
  change: { resolved?: boolean; outdated?: true },
): void {
  const root = threadRoot(repo, commentId);
  if (!root) throw new Error(`stand-in: unknown review comment ${commentId}`);
  const now = repo.threads.get(root.id) ?? { resolved: false, outdated: false };
  repo.threads.set(root.id, { ...now, ...change });
  if (change.outdated)
    for (const c of repo.comments) if (c.id === root.id || c.inReplyTo === root.id) c.line = null;
}

/** Add a check run with its annotations. */
export function addCheckRun(state: GitHubState, repo: RepoState, seed: StandInCheckRunSeed): StandInCheckRun {
  const status = seed.status ?? 'completed';
  const at = state.timestamp();
  const run: StandInCheckRun = {
    id: state.nextId(),
    name: seed.name,
    headSha: seed.headSha,
    status,
    conclusion: status === 'completed' ? (seed.conclusion ?? 'success') : null,
    title: seed.title ?? null,
    summary: seed.summary ?? null,
    detailsUrl: seed.detailsUrl ?? null,
    startedAt: at,
    completedAt: status === 'completed' ? at : null,
    annotations: (seed.annotations ?? []).map((a) => ({
      path: a.path,
      startLine: a.startLine,
      endLine: a.endLine ?? a.startLine,
      level: a.level ?? 'failure',
      title: a.title ?? null,
      message: a.message,
    })),
  };
  repo.checkRuns.push(run);
  return run;
}

/** Add a commit status (created by the repository owner). */
export function addStatus(state: GitHubState, repo: RepoState, seed: StandInStatusSeed): StandInStatus {
  const at = state.timestamp();
  const status: StandInStatus = {
    id: state.nextId(),
    sha: seed.sha,
    context: seed.context,
    state: seed.state,
    description: seed.description ?? null,
    targetUrl: seed.targetUrl ?? null,
    creator: repo.owner,
    createdAt: at,
    updatedAt: at,
  };
  repo.statuses.push(status);
  return status;
}

/** The latest check run per name on a commit, oldest first (GitHub's `filter=latest`). */
export function latestCheckRuns(repo: RepoState, sha: string): StandInCheckRun[] {
  const latest = new Map<string, StandInCheckRun>();
  for (const c of repo.checkRuns) if (c.headSha === sha) latest.set(c.name, c);
  return [...latest.values()].sort((a, b) => a.id - b.id);
}

/** The latest status per context on a commit, newest first. */
export function latestStatuses(repo: RepoState, sha: string): StandInStatus[] {
  const latest = new Map<string, StandInStatus>();
  for (const s of repo.statuses) if (s.sha === sha) latest.set(s.context, s);
  return [...latest.values()].sort((a, b) => b.id - a.id);
}

/** GitHub's combined state: failure > pending (also when there is no status) > success. */
export function combinedState(statuses: StandInStatus[]): 'failure' | 'pending' | 'success' {
  if (statuses.some((s) => s.state === 'error' || s.state === 'failure')) return 'failure';
  if (statuses.length === 0 || statuses.some((s) => s.state === 'pending')) return 'pending';
  return 'success';
}
