import { execute, GraphQLError, parse, validate, type DocumentNode } from 'graphql';
import type { Reply } from './http.js';
import { githubGraphQLSchema } from './graphql-schema.js';
import type { Route, RouteContext } from './route-context.js';
import type { RepoState } from './state.js';
import type { StandInPullRequest, StandInReviewComment } from './types.js';

type Args = { first?: number | null; after?: string | null; last?: number | null };

const cursorOf = (i: number): string => Buffer.from(`cursor:v2:${i}`).toString('base64');
const indexOf = (cursor: string): number =>
  Number.parseInt(
    Buffer.from(cursor, 'base64')
      .toString()
      .replace(/^cursor:v2:/, ''),
    10,
  );

function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type: 'NOT_FOUND' } });
}

/** One page of a connection, with GitHub's limits: `first` (1..100) is required, cursors are opaque. */
function connection<T>(items: T[], args: Args, name: string) {
  if (args.first == null)
    throw new GraphQLError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
    );
  if (args.first < 0 || args.first > 100)
    throw new GraphQLError(
      `Requesting ${args.first} records on the \`${name}\` connection exceeds the \`first\` limit of 100 records.`,
    );
  const start = args.after ? indexOf(args.after) + 1 : 0;
  const page = items.slice(start, start + args.first);
  const end = start + page.length - 1;
  return {
    totalCount: items.length,
    nodes: page,
    edges: page.map((node, i) => ({ node, cursor: cursorOf(start + i) })),
    pageInfo: {
      hasNextPage: end + 1 < items.length,
      hasPreviousPage: start > 0,
      startCursor: page.length > 0 ? cursorOf(start) : null,
      endCursor: page.length > 0 ? cursorOf(end) : null,
    },
  };
}

function commentNode(ctx: RouteContext, repo: RepoState, c: StandInReviewComment) {
  return {
    __typename: 'PullRequestReviewComment',
    id: `PRRC_kwDO${c.id}`,
    databaseId: c.id,
    body: c.body,
    path: c.path,
    line: c.line,
    originalLine: c.originalLine,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    url: `${ctx.urls.web}/${repo.owner}/${repo.name}/pull/${c.pull}#discussion_r${c.id}`,
    author: { __typename: c.userType === 'Bot' ? 'Bot' : 'User', login: c.user.replace(/\[bot\]$/, '') },
  };
}

function threadNode(ctx: RouteContext, repo: RepoState, root: StandInReviewComment) {
  const state = repo.threads.get(root.id) ?? { resolved: false, outdated: false };
  const comments = repo.comments.filter((c) => c.id === root.id || c.inReplyTo === root.id);
  return {
    __typename: 'PullRequestReviewThread',
    id: `PRRT_kwDO${root.id}`,
    isResolved: state.resolved,
    isOutdated: state.outdated,
    isCollapsed: state.resolved,
    path: root.path,
    line: root.line,
    originalLine: root.originalLine,
    startLine: null,
    diffSide: 'RIGHT',
    subjectType: 'LINE',
    comments: (args: Args) =>
      connection(
        comments.map((c) => commentNode(ctx, repo, c)),
        args,
        'comments',
      ),
  };
}

function pullNode(ctx: RouteContext, repo: RepoState, pr: StandInPullRequest) {
  const roots = repo.comments.filter((c) => c.pull === pr.number && c.inReplyTo === null);
  return {
    __typename: 'PullRequest',
    number: pr.number,
    title: pr.title,
    reviewThreads: (args: Args) =>
      connection(
        roots.map((r) => threadNode(ctx, repo, r)),
        args,
        'reviewThreads',
      ),
  };
}

/** The root resolvers over the stand-in's state, as the caller sees it. */
function rootValue(ctx: RouteContext) {
  const visible = (owner: string, name: string): RepoState | undefined => {
    const repo = ctx.state.repo(owner, name);
    return repo && ctx.state.permissionOf(repo, ctx.login)?.pull ? repo : undefined;
  };
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = visible(owner, name);
      if (!repo) throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return {
        __typename: 'Repository',
        nameWithOwner: `${repo.owner}/${repo.name}`,
        pullRequest: ({ number }: { number: number }) => {
          const pr = repo.pulls[number - 1];
          if (!pr) throw notFound(`Could not resolve to a PullRequest with the number of ${number}.`);
          return pullNode(ctx, repo, pr);
        },
      };
    },
    node: ({ id }: { id: string }) => {
      const rootId = Number.parseInt(/^PRRT_kwDO(\d+)$/.exec(id)?.[1] ?? '', 10);
      const repo = ctx.state
        .repos()
        .find((r) => r.comments.some((c) => c.id === rootId && c.inReplyTo === null));
      const root = repo?.comments.find((c) => c.id === rootId);
      if (!repo || !root || !visible(repo.owner, repo.name))
        throw notFound(`Could not resolve to a node with the global id of '${id}'`);
      return threadNode(ctx, repo, root);
    },
    viewer: { __typename: 'User', login: ctx.login },
  };
}

/** Parsed and validated queries by text (as GitHub caches them): a client sends the same few. */
const prepared = new Map<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>();

/** `query` parsed and validated against GitHub's schema once (the same answers as `graphql()`). */
function preparedQuery(query: string): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  let entry = prepared.get(query);
  if (!entry) {
    try {
      const document = parse(query);
      const errors = validate(githubGraphQLSchema(), document);
      entry = errors.length > 0 ? { errors } : { document };
    } catch (e) {
      if (!(e instanceof GraphQLError)) throw e;
      entry = { errors: [e] };
    }
    if (prepared.size >= 100) prepared.clear();
    prepared.set(query, entry);
  }
  return entry;
}

/** `POST /graphql` (GHE: `/api/graphql`): queries validated against GitHub's schema; errors shaped like GitHub's. */
const graphqlRoute: Route = {
  method: 'POST',
  // The schema has queries only: an answer changes with the state, never the state.
  reusable: true,
  pattern: /^\/graphql$/,
  async handle(ctx): Promise<Reply> {
    const { query, variables } = ctx.body as { query?: unknown; variables?: unknown };
    if (typeof query !== 'string')
      return {
        status: 200,
        body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] },
      };
    const prepared = preparedQuery(query);
    const result =
      'errors' in prepared
        ? { errors: prepared.errors, data: undefined }
        : await execute({
            schema: githubGraphQLSchema(),
            document: prepared.document,
            rootValue: rootValue(ctx),
            variableValues: (variables ?? {}) as Record<string, unknown>,
          });
    const errors = result.errors?.map((e) => ({
      ...(typeof e.extensions.type === 'string' ? { type: e.extensions.type } : {}),
      path: e.path,
      locations: e.locations,
      message: e.message,
    }));
    return { status: 200, body: errors ? { data: result.data ?? null, errors } : { data: result.data } };
  },
};

/** GraphQL: review threads of a pull request (and a thread's comments through `node`). */
export const graphqlRoutes: Route[] = [graphqlRoute];
