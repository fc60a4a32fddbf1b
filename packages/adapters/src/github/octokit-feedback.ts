import type {
  CheckAnnotationInfo,
  CheckRunInfo,
  CombinedStatusInfo,
  CommitStatusInfo,
  GitHubRepo,
  IssueCommentInfo,
  ReviewCommentInfo,
  ReviewInfo,
  ReviewThreadInfo,
} from '@metawsm/core';
import {
  toAnnotationInfo,
  toCheckRunInfo,
  toIssueCommentInfo,
  toReviewCommentInfo,
  toReviewInfo,
  toStatusInfo,
} from './mappers-feedback.js';
import type { OctokitCalls } from './octokit-calls.js';
import { graphqlUnavailable, listReviewThreads } from './review-threads.js';
import { parseGitHub } from './schemas.js';
import {
  AnnotationSchema,
  CheckRunPageSchema,
  CombinedStatusSchema,
  IssueCommentSchema,
  ReviewCommentSchema,
  ReviewSchema,
} from './schemas-feedback.js';

const PULL = '/repos/{owner}/{repo}/pulls/{pull_number}';

/** The review-sync reads of the adapter: every page, validated. */
export class OctokitFeedback {
  readonly #calls: OctokitCalls;
  readonly #graphqlPageSize: number;

  constructor(calls: OctokitCalls, graphqlPageSize: number) {
    this.#calls = calls;
    this.#graphqlPageSize = Math.min(100, Math.max(1, graphqlPageSize));
  }

  reviewComments(repo: GitHubRepo, num: number): Promise<ReviewCommentInfo[]> {
    return this.#calls.call(repo, { operation: 'listReviewComments' }, async (gh) => {
      const params = { owner: repo.owner, repo: repo.repo, pull_number: num };
      const items = await this.#calls.list(
        gh,
        `GET ${PULL}/comments`,
        params,
        ReviewCommentSchema,
        'review comment list',
      );
      return items.map(toReviewCommentInfo);
    });
  }

  reviews(repo: GitHubRepo, num: number): Promise<ReviewInfo[]> {
    return this.#calls.call(repo, { operation: 'listReviews' }, async (gh) => {
      const params = { owner: repo.owner, repo: repo.repo, pull_number: num };
      const items = await this.#calls.list(gh, `GET ${PULL}/reviews`, params, ReviewSchema, 'review list');
      return items.map(toReviewInfo);
    });
  }

  issueComments(repo: GitHubRepo, num: number): Promise<IssueCommentInfo[]> {
    return this.#calls.call(repo, { operation: 'listIssueComments' }, async (gh) => {
      const params = { owner: repo.owner, repo: repo.repo, issue_number: num };
      const route = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
      const items = await this.#calls.list(gh, route, params, IssueCommentSchema, 'issue comment list');
      return items.map(toIssueCommentInfo);
    });
  }

  async reviewThreads(repo: GitHubRepo, num: number): Promise<ReviewThreadInfo[]> {
    // Every failure inside becomes GITHUB_GRAPHQL_UNAVAILABLE (a MetawsmError passes the call's mapping as is).
    return this.#calls.call(repo, { operation: 'listReviewThreads' }, (gh) =>
      listReviewThreads(gh, repo, num, this.#graphqlPageSize).catch((e: unknown) => {
        throw graphqlUnavailable(e);
      }),
    );
  }

  checkRuns(repo: GitHubRepo, sha: string): Promise<CheckRunInfo[]> {
    return this.#calls.call(repo, { operation: 'listCheckRuns' }, async (gh) => {
      const runs: CheckRunInfo[] = [];
      const route = 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs';
      await this.#calls.pages(
        gh,
        route,
        { owner: repo.owner, repo: repo.repo, ref: sha },
        'check run list',
        (data) => {
          runs.push(
            ...parseGitHub(CheckRunPageSchema, data, 'check run list').check_runs.map(toCheckRunInfo),
          );
          return true;
        },
      );
      return runs;
    });
  }

  annotations(repo: GitHubRepo, checkRunId: number, limit?: number): Promise<CheckAnnotationInfo[]> {
    return this.#calls.call(repo, { operation: 'listCheckRunAnnotations' }, async (gh) => {
      const route = 'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations';
      const params = { owner: repo.owner, repo: repo.repo, check_run_id: checkRunId };
      const items = await this.#calls.list(gh, route, params, AnnotationSchema, 'annotation list', limit);
      return items.map(toAnnotationInfo);
    });
  }

  combinedStatus(repo: GitHubRepo, sha: string): Promise<CombinedStatusInfo> {
    return this.#calls.call(repo, { operation: 'getCombinedStatus' }, async (gh) => {
      let state = 'pending';
      const statuses: CommitStatusInfo[] = [];
      const route = 'GET /repos/{owner}/{repo}/commits/{ref}/status';
      await this.#calls.pages(
        gh,
        route,
        { owner: repo.owner, repo: repo.repo, ref: sha },
        'combined status',
        (data) => {
          const page = parseGitHub(CombinedStatusSchema, data, 'combined status');
          state = page.state;
          statuses.push(...page.statuses.map(toStatusInfo));
          return true;
        },
      );
      return { state, sha, statuses };
    });
  }
}
