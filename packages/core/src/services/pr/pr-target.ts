import type { CheckRegistry } from '../../checks/registry.js';
import { runChecks } from '../../checks/registry.js';
import type { ChecksReport } from '../../domain/checks.js';
import { sha256Hex } from '../../domain/digest.js';
import { EMPTY_TREE_OID, type FileChange } from '../../domain/git.js';
import type { PullRequestRecord } from '../../domain/pull-request.js';
import type { Run, Target } from '../../domain/run.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { GitHubRepo } from '../../ports/github.port.js';
import type { Ports } from '../../ports/index.js';
import type { RemoteEndpoint, Workspace } from '../../ports/git.port.js';
import { gitCheckContext } from '../check-context.js';
import type { Actor } from '../credentials.js';
import type { Journal } from '../journal.js';
import type { TargetProgress } from '../commit/commit-result.js';
import { normalizeBody, prBody, prTitle } from './pr-text.js';
import type { TargetPrResult } from './pr-result.js';

/** Ports `pr` needs, plus the check registry. */
export type PrDeps = Pick<Ports, 'git' | 'github' | 'store' | 'clock' | 'ids' | 'process' | 'files'> & {
  checks: CheckRegistry;
};

/** Options of `metawsm pr`. */
export interface PrOptions {
  title?: string | undefined;
  draft?: boolean | undefined;
  actor?: string | undefined;
  dryRun: boolean;
  onProgress?: ((p: TargetProgress) => void) | undefined;
}

/** Everything one target's PR step shares. */
export interface PrContext {
  deps: PrDeps;
  run: Run;
  target: Target;
  policy: LoadedPolicy;
  options: PrOptions;
  journal: Journal;
  result: TargetPrResult;
  record: PullRequestRecord;
  ws: Workspace;
  endpoint: RemoteEndpoint;
  gh: GitHubRepo | null;
  actor: Actor;
}

/** Save the record with a patch (timestamps, actor and credential mode included). */
export async function saveRecord(c: PrContext, patch: Partial<PullRequestRecord>): Promise<void> {
  const at = new Date(c.deps.clock.nowMs()).toISOString();
  c.record = {
    ...c.record,
    actor: c.actor.name,
    actorSource: c.actor.source,
    credentialMode: c.policy.policy.git_pr.credential_mode,
    ...patch,
    updatedAt: at,
  };
  // --dry-run writes no rows: the record changes only in memory.
  if (!c.options.dryRun) await c.deps.store.putPullRequest(c.record);
}

/** The change the PR proposes: recorded base tip → PR commit. */
export async function prChanges(c: PrContext): Promise<FileChange[]> {
  const { git } = c.deps;
  const head = await git.readCommit(c.ws, c.record.commitSha as string);
  const baseTree = c.record.baseSha ? (await git.readCommit(c.ws, c.record.baseSha)).tree : EMPTY_TREE_OID;
  return git.diffTrees(c.ws, baseTree, head.tree);
}

/** The checks that apply to `pr` (forbidden files, clean tree, secrets, plug-ins). */
export async function runPrChecks(c: PrContext, changes: FileChange[]): Promise<ChecksReport> {
  const gp = c.policy.policy.git_pr;
  const promotedTree = c.record.snapshotSha
    ? (await c.deps.git.readCommit(c.ws, c.record.snapshotSha)).tree
    : null;
  return runChecks(c.deps, {
    registry: c.deps.checks,
    required: gp.required_checks,
    requireAll: gp.require_all,
    ctx: gitCheckContext(c.deps, c.ws, { phase: 'pr', policy: gp, changes, promotedTree }),
  });
}

/** Title and body metawsm writes for this target now. */
export function renderPr(
  c: PrContext,
  changes: FileChange[],
  prChecks: ChecksReport,
): { title: string; body: string; bodyDigest: string } {
  const multiRepo = new Set(c.run.targets.map((t) => t.repo)).size > 1;
  const title = prTitle({
    override: c.options.title,
    ticket: c.target.ticket,
    repo: c.target.repo,
    run: c.run,
    multiRepo,
  });
  const body = prBody({
    runId: c.run.id,
    runTitle: c.run.title,
    ticket: c.target.ticket,
    repo: c.target.repo,
    baseBranch: c.target.baseBranch,
    baseSha: c.record.baseSha,
    branch: c.record.branch,
    headSha: c.record.commitSha as string,
    signature: c.record.commitSignature,
    checks: [c.record.checks, prChecks],
    changes,
  });
  return { title, body, bodyDigest: sha256Hex(normalizeBody(body)) };
}
