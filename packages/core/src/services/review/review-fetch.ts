import type { ReviewFeedbackItem } from '../../domain/feedback.js';
import type { PullRequestRecord } from '../../domain/pull-request.js';
import type { FeedbackCandidate } from '../../domain/review/candidate.js';
import {
  checkRunCandidate,
  isFailingRun,
  MAX_ANNOTATIONS,
  passingCheckNames,
  statusCandidates,
} from '../../domain/review/checks.js';
import {
  type ThreadStates,
  conversationCandidates,
  reviewCandidates,
  threadCandidates,
  threadsByRoot,
} from '../../domain/review/sources.js';
import type { FilterCounts, TrustRules } from '../../domain/review/trust.js';
import { isMetawsmError } from '../../errors/metawsm-error.js';
import type { ReviewFeedbackPolicy } from '../../policy/schema.js';
import type {
  CheckRunInfo,
  CombinedStatusInfo,
  GitHubRepo,
  IssueCommentInfo,
  PullRequestInfo,
  ReviewCommentInfo,
  ReviewInfo,
} from '../../ports/github.port.js';
import type { ReviewDeps } from './review-connect.js';

/** What GitHub shows for one target's PR now, ready for the pure sync decision. */
export interface GatheredTarget {
  record: PullRequestRecord;
  existing: ReviewFeedbackItem[];
  pr: PullRequestInfo;
  /** null when the PR is closed or merged (not read further). */
  candidates: FeedbackCandidate[] | null;
  passingChecks: Set<string>;
  filtered: FilterCounts;
  graphql: 'ok' | 'unavailable' | null;
  warnings: string[];
}

async function threads(deps: ReviewDeps, gh: GitHubRepo, num: number, warnings: string[]) {
  try {
    return threadsByRoot(await deps.github.listReviewThreads(gh, num));
  } catch (e) {
    if (!isMetawsmError(e, 'GITHUB_GRAPHQL_UNAVAILABLE')) throw e;
    warnings.push(
      `GitHub's GraphQL API did not answer (${typeof e.data?.status === 'number' ? `HTTP ${e.data.status}` : e.message}): review threads are treated as unresolved; outdated comes from REST`,
    );
    return null;
  }
}

/** Failing check runs as candidates; annotations are fetched only for runs not stored yet. */
async function checkCandidates(
  deps: ReviewDeps,
  gh: GitHubRepo,
  runs: CheckRunInfo[],
  existing: readonly ReviewFeedbackItem[],
): Promise<FeedbackCandidate[]> {
  return Promise.all(
    runs.filter(isFailingRun).map(async (r) => {
      const known = existing.find(
        (i) => i.sourceType === 'check' && i.githubId === r.id && i.checkSha === r.headSha,
      );
      if (known) return { ...checkRunCandidate(r, []), body: known.body };
      const annotations =
        r.annotationsCount > 0 ? await deps.github.listCheckRunAnnotations(gh, r.id, MAX_ANNOTATIONS) : [];
      return checkRunCandidate(r, annotations);
    }),
  );
}

/** What reviewers wrote on a PR: inline comments, thread state, reviews, conversation. */
export interface Discussion {
  comments: ReviewCommentInfo[];
  states: ThreadStates;
  reviews: ReviewInfo[];
  conversation: IssueCommentInfo[];
  warnings: string[];
}

/**
 * Read a PR's discussion, every page, in parallel (GraphQL failure tolerated). It needs only the
 * PR number, so it starts together with the PR's own read.
 */
export async function readDiscussion(
  deps: ReviewDeps,
  gh: GitHubRepo,
  num: number,
  policy: ReviewFeedbackPolicy,
): Promise<Discussion> {
  const warnings: string[] = [];
  const [comments, states, reviews, conversation] = await Promise.all([
    deps.github.listReviewComments(gh, num),
    threads(deps, gh, num, warnings),
    deps.github.listReviews(gh, num),
    policy.include_conversation ? deps.github.listIssueComments(gh, num) : Promise.resolve([]),
  ]);
  return { comments, states, reviews, conversation, warnings };
}

/** CI results on one sha, requested together. */
export interface ChecksRead {
  sha: string;
  runs: Promise<CheckRunInfo[]>;
  combined: Promise<CombinedStatusInfo>;
  /** Resolves once both requests are over, whatever they did (no dangling request). */
  settled: Promise<void>;
}

/** Start reading the check runs and the combined status of `sha`. */
export function readChecks(deps: ReviewDeps, gh: GitHubRepo, sha: string): ChecksRead {
  const runs = deps.github.listCheckRuns(gh, sha);
  const combined = deps.github.getCombinedStatus(gh, sha);
  const settled = Promise.allSettled([runs, combined]).then(() => undefined);
  return { sha, runs, combined, settled };
}

/** Everything an open PR shows now as candidates: its discussion, and CI on its head sha. */
export async function gatherOpenPr(
  deps: ReviewDeps,
  input: {
    gh: GitHubRepo;
    pr: PullRequestInfo;
    rules: TrustRules;
    policy: ReviewFeedbackPolicy;
    existing: readonly ReviewFeedbackItem[];
    discussion: Promise<Discussion>;
    /** Checks already requested on the sha the PR was expected to have; used when it does. */
    early: ChecksRead | null;
  },
): Promise<Pick<GatheredTarget, 'candidates' | 'passingChecks' | 'filtered' | 'graphql' | 'warnings'>> {
  const { gh, pr, rules, policy } = input;
  const read = policy.include_checks
    ? input.early?.sha === pr.headSha
      ? input.early
      : readChecks(deps, gh, pr.headSha)
    : null;
  const [d, runs, combined] = await Promise.all([
    input.discussion,
    read ? read.runs : Promise.resolve([]),
    read ? read.combined : Promise.resolve(null),
  ]);
  const filtered: FilterCounts = {};
  const candidates = [
    ...threadCandidates(d.comments, d.states, rules, filtered),
    ...reviewCandidates(d.reviews, rules, filtered),
    ...conversationCandidates(d.conversation, rules, filtered),
    ...(await checkCandidates(deps, gh, runs, input.existing)),
    ...(combined ? statusCandidates(combined) : []),
  ];
  return {
    candidates,
    passingChecks: passingCheckNames(runs, combined),
    filtered,
    graphql: d.states === null ? 'unavailable' : 'ok',
    warnings: d.warnings,
  };
}
