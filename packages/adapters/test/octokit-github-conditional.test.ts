import type { HttpCacheEntry, HttpCachePort } from '@metawsm/core';
import { InMemoryStore } from '@metawsm/core/testing';
import type { GitHubStandIn } from '../../testkit/src/github-stand-in/index.js';
import { OctokitGitHubAdapter } from '../src/github/index.js';
import { FAST, repoOn, standInWithSetup } from './github-support.js';

const O = 'acme';
const R = 'widgets';
const TOKEN = 'contract-token-alice';

describe('OctokitGitHubAdapter conditional requests (ETags in the store)', () => {
  let standIn: GitHubStandIn;
  let store: InMemoryStore;
  let n: number;
  let rootId: number;
  beforeEach(async () => {
    standIn = await standInWithSetup();
    store = new InMemoryStore();
    n = standIn.seedPullRequest({ owner: O, repo: R, head: 'feat' }).number;
    const root = standIn.addReviewComment(O, R, n, { user: 'carol', body: 'root' });
    rootId = root.id;
    for (let i = 0; i < 44; i++) standIn.addReviewComment(O, R, n, { user: 'carol', body: `c${i}` });
    standIn.addReviewComment(O, R, n, { user: 'alice', body: 'reply', inReplyTo: root.id });
    for (let i = 0; i < 4; i++)
      standIn.addReview(O, R, n, { user: 'carol', body: `r${i}`, state: 'COMMENTED' });
    standIn.addIssueComment(O, R, n, { user: 'ci-bot[bot]', userType: 'Bot', body: 'coverage' });
  });
  afterEach(async () => {
    await standIn.close();
  });

  const adapter = () => new OctokitGitHubAdapter({ ...FAST, pageSize: 30, cache: store });
  const sync = async (github: OctokitGitHubAdapter, token = TOKEN) => {
    const repo = repoOn(standIn.baseUrl, token);
    const pr = await github.getPullRequest(repo, n);
    return {
      pr,
      comments: await github.listReviewComments(repo, n),
      reviews: await github.listReviews(repo, n),
      conversation: await github.listIssueComments(repo, n),
      checks: await github.listCheckRuns(repo, pr.headSha),
      status: await github.getCombinedStatus(repo, pr.headSha),
    };
  };
  const rest = () => standIn.requests.filter((r) => r.route !== '/graphql');
  const nonConditional = () => rest().filter((r) => r.status !== 304);

  it('a re-sync from a new adapter (another process) costs zero non-304 responses and returns the same data', async () => {
    const first = await sync(adapter());
    expect(first.comments).toHaveLength(46);
    const firstCount = rest().length;
    expect(firstCount).toBe(7); // PR, 2 comment pages, reviews, conversation, check runs, status
    standIn.requests.length = 0;
    const again = await sync(adapter());
    expect(again).toEqual(first);
    expect(rest()).toHaveLength(7);
    expect(nonConditional()).toHaveLength(0);
  });

  it('stores only the fields metawsm reads, and a 304 answers exactly what the 200 did (annotations too)', async () => {
    const pr = standIn.listPullRequests(O, R)[0]!;
    const run = standIn.addCheckRun(O, R, {
      headSha: pr.headSha,
      name: 'unit',
      conclusion: 'failure',
      annotations: [{ path: 'src/a.ts', startLine: 3, message: 'wrong value' }],
    });
    const puts: HttpCacheEntry[] = [];
    const cache: HttpCachePort = {
      getHttpCache: (url, identity) => store.getHttpCache(url, identity),
      putHttpCache: (entry) => {
        puts.push(entry);
        return store.putHttpCache(entry);
      },
    };
    const github = () => new OctokitGitHubAdapter({ ...FAST, pageSize: 30, cache });
    const repo = repoOn(standIn.baseUrl, TOKEN);
    const read = async (gh: OctokitGitHubAdapter) => ({
      ...(await sync(gh)),
      annotations: await gh.listCheckRunAnnotations(repo, run.id),
    });
    const first = await read(github());
    expect(first.annotations).toEqual([
      expect.objectContaining({ path: 'src/a.ts', message: 'wrong value' }),
    ]);
    expect(puts.map((p) => new URL(p.url).pathname)).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/check-runs\/\d+\/annotations$/)]),
    );
    const comments = puts.filter((p) => /\/pulls\/\d+\/comments$/.test(new URL(p.url).pathname));
    expect(comments).toHaveLength(2);
    for (const p of puts) {
      expect(p.body).not.toContain('avatar_url');
      expect(p.body).not.toContain('_links');
      expect(p.body).not.toContain('node_id');
    }
    const [stored] = JSON.parse(comments[0]!.body) as Record<string, unknown>[];
    expect(Object.keys(stored!).sort()).toEqual(
      [
        'author_association',
        'body',
        'commit_id',
        'created_at',
        'diff_hunk',
        'html_url',
        'id',
        'line',
        'original_commit_id',
        'original_line',
        'path',
        'pull_request_review_id',
        'updated_at',
        'user',
      ].sort(),
    );
    standIn.requests.length = 0;
    expect(await read(github())).toEqual(first);
    expect(nonConditional()).toHaveLength(0);
  });

  it('a 304 costs no rate limit on the stand-in (x-ratelimit-remaining unchanged)', async () => {
    await sync(adapter());
    const github = adapter();
    await sync(github);
    standIn.requests.length = 0;
    const before = await github.currentUser(repoOn(standIn.baseUrl)); // counted: one request
    expect(before.login).toBe('alice');
    // 7 counted requests by the first sync + 1 here; the 7 conditional ones of the second sync are free.
    const res = await fetch(`${standIn.baseUrl}/rate_limit`, {
      headers: { authorization: `token ${TOKEN}` },
    });
    const body = (await res.json()) as { resources: { core: { used: number } } };
    expect(body.resources.core.used).toBe(8);
  });

  it('only what changed is fetched again: the PR (its counts), page 2 of the comments, the conversation', async () => {
    const github = adapter();
    await sync(github);
    standIn.addReviewComment(O, R, n, { user: 'carol', body: 'late', inReplyTo: rootId });
    const comment = standIn.addIssueComment(O, R, n, { user: 'carol', body: 'v1' });
    standIn.editIssueComment(O, R, comment.id, 'v2');
    standIn.requests.length = 0;
    const after = await sync(github);
    expect(after.comments.at(-1)?.body).toBe('late');
    expect(after.conversation.at(-1)?.body).toBe('v2');
    const fresh = nonConditional().map((r) => `${r.route}?page=${r.query.page ?? '1'}`);
    expect(fresh.sort()).toEqual(
      [
        `/repos/acme/widgets/issues/${n}/comments?page=1`,
        `/repos/acme/widgets/pulls/${n}/comments?page=2`,
        `/repos/acme/widgets/pulls/${n}?page=1`,
      ].sort(),
    );
  });

  it('keys the cache by token identity: another token gets full answers, and the token is never stored', async () => {
    await sync(adapter());
    standIn.requests.length = 0;
    await sync(adapter(), 'contract-token-carol');
    expect(nonConditional()).toHaveLength(7);
    const stored = await store.getHttpCache(
      `${standIn.baseUrl}/repos/acme/widgets/pulls/${n}`,
      (await import('../src/github/conditional-requests.js')).tokenIdentity(TOKEN),
    );
    expect(stored?.etag).toMatch(/^W\/"/);
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
  });

  it('without a cache nothing is conditional; writes and lookups never use it', async () => {
    const plain = new OctokitGitHubAdapter({ ...FAST, pageSize: 30 });
    await sync(plain);
    await sync(plain);
    expect(nonConditional()).toHaveLength(14);
    const cached = adapter();
    standIn.requests.length = 0;
    await cached.currentUser(repoOn(standIn.baseUrl));
    await cached.findPullRequestsByHead(repoOn(standIn.baseUrl), 'feat');
    await cached.findPullRequestsByHead(repoOn(standIn.baseUrl), 'feat');
    expect(standIn.requests.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('survives the store across SQLite-like reopen: the cache entry is plain data', async () => {
    await sync(adapter());
    const reopened = store.reopen();
    standIn.requests.length = 0;
    await sync(new OctokitGitHubAdapter({ ...FAST, pageSize: 30, cache: reopened }));
    expect(nonConditional()).toHaveLength(0);
  });
});
