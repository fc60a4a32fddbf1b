import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { bearerToken, defaultFaultBody, errorReply, notFound, readJson, type Reply } from './http.js';
import type { UrlBase } from './json-users.js';
import type { Route, RouteContext } from './route-context.js';
import { checkRoutes } from './routes-checks.js';
import { feedbackRoutes } from './routes-feedback.js';
import { graphqlRoutes } from './routes-graphql.js';
import { pullRoutes } from './routes-pulls.js';
import { repoRoutes } from './routes-repo.js';
import { reviewRoutes } from './routes-reviews.js';
import { conditional, prepareAnswer, rateHeaders, rateOf } from './rate-and-etag.js';
import type { ReusableAnswers } from './reusable-answers.js';
import type { GitHubState } from './state.js';
import type { StandInBranchResolver, StandInFault, StandInRequest, StandInToken } from './types.js';

/** Every route the stand-in serves (the OpenAPI test checks each one was exercised). */
export const ROUTES: Route[] = [
  ...repoRoutes,
  ...pullRoutes,
  ...reviewRoutes,
  ...feedbackRoutes,
  ...checkRoutes,
  ...graphqlRoutes,
];
const GHE_PREFIX = '/api/v3';
/** GitHub Enterprise serves GraphQL beside the REST prefix, not under it. */
const GHE_GRAPHQL = '/api/graphql';

/** Mutable server state shared with the public handle. */
export interface HandlerDeps {
  state: GitHubState;
  baseUrl: () => string;
  branchExists: StandInBranchResolver;
  faults: (StandInFault & { remaining: number })[];
  log: StandInRequest[];
  latency: { ms: number };
  rateLimit: number;
  /** Requests counted per login and resource (`core`, `graphql`), for `x-ratelimit-*`. */
  used: Map<string, number>;
  /** Epoch seconds when the (simulated) rate-limit window resets. */
  resetEpoch: number;
  startedAt: number;
  /** Answers of reusable routes, until the state changes. */
  answers: ReusableAnswers;
}

function takeFault(
  deps: HandlerDeps,
  method: string,
  route: string,
): (StandInFault & { remaining: number }) | undefined {
  const fault = deps.faults.find(
    (f) =>
      f.remaining > 0 && (f.method === undefined || f.method.toUpperCase() === method) && f.path.test(route),
  );
  if (fault) fault.remaining--;
  return fault;
}

function send(res: ServerResponse, entry: StandInRequest, reply: Reply, base: Record<string, string>): void {
  entry.status = reply.status;
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-api-version-selected': '2022-11-28',
    vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
    ...base,
    ...reply.headers,
  };
  res.writeHead(reply.status, headers);
  if (reply.raw !== undefined) res.end(reply.raw);
  else res.end(reply.body === undefined || reply.status === 304 ? '' : JSON.stringify(reply.body));
}

const limits = (deps: HandlerDeps) => ({ limit: deps.rateLimit, reset: deps.resetEpoch });

/** Split the path into the route (without `/api/v3`) and the URL bases answers should use. */
function locate(deps: HandlerDeps, pathname: string): { route: string; urls: UrlBase } | null {
  const web = deps.baseUrl();
  if (pathname === GHE_GRAPHQL) return { route: '/graphql', urls: { api: web + GHE_PREFIX, web } };
  const prefixed = pathname === GHE_PREFIX || pathname.startsWith(`${GHE_PREFIX}/`);
  const route = (prefixed ? pathname.slice(GHE_PREFIX.length) : pathname) || '/';
  // `/api/v3/graphql` does not exist on GitHub Enterprise.
  if (prefixed && route === '/graphql') return null;
  return { route, urls: { api: web + (prefixed ? GHE_PREFIX : ''), web } };
}

