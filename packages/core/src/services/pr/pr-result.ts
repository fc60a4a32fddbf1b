import type { ChecksReport } from '../../domain/checks.js';
import type { Oid } from '../../domain/git.js';
import type { ActorSource, PullRequestState } from '../../domain/pull-request.js';
import type { ExitCode } from '../../errors/codes.js';
import type { MetawsmErrorJson } from '../../errors/metawsm-error.js';

/** What `pr` did (or would do) for one target. */
export type PrOutcome =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'adopted'
  | 'planned'
  | 'closed'
  | 'skipped'
  | 'checks_failed'
  /** The target's last `commit` failed (checks, conflict, foreign commits): nothing is pushed. */
  | 'commit_failed'
  | 'error';

/** The `--json` entry of one target. */
export interface TargetPrResult {
  ticket: string;
  repo: string;
  branch: string | null;
  outcome: PrOutcome;
  dryRun: boolean;
  /** Remote actions taken (or planned with --dry-run): `push`, `create`, `update`, `labels`, `reviewers`, `reply` (one per addressed thread). */
  actions: string[];
  number: number | null;
  url: string | null;
  state: PullRequestState | null;
  commitSha: Oid | null;
  pushedSha: Oid | null;
  packBytes: number | null;
  actor: string | null;
  actorSource: ActorSource | null;
  checks: ChecksReport | null;
  warnings: string[];
  error: MetawsmErrorJson | null;
  exitCode: ExitCode;
}

/** The `--json` result of `metawsm pr`. */
export interface PrResult {
  runId: string;
  dryRun: boolean;
  policyDigest: string;
  targets: TargetPrResult[];
  warnings: string[];
  exitCode: ExitCode;
}
