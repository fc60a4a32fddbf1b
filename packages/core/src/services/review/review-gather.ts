import type { PullRequestRecord } from '../../domain/pull-request.js';
import type { Run, Target, TargetKey } from '../../domain/run.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { ReviewFeedbackPolicy } from '../../policy/schema.js';
import type { GitHubRepo } from '../../ports/github.port.js';
import type { Journal } from '../journal.js';
import { actorLogins, connectTarget, type ReviewDeps, type UserCache } from './review-connect.js';
import {
  gatherOpenPr,
  readChecks,
  readDiscussion,
  type ChecksRead,
  type GatheredTarget,
} from './review-fetch.js';
import type { TargetSyncResult } from './review-result.js';

/** What every target of one `review sync` shares. */
export interface SyncShared {
  deps: ReviewDeps;
  run: Run;
  policy: LoadedPolicy;
  journal: Journal;
  actor: string | undefined;
  users: UserCache;
}

const closedState = (s: string | null) => s === 'closed' || s === 'merged';

/**
 * The PR and, at the same time, its discussion (which does not depend on the PR's answer: one
 * round trip less). `settled` waits for the discussion whatever it did (no dangling request).
 */
async function readPr(deps: ReviewDeps, gh: GitHubRepo, num: number, rf: ReviewFeedbackPolicy) {
  const discussion = readDiscussion(deps, gh, num, rf);
  const settled = discussion.then(
    () => undefined,
    () => undefined,
  );
  try {
    return { pr: await deps.github.getPullRequest(gh, num), discussion, settled };
  } catch (e) {
    await settled;
    throw e;
  }
}

/**
 * Read what GitHub shows for a target's PR (docs/review-feedback.md). Null when there is nothing to read: no PR
 * yet, or a PR already known closed or merged (closed PRs are not polled again).
 */
export async function gatherTarget(
  s: SyncShared,
  target: Target,
  result: TargetSyncResult,
): Promise<GatheredTarget | null> {
  const { deps } = s;
  const key = { runId: s.run.id, ticket: target.ticket, repo: target.repo };
  const record = await deps.store.getPullRequest(key);
  if (!record || record.prNumber === null) {
    result.outcome = 'no_pr';
    result.warnings.push(`no pull request yet: run \`metawsm pr --run-id ${s.run.id}\` first`);
    return null;
  }
  Object.assign(result, { prNumber: record.prNumber, prState: record.prState });
  if (closedState(record.prState)) {
    result.outcome = 'closed';
    return null;
  }
  const gh = await connectTarget(deps, s.policy, target, record);
  const rf = s.policy.policy.git_pr.review_feedback;
  // CI is read on the sha metawsm last pushed while the PR itself is read: the PR's head is
  // usually that sha, and then checks cost no round trip of their own (a moved head reads again).
  const guess = rf.include_checks ? record.lastPushedSha : null;
  const early = guess === null ? null : readChecks(deps, gh, guess);
  try {
    return await gatherOpen(s, { key, record, num: record.prNumber, gh, rf, early }, result);
  } finally {
    await early?.settled;
  }
}

/** The PR, its discussion and CI (checks from `early` when the head is what was guessed), and the stored items. */
async function gatherOpen(
  s: SyncShared,
  t: {
    key: TargetKey;
    record: PullRequestRecord;
    num: number;
    gh: GitHubRepo;
    rf: ReviewFeedbackPolicy;
    early: ChecksRead | null;
  },
  result: TargetSyncResult,
): Promise<GatheredTarget> {
  const { deps } = s;
  const { key, record, num, gh, rf } = t;
  // The stored items are read while GitHub answers: the requests are in flight by then.
  const [read, stored] = await Promise.allSettled([readPr(deps, gh, num, rf), deps.store.listFeedback(key)]);
  if (read.status === 'rejected') throw read.reason;
  const { pr, discussion, settled } = read.value;
  if (stored.status === 'rejected') {
    await settled;
    throw stored.reason;
  }
  const existing = stored.value;
  Object.assign(result, { prState: pr.state, headSha: pr.headSha });
  const base = { record, existing, pr };
  if (closedState(pr.state)) {
    await settled;
    return { ...base, candidates: null, passingChecks: new Set(), filtered: {}, graphql: null, warnings: [] };
  }
  const rules = {
    ignoreAuthors: rf.ignore_authors,
    trustedAssociations: rf.trusted_associations,
    includeBots: rf.include_bots,
    actors: await actorLogins(deps, gh, record, { actor: s.actor, users: s.users }),
  };
  return {
    ...base,
    ...(await gatherOpenPr(deps, { gh, pr, rules, policy: rf, existing, discussion, early: t.early })),
  };
}
