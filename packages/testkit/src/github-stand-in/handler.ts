import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { bearerToken, defaultFaultBody, errorReply, notFound, readJson, type Reply } from './http.js';
import type { UrlBase } from './json.js';
import type { Route, RouteContext } from './route-context.js';
import { pullRoutes } from './routes-pulls.js';
import { repoRoutes } from './routes-repo.js';
import { reviewRoutes } from './routes-reviews.js';
import type { GitHubState } from './state.js';
import type { StandInBranchResolver, StandInFault, StandInRequest, StandInToken } from './types.js';

const ROUTES: Route[] = [...repoRoutes, ...pullRoutes, ...reviewRoutes];
const GHE_PREFIX = '/api/v3';

/** Mutable server state shared with the public handle. */
export interface HandlerDeps {
  state: GitHubState;
  baseUrl: () => string;
  branchExists: StandInBranchResolver;
  faults: (StandInFault & { remaining: number })[];
  log: StandInRequest[];
  latency: { ms: number };
  rateLimit: number;
  /** Requests counted per login, for `x-ratelimit-remaining`. */
  used: Map<string, number>;
  /** Epoch seconds when the (simulated) rate-limit window resets. */
  resetEpoch: number;
  startedAt: number;
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

function rateHeaders(deps: HandlerDeps, user: StandInToken): Record<string, string> {
  const used = (deps.used.get(user.login) ?? 0) + 1;
  deps.used.set(user.login, used);
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(deps.rateLimit),
    'x-ratelimit-remaining': String(Math.max(0, deps.rateLimit - used)),
    'x-ratelimit-reset': String(deps.resetEpoch),
    'x-ratelimit-used': String(used),
    'x-ratelimit-resource': 'core',
  };
  if (user.scopes) headers['x-oauth-scopes'] = user.scopes.join(', ');
  return headers;
}

function send(res: ServerResponse, entry: StandInRequest, reply: Reply, base: Record<string, string>): void {
  entry.status = reply.status;
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-api-version-selected': '2022-11-28',
    ...base,
    ...reply.headers,
  };
  res.writeHead(reply.status, headers);
  res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}

/** Serve one request: log, latency, injected faults, auth, rate-limit headers, then the route. */
export async function handleRequest(
  deps: HandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const requestUrl = new URL(req.url ?? '/', deps.baseUrl());
  const prefixed = requestUrl.pathname === GHE_PREFIX || requestUrl.pathname.startsWith(`${GHE_PREFIX}/`);
  const route = (prefixed ? requestUrl.pathname.slice(GHE_PREFIX.length) : requestUrl.pathname) || '/';
  const urls: UrlBase = { api: deps.baseUrl() + (prefixed ? GHE_PREFIX : ''), web: deps.baseUrl() };
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
  if (deps.latency.ms > 0) await new Promise((r) => setTimeout(r, deps.latency.ms));
  const user = token ? deps.state.userForToken(token) : undefined;
  if (user) entry.login = user.login;
  const base = {
    'x-github-request-id': `5A7D:${deps.log.length.toString(16).toUpperCase()}`,
    ...(user ? rateHeaders(deps, user) : {}),
  };
  const fault = takeFault(deps, method, route);
  if (fault) {
    entry.injected = true;
    if (fault.resetConnection) {
      req.socket.destroy();
      return;
    }
    const status = fault.status ?? 500;
    send(
      res,
      entry,
      { status, body: fault.body ?? defaultFaultBody(status), headers: fault.headers ?? {} },
      base,
    );
    return;
  }
  if (token === null) return send(res, entry, errorReply(401, 'Requires authentication'), base);
  if (!user) return send(res, entry, errorReply(401, 'Bad credentials'), base);
  if (body instanceof Error) return send(res, entry, errorReply(400, body.message), base);
  const found = ROUTES.map((r) => ({ r, m: r.pattern.exec(route) })).find(
    (x) => x.m && x.r.method === method,
  );
  if (!found?.m) return send(res, entry, notFound(), base);
  const ctx: RouteContext = {
    state: deps.state,
    login: user.login,
    params: found.m.slice(1).map((p) => decodeURIComponent(p)),
    query,
    body:
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : {},
    urls,
    requestUrl,
    branchExists: deps.branchExists,
  };
  send(res, entry, await found.r.handle(ctx), base);
}
