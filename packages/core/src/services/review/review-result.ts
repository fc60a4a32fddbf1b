import type { FeedbackSourceType, FeedbackStatus } from '../../domain/feedback.js';
import type { PullRequestState } from '../../domain/pull-request.js';
import type { FilterCounts } from '../../domain/review/trust.js';
import type { ExitCode } from '../../errors/codes.js';
import type { MetawsmErrorJson } from '../../errors/metawsm-error.js';

/** What `review sync` did for one target. */
export type SyncOutcome = 'synced' | 'closed' | 'no_pr' | 'error';

/** Item counts of one target's sync. */
export interface SyncCounts {
  /** Items created now. */
  new: number;
  /** Items re-opened as pending (edited body or new reply, unresolved thread). */
  reopened: number;
  /** Items whose content or flags changed without a status change. */
  updated: number;
  /** New items left for the next sync by `max_items_per_sync`. */
  deferred: number;
  /** Items that became ignored (resolved thread, closed PR, superseded check). */
  ignored: number;
  /** Check items addressed because the check passes on a newer head sha. */
  addressed: number;
  /** Resolved threads never ingested. */
  resolvedSkipped: number;
}

/** The dispatch of one target's pending items. */
export interface TargetDispatchResult {
  dispatchId: string;
  /** Item ids dispatched now. */
  items: string[];
  markdownFile: string;
  jsonFile: string;
  /** `dispatch_command`, when configured: exit code and the tail of its output. */
  command: {
    argv: string[];
    exitCode: number | null;
    signal: string | null;
    timedOut: boolean;
    outputTail: string;
    ok: boolean;
  } | null;
}

/** The `--json` entry of one target. */
export interface TargetSyncResult {
  ticket: string;
  repo: string;
  outcome: SyncOutcome;
  prNumber: number | null;
  prState: PullRequestState | null;
  headSha: string | null;
  /** `ok`, `unavailable` (REST only, threads treated as unresolved) or null when not asked. */
  graphql: 'ok' | 'unavailable' | null;
  counts: SyncCounts;
  /** Comments left out by the trust filter, by reason. */
  filtered: FilterCounts;
  /** Ids of the deferred items. */
  deferred: string[];
  dispatch: TargetDispatchResult | null;
  warnings: string[];
  error: MetawsmErrorJson | null;
  exitCode: ExitCode;
}

/** The `--json` result of `metawsm review sync`. */
export interface ReviewSyncResult {
  runId: string;
  dispatch: boolean;
  policyDigest: string;
  /** The run's status afterwards (a dispatch moves a completed run back to `running`). */
  runStatus: string;
  targets: TargetSyncResult[];
  warnings: string[];
  exitCode: ExitCode;
}

/** One item in `review list`. */
export interface FeedbackListEntry {
  id: string;
  ticket: string;
  repo: string;
  sourceType: FeedbackSourceType;
  prNumber: number;
  author: string;
  association: string;
  status: FeedbackStatus;
  ignoreReason: string | null;
  dispatchId: string | null;
  path: string | null;
  line: number | null;
  outdated: boolean;
  url: string | null;
  replies: number;
  firstLine: string;
}
