import {
  operatorTick,
  reviewIgnore,
  reviewList,
  reviewSync,
  type LoadedPolicy,
  type OperatorTickInput,
  type ReviewSyncInput,
} from '../../src/index.js';
import { aTarget } from '../../src/testing/index.js';
import { ORIGIN, WS, policyWith, world } from './world.js';

/** The second workspace of `reviewWorld({ twoTargets: true })`: ticket T-2, repo api, PR #2. */
export const WS2 = '/work/agents/t-2/api';

export const OWNER = 'acme';
export const REPO = 'api';
export const KEY = { runId: 'run-1', ticket: 'T-1', repo: 'api' };

/** Policy with review feedback enabled (plus overrides of `review_feedback` and `git_pr`). */
export function feedbackPolicy(
  rf: Record<string, unknown> = {},
  gitPr: Record<string, unknown> = {},
): LoadedPolicy {
  return policyWith({ ...gitPr, review_feedback: { enabled: true, ...rf } });
}

/**
 * A world whose target has an open PR #1 (opened by `octo`, the token's user) and review feedback
 * enabled; `reviewer1` is a collaborator, `acme` the owner, anyone else has no association.
 */
export async function reviewWorld(
  opts: { rf?: Record<string, unknown>; gitPr?: Record<string, unknown>; twoTargets?: boolean } = {},
) {
  const targets = [aTarget({ ticket: 'T-1', repo: 'api', path: WS })];
  if (opts.twoTargets) targets.push(aTarget({ ticket: 'T-2', repo: 'api', path: WS2 }));
  const w = await world({ run: { tickets: targets.map((t) => t.ticket), targets } });
  let policy = feedbackPolicy(opts.rf, opts.gitPr);
  if (opts.twoTargets) {
    w.git.cloneWorkspace(WS2, ORIGIN);
    w.git.writeFiles(WS2, { 'b.txt': 'b\n' });
  }
  w.git.writeFiles(WS, { 'a.txt': 'a\n' });
  await w.commit({}, policy);
  await w.pr({}, policy);
  w.clock.advance(1000);
  const gh = w.github;
  const sync = (input: Partial<ReviewSyncInput> = {}, p: LoadedPolicy = policy) =>
    reviewSync(w.deps, p, { selection: { runId: 'run-1' }, dispatch: false, ...input });
  const items = () => w.store.listFeedback({ runId: 'run-1' });
  const item = async (id: number) => (await items()).find((i) => i.githubId === id);
  return {
    ...w,
    get policy() {
      return policy;
    },
    setPolicy(rf: Record<string, unknown>, gitPr: Record<string, unknown> = {}) {
      policy = feedbackPolicy(rf, gitPr);
    },
    sync,
    dispatch: (input: Partial<ReviewSyncInput> = {}) => sync({ dispatch: true, ...input }),
    list: (status?: ('pending' | 'dispatched' | 'addressed' | 'ignored')[]) =>
      reviewList(w.store, { selection: { runId: 'run-1' }, status }),
    ignore: (ids: string[], reason?: string) =>
      reviewIgnore(w.deps, { selection: { runId: 'run-1' }, items: ids, reason }),
    tick: (input: Partial<OperatorTickInput> = {}, n = 1) =>
      operatorTick(w.deps, policy, { selection: {}, intervalMs: 60_000, dryRun: false, ...input }, n),
    items,
    item,
    comment: (body: string, o: Record<string, unknown> = {}) =>
      gh.addReviewComment(OWNER, REPO, 1, { user: 'reviewer1', body, ...o }),
    review: (body: string, o: Record<string, unknown> = {}) =>
      gh.addReview(OWNER, REPO, 1, { user: 'reviewer1', body, ...o }),
    talk: (body: string, o: Record<string, unknown> = {}) =>
      gh.addIssueComment(OWNER, REPO, 1, { user: 'reviewer1', body, ...o }),
    /** The PR's current head sha on the fake. */
    head: () => gh.listPullRequests(OWNER, REPO)[0]!.headSha,
    /** GitHub writes the port received (sync must make none). */
    writes: () =>
      gh.calls.filter((c) =>
        [
          'createPullRequest',
          'updatePullRequest',
          'addLabels',
          'requestReviewers',
          'replyToReviewComment',
        ].includes(c.method),
      ),
  };
}
