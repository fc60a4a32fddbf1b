import { buildCommitMessage } from '../../domain/commit-message.js';
import { EMPTY_TREE_OID, type Oid, type Signature } from '../../domain/git.js';
import type { CommitSigning, SigningFormat } from '../../domain/signing.js';
import { emptyPullRequestRecord, type PullRequestRecord } from '../../domain/pull-request.js';
import { planUpdate, type UpdatePlan } from '../../domain/update-plan.js';
import type { Promotable, Promotion } from './promote-target.js';
import { promotionSigning } from './commit-signing.js';
import { commitIdentity, signatureNow } from './signature.js';

const MAX_FOREIGN_LISTED = 20;

async function foreignCommits(p: Promotion, remoteTip: Oid, exclude: Oid[]): Promise<void> {
  const commits = await p.deps.git.listCommits(p.ws, { tip: remoteTip, exclude, limit: MAX_FOREIGN_LISTED });
  p.result.outcome = 'foreign_commits';
  p.result.exitCode = 3;
  p.result.foreignCommits = commits.map((c) => ({
    sha: c.oid,
    subject: c.message.split('\n', 1)[0] ?? '',
    author: `${c.author.name} <${c.author.email}>`,
  }));
}

/** Parents and tree of the next commit; for `merge`, writes the merge of base into the branch first. */
async function buildCommits(
  p: Promotion,
  plan: Exclude<UpdatePlan, { kind: 'foreign' }>,
  state: Promotable,
  sig: Signature,
  sign: CommitSigning | null,
): Promise<Oid> {
  const { git } = p.deps;
  const message = buildCommitMessage({
    runId: p.run.id,
    runTitle: p.run.title,
    ticket: p.target.ticket,
    repo: p.target.repo,
    changes: state.changes,
    override: p.options.message,
  });
  if (plan.kind !== 'merge')
    return git.writeCommit(p.ws, {
      tree: state.tree,
      parents: plan.parents,
      message,
      author: sig,
      committer: sig,
      sign,
    });
  const base = await git.mergeBase(p.ws, plan.branchTip, plan.baseTip);
  const treeOf = async (c: Oid) => (await git.readCommit(p.ws, c)).tree;
  const merged = await git.mergeTrees(p.ws, {
    base: base === null ? state.tree : await treeOf(base),
    ours: await treeOf(plan.branchTip),
    theirs: await treeOf(plan.baseTip),
  });
  // When merging the base alone conflicts (or already yields the result), one merge commit carries the change.
  if (!merged.clean || merged.tree === state.tree) {
    return git.writeCommit(p.ws, {
      tree: state.tree,
      parents: [plan.branchTip, plan.baseTip],
      message,
      author: sig,
      committer: sig,
      sign,
    });
  }
  const mergeMessage = `Merge ${p.target.remote}/${p.target.baseBranch} into ${p.branch}\n`;
  const mergeCommit = await git.writeCommit(p.ws, {
    tree: merged.tree,
    parents: [plan.branchTip, plan.baseTip],
    message: mergeMessage,
    author: sig,
    committer: sig,
    sign,
  });
  return git.writeCommit(p.ws, {
    tree: state.tree,
    parents: [mergeCommit],
    message,
    author: sig,
    committer: sig,
    sign,
  });
}

/**
 * With --force over foreign commits, the new tree must not silently revert them: replay their
 * delta (our last known commit → remote tip) onto the promoted tree. Null when that conflicts.
 */
async function keepForeignChanges(
  p: Promotion,
  state: Promotable,
  remoteTip: Oid,
  ownLast: Oid | null,
): Promise<Oid | null> {
  const { git } = p.deps;
  const from = ownLast ?? (await git.mergeBase(p.ws, remoteTip, state.baseTip));
  const treeOf = async (c: Oid) => (await git.readCommit(p.ws, c)).tree;
  const merged = await git.mergeTrees(p.ws, {
    base: from === null ? EMPTY_TREE_OID : await treeOf(from),
    ours: state.tree,
    theirs: await treeOf(remoteTip),
  });
  if (merged.clean) return merged.tree;
  p.result.outcome = 'conflict';
  p.result.conflicts = merged.conflicts;
  p.result.exitCode = 3;
  p.result.warnings.push('the foreign commits on the PR branch conflict with the promoted change');
  return null;
}

/** True when the branch's current tip (remote, or our unpushed local commit) already has the tree. */
async function alreadyHasTree(p: Promotion, candidates: (Oid | null)[], tree: Oid): Promise<Oid | null> {
  for (const c of candidates) {
    if (c !== null && (await p.deps.git.readCommit(p.ws, c)).tree === tree) return c;
  }
  return null;
}

