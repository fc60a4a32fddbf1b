import type { CheckRegistry } from '../../checks/registry.js';
import { runChecks } from '../../checks/registry.js';
import type { ChecksReport } from '../../domain/checks.js';
import { EMPTY_TREE_OID, type FileChange, type Oid } from '../../domain/git.js';
import { renderBranchName, snapshotRefName } from '../../domain/refs.js';
import type { Run, Target } from '../../domain/run.js';
import { MetawsmError } from '../../errors/metawsm-error.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { Ports } from '../../ports/index.js';
import type { RemoteEndpoint, Workspace } from '../../ports/git.port.js';
import { gitCheckContext } from '../check-context.js';
import { resolveToken } from '../credentials.js';
import type { Journal } from '../journal.js';
import { endpointFor, locateRemote } from '../remote.js';
import type { TargetCommitResult, TargetProgress } from './commit-result.js';
import { commitIdentity, signatureNow } from './signature.js';
import { recordCommitOutcome } from './record-outcome.js';
import { refuseUnresolved } from './workspace-guard.js';
import { writePromotion } from './write-promotion.js';

/** Ports the promotion needs, plus the check registry. */
export type CommitDeps = Pick<Ports, 'git' | 'store' | 'clock' | 'ids' | 'process'> & {
  checks: CheckRegistry;
};

/** Options of one promotion. */
export interface PromoteOptions {
  message?: string | undefined;
  actor?: string | undefined;
  dryRun: boolean;
  force: boolean;
  switch: boolean;
  onProgress?: ((p: TargetProgress) => void) | undefined;
}

/** Everything one target's promotion shares between its steps. */
export interface Promotion {
  deps: CommitDeps;
  run: Run;
  target: Target;
  policy: LoadedPolicy;
  options: PromoteOptions;
  journal: Journal;
  result: TargetCommitResult;
  ws: Workspace;
  branch: string;
  endpoint: RemoteEndpoint;
  /** Unfinished operations and unmerged paths found in the workspace when it was opened. */
  unresolved: string[];
}

/** The state of the workspace and base after fetch + snapshot + merge. */
export interface Promotable {
  baseTip: Oid;
  remoteTip: Oid | null;
  snapshot: { commit: Oid; tree: Oid; head: Oid | null };
  changes: FileChange[];
  tree: Oid;
  checks: ChecksReport;
}

function progress(p: Promotion, stage: TargetProgress['stage']): void {
  p.options.onProgress?.({ ticket: p.target.ticket, repo: p.target.repo, stage });
}

/** Open the workspace and resolve names, remote and credentials. */
export async function preparePromotion(
  deps: CommitDeps,
  input: Omit<Promotion, 'ws' | 'branch' | 'endpoint' | 'unresolved'>,
): Promise<Promotion> {
  const { target, run, policy } = input;
  input.result.engine = (await deps.git.engine()).name;
  const ws = await deps.git.openWorkspace(target.path);
  input.result.warnings.push(...(ws.warnings ?? []));
  const branch = renderBranchName(policy.policy.git_pr.branch_template, {
    ticket: target.ticket,
    repo: target.repo,
    run: run.id,
  });
  input.result.branch = branch;
  input.result.snapshotRef = snapshotRefName({ ticket: target.ticket, repo: target.repo, run: run.id });
  // Both only read the workspace (its config, its index): side by side; a remote error comes first.
  const [located, problems] = await Promise.allSettled([
    locateRemote(deps, ws, target),
    deps.git.workspaceProblems(ws),
  ]);
  if (located.status === 'rejected') throw located.reason;
  if (problems.status === 'rejected') throw problems.reason;
  const location = located.value;
  // Fetching public repositories works without a token; private ones need it, so use it if present.
  const token = await resolveToken(deps, {
    mode: policy.policy.git_pr.credential_mode,
    host: location.host,
    cwd: ws.path,
  });
  return { ...input, ws, branch, endpoint: endpointFor(location, token), unresolved: problems.value };
}

async function fetchTips(p: Promotion): Promise<{ baseTip: Oid; remoteTip: Oid | null }> {
  progress(p, 'fetch');
  const base = p.target.baseBranch;
  const tips = await p.journal.step('commit.fetch', p.target, { branches: [base, p.branch] }, () =>
    p.deps.git.fetch(p.ws, { remote: p.target.remote, endpoint: p.endpoint, branches: [base, p.branch] }),
  );
  const baseTip = tips[base] ?? null;
  if (baseTip === null) {
    throw new MetawsmError(
      'BASE_NOT_FOUND',
      `base branch "${base}" does not exist on ${p.target.remote} (${p.endpoint.url})`,
      {
        hint: `Push it first, or recreate the run with --base <existing branch>.`,
        data: { base, remote: p.target.remote },
      },
    );
  }
  p.result.baseSha = baseTip;
  return { baseTip, remoteTip: tips[p.branch] ?? null };
}

