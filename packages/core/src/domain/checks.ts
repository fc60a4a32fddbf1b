/** Where a check applies. */
export type CheckPhase = 'commit' | 'pr';

/** Outcome of one check. */
export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One check's result inside a {@link ChecksReport}. */
export interface CheckResult {
  name: string;
  status: CheckStatus;
  /** One line for humans. */
  summary: string;
  /** Structured detail (offending files, command output truncated, ...). */
  details?: Record<string, unknown>;
  /** For a failure: the last lines of the output that explain it, printed under the check. */
  outputTail?: string[];
  durationMs: number;
}

/** All checks of one operation. Stored on the pull-request record whether it passed or not. */
export interface ChecksReport {
  phase: CheckPhase;
  passed: boolean;
  requireAll: boolean;
  results: CheckResult[];
  /** ISO time the report was produced. */
  at: string;
}
