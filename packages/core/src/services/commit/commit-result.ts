import type { ChecksReport } from '../../domain/checks.js';
import type { ChangeStatus, Conflict, GitEngineName, Oid } from '../../domain/git.js';
import type { SigningFormat } from '../../domain/signing.js';
import type { MetawsmErrorJson } from '../../errors/metawsm-error.js';
import type { ExitCode } from '../../errors/codes.js';

/** What `commit` did (or, with --dry-run, would do) for one target. */
export type CommitOutcome =
  'committed' | 'unchanged' | 'no_changes' | 'conflict' | 'foreign_commits' | 'checks_failed' | 'error';

/** How the new commit relates to the PR branch (docs/promotion.md, the next commit's parents). */
export type UpdateKind = 'new' | 'append' | 'rebase' | 'merge';

/** A commit someone else pushed to the PR branch. */
export interface ForeignCommit {
  sha: Oid;
  subject: string;
  author: string;
}

/** The `--json` entry of one target. */
export interface TargetCommitResult {
  ticket: string;
  repo: string;
  path: string;
  /** The git engine that promoted this target (null when it failed before one was chosen). */
  engine: GitEngineName | null;
  branch: string | null;
  outcome: CommitOutcome;
  dryRun: boolean;
  /** e.g. `origin/main`. */
  baseRef: string;
  baseSha: Oid | null;
  snapshotRef: string | null;
  snapshotSha: Oid | null;
  commitSha: Oid | null;
  parents: Oid[];
  updateKind: UpdateKind | null;
  /** The PR branch's commit is signed (SPEC 4.1a); with --dry-run, whether it would be. */
  signed: boolean;
  /** The signature's format when signed (`unknown`: signed in a format git does not name). */
  signingFormat: SigningFormat | 'unknown' | null;
  files: { path: string; status: ChangeStatus }[];
  conflicts: Conflict[];
  foreignCommits: ForeignCommit[];
  checks: ChecksReport | null;
  switched: boolean;
  warnings: string[];
  error: MetawsmErrorJson | null;
  exitCode: ExitCode;
}

/** The `--json` result of `metawsm commit`. */
export interface CommitResult {
  runId: string;
  dryRun: boolean;
  policyDigest: string;
  targets: TargetCommitResult[];
  warnings: string[];
  /** Highest exit code of any target. */
  exitCode: ExitCode;
}

/** Progress of one target, for a TTY display. */
export interface TargetProgress {
  ticket: string;
  repo: string;
  stage: 'start' | 'fetch' | 'snapshot' | 'merge' | 'checks' | 'write' | 'push' | 'pr' | 'done';
  outcome?: string;
}
