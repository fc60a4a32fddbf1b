import type { CheckPhase, CheckStatus } from '../domain/checks.js';
import type { FileChange, Oid } from '../domain/git.js';
import type { GitPrPolicy } from '../policy/schema.js';
import type { ProcessPort } from '../ports/process.port.js';

/** What a check may look at. Everything is read-only. */
export interface CheckContext {
  phase: CheckPhase;
  policy: GitPrPolicy;
  /** The workspace directory (cwd of `test_commands`). */
  workspacePath: string;
  /** The change being promoted (commit) or proposed (pr), sorted by path. */
  changes: readonly FileChange[];
  /** Bytes of a blob of the change. */
  readBlob(oid: Oid): Promise<Uint8Array>;
  /** Problems that make the workspace unfit (unmerged paths, merge in progress). */
  workspaceProblems(): Promise<string[]>;
  /** The workspace's current tree, and the snapshot tree that was promoted (pr phase; null at commit). */
  workspaceTree(): Promise<Oid>;
  promotedTree: Oid | null;
  process: ProcessPort;
}

/** What one check found. */
export interface CheckOutcome {
  status: CheckStatus;
  summary: string;
  details?: Record<string, unknown>;
  /** For a failure: the last lines of the output that explain it (see `outputTail`). */
  outputTail?: string[];
}

/** A check plug-in: applies to `commit` and/or `pr`, and passes, fails or skips with a detail. */
export interface Check {
  name: string;
  appliesTo: readonly CheckPhase[];
  /** One line for `--help` and docs. */
  description: string;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}
