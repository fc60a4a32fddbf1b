import { errorReply, notFound } from './http.js';
import { commitJson, fullRepoJson, permissionLevel } from './json-repos.js';
import { privateUserJson, userJson } from './json-users.js';
import { isReply, repoFor, type Route, type RouteContext } from './route-context.js';
import { fakeSha, type RepoState } from './state.js';

const REPO = '^\\/repos\\/([^/]+)\\/([^/]+)';

/** `GET /user`: the caller. */
const currentUser: Route = {
  method: 'GET',
  pattern: /^\/user$/,
  handle(ctx) {
    return { status: 200, body: privateUserJson(ctx.login, ctx.urls) };
  },
};

/** `GET /repos/{o}/{r}` with the caller's `permissions`. */
const getRepo: Route = {
  method: 'GET',
  pattern: new RegExp(`${REPO}$`),
  handle(ctx) {
    const repo = repoFor(ctx, 'pull');
    if (isReply(repo)) return repo;
    return { status: 200, body: fullRepoJson(repo, ctx.urls, ctx.state.permissionOf(repo, ctx.login)) };
  },
};

/** A branch's tip through the resolver; null when the branch does not exist. */
async function tipOf(ctx: RouteContext, repo: RepoState, branch: string): Promise<string | null> {
  const tip = await ctx.branchExists(repo.owner, repo.name, branch);
  if (tip === false) return null;
  return typeof tip === 'string' ? tip : fakeSha(repo.owner, repo.name, branch);
}

/** `GET /repos/{o}/{r}/branches/{branch}` (the branch name may contain slashes). */
const getBranch: Route = {
  method: 'GET',
  pattern: new RegExp(`${REPO}\\/branches\\/(.+)$`),
  async handle(ctx) {
    const repo = repoFor(ctx, 'pull');
    if (isReply(repo)) return repo;
    const name = ctx.params[2] ?? '';
    const sha = await tipOf(ctx, repo, name);
    if (sha === null) return errorReply(404, 'Branch not found');
    const self = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/branches/${name}`;
    const body = {
      name,
      commit: commitJson(repo, sha, ctx.urls),
      _links: { html: `${ctx.urls.web}/${repo.owner}/${repo.name}/tree/${name}`, self },
      protected: false,
      protection: {
        enabled: false,
        required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
      },
      protection_url: `${self}/protection`,
    };
    return { status: 200, body };
  },
};

/** `GET /repos/{o}/{r}/git/ref/heads/{branch}`: one branch ref. */
const getRef: Route = {
  method: 'GET',
  pattern: new RegExp(`${REPO}\\/git\\/ref\\/(.+)$`),
  async handle(ctx) {
    const repo = repoFor(ctx, 'pull');
    if (isReply(repo)) return repo;
    const ref = ctx.params[2] ?? '';
    const sha = ref.startsWith('heads/') ? await tipOf(ctx, repo, ref.slice('heads/'.length)) : null;
    if (sha === null) return notFound();
    const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
    const object = { type: 'commit', sha, url: `${api}/git/commits/${sha}` };
    return {
      status: 200,
      body: { ref: `refs/${ref}`, node_id: `REF_${sha.slice(0, 12)}`, url: `${api}/git/refs/${ref}`, object },
    };
  },
};

/** `GET /repos/{o}/{r}/collaborators/{user}/permission`: level and role of any login (none for outsiders). */
const getPermission: Route = {
  method: 'GET',
  pattern: new RegExp(`${REPO}\\/collaborators\\/([^/]+)\\/permission$`),
  handle(ctx) {
    const repo = repoFor(ctx, 'pull');
    if (isReply(repo)) return repo;
    const login = ctx.params[2] ?? '';
    const perm = ctx.state.permissionOf(repo, login);
    const level = permissionLevel(perm);
    const user = { ...userJson(login, ctx.urls), role_name: level.role_name };
    const permissions = perm ? { ...perm, maintain: perm.admin, triage: perm.push } : undefined;
    return { status: 200, body: { ...level, user: permissions ? { ...user, permissions } : user } };
  },
};

/** `GET /rate_limit`: the caller's remaining core requests (not counted itself, like GitHub). */
const rateLimit: Route = {
  method: 'GET',
  pattern: /^\/rate_limit$/,
  handle(ctx) {
    const rate = ctx.rate();
    const idle = { limit: rate.limit, remaining: rate.limit, reset: rate.reset, used: 0 };
    return {
      status: 200,
      body: { resources: { core: rate, search: idle, graphql: ctx.rate('graphql') }, rate },
    };
  },
};

/** User, repository, branch, ref, permission and rate-limit routes. */
export const repoRoutes: Route[] = [currentUser, getRepo, getBranch, getRef, getPermission, rateLimit];
