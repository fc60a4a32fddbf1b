import type { MetawsmEvent, NewEvent } from '../domain/event.js';
import type { ReviewFeedbackItem } from '../domain/feedback.js';
import type { RunLock } from '../domain/lock.js';
import { emptyPullRequestRecord, type PullRequestRecord } from '../domain/pull-request.js';
import type { Run, Target } from '../domain/run.js';

/** The fixed time every builder uses unless overridden (ISO-8601 UTC). */
export const BUILDER_TIME = '2024-01-01T00:00:00.000Z';

/** A target of ticket `T-1`, repo `app`, with overrides. */
export function aTarget(overrides: Partial<Target> = {}): Target {
  const ticket = overrides.ticket ?? 'T-1';
  const repo = overrides.repo ?? 'app';
  return {
    ticket,
    repo,
    path: `/work/${ticket}/${repo}`,
    remote: 'origin',
    baseBranch: 'main',
    ...overrides,
  };
}

/**
 * A `completed` run `run-1` with overrides. Without explicit `targets`, each ticket gets one
 * target in repo `app` (so `aRun({ tickets: ['T-1', 'T-2'] })` has two targets).
 */
export function aRun(overrides: Partial<Run> = {}): Run {
  const tickets = overrides.tickets ?? ['T-1'];
  const baseBranch = overrides.baseBranch ?? 'main';
  return {
    id: 'run-1',
    title: null,
    status: 'completed',
    tickets,
    targets: tickets.map((ticket) => aTarget({ ticket, baseBranch })),
    baseBranch,
    createdAt: BUILDER_TIME,
    updatedAt: BUILDER_TIME,
    completedAt: BUILDER_TIME,
    closedAt: null,
    ...overrides,
  };
}

/** A freshly committed (not yet pushed) record of `run-1` / `T-1` / `app`, with overrides. */
export function aPullRequestRecord(overrides: Partial<PullRequestRecord> = {}): PullRequestRecord {
  const runId = overrides.runId ?? 'run-1';
  const ticket = overrides.ticket ?? 'T-1';
  const repo = overrides.repo ?? 'app';
  return {
    ...emptyPullRequestRecord(
      { runId, ticket, repo },
      `${ticket.toLowerCase()}/${repo}/${runId}`,
      BUILDER_TIME,
    ),
    baseRef: 'refs/remotes/origin/main',
    baseSha: 'a'.repeat(40),
    snapshotSha: 'b'.repeat(40),
    commitSha: 'c'.repeat(40),
    committedAt: BUILDER_TIME,
    ...overrides,
  };
}

/** A pending inline review comment (GitHub id 1001) on PR #7 of `run-1` / `T-1` / `app`. */
export function aFeedbackItem(overrides: Partial<ReviewFeedbackItem> = {}): ReviewFeedbackItem {
  return {
    runId: 'run-1',
    ticket: 'T-1',
    repo: 'app',
    sourceType: 'review_comment',
    githubId: 1001,
    prNumber: 7,
    author: 'reviewer',
    authorAssociation: 'MEMBER',
    body: 'Please rename this variable.',
    bodyDigest: 'd'.repeat(64),
    path: 'src/index.ts',
    line: 12,
    url: 'https://github.com/acme/app/pull/7#discussion_r1001',
    threadId: null,
    replies: [],
    diffHunk: null,
    outdated: false,
    checkName: null,
    checkSha: null,
    postedAt: BUILDER_TIME,
    status: 'pending',
    ignoreReason: null,
    dispatchId: null,
    dispatchedAt: null,
    addressedAt: null,
    replyState: 'none',
    replyId: null,
    createdAt: BUILDER_TIME,
    updatedAt: BUILDER_TIME,
    ...overrides,
  };
}

/** A `commit.snapshot` intent event of `run-1` / `T-1` / `app` (no id: the store assigns it). */
export function anEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    runId: 'run-1',
    ticket: 'T-1',
    repo: 'app',
    type: 'commit.snapshot',
    phase: 'intent',
    operationId: 'op-1',
    actor: null,
    data: {},
    at: BUILDER_TIME,
    ...overrides,
  };
}

/** An event as read back from a store (with an id). */
export function aStoredEvent(overrides: Partial<MetawsmEvent> = {}): MetawsmEvent {
  const { id = 1, ...rest } = overrides;
  return { id, ...anEvent(rest) };
}

/** A `commit` lock on `run-1` held by pid 4242 on `host-a`, leased for ten minutes. */
export function aLock(overrides: Partial<RunLock> = {}): RunLock {
  return {
    runId: 'run-1',
    ownerId: 'owner-1',
    operation: 'commit',
    pid: 4242,
    host: 'host-a',
    startedAt: BUILDER_TIME,
    leaseExpiresAt: '2024-01-01T00:10:00.000Z',
    ...overrides,
  };
}
