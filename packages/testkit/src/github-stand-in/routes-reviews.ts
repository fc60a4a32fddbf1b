import { errorReply, paginate, validationFailed } from './http.js';
import { issueJson, labelJson, pullJson } from './json-pulls.js';
import { userJson } from './json-users.js';
import { fields, isReply, pullTarget, type Route } from './route-context.js';

const ISSUE = '^\\/repos\\/([^/]+)\\/([^/]+)\\/issues\\/(\\d+)';
const PULL = '^\\/repos\\/([^/]+)\\/([^/]+)\\/pulls\\/(\\d+)';

/** `POST /repos/{o}/{r}/issues/{n}/labels` with `{labels: [...]}`: adds (creating unknown labels, like GitHub). */
const addLabels: Route = {
  method: 'POST',
  pattern: new RegExp(`${ISSUE}\\/labels$`),
  handle(ctx) {
    const t = pullTarget(ctx, 'push');
    if (isReply(t)) return t;
    const f = fields(ctx.body, { labels: 'string[]' });
    if (isReply(f)) return f;
    if (!f.labels) return validationFailed([{ resource: 'Label', field: 'labels', code: 'missing_field' }]);
    for (const name of f.labels) if (!t.pr.labels.includes(name)) t.pr.labels.push(name);
    t.pr.updatedAt = ctx.state.timestamp();
    return { status: 200, body: t.pr.labels.map((name) => labelJson(t.repo, name, ctx.urls)) };
  },
};

/** `GET /repos/{o}/{r}/issues/{n}/labels`. */
const listLabels: Route = {
  method: 'GET',
  pattern: new RegExp(`${ISSUE}\\/labels$`),
  handle(ctx) {
    const t = pullTarget(ctx, 'pull');
    if (isReply(t)) return t;
    const labels = t.pr.labels.map((name) => labelJson(t.repo, name, ctx.urls));
    return paginate(labels, ctx.query, ctx.requestUrl);
  },
};

/** `GET /repos/{o}/{r}/issues/{n}`: a pull request seen as an issue. */
const getIssue: Route = {
  method: 'GET',
  pattern: new RegExp(`${ISSUE}$`),
  handle(ctx) {
    const t = pullTarget(ctx, 'pull');
    if (isReply(t)) return t;
    return {
      status: 200,
      body: issueJson(t.repo, t.pr, ctx.urls, ctx.state.associationOf(t.repo, t.pr.user)),
    };
  },
};

/** `POST /repos/{o}/{r}/pulls/{n}/requested_reviewers` with `{reviewers: [...]}`: collaborators only. */
const requestReviewers: Route = {
  method: 'POST',
  pattern: new RegExp(`${PULL}\\/requested_reviewers$`),
  handle(ctx) {
    const t = pullTarget(ctx, 'push');
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

/** `GET /repos/{o}/{r}/pulls/{n}/requested_reviewers`. */
const listRequestedReviewers: Route = {
  method: 'GET',
  pattern: new RegExp(`${PULL}\\/requested_reviewers$`),
  handle(ctx) {
    const t = pullTarget(ctx, 'pull');
    if (isReply(t)) return t;
    return {
      status: 200,
      body: { users: t.pr.requestedReviewers.map((u) => userJson(u, ctx.urls)), teams: [] },
    };
  },
};

/** Labels, reviewers and the issue side of a pull request. */
export const reviewRoutes: Route[] = [
  addLabels,
  listLabels,
  getIssue,
  requestReviewers,
  listRequestedReviewers,
];
