import { errorReply, notFound, paginate, type Reply } from './http.js';
import { annotationJson, checkRunJson, combinedStatusJson, statusJson } from './json-checks.js';
import { isReply, repoFor, type Route, type RouteContext } from './route-context.js';
import { fakeSha, type RepoState } from './state.js';
import { latestCheckRuns, latestStatuses } from './state-feedback.js';

const REPO = '^\\/repos\\/([^/]+)\\/([^/]+)';

/** The commit a `{ref}` names: a full sha as is, a branch through the resolver; null when unknown. */
async function commitOf(ctx: RouteContext, repo: RepoState): Promise<string | null> {
  const ref = ctx.params[2] ?? '';
  if (/^[0-9a-f]{40}$/.test(ref)) return ref;
  const tip = await ctx.branchExists(repo.owner, repo.name, ref.replace(/^heads\//, ''));
  if (tip === false) return null;
  return typeof tip === 'string' ? tip : fakeSha(repo.owner, repo.name, ref);
}

/** A `{ref}` answer is reusable when the ref is a full sha: a branch goes through the (outside) resolver. */
const byFullSha = (ctx: RouteContext): boolean => /^[0-9a-f]{40}$/.test(ctx.params[2] ?? '');

/** The repository and commit of a `/repos/{o}/{r}/commits/{ref}/...` path, or GitHub's 404/422. */
async function commitTarget(ctx: RouteContext): Promise<{ repo: RepoState; sha: string } | Reply> {
  const repo = repoFor(ctx, 'pull');
  if (isReply(repo)) return repo;
  const sha = await commitOf(ctx, repo);
  return sha === null ? errorReply(422, `No commit found for SHA: ${ctx.params[2] ?? ''}`) : { repo, sha };
}

/** A page of `items` wrapped as `{total_count, [key]: page}`, with the page's Link header. */
function wrappedPage<T>(items: T[], key: string, ctx: RouteContext): Reply {
  const page = paginate(items, ctx.query, ctx.requestUrl);
  return { ...page, body: { total_count: items.length, [key]: page.body } };
}

/** `GET /repos/{o}/{r}/commits/{ref}/check-runs`: the latest run per name (GitHub's default filter). */
const listCheckRuns: Route = {
  method: 'GET',
  reusable: byFullSha,
  pattern: new RegExp(`${REPO}\\/commits\\/([^/]+)\\/check-runs$`),
  async handle(ctx) {
    const t = await commitTarget(ctx);
    if (isReply(t)) return t;
    const runs =
      ctx.query.filter === 'all'
        ? t.repo.checkRuns.filter((c) => c.headSha === t.sha)
        : latestCheckRuns(t.repo, t.sha);
    const named = ctx.query.check_name ? runs.filter((c) => c.name === ctx.query.check_name) : runs;
    return wrappedPage(
      named.map((c) => checkRunJson(t.repo, c, ctx.urls)),
      'check_runs',
      ctx,
    );
  },
};

/** `GET /repos/{o}/{r}/check-runs/{id}/annotations`, paginated. */
const listAnnotations: Route = {
  method: 'GET',
  reusable: true,
  pattern: new RegExp(`${REPO}\\/check-runs\\/(\\d+)\\/annotations$`),
  handle(ctx) {
    const repo = repoFor(ctx, 'pull');
    if (isReply(repo)) return repo;
    const run = repo.checkRuns.find((c) => c.id === Number.parseInt(ctx.params[2] ?? '', 10));
    if (!run) return notFound();
    const items = run.annotations.map((a) => annotationJson(repo, run, a, ctx.urls));
    return paginate(items, ctx.query, ctx.requestUrl);
  },
};

/** `GET /repos/{o}/{r}/commits/{ref}/status`: combined state, latest status per context, paginated. */
const combinedStatus: Route = {
  method: 'GET',
  reusable: byFullSha,
  pattern: new RegExp(`${REPO}\\/commits\\/([^/]+)\\/status$`),
  async handle(ctx) {
    const t = await commitTarget(ctx);
    if (isReply(t)) return t;
    const latest = latestStatuses(t.repo, t.sha);
    const page = paginate(latest, ctx.query, ctx.requestUrl);
    const body = combinedStatusJson(t.repo, t.sha, latest, page.body as typeof latest, ctx.urls);
    return { ...page, body };
  },
};

/** `GET /repos/{o}/{r}/commits/{ref}/statuses`: every status of the commit, newest first, paginated. */
const listStatuses: Route = {
  method: 'GET',
  reusable: byFullSha,
  pattern: new RegExp(`${REPO}\\/commits\\/([^/]+)\\/statuses$`),
  async handle(ctx) {
    const t = await commitTarget(ctx);
    if (isReply(t)) return t;
    const all = t.repo.statuses.filter((s) => s.sha === t.sha).sort((a, b) => b.id - a.id);
    return paginate(
      all.map((s) => statusJson(t.repo, s, ctx.urls)),
      ctx.query,
      ctx.requestUrl,
    );
  },
};

/** Check runs, annotations and commit statuses. */
export const checkRoutes: Route[] = [listCheckRuns, listAnnotations, combinedStatus, listStatuses];
