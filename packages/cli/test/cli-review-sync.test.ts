import { git } from '@metawsm/testkit';
import { reviewScenario, type ReviewScenario } from './support/review-scenario.js';

const PR = ['acme', 'api', 1] as const;
const MEMBER = { user: 'reviewer', authorAssociation: 'MEMBER' as const };

describe('metawsm review sync over the GitHub stand-in', () => {
  let s: ReviewScenario;
  beforeEach(async () => {
    s = await reviewScenario({ ignore_authors: ['noisy'], max_items_per_sync: 1000 });
  });
  afterEach(async () => {
    await s.close();
  });

  it('threads over 2 pages, reviews, conversation; filters; resolved/outdated; an idle re-sync is all 304s; edits re-open; a closed PR ignores', async () => {
    const roots = Array.from({ length: 45 }, (_, i) =>
      s.github.addReviewComment(...PR, { ...MEMBER, body: `thread ${i}`, path: `src/f${i}.ts`, line: i + 1 }),
    );
    for (const [i, root] of roots.entries()) {
      s.github.addReviewComment(...PR, { user: 'acme', body: `reply ${i}`, inReplyTo: root.id });
      if (i < 5)
        for (const k of [1, 2, 3])
          s.github.addReviewComment(...PR, { ...MEMBER, body: `more ${i}.${k}`, inReplyTo: root.id });
    }
    s.github.addReviewComment(...PR, {
      user: 'ci[bot]',
      userType: 'Bot',
      body: 'bot',
      authorAssociation: 'NONE',
    });
    s.github.addReviewComment(...PR, { user: 'octo', body: 'the actor itself' });
    s.github.addReviewComment(...PR, { user: 'noisy', authorAssociation: 'MEMBER', body: 'ignored author' });
    s.github.addReviewComment(...PR, { user: 'stranger', body: 'untrusted' });
    for (const i of [1, 2, 3, 4])
      s.github.addReview(...PR, { ...MEMBER, body: `review ${i}`, state: 'COMMENTED' });
    s.github.addReview(...PR, { ...MEMBER, body: '', state: 'APPROVED' });
    for (const i of [1, 2, 3]) s.github.addIssueComment(...PR, { user: 'acme', body: `talk ${i}` });
    s.github.addIssueComment(...PR, { user: 'stranger', body: 'spam' });
    s.github.resolveThread('acme', 'api', roots[0]!.id);
    s.github.outdateThread('acme', 'api', roots[1]!.id);

    s.github.requests.length = 0;
    const first = await s.cli('review', 'sync', '--run-id', s.runId, '--json');
    expect(first.code).toBe(0);
    const t = first.json.targets[0];
    expect(t).toMatchObject({ outcome: 'synced', graphql: 'ok', prNumber: 1, prState: 'open' });
    expect(t.counts).toMatchObject({ new: 44 + 4 + 3, deferred: 0, resolvedSkipped: 1 });
    expect(t.filtered).toEqual({ bot: 1, actor: 1, ignored_author: 1, untrusted: 2, empty: 1 });
    const pages = s.github.requests.filter((r) => r.route === '/repos/acme/api/pulls/1/comments');
    expect(pages.map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
    expect(s.github.requests.every((r) => r.method === 'GET' || r.route === '/graphql')).toBe(true);

    const list = await s.cli('review', 'list', '--run-id', s.runId, '--json');
    const items = list.json.items as { id: string; outdated: boolean; replies: number; sourceType: string }[];
    expect(items).toHaveLength(51);
    expect(items.find((i) => i.id === `review_comment:${roots[0]!.id}`)).toBeUndefined();
    expect(items.find((i) => i.id === `review_comment:${roots[1]!.id}`)).toMatchObject({
      outdated: true,
      replies: 4,
    });
    expect(items.find((i) => i.id === `review_comment:${roots[6]!.id}`)).toMatchObject({
      outdated: false,
      replies: 1,
    });

    s.github.requests.length = 0;
    const idle = await s.cli('review', 'sync', '--run-id', s.runId, '--json');
    expect(idle.json.targets[0].counts).toMatchObject({ new: 0, reopened: 0, updated: 0, ignored: 0 });
    const rest = s.github.requests.filter((r) => r.route !== '/graphql');
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.filter((r) => r.status !== 304)).toEqual([]);

    const dispatched = await s.cli('review', 'sync', '--dispatch', '--run-id', s.runId, '--json');
    expect(dispatched.json.runStatus).toBe('running');
    s.github.editReviewComment('acme', 'api', roots[3]!.id, 'thread 3, edited');
    const edited = await s.cli('review', 'sync', '--run-id', s.runId, '--json');
    expect(edited.json.targets[0].counts).toMatchObject({ reopened: 1, new: 0 });
    const pending = await s.cli('review', 'list', '--run-id', s.runId, '--status', 'pending', '--json');
    expect(pending.json.items.map((i: { id: string }) => i.id)).toEqual([`review_comment:${roots[3]!.id}`]);

    s.github.closePullRequest('acme', 'api', 1);
    const closed = await s.cli('review', 'sync', '--run-id', s.runId, '--json');
    expect(closed.json.targets[0]).toMatchObject({ outcome: 'closed', prState: 'closed' });
    const after = (await s.cli('review', 'list', '--run-id', s.runId, '--json')).json.items as {
      status: string;
      ignoreReason: string;
    }[];
    expect(new Set(after.map((i) => `${i.status}:${i.ignoreReason}`))).toEqual(
      new Set(['ignored:pr_closed']),
    );
    const status = await s.cli('status', '--run-id', s.runId, '--json');
    expect(status.json.runs[0].targets[0].feedback).toEqual({
      pending: 0,
      dispatched: 0,
      addressed: 0,
      ignored: 51,
    });
    expect(status.json.runs[0].targets[0].next).toMatch(/run close/);
    expect(status.json.runs[0].targets[0].next).not.toMatch(/metawsm pr /);
  });

  it('reads the PR where it was opened (its recorded URL), even after the workspace’s remote was repointed', async () => {
    s.github.addReviewComment(...PR, { ...MEMBER, body: 'please rename', path: 'src/b.ts', line: 1 });
    // A remote that names another repository: the PR's number means nothing there.
    git(s.ws, ['remote', 'set-url', 'origin', 'https://github.com/someone-else/fork.git'], { env: s.env });
    s.github.requests.length = 0;
    const r = await s.cli('review', 'sync', '--run-id', s.runId, '--json');
    expect(r.code).toBe(0);
    expect(r.json.targets[0]).toMatchObject({ outcome: 'synced', prNumber: 1 });
    expect(r.json.targets[0].counts.new).toBe(1);
    expect(s.github.requests.some((q) => q.route.startsWith('/repos/acme/api/pulls/1'))).toBe(true);
    expect(s.github.requests.filter((q) => q.route.includes('someone-else'))).toEqual([]);
  });

  it('a failing check run with annotations becomes a check item; a newer head sha that passes addresses it', async () => {
    const head = s.github.listPullRequests('acme', 'api')[0]!.headSha;
    const run = s.github.addCheckRun('acme', 'api', {
      headSha: head,
      name: 'unit',
      conclusion: 'failure',
      title: '1 failed',
      summary: 'expected 2',
      annotations: [{ path: 'src/b.ts', startLine: 1, message: 'wrong value' }],
    });
    await s.cli('review', 'sync', '--run-id', s.runId);
    const [item] = (await s.cli('review', 'list', '--run-id', s.runId, '--json')).json.items;
    expect(item).toMatchObject({ id: `check:${run.id}`, sourceType: 'check', status: 'pending' });
    const dispatched = await s.cli('review', 'sync', '--dispatch', '--run-id', s.runId, '--json');
    expect(dispatched.json.targets[0].dispatch.items).toEqual([`check:${run.id}`]);
    const newer = 'f'.repeat(40);
    s.github.setPullRequestHead('acme', 'api', 1, newer);
    s.github.addCheckRun('acme', 'api', { headSha: newer, name: 'unit', conclusion: 'success' });
    const r = await s.cli('review', 'sync', '--run-id', s.runId, '--json');
    expect(r.json.targets[0].counts.addressed).toBe(1);
    const [after] = (await s.cli('review', 'list', '--run-id', s.runId, '--json')).json.items;
    expect(after.status).toBe('addressed');
  });

  it('GraphQL down (404, then 401): sync still ingests from REST and warns', async () => {
    for (const status of [404, 401]) {
      const c = s.github.addReviewComment(...PR, { ...MEMBER, body: `still read (${status})` });
      // Resolved on GitHub, but without GraphQL metawsm cannot know: it is ingested.
      s.github.resolveThread('acme', 'api', c.id);
      s.github.failNext({ path: /^\/graphql$/, status, count: 10 });
      const r = await s.cli('review', 'sync', '--run-id', s.runId, '--json');
      expect(r.code).toBe(0);
      expect(r.json.targets[0]).toMatchObject({ graphql: 'unavailable', counts: { new: 1 } });
      expect(r.json.targets[0].warnings.join('\n')).toMatch(/GraphQL/);
    }
    s.github.failNext({ path: /^\/graphql$/, status: 404, count: 10 });
    const text = await s.cli('review', 'sync', '--run-id', s.runId);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/warning .*GraphQL/);
  });
});
