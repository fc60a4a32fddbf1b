import type { Run, Target } from '../../domain/run.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { GitHubConnection, GitHubUser } from '../../ports/github.port.js';
import { assertPolicyAllows } from '../commit/commit-run.js';
import { forEachTarget } from '../per-target.js';
import { authMissing, resolveActor, resolveToken } from '../credentials.js';
import { Journal } from '../journal.js';
import { endpointFor, locateRemote } from '../remote.js';
import { withRunLock } from '../run-lock.js';
import { assertRunReady, selectTargets, type SelectionInput } from '../select.js';
import { ensurePullRequest, findExistingPr, stopIfClosed } from './pr-github.js';
import { markAddressed, postOwedReplies } from './pr-feedback.js';
import { stopIfCommitFailed } from './commit-failure.js';
import { pushCommit } from './pr-push.js';
import type { PrResult, TargetPrResult } from './pr-result.js';
import {
  prChanges,
  renderPr,
  runPrChecks,
  saveRecord,
  type PrContext,
  type PrDeps,
  type PrOptions,
} from './pr-target.js';

/** Input of {@link prRun}. */
export interface PrInput extends PrOptions {
  selection: SelectionInput;
  allowRunning: boolean;
  concurrency?: number | undefined;
}

function blank(target: Target, dryRun: boolean): TargetPrResult {
  return {
    ticket: target.ticket,
    repo: target.repo,
    branch: null,
    outcome: 'error',
    dryRun,
    actions: [],
    number: null,
    url: null,
    state: null,
    commitSha: null,
    pushedSha: null,
    packBytes: null,
    actor: null,
    actorSource: null,
    checks: null,
    warnings: [],
    error: null,
    exitCode: 0,
  };
}

type Shared = {
  deps: PrDeps;
  run: Run;
  policy: LoadedPolicy;
  options: PrInput;
  journal: Journal;
  users: Map<string, Promise<GitHubUser>>;
};

function currentUser(s: Shared, conn: GitHubConnection): Promise<GitHubUser> {
  const key = conn.apiUrl;
  let p = s.users.get(key);
  if (!p) {
    p = s.deps.github.currentUser(conn);
    s.users.set(key, p);
  }
  return p;
}

async function prTarget(s: Shared, target: Target, result: TargetPrResult): Promise<void> {
  const { deps, run, policy, options } = s;
  const record = await deps.store.getPullRequest({ runId: run.id, ticket: target.ticket, repo: target.repo });
  if (stopIfCommitFailed(run.id, record, result)) return;
  if (!record?.commitSha) {
    result.outcome = 'skipped';
    result.warnings.push('nothing committed for this target yet: run `metawsm commit` first');
    return;
  }
  Object.assign(result, {
    branch: record.branch,
    commitSha: record.commitSha,
    pushedSha: record.lastPushedSha,
    number: record.prNumber,
    url: record.prUrl,
    state: record.prState,
  });
  const ws = await deps.git.openWorkspace(target.path);
  const location = await locateRemote(deps, ws, target);
  const token = await resolveToken(deps, {
    mode: policy.policy.git_pr.credential_mode,
    host: location.host,
    cwd: ws.path,
  });
  if (!token) throw authMissing(policy.policy.git_pr.credential_mode, location.host);
  const gh = { apiUrl: location.apiUrl, token: token.token, owner: location.owner, repo: location.repo };
  const user = await currentUser(s, gh);
  const actor = resolveActor({
    flag: options.actor,
    githubLogin: user.login,
    gitIdentity: await deps.git.identity(ws),
  });
  Object.assign(result, { actor: actor.name, actorSource: actor.source });
  const c: PrContext = {
    deps,
    run,
    target,
    policy,
    options,
    journal: s.journal,
    result,
    record,
    ws,
    endpoint: endpointFor(location, token),
    gh,
    actor,
  };
  const changes = await prChanges(c);
  const checks = await runPrChecks(c, changes);
  result.checks = checks;
  if (!checks.passed) {
    const failed = checks.results.filter((r) => r.status === 'failed').map((r) => r.name);
    await saveRecord(c, {
      checks,
      lastError: {
        code: 'CHECKS_FAILED',
        message: `required checks failed: ${failed.join(', ')}`,
        at: checks.at,
      },
    });
    Object.assign(result, { outcome: 'checks_failed', exitCode: 6 });
    return;
  }
  const existing = await findExistingPr(c, gh);
  if (await stopIfClosed(c, existing)) return;
  const needsPush = record.commitSha !== record.lastPushedSha;
  if (needsPush) await pushCommit(c);
  // Also after a resumed run whose push landed before a crash: marking is idempotent.
  if (!options.dryRun && c.record.lastPushedSha === c.record.commitSha) await markAddressed(c);
  options.onProgress?.({ ticket: target.ticket, repo: target.repo, stage: 'pr' });
  await ensurePullRequest(c, gh, renderPr(c, changes, checks), needsPush, existing);
  await postOwedReplies(c);
}

async function recordFailure(s: Shared, target: Target, code: string, message: string): Promise<void> {
  if (s.options.dryRun) return;
  const key = { runId: s.run.id, ticket: target.ticket, repo: target.repo };
  const existing = await s.deps.store.getPullRequest(key).catch(() => null);
  if (!existing) return;
  const at = new Date(s.deps.clock.nowMs()).toISOString();
  await s.deps.store
    .putPullRequest({ ...existing, lastError: { code, message, at }, updatedAt: at })
    .catch(() => undefined);
}

/**
 * `metawsm pr`: for every selected target with a commit, push it (lease on the remote
 * tip) and create, adopt or update its pull request. Resumable after any failure.
 */
export async function prRun(deps: PrDeps, policy: LoadedPolicy, input: PrInput): Promise<PrResult> {
  const { run, targets } = await selectTargets(deps.store, input.selection);
  const warnings = assertRunReady(run, input.allowRunning);
  assertPolicyAllows(
    policy,
    'pr',
    targets.map((t) => t.repo),
  );
  const journal = new Journal(deps, {
    runId: run.id,
    operationId: deps.ids.randomHex(),
    actor: input.actor ?? null,
  });
  const shared: Shared = { deps, run, policy, options: input, journal, users: new Map() };
  const work = () =>
    forEachTarget(targets, {
      concurrency: input.concurrency ?? 8,
      onProgress: input.onProgress,
      blank: (target) => blank(target, input.dryRun),
      work: (target, result) => prTarget(shared, target, result),
      onError: (target, err) => recordFailure(shared, target, err.code, err.message),
    });
  const { results, exitCode } = input.dryRun
    ? await work()
    : await withRunLock(deps, { runId: run.id, operation: 'pr' }, work);
  return {
    runId: run.id,
    dryRun: input.dryRun,
    policyDigest: policy.digest,
    targets: results,
    warnings,
    exitCode,
  };
}
