import type { CheckContext } from '../checks/check.js';
import type { CheckPhase } from '../domain/checks.js';
import type { FileChange, Oid } from '../domain/git.js';
import type { GitPrPolicy } from '../policy/schema.js';
import type { GitPort, Workspace } from '../ports/git.port.js';
import type { ProcessPort } from '../ports/process.port.js';

/** The read-only view checks get of a workspace and its change, backed by the git port. */
export function gitCheckContext(
  deps: { git: GitPort; process: ProcessPort },
  ws: Workspace,
  input: { phase: CheckPhase; policy: GitPrPolicy; changes: readonly FileChange[]; promotedTree: Oid | null },
): CheckContext {
  return {
    ...input,
    workspacePath: ws.path,
    readBlob: (oid) => deps.git.readBlob(ws, oid),
    workspaceProblems: () => deps.git.workspaceProblems(ws),
    workspaceTree: () => deps.git.workspaceTree(ws),
    process: deps.process,
  };
}
