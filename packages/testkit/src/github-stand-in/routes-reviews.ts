import { errorReply, notFound, paginate, validationFailed } from './http.js';
import { pullJson, reviewCommentJson, reviewJson } from './json.js';
import { fields, isReply, pullNumber, repoFor, type Route, type RouteContext } from './route-context.js';
import type { RepoState } from './state.js';
import type { StandInPullRequest } from './types.js';

/** The repository and pull request of a `/repos/{o}/{r}/(pulls|issues)/{n}/...` path, or an error reply. */
function target(
  ctx: RouteContext,
  need: 'pull' | 'push',
): { repo: RepoState; pr: StandInPullRequest } | ReturnType<typeof notFound> {
  const repo = repoFor(ctx, need);
  if (isReply(repo)) return repo;
  const pr = repo.pulls[pullNumber(ctx) - 1];
  return pr ? { repo, pr } : notFound();
}

/** `POST /repos/{o}/{r}/issues/{n}/labels` with `{labels: [...]}`: adds (creating unknown labels, like GitHub). */
const addLabels: Route = {
  method: 'POST',
  pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels$/,
  handle(ctx) {
    const t = target(ctx, 'push');
    if (isReply(t)) return t;
    const f = fields(ctx.body, { labels: 'string[]' });
    if (isReply(f)) return f;
    if (!f.labels) return validationFailed([{ resource: 'Label', field: 'labels', code: 'missing_field' }]);
    for (const name of f.labels) if (!t.pr.labels.includes(name)) t.pr.labels.push(name);
    t.pr.updatedAt = ctx.state.timestamp();
    return {
      status: 200,
      body: t.pr.labels.map((name, i) => ({ id: i + 1, name, color: 'ededed', default: false })),
    };
  },
};

/** `POST /repos/{o}/{r}/pulls/{n}/requested_reviewers` with `{reviewers: [...]}`: collaborators only. */
const requestReviewers: Route = {
  method: 'POST',
  pattern: /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/requested_reviewers$/,
  handle(ctx) {
    const t = target(ctx, 'push');
    if (isReply(t)) return t;
    const f = fields(ctx.body, { reviewers: 'string[]', team_reviewers: 'string[]' });
    if (isReply(f)) return f;
    const reviewers = f.reviewers ?? [];
    if (reviewers.some((r) => r.toLowerCase() === t.pr.user.toLowerCase()))
      return errorReply(422, 'Review cannot be requested from pull request author.');
    if (reviewers.some((r) => !ctx.state.permissionOf(t.repo, r)))
      return errorReply(
        422,
        `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${t.repo.owner}/${t.repo.name} repository.`,
      );
    for (const r of reviewers) if (!t.pr.requestedReviewers.includes(r)) t.pr.requestedReviewers.push(r);
    t.pr.updatedAt = ctx.state.timestamp();
    return {
      status: 201,
      body: pullJson(t.repo, t.pr, ctx.urls, ctx.state.associationOf(t.repo, t.pr.user), false),
    };
  },
};

/** `GET /repos/{o}/{r}/pulls/{n}/comments`: inline review comments, oldest first, paginated. */
const listComments: Route = {
  method: 'GET',
  pattern: /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments$/,
  handle(ctx) {
    const t = target(ctx, 'pull');
    if (isReply(t)) return t;
    const items = t.repo.comments.filter((c) => c.pull === t.pr.number).sort((a, b) => a.id - b.id);
    return paginate(
      items.map((c) => reviewCommentJson(t.repo, c, ctx.urls)),
      ctx.query,
      ctx.requestUrl,
    );
  },
};

/** `GET /repos/{o}/{r}/pulls/{n}/reviews`: reviews, oldest first, paginated. */
const listReviews: Route = {
  method: 'GET',
  pattern: /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/,
  handle(ctx) {
    const t = target(ctx, 'pull');
    if (isReply(t)) return t;
    const items = t.repo.reviews.filter((r) => r.pull === t.pr.number).sort((a, b) => a.id - b.id);
    return paginate(
      items.map((r) => reviewJson(t.repo, r, ctx.urls)),
      ctx.query,
      ctx.requestUrl,
    );
  },
};

/** Labels, reviewers, review comments and reviews. */
export const reviewRoutes: Route[] = [addLabels, requestReviewers, listComments, listReviews];