async function takeSnapshot(p: Promotion): Promise<Promotable['snapshot']> {
  progress(p, 'snapshot');
  const identity = await commitIdentity(p.deps.git, p.ws, p.policy.policy.git_pr);
  const sig = signatureNow(p.deps.clock, identity);
  const ref = p.options.dryRun ? null : p.result.snapshotRef;
  const message = `metawsm snapshot of ${p.target.ticket}/${p.target.repo}\n\nMetawsm-Run: ${p.run.id}\nMetawsm-Ticket: ${p.target.ticket}\n`;
  const snap = await p.journal.step(
    'commit.snapshot',
    p.target,
    { ref },
    () => p.deps.git.snapshot(p.ws, { ref, message, author: sig, committer: sig }),
    (s) => ({ snapshot: s.commit }),
  );
  p.result.snapshotSha = snap.commit;
  return snap;
}

async function treeOf(p: Promotion, commit: Oid | null): Promise<Oid> {
  return commit === null ? EMPTY_TREE_OID : (await p.deps.git.readCommit(p.ws, commit)).tree;
}

/** diff(M → S), M = merge-base(HEAD, base tip): the agent's commits plus everything uncommitted. */
async function changeOf(p: Promotion, snapshot: Promotable['snapshot'], baseTip: Oid): Promise<FileChange[]> {
  const mergeBase = snapshot.head === null ? null : await p.deps.git.mergeBase(p.ws, snapshot.head, baseTip);
  return p.deps.git.diffTrees(p.ws, await treeOf(p, mergeBase), snapshot.tree);
}

async function runCommitChecks(p: Promotion, changes: FileChange[]): Promise<ChecksReport> {
  progress(p, 'checks');
  const gp = p.policy.policy.git_pr;
  return runChecks(p.deps, {
    registry: p.deps.checks,
    required: gp.required_checks,
    requireAll: gp.require_all,
    ctx: gitCheckContext(p.deps, p.ws, { phase: 'commit', policy: gp, changes, promotedTree: null }),
  });
}

/**
 * Promotion steps 1–5 (docs/promotion.md) for one target: fetch, snapshot, change = diff(merge-base → snapshot),
 * tree = merge(merge-base, base tip, snapshot), checks. Returns null when the result is already final
 * (unresolved workspace, no changes, conflict) with `p.result` filled in.
 */
export async function computePromotion(p: Promotion): Promise<Promotable | null> {
  if (refuseUnresolved(p)) return null;
  // Fetch (network) and snapshot (disk) are independent: overlap them, but let both settle so a
  // failing fetch never abandons a snapshot ref write half-way when the process exits.
  const [fetched, snapped] = await Promise.allSettled([fetchTips(p), takeSnapshot(p)]);
  if (fetched.status === 'rejected') throw fetched.reason;
  if (snapped.status === 'rejected') throw snapped.reason;
  const { baseTip, remoteTip } = fetched.value;
  const snapshot = snapped.value;
  // The change (diff from the merge base) and the merge are independent: run them side by side,
  // settling both before acting (a merge of an unchanged workspace is simply discarded).
  progress(p, 'merge');
  const [changed, mergedOrError] = await Promise.allSettled([
    changeOf(p, snapshot, baseTip),
    // A commit-level merge lets the engine find the merge base itself, as git does (criss-cross
    // histories, renames); the snapshot's parent is the workspace HEAD, so M is the same base.
    p.deps.git.mergeCommits(p.ws, { ours: baseTip, theirs: snapshot.commit }),
  ]);
  if (changed.status === 'rejected') throw changed.reason;
  if (mergedOrError.status === 'rejected') throw mergedOrError.reason;
  const changes = changed.value;
  const merged = mergedOrError.value;
  p.result.files = changes.map((c) => ({ path: c.path, status: c.status }));
  if (changes.length === 0) {
    p.result.outcome = 'no_changes';
    return null;
  }
  if (!merged.clean) {
    p.result.outcome = 'conflict';
    p.result.conflicts = merged.conflicts;
    p.result.exitCode = 3;
    return null;
  }
  const checks = await runCommitChecks(p, changes);
  p.result.checks = checks;
  if (!checks.passed) {
    p.result.outcome = 'checks_failed';
    p.result.exitCode = 6;
    return { baseTip, remoteTip, snapshot, changes, tree: merged.tree, checks };
  }
  return { baseTip, remoteTip, snapshot, changes, tree: merged.tree, checks };
}

/** Promote one target end to end (docs/promotion.md, steps 1–7), leaving its outcome on the record. */
export async function promoteTarget(p: Promotion): Promise<void> {
  const state = await computePromotion(p);
  if (state !== null && state.checks.passed) {
    progress(p, 'write');
    await writePromotion(p, state);
  }
  await recordCommitOutcome(p);
}
