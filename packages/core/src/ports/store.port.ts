import type { MetawsmEvent, NewEvent } from '../domain/event.js';
import type { FeedbackSourceType, FeedbackStatus, ReviewFeedbackItem } from '../domain/feedback.js';
import type { LockAttempt, RunLock } from '../domain/lock.js';
import type { PullRequestRecord } from '../domain/pull-request.js';
import type { Run, RunStatus, TargetKey } from '../domain/run.js';
import type { HttpCachePort } from './http-cache.port.js';

/** Fields of a run that change after creation. */
export type RunPatch = Partial<Pick<Run, 'status' | 'title' | 'updatedAt' | 'completedAt' | 'closedAt'>>;

/** Key of one feedback item. */
export interface FeedbackKey extends TargetKey {
  sourceType: FeedbackSourceType;
  githubId: number;
}

/** The rows of several runs at once ({@link StorePort.listRunDetails}). */
export interface RunDetails {
  /** Pull-request records; one run's records in the order of `listPullRequests`. */
  records: PullRequestRecord[];
  /** Review feedback items; one run's items in the order of `listFeedback`. */
  feedback: ReviewFeedbackItem[];
  /** Lock holders of those runs that are locked. */
  locks: RunLock[];
}

/**
 * Durable state: runs, pull-request records, review feedback, the event journal, run locks and
 * the conditional-request cache ({@link HttpCachePort}). Implementations retry briefly on
 * contention and fail with STORE_BUSY past their bound.
 */
export interface StorePort extends HttpCachePort {
  /** Insert a new run with its targets; RUN_EXISTS if the id is taken. */
  createRun(run: Run): Promise<void>;
  /** One run with its targets, or null. */
  getRun(id: string): Promise<Run | null>;
  /** Runs, newest first (createdAt, then id, descending), optionally filtered. */
  listRuns(filter?: { status?: RunStatus; ticket?: string }): Promise<Run[]>;
  /** Change a run's mutable fields; RUN_NOT_FOUND if absent. Returns the updated run. */
  updateRun(id: string, patch: RunPatch): Promise<Run>;
  /** The record of one target, or null. */
  getPullRequest(key: TargetKey): Promise<PullRequestRecord | null>;
  /** All records of a run, ordered by ticket then repo. */
  listPullRequests(runId: string): Promise<PullRequestRecord[]>;
  /** Insert or replace the record of a target. */
  putPullRequest(record: PullRequestRecord): Promise<void>;
  /** One feedback item, or null. */
  getFeedback(key: FeedbackKey): Promise<ReviewFeedbackItem | null>;
  /** Feedback items of a run, optionally narrowed, ordered by ticket, repo, source type, GitHub id. */
  listFeedback(filter: {
    runId: string;
    ticket?: string;
    repo?: string;
    status?: FeedbackStatus[];
  }): Promise<ReviewFeedbackItem[]>;
  /** Insert or replace feedback items, all or none. */
  putFeedback(items: ReviewFeedbackItem[]): Promise<void>;
  /** Append a journal row; returns its id. */
  appendEvent(event: NewEvent): Promise<number>;
  /** Journal rows in id order, optionally narrowed. */
  listEvents(filter?: {
    runId?: string;
    type?: string;
    operationId?: string;
    limit?: number;
  }): Promise<MetawsmEvent[]>;
  /**
   * Take the lock of `candidate.runId` atomically: granted when free, or when the current holder
   * satisfies `canTakeOver` (dead or past its lease); otherwise returns the holder.
   */
  acquireRunLock(candidate: RunLock, canTakeOver: (holder: RunLock) => boolean): Promise<LockAttempt>;
  /** Extend a held lock's lease; false when `ownerId` no longer holds it. */
  renewRunLock(runId: string, ownerId: string, leaseExpiresAt: string): Promise<boolean>;
  /** Release a lock if `ownerId` still holds it. */
  releaseRunLock(runId: string, ownerId: string): Promise<void>;
  /** The current holder of a run's lock, or null. */
  getRunLock(runId: string): Promise<RunLock | null>;
  /** Records, feedback items and lock holders of many runs in a few queries (overviews such as `status`). */
  listRunDetails(runIds: readonly string[]): Promise<RunDetails>;
  /** Run `fn` in one transaction: every write inside commits together or not at all. */
  transaction<T>(fn: (tx: StorePort) => Promise<T>): Promise<T>;
  /** Release the connection. */
  close(): Promise<void>;
}
