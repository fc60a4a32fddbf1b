import type { ChecksReport, FeedbackStatus } from '@metawsm/core';
import { at, feedback, prRecord, run, type StoreContext } from './store-fixtures.js';

const checks: ChecksReport = {
  phase: 'pr',
  passed: false,
  requireAll: true,
  results: [
    { name: 'diff_size', status: 'passed', summary: '3 files', durationMs: 2 },
    {
      name: 'tests',
      status: 'failed',
      summary: 'exit 1',
      details: { exitCode: 1, files: ['a.ts', 'b "q".ts'], nested: { ok: false } },
      durationMs: 1500,
    },
  ],
  at: at(3),
};

/** Pull-request records and review feedback items. */
export function describeRecordContract(ctx: StoreContext): void {
  describe('pull-request records', () => {
    beforeEach(async () => {
      await ctx.store().createRun(run({ tickets: ['T-1', 'T-2'] }));
      await ctx.store().createRun(run({ id: 'run-2' }));
    });

    it('round-trips a record with every nullable field null', async () => {
      const rec = prRecord();
      await ctx.store().putPullRequest(rec);
      expect(await ctx.store().getPullRequest({ runId: 'run-1', ticket: 'T-1', repo: 'app' })).toEqual(rec);
      expect(await ctx.store().getPullRequest({ runId: 'run-1', ticket: 'T-1', repo: 'other' })).toBeNull();
    });

    it('round-trips a fully populated record including the checks report and last error', async () => {
      const rec = prRecord({
        baseSha: 'a'.repeat(40),
        snapshotSha: 'b'.repeat(40),
        commitSha: 'c'.repeat(40),
        leaseSha: 'd'.repeat(40),
        lastPushedSha: 'c'.repeat(40),
        prNumber: 4242,
        prUrl: 'https://github.com/acme/app/pull/4242',
        prState: 'draft',
        prTitle: 'T-1: fix “quotes” and ünïcode',
        prBodyDigest: 'e'.repeat(64),
        actor: 'octocat',
        actorSource: 'github',
        credentialMode: 'env_token',
        checks,
        lastError: { code: 'REMOTE_FAILED', message: 'push rejected', at: at(4) },
        policyDigest: 'f'.repeat(64),
        committedAt: at(1),
        pushedAt: at(2),
        reviewSyncedAt: at(3),
        commitSignature: 'ssh',
        updatedAt: at(4),
      });
      await ctx.store().putPullRequest(rec);
      expect(await ctx.store().getPullRequest(rec)).toEqual(rec);
    });

    it('replaces the record of a target on put', async () => {
      await ctx.store().putPullRequest(prRecord({ checks, prNumber: 1 }));
      const next = prRecord({ prNumber: 2, prState: 'merged', checks: null });
      await ctx.store().putPullRequest(next);
      expect(await ctx.store().getPullRequest(next)).toEqual(next);
      expect(await ctx.store().listPullRequests('run-1')).toHaveLength(1);
    });

    it('lists the records of one run ordered by ticket then repo', async () => {
      const store = ctx.store();
      for (const [ticket, repo] of [
        ['T-2', 'app'],
        ['T-1', 'web'],
        ['T-1', 'api'],
        ['T-10', 'a'],
      ] as const) {
        await store.putPullRequest(prRecord({ ticket, repo }));
      }
      await store.putPullRequest(prRecord({ runId: 'run-2' }));
      const listed = await store.listPullRequests('run-1');
      expect(listed.map((r) => `${r.ticket}/${r.repo}`)).toEqual(['T-1/api', 'T-1/web', 'T-10/a', 'T-2/app']);
      expect(await store.listPullRequests('run-3')).toEqual([]);
    });

    it('rejects a record of an unknown run with RUN_NOT_FOUND', async () => {
      await expect(ctx.store().putPullRequest(prRecord({ runId: 'ghost' }))).rejects.toMatchObject({
        code: 'RUN_NOT_FOUND',
      });
      expect(await ctx.store().listPullRequests('ghost')).toEqual([]);
    });
  });

  describe('review feedback', () => {
    beforeEach(async () => {
      await ctx.store().createRun(run({ tickets: ['T-1', 'T-2'] }));
      await ctx.store().createRun(run({ id: 'run-2' }));
    });

    it('round-trips items, including null path, line and url, keyed by source type too', async () => {
      const a = feedback();
      const b = feedback({
        sourceType: 'review',
        path: null,
        line: null,
        url: null,
        body: 'LGTM but…',
        status: 'dispatched',
        dispatchId: 'dsp-1',
        dispatchedAt: at(1),
      });
      await ctx.store().putFeedback([a, b]);
      expect(await ctx.store().getFeedback(a)).toEqual(a);
      expect(await ctx.store().getFeedback(b)).toEqual(b);
      expect(await ctx.store().getFeedback({ ...a, githubId: 9 })).toBeNull();
    });

    it('round-trips threads (replies, diff hunk, outdated), checks, ignore reasons and reply state', async () => {
      const thread = feedback({
        githubId: 2001,
        threadId: 'PRRT_kwDOAbc',
        replies: [
          {
            githubId: 2002,
            author: 'bob',
            authorAssociation: 'MEMBER',
            body: 'and “this” too\n```',
            url: null,
            postedAt: at(1),
          },
          {
            githubId: 2003,
            author: 'eve',
            authorAssociation: 'OWNER',
            body: 'agreed',
            url: 'https://x/3',
            postedAt: at(2),
          },
        ],
        diffHunk: '@@ -1,2 +1,3 @@\n-a\n+b',
        outdated: true,
        postedAt: at(0),
        status: 'addressed',
        addressedAt: at(5),
        dispatchId: 'dsp-1',
        dispatchedAt: at(4),
        replyState: 'posted',
        replyId: 9_007_199_254,
      });
      const check = feedback({
        sourceType: 'check',
        githubId: 3001,
        path: null,
        line: null,
        checkName: 'tests',
        checkSha: 'f'.repeat(40),
        status: 'ignored',
        ignoreReason: 'superseded',
        replyState: 'owed',
      });
      await ctx.store().putFeedback([thread, check]);
      expect(await ctx.store().getFeedback(thread)).toEqual(thread);
      expect(await ctx.store().getFeedback(check)).toEqual(check);
      expect(await ctx.store().listFeedback({ runId: 'run-1' })).toEqual([check, thread]);
    });

    it('replaces an item on put and accepts an empty batch', async () => {
      await ctx.store().putFeedback([feedback()]);
      const addressed = feedback({
        status: 'addressed',
        addressedAt: at(9),
        body: 'edited',
        bodyDigest: 'd2',
      });
      await ctx.store().putFeedback([addressed]);
      await ctx.store().putFeedback([]);
      expect(await ctx.store().listFeedback({ runId: 'run-1' })).toEqual([addressed]);
    });

    it('orders by ticket, repo, source type, GitHub id and filters by ticket, repo and statuses', async () => {
      const store = ctx.store();
      const items = [
        feedback({ ticket: 'T-2', githubId: 1, status: 'pending' }),
        feedback({ ticket: 'T-1', repo: 'web', githubId: 5, status: 'dispatched' }),
        feedback({ ticket: 'T-1', sourceType: 'review_comment', githubId: 30, status: 'ignored' }),
        feedback({ ticket: 'T-1', sourceType: 'review_comment', githubId: 4, status: 'pending' }),
        feedback({ ticket: 'T-1', sourceType: 'review', githubId: 99, status: 'addressed' }),
        feedback({ runId: 'run-2', githubId: 2 }),
      ];
      await store.putFeedback(items);
      const ids = async (f: {
        ticket?: string;
        repo?: string;
        status?: FeedbackStatus[];
      }): Promise<number[]> => (await store.listFeedback({ runId: 'run-1', ...f })).map((i) => i.githubId);
      expect(await ids({})).toEqual([99, 4, 30, 5, 1]);
      expect(await ids({ ticket: 'T-1' })).toEqual([99, 4, 30, 5]);
      expect(await ids({ ticket: 'T-1', repo: 'app' })).toEqual([99, 4, 30]);
      expect(await ids({ repo: 'web' })).toEqual([5]);
      expect(await ids({ status: ['pending'] })).toEqual([4, 1]);
      expect(await ids({ status: ['dispatched', 'addressed'] })).toEqual([99, 5]);
      expect(await ids({ status: [] })).toEqual([]);
      expect((await store.listFeedback({ runId: 'run-2' })).map((i) => i.githubId)).toEqual([2]);
    });

    it('stores a large batch (several statements) and keeps the last of two puts of one key', async () => {
      const items = Array.from({ length: 250 }, (_, i) => feedback({ githubId: i + 1, body: `item ${i}` }));
      const last = feedback({ githubId: 7, body: 'second put of 7', status: 'dispatched', dispatchId: 'd' });
      await ctx.store().putFeedback([...items, last]);
      const listed = await ctx.store().listFeedback({ runId: 'run-1' });
      expect(listed).toHaveLength(250);
      expect(listed.find((i) => i.githubId === 7)).toEqual(last);
      expect(listed.find((i) => i.githubId === 250)).toEqual(items[249]);
    });

    it('stores a batch all or none: an item of an unknown run fails it with RUN_NOT_FOUND', async () => {
      const batch = [
        feedback({ githubId: 1 }),
        feedback({ runId: 'ghost', githubId: 2 }),
        feedback({ githubId: 3 }),
      ];
      await expect(ctx.store().putFeedback(batch)).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      expect(await ctx.store().listFeedback({ runId: 'run-1' })).toEqual([]);
    });
  });
}
