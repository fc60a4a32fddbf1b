import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { handleRequest, type HandlerDeps } from './handler.js';
import { GitHubState } from './state.js';
import type {
  StandInFault,
  GitHubStandInOptions,
  StandInPullSeed,
  StandInRepoOptions,
  StandInCommentSeed,
  StandInReviewSeed,
  StandInRequest,
  StandInPullRequest,
  StandInReview,
  StandInReviewComment,
  StandInToken,
} from './types.js';

export type * from './types.js';
export { rateLimitFaults, type RateLimitFaultTarget } from './faults.js';
export { branchesFromBareRepos } from './bare-branches.js';

/** A running local stand-in for the GitHub REST API (the subset metawsm uses). */
export interface GitHubStandIn {
  /** e.g. `http://127.0.0.1:41234` (the github.com-style API root). */
  readonly baseUrl: string;
  /** The same API under GitHub Enterprise's prefix: `${baseUrl}/api/v3`. */
  readonly gheUrl: string;
  /** Every request answered so far (no credentials, only whether auth was sent). */
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
  /** Add an inline review comment; returns it (with its id). */
  addReviewComment(owner: string, repo: string, num: number, seed: StandInCommentSeed): StandInReviewComment;
  /** Change a review comment's body (bumps `updated_at`). */
  editReviewComment(owner: string, repo: string, commentId: number, body: string): void;
  /** Add a top-level review; returns it (with its id). */
  addReview(owner: string, repo: string, num: number, seed: StandInReviewSeed): StandInReview;
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
  };
  const server: Server = createServer((req, res) => {
    handleRequest(deps, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: `stand-in bug: ${String(err)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
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
      pr.mergedAt = pr.closedAt = pr.updatedAt = state.timestamp();
    },
    addReviewComment: (owner, repo, num, seed) => ({ ...state.addComment(owner, repo, num, seed) }),
    editReviewComment(owner, repo, commentId, body) {
      const comment = state.mustRepo(owner, repo).comments.find((c) => c.id === commentId);
      if (!comment) throw new Error(`stand-in: unknown review comment ${commentId}`);
      comment.body = body;
      comment.updatedAt = state.timestamp();
    },
    addReview: (owner, repo, num, seed) => ({ ...state.addReview(owner, repo, num, seed) }),
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
  };
}
