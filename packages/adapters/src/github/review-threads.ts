import { MetawsmError, type GitHubRepo, type ReviewThreadInfo } from '@metawsm/core';
import type * as v from 'valibot';
import type { GitHubClient } from './octokit-client-type.js';
import { parseGitHub } from './schemas.js';
import { ThreadNodeSchema, ThreadPageSchema, type ThreadCommentsSchema } from './schemas-feedback.js';

const COMMENTS =
  'comments(first: 100, after: $comments) { nodes { databaseId } pageInfo { hasNextPage endCursor } }';

const THREADS = `query metawsmReviewThreads($owner: String!, $repo: String!, $number: Int!, $first: Int!, $after: String, $comments: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: $first, after: $after) {
        nodes { id isResolved isOutdated path line ${COMMENTS} }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

const MORE_COMMENTS = `query metawsmThreadComments($id: ID!, $comments: String) {
  node(id: $id) { ... on PullRequestReviewThread { ${COMMENTS} } }
}`;

type Comments = v.InferOutput<typeof ThreadCommentsSchema>;

const ids = (c: Comments): number[] => c.nodes.flatMap((n) => (n.databaseId === null ? [] : [n.databaseId]));

/** Turn anything a GraphQL call threw into GITHUB_GRAPHQL_UNAVAILABLE: callers go on from REST alone. */
export function graphqlUnavailable(err: unknown): MetawsmError {
  const e = err as { status?: unknown; errors?: { type?: unknown }[]; code?: unknown; response?: unknown };
  const status = typeof e.status === 'number' ? e.status : null;
  const types = Array.isArray(e.errors)
    ? e.errors.map((x) => (typeof x.type === 'string' ? x.type : 'ERROR'))
    : [];
  const why =
    err instanceof MetawsmError
      ? err.code
      : types.length > 0
        ? `errors: ${types.join(', ')}`
        : status !== null && e.response !== undefined
          ? `HTTP ${status}`
          : 'network error';
  return new MetawsmError('GITHUB_GRAPHQL_UNAVAILABLE', `GitHub's GraphQL API did not answer (${why})`, {
    hint: 'Review threads are read from REST alone: resolved and outdated state is unknown (threads count as unresolved).',
    data: { status, ...(types.length > 0 ? { errorTypes: types } : {}) },
  });
}

/**
 * Every review thread of a pull request with its comments' database ids, following both cursors
 * (threads, and comments of a long thread). GraphQL goes to `<api>/graphql`, or `/api/graphql` on
 * GitHub Enterprise (Octokit maps `/api/v3`).
 */
export async function listReviewThreads(
  gh: GitHubClient,
  repo: GitHubRepo,
  num: number,
  pageSize: number,
): Promise<ReviewThreadInfo[]> {
  const out: ReviewThreadInfo[] = [];
  let after: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const vars: Record<string, unknown> = {
      owner: repo.owner,
      repo: repo.repo,
      number: num,
      first: pageSize,
      after,
    };
    const data = parseGitHub(ThreadPageSchema, await gh.graphql(THREADS, vars), 'review thread page');
    const threads = data.repository.pullRequest.reviewThreads;
    for (const t of threads.nodes) {
      const commentIds = ids(t.comments);
      for (let c = t.comments; c.pageInfo.hasNextPage;) {
        const more = await gh.graphql(MORE_COMMENTS, { id: t.id, comments: c.pageInfo.endCursor });
        c = parseGitHub(ThreadNodeSchema, more, 'review thread comments').node.comments;
        commentIds.push(...ids(c));
      }
      out.push({
        id: t.id,
        isResolved: t.isResolved,
        isOutdated: t.isOutdated,
        path: t.path,
        line: t.line,
        commentIds,
      });
    }
    if (!threads.pageInfo.hasNextPage) return out;
    after = threads.pageInfo.endCursor;
  }
  throw new MetawsmError('GITHUB_BAD_RESPONSE', 'GitHub returned more than 1000 pages of review threads', {
    data: { response: 'review thread page' },
  });
}
