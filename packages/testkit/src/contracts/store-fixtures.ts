import type {
  NewEvent,
  PullRequestRecord,
  ReviewFeedbackItem,
  Run,
  RunLock,
  StorePort,
  Target,
} from '@metawsm/core';

/*
 * Small builders for the store contract. They mirror @metawsm/core/testing's builders, which
 * testkit cannot import until that barrel exports them.
 */

/** Fixed timestamp used by the fixtures. */
export const T0 = '2024-01-01T00:00:00.000Z';

/** An ISO time `minutes` after {@link T0}. */
export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

/** What a contract test works with; `reopen` replaces the store (closing the old one first). */
export interface StoreContext {
  store(): StorePort;
  /** Close the store and open the same database again; null when the harness cannot. */
  reopen(): Promise<StorePort> | null;
}

/** A target with overrides. */
export function target(o: Partial<Target> = {}): Target {
  return { ticket: 'T-1', repo: 'app', path: '/w/T-1/app', remote: 'origin', baseBranch: 'main', ...o };
}

/** A completed run `run-1` with one target per ticket, with overrides. */
export function run(o: Partial<Run> = {}): Run {
  const tickets = o.tickets ?? ['T-1'];
  return {
    id: 'run-1',
    title: null,
    status: 'completed',
    tickets,
    targets: tickets.map((ticket) => target({ ticket, path: `/w/${ticket}/app` })),
    baseBranch: 'main',
    createdAt: T0,
    updatedAt: T0,
    completedAt: T0,
    closedAt: null,
    ...o,
  };
}

/** A pull-request record of run-1 / T-1 / app with every optional field null, with overrides. */
export function prRecord(o: Partial<PullRequestRecord> = {}): PullRequestRecord {
  return {
    runId: 'run-1',
    ticket: 'T-1',
    repo: 'app',
    branch: 't-1/app/run-1',
    baseRef: 'refs/remotes/origin/main',
    baseSha: null,
    snapshotSha: null,
    commitSha: null,
    leaseSha: null,
    lastPushedSha: null,
    prNumber: null,
    prUrl: null,
    prState: null,
    prTitle: null,
    prBodyDigest: null,
    actor: null,
    actorSource: null,
    credentialMode: null,
    checks: null,
    lastError: null,
    policyDigest: null,
    committedAt: null,
    pushedAt: null,
    createdAt: T0,
    updatedAt: T0,
    ...o,
  };
}

/** A pending review comment 1001 on run-1 / T-1 / app, with overrides. */
export function feedback(o: Partial<ReviewFeedbackItem> = {}): ReviewFeedbackItem {
  return {
    runId: 'run-1',
    ticket: 'T-1',
    repo: 'app',
    sourceType: 'review_comment',
    githubId: 1001,
    prNumber: 7,
    author: 'reviewer',
    authorAssociation: 'MEMBER',
    body: 'Rename this.',
    bodyDigest: 'd1',
    path: 'src/a.ts',
    line: 3,
    url: 'https://github.com/acme/app/pull/7#discussion_r1001',
    status: 'pending',
    dispatchId: null,
    dispatchedAt: null,
    addressedAt: null,
    createdAt: T0,
    updatedAt: T0,
    ...o,
  };
}

/** An intent event of run-1 / T-1 / app, with overrides. */
export function event(o: Partial<NewEvent> = {}): NewEvent {
  return {
    runId: 'run-1',
    ticket: 'T-1',
    repo: 'app',
    type: 'commit.snapshot',
    phase: 'intent',
    operationId: 'op-1',
    actor: null,
    data: {},
    at: T0,
    ...o,
  };
}

/** A commit lock on run-1 held by owner-1, with overrides. */
export function lock(o: Partial<RunLock> = {}): RunLock {
  return {
    runId: 'run-1',
    ownerId: 'owner-1',
    operation: 'commit',
    pid: 4242,
    host: 'host-a',
    startedAt: T0,
    leaseExpiresAt: at(10),
    ...o,
  };
}

/** Resolve after `ms` real milliseconds (to interleave concurrent operations). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
