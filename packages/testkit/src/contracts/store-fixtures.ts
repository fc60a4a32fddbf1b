import type {
  NewEvent,
  PullRequestRecord,
  ReviewFeedbackItem,
  Run,
  RunLock,
  StorePort,
  Target,
} from '@metawsm/core';
import {
  aFeedbackItem,
  aLock,
  anEvent,
  aPullRequestRecord,
  aRun,
  aTarget,
  BUILDER_TIME,
} from '@metawsm/core/testing';

/*
 * The store contract's fixtures: @metawsm/core/testing's builders with the few defaults the
 * contract relies on (paths under /w, a record with nothing committed yet).
 */

/** Fixed timestamp used by the fixtures. */
export const T0 = BUILDER_TIME;

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
  return aTarget({ path: `/w/${o.ticket ?? 'T-1'}/${o.repo ?? 'app'}`, ...o });
}

/** A completed run `run-1` with one target per ticket, with overrides. */
export function run(o: Partial<Run> = {}): Run {
  const tickets = o.tickets ?? ['T-1'];
  return aRun({ targets: tickets.map((ticket) => target({ ticket })), ...o });
}

/** A pull-request record of run-1 / T-1 / app with every optional field null, with overrides. */
export function prRecord(o: Partial<PullRequestRecord> = {}): PullRequestRecord {
  return aPullRequestRecord({
    branch: 't-1/app/run-1',
    baseSha: null,
    snapshotSha: null,
    commitSha: null,
    committedAt: null,
    ...o,
  });
}

/** A pending review comment 1001 on run-1 / T-1 / app, with overrides. */
export function feedback(o: Partial<ReviewFeedbackItem> = {}): ReviewFeedbackItem {
  return aFeedbackItem({ body: 'Rename this.', bodyDigest: 'd1', path: 'src/a.ts', line: 3, ...o });
}

/** An intent event of run-1 / T-1 / app, with overrides. */
export function event(o: Partial<NewEvent> = {}): NewEvent {
  return anEvent(o);
}

/** A commit lock on run-1 held by owner-1, with overrides. */
export function lock(o: Partial<RunLock> = {}): RunLock {
  return aLock({ leaseExpiresAt: at(10), ...o });
}

/** Resolve after `ms` real milliseconds (to interleave concurrent operations). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
