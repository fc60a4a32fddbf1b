import { errorReply, forbidden, notFound, type Reply } from './http.js';
import type { UrlBase } from './json-users.js';
import type { GitHubState, RepoState } from './state.js';
import type { StandInBranchResolver, StandInPullRequest } from './types.js';

/** Everything a route handler gets. */
export interface RouteContext {
  state: GitHubState;
  /** The authenticated caller. */
  login: string;
  /** Decoded path parameters, in order. */
  params: string[];
  query: Record<string, string>;
  /** The JSON body (an empty object when none was sent). */
  body: Record<string, unknown>;
  urls: UrlBase;
  /** Absolute URL of the request (for `Link` headers). */
  requestUrl: URL;
  branchExists: StandInBranchResolver;
  /** The caller's rate limit for a resource (default `core`), without counting this request. */
  rate(resource?: string): { limit: number; remaining: number; reset: number; used: number };
}

/** A route: method, path pattern (without the `/api/v3` prefix) and handler. */
export interface Route {
  method: string;
  pattern: RegExp;
  handle(ctx: RouteContext): Promise<Reply> | Reply;
  /**
   * True when the answer depends on nothing but the stand-in's state, the caller and the request
   * (no clock, rate limit or branch resolver, no change made): it is then served again from memory
   * until the state changes (handler.ts). Default false.
   */
  reusable?: boolean | ((ctx: RouteContext) => boolean);
}

/** True for a {@link Reply} (an early answer) rather than a value. */
export function isReply(x: unknown): x is Reply {
  return typeof x === 'object' && x !== null && 'status' in x && typeof (x as Reply).status === 'number';
}

/**
 * The repository named by the first two path parameters, if the caller may use it: 404 when it
 * does not exist or the caller cannot read it (GitHub hides private repositories), 403 when
 * `need` is `push` and the caller may only read.
 */
export function repoFor(ctx: RouteContext, need: 'pull' | 'push'): RepoState | Reply {
  const [owner = '', name = ''] = ctx.params;
  const repo = ctx.state.repo(owner, name);
  const perm = repo ? ctx.state.permissionOf(repo, ctx.login) : null;
  if (!repo || !perm?.pull) return notFound();
  if (need === 'push' && !perm.push) return forbidden();
  return repo;
}

/** The third path parameter as a pull request number. */
export function pullNumber(ctx: RouteContext): number {
  return Number.parseInt(ctx.params[2] ?? '', 10);
}

/** The repository and pull request of a `/repos/{o}/{r}/(pulls|issues)/{n}/...` path, or an error reply. */
export function pullTarget(
  ctx: RouteContext,
  need: 'pull' | 'push',
): { repo: RepoState; pr: StandInPullRequest } | Reply {
  const repo = repoFor(ctx, need);
  if (isReply(repo)) return repo;
  const pr = repo.pulls[pullNumber(ctx) - 1];
  return pr ? { repo, pr } : notFound();
}

type Kind = 'string' | 'boolean' | 'string[]';
type KindType<T extends Kind> = T extends 'string' ? string : T extends 'boolean' ? boolean : string[];

/**
 * Body fields of the given JSON types (absent or null fields are left out); a field of the wrong
 * type is GitHub's 422 "Invalid request" (returned as a Reply).
 */
export function fields<S extends Record<string, Kind>>(
  body: Record<string, unknown>,
  spec: S,
): { [K in keyof S]?: KindType<S[K]> } | Reply {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(spec)) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    const ok =
      kind === 'string[]'
        ? Array.isArray(value) && value.every((v) => typeof v === 'string')
        : typeof value === kind;
    if (!ok)
      return errorReply(
        422,
        `Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not a ${kind}.`,
      );
    out[name] = value;
  }
  return out as { [K in keyof S]?: KindType<S[K]> };
}
