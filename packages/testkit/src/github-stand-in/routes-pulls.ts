import {
  notFound,
  forbidden,
  paginate,
  validationFailed,
  type Reply,
  type ValidationErrorItem,
} from './http.js';
import { pullJson } from './json-pulls.js';
import { fields, isReply, pullNumber, repoFor, type Route, type RouteContext } from './route-context.js';
import { fakeSha, splitOnce, type RepoState } from './state.js';
import type { StandInPullRequest } from './types.js';

const PULLS = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/;
const PULL = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function json(ctx: RouteContext, repo: RepoState, pr: StandInPullRequest, single: boolean): unknown {
  return pullJson(repo, pr, ctx.urls, ctx.state.associationOf(repo, pr.user), single);
}

function openDuplicate(
  repo: RepoState,
  headOwner: string,
  headRef: string,
  base: string,
  except?: number,
): ValidationErrorItem[] | null {
  const dup = repo.pulls.find(
    (p) =>
      p.state === 'open' &&
      p.number !== except &&
      same(p.headOwner, headOwner) &&
      p.headRef === headRef &&
      p.baseRef === base,
  );
  return dup
    ? [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${headOwner}:${headRef}.`,
        },
      ]
    : null;
}

/** `GET /repos/{o}/{r}/pulls`: `state`, `head` (`owner:branch`; ignored without the owner, like GitHub), `base`, `direction`, paginated. */
const list: Route = {
  method: 'GET',
  reusable: true,
  pattern: PULLS,
  handle(ctx) {
    const repo = repoFor(ctx, 'pull');
    if (isReply(repo)) return repo;
    const state = ctx.query.state ?? 'open';
    let pulls = repo.pulls.filter((p) => state === 'all' || p.state === state);
    const head = ctx.query.head;
    if (head?.includes(':')) {
      const [owner, ref] = splitOnce(head);
      pulls = pulls.filter((p) => same(p.headOwner, owner) && p.headRef === ref);
    }
    if (ctx.query.base) pulls = pulls.filter((p) => p.baseRef === ctx.query.base);
    pulls = [...pulls].sort((a, b) =>
      ctx.query.direction === 'asc' ? a.number - b.number : b.number - a.number,
    );
    return paginate(
      pulls.map((p) => json(ctx, repo, p, false)),
      ctx.query,
      ctx.requestUrl,
    );
  },
};

/** `POST /repos/{o}/{r}/pulls`. */
const create: Route = {
  method: 'POST',
  pattern: PULLS,
  async handle(ctx): Promise<Reply> {
    const repo = repoFor(ctx, 'push');
    if (isReply(repo)) return repo;
    const f = fields(ctx.body, {
      title: 'string',
      body: 'string',
      head: 'string',
      base: 'string',
      draft: 'boolean',
    });
    if (isReply(f)) return f;
    const { title, head, base } = f;
    if (!title || !head || !base) {
      const missing = (['title', 'head', 'base'] as const).filter((k) => !f[k]);
      return validationFailed(
        missing.map((field) => ({ resource: 'PullRequest', field, code: 'missing_field' })),
      );
    }
    const [headOwner, headRef] = head.includes(':') ? splitOnce(head) : [repo.owner, head];
    const headTip = await ctx.branchExists(headOwner, repo.name, headRef);
    if (headTip === false)
      return validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
    const baseTip = await ctx.branchExists(repo.owner, repo.name, base);
    if (baseTip === false)
      return validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    if (same(headOwner, repo.owner) && headRef === base)
      return validationFailed([
        { resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${headRef}` },
      ]);
    const dup = openDuplicate(repo, headOwner, headRef, base);
    if (dup) return validationFailed(dup);
    const pr = ctx.state.createPull(repo, {
      title,
      body: f.body ?? null,
      draft: f.draft ?? false,
      headOwner,
      headRef,
      headSha: typeof headTip === 'string' ? headTip : fakeSha(headOwner, repo.name, headRef),
      baseRef: base,
      user: ctx.login,
    });
    if (typeof baseTip === 'string') pr.baseSha = baseTip;
    const body = pullJson(repo, pr, ctx.urls, ctx.state.associationOf(repo, pr.user), true);
    return { status: 201, body, headers: { location: body.url } };
  },
};

/** `GET /repos/{o}/{r}/pulls/{n}`. */
const get: Route = {
  method: 'GET',
  reusable: true,
  pattern: PULL,
  handle(ctx) {
    const repo = repoFor(ctx, 'pull');
    if (isReply(repo)) return repo;
    const pr = repo.pulls[pullNumber(ctx) - 1];
    return pr ? { status: 200, body: json(ctx, repo, pr, true) } : notFound();
  },
};

/** `PATCH /repos/{o}/{r}/pulls/{n}`: title, body, state, base. */
const update: Route = {
  method: 'PATCH',
  pattern: PULL,
  async handle(ctx): Promise<Reply> {
    const repo = repoFor(ctx, 'pull');
    if (isReply(repo)) return repo;
    const pr = repo.pulls[pullNumber(ctx) - 1];
    if (!pr) return notFound();
    if (!ctx.state.permissionOf(repo, ctx.login)?.push && !same(pr.user, ctx.login)) return forbidden();
    const f = fields(ctx.body, { title: 'string', body: 'string', state: 'string', base: 'string' });
    if (isReply(f)) return f;
    if (f.state !== undefined && f.state !== 'open' && f.state !== 'closed')
      return validationFailed([{ resource: 'PullRequest', field: 'state', code: 'invalid' }]);
    const base = f.base ?? pr.baseRef;
    if (f.base !== undefined && (await ctx.branchExists(repo.owner, repo.name, f.base)) === false)
      return validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    if (f.state === 'open' && pr.state === 'closed') {
      if (pr.merged)
        return validationFailed([
          { resource: 'PullRequest', code: 'custom', message: 'Cannot reopen a merged pull request.' },
        ]);
      const dup = openDuplicate(repo, pr.headOwner, pr.headRef, base, pr.number);
      if (dup) return validationFailed(dup);
    }
    if (f.title !== undefined) pr.title = f.title;
    if (f.body !== undefined) pr.body = f.body;
    pr.baseRef = base;
    if (f.state !== undefined && !pr.merged && f.state !== pr.state) {
      pr.state = f.state;
      pr.closedAt = f.state === 'closed' ? ctx.state.timestamp() : null;
    }
    pr.updatedAt = ctx.state.timestamp();
    return { status: 200, body: json(ctx, repo, pr, true) };
  },
};

/** The pull request routes. */
export const pullRoutes: Route[] = [list, create, get, update];
