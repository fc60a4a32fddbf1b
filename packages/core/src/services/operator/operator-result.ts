import type { Intent, PlannedAction } from '../../domain/operator-intents.js';
import type { RunStatus } from '../../domain/run.js';
import type { ExitCode } from '../../errors/codes.js';
import type { MetawsmErrorJson } from '../../errors/metawsm-error.js';

/** What happened to the action `auto` chose for a run this tick. */
export interface ExecutedAction {
  kind: PlannedAction['kind'];
  command: string;
  /** `done` (see exitCode), `failed` (threw), or `skipped_locked` (another command holds the run lock). */
  outcome: 'done' | 'failed' | 'skipped_locked';
  exitCode: ExitCode;
  error: MetawsmErrorJson | null;
}

/** One run in one tick. */
export interface OperatorRunReport {
  runId: string;
  status: RunStatus;
  intents: Intent[];
  /** Every ready action with its exact command and whether `auto` executes it. */
  actions: PlannedAction[];
  executed: ExecutedAction | null;
  /** Targets whose workspace could not be read this tick. */
  problems: { ticket: string; repo: string; problem: string }[];
}

/** One operator tick (one JSON line with `--json`). */
export interface OperatorTickReport {
  tick: number;
  at: string;
  dryRun: boolean;
  runs: OperatorRunReport[];
  /** Highest exit code of the actions run this tick (a skipped run is not a failure). */
  exitCode: ExitCode;
}
