import { MetawsmError, feedbackItemId, type FeedbackSourceType } from '../src/index.js';
import { KEY, OWNER, REPO, reviewWorld } from './support/review-world.js';
import { holdRunLock } from './support/world.js';

const ids = (items: { sourceType: FeedbackSourceType; githubId: number }[]) =>
  items.map(feedbackItemId).sort();

describe('review sync on fakes', () => {
  it('ingests threads (replies in order), review bodies and conversation; filters bots, the actor, ignored and untrusted authors', async () => {
    const w = await reviewWorld({ rf: { ignore_authors: ['noisy'] } });
    const root = w.comment('Rename `x`.', { path: 'src/app.ts', line: 3, diffHunk: '@@ -1 +1 @@\n+x' });
    const r1 = w.comment('Also add a test.', { inReplyTo: root.id, user: 'acme' });
    w.comment('drive-by', { inReplyTo: root.id, user: 'stranger' });
    const r2 = w.comment('+1', { inReplyTo: r1.id });
    w.comment('bot says hi', { user: 'ci-bot[bot]', userType: 'Bot' });
    w.comment('I did it', { user: 'octo' });
    w.comment('ignore me', { user: 'noisy', authorAssociation: 'MEMBER' });
    const rev = w.review('Please split this PR.', { state: 'CHANGES_REQUESTED' });
    w.review('', { state: 'APPROVED' });
    const talk = w.talk('What about docs?', { user: 'acme' });
    w.talk('spam', { user: 'stranger' });

    const writesBefore = w.writes().length;
    const r = await w.sync();
    expect(r.exitCode).toBe(0);
    const t = r.targets[0]!;
    expect(t).toMatchObject({ outcome: 'synced', prNumber: 1, prState: 'open', graphql: 'ok' });
    expect(t.counts.new).toBe(3);
    expect(t.filtered).toEqual({ untrusted: 2, bot: 1, actor: 1, ignored_author: 1, empty: 1 });
    expect(ids(await w.items())).toEqual(
      ids([
        { sourceType: 'review_comment', githubId: root.id },
        { sourceType: 'review', githubId: rev.id },
        { sourceType: 'conversation', githubId: talk.id },
      ]),
    );
    const thread = (await w.item(root.id))!;
    expect(thread).toMatchObject({
      status: 'pending',
      author: 'reviewer1',
      authorAssociation: 'COLLABORATOR',
      path: 'src/app.ts',
      line: 3,
      diffHunk: '@@ -1 +1 @@\n+x',
      outdated: false,
      threadId: `PRRT_${root.id}`,
    });
    expect(thread.replies.map((x) => x.githubId)).toEqual([r1.id, r2.id]);
    expect(w.writes()).toHaveLength(writesBefore);
  });

  it('a re-sync with nothing new changes nothing and journals no decision', async () => {
    const w = await reviewWorld();
    w.comment('one');
    w.review('two');
    await w.sync();
    const before = await w.items();
    w.clock.advance(5000);
    const again = (await w.sync()).targets[0]!;
    expect(again.counts).toEqual({
      new: 0,
      reopened: 0,
      updated: 0,
      deferred: 0,
      ignored: 0,
      addressed: 0,
      resolvedSkipped: 0,
    });
    expect(await w.items()).toEqual(before);
    const events = await w.store.listEvents({ runId: 'run-1', type: 'review.sync' });
    expect(events).toHaveLength(2);
    expect(events[1]!.data.decisions).toEqual([]);
  });

  it('a resolved thread is not ingested; resolving a pending one ignores it (reason resolved); unresolving brings it back', async () => {
    const w = await reviewWorld();
    const a = w.comment('resolved before the first sync');
    const b = w.comment('resolved later');
    w.github.resolveThread(OWNER, REPO, a.id);
    const first = (await w.sync()).targets[0]!;
    expect(first.counts).toMatchObject({ new: 1, resolvedSkipped: 1 });
    expect(await w.item(a.id)).toBeUndefined();
    w.github.resolveThread(OWNER, REPO, b.id);
    await w.sync();
    expect(await w.item(b.id)).toMatchObject({ status: 'ignored', ignoreReason: 'resolved' });
    w.github.resolveThread(OWNER, REPO, b.id, false);
    await w.sync();
    expect(await w.item(b.id)).toMatchObject({ status: 'pending', ignoreReason: null });
  });

  it('flags an outdated thread (GraphQL), and keeps the flag current', async () => {
    const w = await reviewWorld();
    const c = w.comment('old code', { line: 7 });
    await w.sync();
    expect(await w.item(c.id)).toMatchObject({ outdated: false, line: 7 });
    w.github.outdateThread(OWNER, REPO, c.id);
    const t = (await w.sync()).targets[0]!;
    expect(t.counts.updated).toBe(1);
    expect(await w.item(c.id)).toMatchObject({ outdated: true, status: 'pending' });
  });

  it('an edited body or a new reply re-opens a dispatched or addressed item as pending', async () => {
    const w = await reviewWorld();
    const c = w.comment('v1');
    const rev = w.review('review v1');
    await w.dispatch();
    expect((await w.items()).map((i) => i.status)).toEqual(['dispatched', 'dispatched']);
    w.github.editReviewComment(OWNER, REPO, c.id, 'v2');
    const t = (await w.sync()).targets[0]!;
    expect(t.counts.reopened).toBe(1);
    expect(await w.item(c.id)).toMatchObject({ status: 'pending', body: 'v2', dispatchId: null });
    expect(await w.item(rev.id)).toMatchObject({ status: 'dispatched' });
    await w.store.putFeedback([{ ...(await w.item(rev.id))!, status: 'addressed' }]);
    w.github.editReview(OWNER, REPO, rev.id, 'review v2');
    await w.sync();
    expect(await w.item(rev.id)).toMatchObject({ status: 'pending', body: 'review v2', addressedAt: null });
    await w.dispatch();
    w.comment('still wrong', { inReplyTo: c.id, user: 'acme' });
    await w.sync();
    expect(await w.item(c.id)).toMatchObject({ status: 'pending' });
    expect((await w.item(c.id))!.replies.map((r) => r.body)).toEqual(['still wrong']);
  });

  it('max_items_per_sync admits the oldest new items; the rest are deferred and come next time', async () => {
    const w = await reviewWorld({ rf: { max_items_per_sync: 2 } });
    const made = [w.comment('c1'), w.review('r2'), w.talk('t3'), w.comment('c4')];
    const first = (await w.sync()).targets[0]!;
    expect(first.counts).toMatchObject({ new: 2, deferred: 2 });
    expect(ids(await w.items())).toEqual(
      ids([
        { sourceType: 'review_comment', githubId: made[0]!.id },
        { sourceType: 'review', githubId: made[1]!.id },
      ]),
    );
    expect(first.deferred.sort()).toEqual(
      [`conversation:${made[2]!.id}`, `review_comment:${made[3]!.id}`].sort(),
    );
    const second = (await w.sync()).targets[0]!;
    expect(second.counts).toMatchObject({ new: 2, deferred: 0 });
    expect(await w.items()).toHaveLength(4);
  });

  it('include_conversation false leaves conversation comments out', async () => {
    const w = await reviewWorld({ rf: { include_conversation: false } });
    w.talk('hello');
    await w.sync();
    expect(await w.items()).toEqual([]);
    expect(w.github.calls.some((c) => c.method === 'listIssueComments')).toBe(false);
  });

  it('a closed or merged PR: open items become ignored (pr_closed) and the PR is not polled again', async () => {
    const w = await reviewWorld();
    w.comment('a');
    w.review('b');
    await w.sync();
    await w.ignore([`review:${(await w.items()).find((i) => i.sourceType === 'review')!.githubId}`], 'nah');
    w.github.mergePullRequest(OWNER, REPO, 1);
    const t = (await w.sync()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'closed', prState: 'merged' });
    const byReason = (await w.items()).map((i) => [i.status, i.ignoreReason]).sort();
    expect(byReason).toEqual([
      ['ignored', 'nah'],
      ['ignored', 'pr_closed'],
    ]);
    expect((await w.store.getPullRequest(KEY))!.prState).toBe('merged');
    const calls = w.github.calls.length;
    const again = (await w.sync()).targets[0]!;
    expect(again.outcome).toBe('closed');
    expect(w.github.calls.length).toBe(calls);
  });

  it('GraphQL down (404 or 401): ingests from REST alone, warns, outdated from REST', async () => {
    for (const status of [404, 401]) {
      const w = await reviewWorld();
      const c = w.comment('still here', { line: null });
      w.github.resolveThread(OWNER, REPO, c.id);
      w.github.failNext(
        'listReviewThreads',
        new MetawsmError('GITHUB_GRAPHQL_UNAVAILABLE', `graphql ${status}`, { data: { status } }),
      );
      const t = (await w.sync()).targets[0]!;
      expect(t).toMatchObject({ outcome: 'synced', graphql: 'unavailable', exitCode: 0 });
      expect(t.warnings.join('\n')).toContain(String(status));
      // Without GraphQL the thread counts as unresolved; a comment without a line is outdated.
      expect(await w.item(c.id)).toMatchObject({ status: 'pending', outdated: true, threadId: null });
    }
  });

  it('another GitHub failure fails that target (exit 7) and stores nothing for it', async () => {
    const w = await reviewWorld();
    w.comment('x');
    w.github.failNext('listReviews', new MetawsmError('GITHUB_API_FAILED', 'boom'));
    const r = await w.sync();
    expect(r.exitCode).toBe(7);
    expect(r.targets[0]).toMatchObject({ outcome: 'error', error: { code: 'GITHUB_API_FAILED' } });
    expect(await w.items()).toEqual([]);
    expect((await w.store.getPullRequest(KEY))!.reviewSyncedAt).toBeNull();
  });

  it('refuses when feedback is disabled, on a closed run, and when the run is locked', async () => {
    const w = await reviewWorld();
    await expect(
      w.sync(
        {},
        {
          ...w.policy,
          policy: {
            ...w.policy.policy,
            git_pr: {
              ...w.policy.policy.git_pr,
              review_feedback: { ...w.policy.policy.git_pr.review_feedback, enabled: false },
            },
          },
        },
      ),
    ).rejects.toMatchObject({ code: 'FEEDBACK_DISABLED', exitCode: 2 });
    await holdRunLock(w, { operation: 'pr', ownerId: 'o', leaseMs: 60_000 });
    await expect(w.sync()).rejects.toMatchObject({ code: 'RUN_LOCKED' });
    await w.store.updateRun('run-1', { status: 'closed' });
    await expect(w.sync()).rejects.toMatchObject({ code: 'RUN_CLOSED' });
  });

  it('records the PR state and sync time, and journals every decision', async () => {
    const w = await reviewWorld();
    const c = w.comment('x');
    await w.sync();
    const rec = (await w.store.getPullRequest(KEY))!;
    expect(rec.reviewSyncedAt).toBe(w.clock.nowIso());
    const [event] = await w.store.listEvents({ runId: 'run-1', type: 'review.sync' });
    expect(event).toMatchObject({ ticket: 'T-1', repo: 'api', phase: 'info' });
    expect(event!.data.decisions).toEqual([
      { item: `review_comment:${c.id}`, from: null, to: 'pending', reason: 'new' },
    ]);
  });
});