/** Serve one request: log, latency, faults, auth, the route, then ETag/304 and rate-limit headers. */
export async function handleRequest(
  deps: HandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const requestUrl = new URL(req.url ?? '/', deps.baseUrl());
  const where = locate(deps, requestUrl.pathname);
  const route = where?.route ?? requestUrl.pathname;
  const query = Object.fromEntries(requestUrl.searchParams);
  const body = await readJson(req);
  const token = bearerToken(req.headers.authorization);
  const entry: StandInRequest = {
    method,
    path: requestUrl.pathname,
    route,
    query,
    body: body instanceof Error ? null : (body ?? null),
    status: 0,
    authPresent: token !== null,
    login: null,
    injected: false,
    atMs: performance.now() - deps.startedAt,
  };
  deps.log.push(entry);
  // Unref'd: a long simulated latency must not keep a finished test process alive.
  if (deps.latency.ms > 0) await new Promise((r) => setTimeout(r, deps.latency.ms).unref());
  const user = token ? deps.state.userForToken(token) : undefined;
  if (user) entry.login = user.login;
  const resource = route === '/graphql' ? 'graphql' : 'core';
  const fault = takeFault(deps, method, route);
  if (fault?.resetConnection) {
    entry.injected = true;
    req.socket.destroy();
    return;
  }
  let reply: Reply;
  if (fault) {
    entry.injected = true;
    const status = fault.status ?? 500;
    reply = { status, body: fault.body ?? defaultFaultBody(status), headers: fault.headers ?? {} };
    if (fault.rawBody !== undefined) reply.raw = fault.rawBody;
  } else if (token === null) reply = errorReply(401, 'Requires authentication');
  else if (!user) reply = errorReply(401, 'Bad credentials');
  else if (body instanceof Error) reply = errorReply(400, body.message);
  else
    reply = where
      ? await serve(deps, { method, route, query, body, requestUrl, urls: where.urls }, user)
      : notFound();
  if (!fault) reply = conditional(reply, method, req.headers['if-none-match'], user);
  // A 304 (and GET /rate_limit) costs nothing, as on GitHub.
  const counted = reply.status !== 304 && route !== '/rate_limit';
  const base: Record<string, string> = {
    'x-github-request-id': `5A7D:${deps.log.length.toString(16).toUpperCase()}`,
  };
  if (user)
    Object.assign(
      base,
      rateHeaders(
        rateOf(deps.used, { ...limits(deps), login: user.login, resource, count: counted }),
        resource,
        user,
      ),
    );
  send(res, entry, reply, base);
}

async function serve(
  deps: HandlerDeps,
  r: {
    method: string;
    route: string;
    query: Record<string, string>;
    body: unknown;
    requestUrl: URL;
    urls: UrlBase;
  },
  user: StandInToken,
): Promise<Reply> {
  const found = ROUTES.map((x) => ({ x, m: x.pattern.exec(r.route) })).find(
    (f) => f.m && f.x.method === r.method,
  );
  if (!found?.m) return notFound();
  const ctx: RouteContext = {
    state: deps.state,
    login: user.login,
    params: found.m.slice(1).map((p) => decodeURIComponent(p)),
    query: r.query,
    body:
      typeof r.body === 'object' && r.body !== null && !Array.isArray(r.body)
        ? (r.body as Record<string, unknown>)
        : {},
    urls: r.urls,
    requestUrl: r.requestUrl,
    branchExists: deps.branchExists,
    rate: (resource = 'core') =>
      rateOf(deps.used, { ...limits(deps), login: user.login, resource, count: false }),
  };
  const { reusable } = found.x;
  if (!(typeof reusable === 'function' ? reusable(ctx) : reusable === true)) {
    // Anything but a read may change the state: forget the answers computed from it.
    if (r.method !== 'GET') deps.answers.clear();
    return found.x.handle(ctx);
  }
  const key = `${user.login}\n${r.method} ${r.requestUrl.pathname}${r.requestUrl.search}\n${JSON.stringify(r.body ?? null)}`;
  const known = deps.answers.get(key);
  if (known) return known;
  const generation = deps.answers.generation;
  const reply = prepareAnswer(await found.x.handle(ctx), r.method, user);
  if (reply.status === 200) deps.answers.set(key, reply, generation);
  return reply;
}
