import { feedback, lock, prRecord, run, target, type StoreContext } from './store-fixtures.js';

/** Several runs at once (`listRunDetails`), byte-wise ordering of text keys, and large GitHub ids. */
export function describeDetailsContract(ctx: StoreContext): void {
  describe('several runs at once', () => {
    beforeEach(async () => {
      for (const id of ['run-1', 'run-2', 'run-3']) {
        await ctx.store().createRun(run({ id, tickets: ['T-1', 'T-2'] }));
      }
    });

    it("returns the records, feedback items and locks of the runs asked for, each run's rows in their usual order", async () => {
      const store = ctx.store();
      for (const runId of ['run-2', 'run-1', 'run-3']) {
        await store.putPullRequest(prRecord({ runId, ticket: 'T-2' }));
        await store.putPullRequest(prRecord({ runId, ticket: 'T-1' }));
        await store.putFeedback([feedback({ runId, githubId: 9 }), feedback({ runId, githubId: 2 })]);
      }
      await store.acquireRunLock(lock({ runId: 'run-2' }), () => false);
      await store.acquireRunLock(lock({ runId: 'run-3' }), () => false);

      const details = await store.listRunDetails(['run-1', 'run-2', 'missing']);
      for (const runId of ['run-1', 'run-2']) {
        expect(details.records.filter((r) => r.runId === runId)).toEqual(await store.listPullRequests(runId));
        expect(details.feedback.filter((f) => f.runId === runId)).toEqual(
          await store.listFeedback({ runId }),
        );
      }
      expect(details.records.map((r) => r.runId).sort()).toEqual(['run-1', 'run-1', 'run-2', 'run-2']);
      expect(details.feedback).toHaveLength(4);
      expect(details.locks).toEqual([lock({ runId: 'run-2' })]);
      expect(await store.listRunDetails([])).toEqual({ records: [], feedback: [], locks: [] });
    });

    it('orders text keys byte-wise, like SQLite (uppercase before lowercase, "-" before digits)', async () => {
      const tickets = ['b', 'a1', 'B', 'a-2', 'A'];
      await ctx
        .store()
        .createRun(run({ id: 'mixed', tickets, targets: tickets.map((ticket) => target({ ticket })) }));
      for (const ticket of tickets) await ctx.store().putPullRequest(prRecord({ runId: 'mixed', ticket }));
      expect((await ctx.store().listPullRequests('mixed')).map((r) => r.ticket)).toEqual([
        'A',
        'B',
        'a-2',
        'a1',
        'b',
      ]);
    });

    it('keeps GitHub ids beyond 2^31 exact', async () => {
      const big = 2 ** 33 + 7;
      await ctx.store().putFeedback([feedback({ githubId: big })]);
      const [item] = await ctx.store().listFeedback({ runId: 'run-1' });
      expect(item?.githubId).toBe(big);
      expect(await ctx.store().getFeedback({ ...item!, githubId: big })).toEqual(item);
    });
  });
}
