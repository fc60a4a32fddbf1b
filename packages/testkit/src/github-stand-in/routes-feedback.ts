import { notFound, paginate, validationFailed, type Reply } from './http.js';
import { issueCommentJson, reviewCommentJson, reviewJson } from './json-feedback.js';
import { fields, isReply, pullTarget, type Route, type RouteContext } from './route-context.js';
import { addComment, addIssueComment, threadRoot } from './state-feedback.js';

const PULL = '^\\/repos\\/([^/]+)\\/([^/]+)\\/pulls\\/(\\d+)';
const ISSUE = '^\\/repos\\/([^/]+)\\/([^/]+)\\/issues\\/(\\d+)';

/** A comment body from the request: 422 `missing_field` when absent or empty, like GitHub. */
function bodyOf(ctx: RouteContext, resource: string): string | Reply {
  const f = fields(ctx.body, { body: 'string' });
  if (isReply(f)) return f;
  if (!f.body?.trim()) return validationFailed([{ resource, field: 'body', code: 'missing_field' }]);
  return f.body;
}

/** `GET /repos/{o}/{r}/pulls/{n}/comments`: inline review comments, oldest first, paginated. */
const listComments: Route = {
  method: 'GET',
  reusable: true,
  pattern: new RegExp(`${PULL}\\/comments$`),
  handle(ctx) {
    const t = pullTarget(ctx, 'pull');
    if (isReply(t)) return t;
    const items = t.repo.comments.filter((c) => c.pull === t.pr.number).sort((a, b) => a.id - b.id);
    return paginate(
      items.map((c) => reviewCommentJson(t.repo, c, ctx.urls)),
      ctx.query,
      ctx.requestUrl,
    );
  },
};

/** `POST /repos/{o}/{r}/pulls/{n}/comments/{id}/replies`: a reply in that comment's thread (404 if not on this PR). */
const reply: Route = {
  method: 'POST',
  pattern: new RegExp(`${PULL}\\/comments\\/(\\d+)\\/replies$`),
  handle(ctx) {
    const t = pullTarget(ctx, 'pull');
    if (isReply(t)) return t;
    const root = threadRoot(t.repo, Number.parseInt(ctx.params[3] ?? '', 10));
    if (!root || root.pull !== t.pr.number) return notFound();
    const body = bodyOf(ctx, 'PullRequestReviewComment');
    if (isReply(body)) return body;
    t.pr.updatedAt = ctx.state.timestamp();
    const seed = { user: ctx.login, body, inReplyTo: root.id };
    const c = addComment(ctx.state, t.repo.owner, t.repo.name, t.pr.number, seed);
    const json = reviewCommentJson(t.repo, c, ctx.urls);
    return { status: 201, body: json, headers: { location: json.url } };
  },
};

/** `GET /repos/{o}/{r}/pulls/{n}/reviews`: reviews, oldest first, paginated. */
const listReviews: Route = {
  method: 'GET',
  reusable: true,
  pattern: new RegExp(`${PULL}\\/reviews$`),
  handle(ctx) {
    const t = pullTarget(ctx, 'pull');
    if (isReply(t)) return t;
    const items = t.repo.reviews.filter((r) => r.pull === t.pr.number).sort((a, b) => a.id - b.id);
    return paginate(
      items.map((r) => reviewJson(t.repo, r, ctx.urls)),
      ctx.query,
      ctx.requestUrl,
    );
  },
};

/** `GET /repos/{o}/{r}/issues/{n}/comments`: the conversation, oldest first, paginated. */
const listIssueComments: Route = {
  method: 'GET',
  reusable: true,
  pattern: new RegExp(`${ISSUE}\\/comments$`),
  handle(ctx) {
    const t = pullTarget(ctx, 'pull');
    if (isReply(t)) return t;
    const items = t.repo.issueComments.filter((c) => c.pull === t.pr.number).sort((a, b) => a.id - b.id);
    return paginate(
      items.map((c) => issueCommentJson(t.repo, c, ctx.urls)),
      ctx.query,
      ctx.requestUrl,
    );
  },
};

/** `POST /repos/{o}/{r}/issues/{n}/comments`: a conversation comment by the caller. */
const createIssueComment: Route = {
  method: 'POST',
  pattern: new RegExp(`${ISSUE}\\/comments$`),
  handle(ctx) {
    const t = pullTarget(ctx, 'pull');
    if (isReply(t)) return t;
    const body = bodyOf(ctx, 'IssueComment');
    if (isReply(body)) return body;
    const c = addIssueComment(ctx.state, t.repo.owner, t.repo.name, t.pr.number, { user: ctx.login, body });
    const json = issueCommentJson(t.repo, c, ctx.urls);
    return { status: 201, body: json, headers: { location: json.url } };
  },
};

/** Review comments, replies, reviews and conversation comments. */
export const feedbackRoutes: Route[] = [
  listComments,
  reply,
  listReviews,
  listIssueComments,
  createIssueComment,
];
