import { repoJson, userJson } from './json.js';
import { isReply, repoFor, type Route } from './route-context.js';

/** `GET /user`: the caller. */
const currentUser: Route = {
  method: 'GET',
  pattern: /^\/user$/,
  handle(ctx) {
    return { status: 200, body: { ...userJson(ctx.login, ctx.urls), name: null } };
  },
};

/** `GET /repos/{o}/{r}` with the caller's `permissions`. */
const getRepo: Route = {
  method: 'GET',
  pattern: /^\/repos\/([^/]+)\/([^/]+)$/,
  handle(ctx) {
    const repo = repoFor(ctx, 'pull');
    if (isReply(repo)) return repo;
    return { status: 200, body: repoJson(repo, ctx.urls, ctx.state.permissionOf(repo, ctx.login)) };
  },
};

/** User and repository routes. */
export const repoRoutes: Route[] = [currentUser, getRepo];