async function record(
  p: Promotion,
  state: Promotable,
  commitSha: Oid,
  lease: Oid | null,
  existing: PullRequestRecord | null,
): Promise<void> {
  const at = new Date(p.deps.clock.nowMs()).toISOString();
  const key = { runId: p.run.id, ticket: p.target.ticket, repo: p.target.repo };
  await p.deps.store.putPullRequest({
    ...(existing ?? emptyPullRequestRecord(key, p.branch, at)),
    branch: p.branch,
    baseRef: `${p.target.remote}/${p.target.baseBranch}`,
    baseSha: state.baseTip,
    snapshotSha: state.snapshot.commit,
    commitSha,
    leaseSha: lease,
    checks: state.checks,
    lastError: null,
    commitSignature: p.result.signingFormat,
    policyDigest: p.policy.digest,
    committedAt: at,
    updatedAt: at,
  });
}

/** Promotion steps 6–7 (docs/promotion.md; parents, `--switch`): decide parents, write the commit, move the local branch, record, switch. */
export async function writePromotion(p: Promotion, promotable: Promotable): Promise<void> {
  let state = promotable;
  const { git, store } = p.deps;
  const key = { runId: p.run.id, ticket: p.target.ticket, repo: p.target.repo };
  const existing = await store.getPullRequest(key);
  const ownShas = [existing?.lastPushedSha, existing?.commitSha].filter(
    (s): s is Oid => typeof s === 'string',
  );
  const plan = planUpdate({
    baseTip: state.baseTip,
    remoteTip: state.remoteTip,
    ownShas,
    baseIsAncestorOfRemote:
      state.remoteTip !== null && (await git.isAncestor(p.ws, state.baseTip, state.remoteTip)),
    strategy: p.policy.policy.git_pr.update_strategy,
    force: p.options.force,
  });
  if (plan.kind === 'foreign') return foreignCommits(p, plan.remoteTip, [...ownShas, state.baseTip]);
  if (state.remoteTip !== null && !ownShas.includes(state.remoteTip)) {
    const kept = await keepForeignChanges(p, state, state.remoteTip, ownShas[0] ?? null);
    if (kept === null) return;
    state = { ...state, tree: kept };
  }
  const localRef = `refs/heads/${p.branch}`;
  const localTip = await git.readRef(p.ws, localRef);
  const ours = existing?.commitSha === localTip ? localTip : null;
  const same = await alreadyHasTree(p, plan.kind === 'new' ? [ours] : [state.remoteTip, ours], state.tree);
  if (same !== null) {
    p.result.outcome = 'unchanged';
    p.result.commitSha = same;
    reportSignature(p, (await git.readCommit(p.ws, same)).signature);
    // The remote already has the tree but our record points elsewhere (an unpushed, now-stale commit): realign.
    if (!p.options.dryRun && existing?.commitSha !== same)
      await moveBranch(p, state, { localRef, localTip, commitSha: same, lease: plan.lease, existing });
    return switchIfAsked(p, state);
  }
  const sig = signatureNow(p.deps.clock, await commitIdentity(git, p.ws, p.policy.policy.git_pr));
  const signing = await promotionSigning(git, p.ws, p.policy.policy.git_pr);
  // A dry run decides (a missing key is reported) but never asks the signer (no agent prompt, no key touch).
  const commitSha = await buildCommits(p, plan, state, sig, p.options.dryRun ? null : signing);
  reportSignature(p, signing?.format);
  // Only a new commit has an update kind: an `unchanged` branch was not updated at all.
  p.result.updateKind = plan.kind;
  p.result.commitSha = commitSha;
  p.result.parents = (await git.readCommit(p.ws, commitSha)).parents;
  p.result.outcome = 'committed';
  if (p.options.dryRun) return;
  await moveBranch(p, state, { localRef, localTip, commitSha, lease: plan.lease, existing });
  return switchIfAsked(p, state);
}

function reportSignature(p: Promotion, format: SigningFormat | 'unknown' | undefined): void {
  p.result.signed = format !== undefined;
  p.result.signingFormat = format ?? null;
}

async function moveBranch(
  p: Promotion,
  state: Promotable,
  m: {
    localRef: string;
    localTip: Oid | null;
    commitSha: Oid;
    lease: Oid | null;
    existing: PullRequestRecord | null;
  },
): Promise<void> {
  if (m.localTip !== m.commitSha) {
    await p.journal.step('commit.ref', p.target, { ref: m.localRef, from: m.localTip, to: m.commitSha }, () =>
      p.deps.git.updateRef(p.ws, { ref: m.localRef, newOid: m.commitSha, expectedOld: m.localTip }),
    );
  }
  await record(p, state, m.commitSha, m.lease, m.existing);
}

async function switchIfAsked(p: Promotion, state: Promotable): Promise<void> {
  if (!p.options.switch || p.options.dryRun) return;
  await p.journal.step('commit.switch', p.target, { branch: p.branch }, () =>
    p.deps.git.switchBranch(p.ws, { branch: p.branch, expectTree: state.snapshot.tree }),
  );
  p.result.switched = true;
}
