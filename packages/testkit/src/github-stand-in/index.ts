import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { handleRequest, type HandlerDeps } from './handler.js';
import { ReusableAnswers } from './reusable-answers.js';
import { GitHubState } from './state.js';
import {
  addCheckRun,
  addComment,
  addIssueComment,
  addReview,
  addStatus,
  setThread,
} from './state-feedback.js';
import type {
  GitHubStandInOptions,
  StandInCheckRun,
  StandInFault,
  StandInIssueComment,
  StandInPullRequest,
  StandInRepoOptions,
  StandInRequest,
  StandInReview,
  StandInReviewComment,
  StandInStatus,
  StandInToken,
} from './types.js';
import type {
  StandInCheckRunSeed,
  StandInCommentSeed,
  StandInIssueCommentSeed,
  StandInPullSeed,
  StandInReviewSeed,
  StandInStatusSeed,
} from './seed-types.js';

export type * from './types.js';
export type * from './seed-types.js';
export { rateLimitFaults, type RateLimitFaultTarget } from './faults.js';
export { branchesFromBareRepos } from './bare-branches.js';

/** A running local stand-in for the GitHub REST API (the subset metawsm uses). */
export interface GitHubStandIn {
  /** e.g. `http://127.0.0.1:41234` (the github.com-style API root). */
  readonly baseUrl: string;
  /** The same API under GitHub Enterprise's prefix: `${baseUrl}/api/v3`. */
  readonly gheUrl: string;
  /**
   * Every request answered so far (no credentials, only whether auth was sent). Conditional GETs
   * answered `304 Not Modified` have `status: 304` (they cost no rate limit, as on GitHub).
   */
  readonly requests: StandInRequest[];
  /** Register a token and the user it authenticates as. */
  addToken(token: string, info: StandInToken): void;
  /** Create a repository; only logins listed in `permissions` can see it. */
  addRepo(owner: string, repo: string, options?: StandInRepoOptions): void;
  /** Answer the next matching request(s) with a canned failure. */
  failNext(fault: StandInFault): void;
  /** Change the per-request delay. */
  setLatency(ms: number): void;
  /** Create a pull request directly (no permission or branch checks). */
  seedPullRequest(seed: StandInPullSeed): StandInPullRequest;
  closePullRequest(owner: string, repo: string, num: number): void;
  mergePullRequest(owner: string, repo: string, num: number): void;
  /** Move the PR's head to `sha`, as a push to its branch does. */
  setPullRequestHead(owner: string, repo: string, num: number, sha: string): void;
  /** Add an inline review comment, or with `inReplyTo` a reply in that thread; returns it (with its id). */
  addReviewComment(owner: string, repo: string, num: number, seed: StandInCommentSeed): StandInReviewComment;
  /** Change a review comment's body (bumps `updated_at`). */
  editReviewComment(owner: string, repo: string, commentId: number, body: string): void;
  /** Resolve (default) or unresolve the thread a review comment is in (GraphQL `isResolved`). */
  resolveThread(owner: string, repo: string, commentId: number, resolved?: boolean): void;
  /** Make the thread a review comment is in outdated: GraphQL `isOutdated`, REST `line: null`. */
  outdateThread(owner: string, repo: string, commentId: number): void;
  /** Add a top-level review; returns it (with its id). */
  addReview(owner: string, repo: string, num: number, seed: StandInReviewSeed): StandInReview;
  /** Change a review's body. */
  editReview(owner: string, repo: string, reviewId: number, body: string): void;
  /** Add a conversation comment; returns it (with its id). */
  addIssueComment(
    owner: string,
    repo: string,
    num: number,
    seed: StandInIssueCommentSeed,
  ): StandInIssueComment;
  /** Change a conversation comment's body (bumps `updated_at`). */
  editIssueComment(owner: string, repo: string, commentId: number, body: string): void;
  /** Add a check run (with annotations) on a commit; a later run with the same name supersedes it. */
  addCheckRun(owner: string, repo: string, seed: StandInCheckRunSeed): StandInCheckRun;
  /** Add a commit status; a later one with the same context supersedes it. */
  addCommitStatus(owner: string, repo: string, seed: StandInStatusSeed): StandInStatus;
  /** Copies of the pull requests, optionally of one repository. */
  listPullRequests(owner?: string, repo?: string): StandInPullRequest[];
  /** Forget pull requests, comments, reviews, faults and the request log; tokens and repositories stay. */
  reset(): void;
  close(): Promise<void>;
}

const copy = (pr: StandInPullRequest): StandInPullRequest => ({
  ...pr,
  labels: [...pr.labels],
  requestedReviewers: [...pr.requestedReviewers],
});

function edit(
  state: GitHubState,
  list: { id: number; body: string; updatedAt: string }[],
  id: number,
  body: string,
) {
  const item = list.find((x) => x.id === id);
  if (!item) throw new Error(`stand-in: unknown comment ${id}`);
  item.body = body;
  item.updatedAt = state.timestamp();
}

/** Start the GitHub REST stand-in on 127.0.0.1 with an ephemeral port. */
export async function startGitHubStandIn(options: GitHubStandInOptions = {}): Promise<GitHubStandIn> {
  const state = new GitHubState(options.now ?? (() => new Date()));
  let baseUrl = '';
  const deps: HandlerDeps = {
    state,
    baseUrl: () => baseUrl,
    branchExists: options.branchExists ?? (() => Promise.resolve(true)),
    faults: [],
    log: [],
    latency: { ms: options.latencyMs ?? 0 },
    rateLimit: options.rateLimit ?? 5000,
    used: new Map(),
    resetEpoch: Math.floor(Date.now() / 1000) + 3600,
    startedAt: performance.now(),
    answers: new ReusableAnswers(),
  };

  const server: Server = createServer((req, res) => {
    handleRequest(deps, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: `stand-in bug: ${String(err)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return forgetAnswersOnChange(deps, {
    baseUrl,
    gheUrl: `${baseUrl}/api/v3`,
    requests: deps.log,
    addToken: (token, info) => state.addToken(token, info),
    addRepo: (owner, repo, repoOptions) => void state.addRepo(owner, repo, repoOptions),
    failNext: (fault) => deps.faults.push({ ...fault, remaining: fault.count ?? 1 }),
    setLatency: (ms) => (deps.latency.ms = ms),
    seedPullRequest: (seed) => copy(state.seedPull(seed)),
    closePullRequest(owner, repo, num) {
      const { pr } = state.mustPull(owner, repo, num);
      if (pr.state === 'closed') return;
      pr.state = 'closed';
      pr.closedAt = pr.updatedAt = state.timestamp();
    },
    mergePullRequest(owner, repo, num) {
      const { pr } = state.mustPull(owner, repo, num);
      pr.state = 'closed';
      pr.merged = true;
      pr.mergedBy = owner;
      pr.mergedAt = pr.closedAt = pr.updatedAt = state.timestamp();
    },
    setPullRequestHead(owner, repo, num, sha) {
      const { pr } = state.mustPull(owner, repo, num);
      pr.headSha = sha;
      pr.updatedAt = state.timestamp();
    },
    addReviewComment: (owner, repo, num, seed) => ({ ...addComment(state, owner, repo, num, seed) }),
    editReviewComment: (owner, repo, id, body) => edit(state, state.mustRepo(owner, repo).comments, id, body),
    resolveThread: (owner, repo, id, resolved = true) =>
      setThread(state.mustRepo(owner, repo), id, { resolved }),
    outdateThread: (owner, repo, id) => setThread(state.mustRepo(owner, repo), id, { outdated: true }),
    addReview: (owner, repo, num, seed) => ({ ...addReview(state, owner, repo, num, seed) }),
    editReview(owner, repo, reviewId, body) {
      const review = state.mustRepo(owner, repo).reviews.find((r) => r.id === reviewId);
      if (!review) throw new Error(`stand-in: unknown review ${reviewId}`);
      review.body = body;
    },
    addIssueComment: (owner, repo, num, seed) => ({ ...addIssueComment(state, owner, repo, num, seed) }),
    editIssueComment: (owner, repo, id, body) =>
      edit(state, state.mustRepo(owner, repo).issueComments, id, body),
    addCheckRun: (owner, repo, seed) =>
      structuredClone(addCheckRun(state, state.mustRepo(owner, repo), seed)),
    addCommitStatus: (owner, repo, seed) => ({ ...addStatus(state, state.mustRepo(owner, repo), seed) }),
    listPullRequests: (owner, repo) =>
      (owner !== undefined && repo !== undefined ? [state.mustRepo(owner, repo)] : state.repos()).flatMap(
        (r) => r.pulls.map(copy),
      ),
    reset() {
      state.reset();
      deps.faults.length = 0;
      deps.log.length = 0;
      deps.used.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** The control calls that never change what the routes answer; every other one may. */
const ANSWER_NEUTRAL = new Set<string | symbol>(['listPullRequests', 'failNext', 'setLatency', 'close']);

/**
 * The handle, with every control call that may change the state (all but {@link ANSWER_NEUTRAL},
 * so a new one is covered by default) first forgetting the reusable answers.
 */
function forgetAnswersOnChange(deps: HandlerDeps, handle: GitHubStandIn): GitHubStandIn {
  return new Proxy(handle, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || ANSWER_NEUTRAL.has(name)) return value;
      return (...args: unknown[]): unknown => {
        deps.answers.clear();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
