import { at, event, feedback, lock, pause, prRecord, run, type StoreContext } from './store-fixtures.js';

/** Transactions (commit, rollback, nesting, serialisation), persistence and closing. */
export function describeTransactionContract(ctx: StoreContext): void {
  describe('transactions', () => {
    it('commits every write and returns the callback result; reads inside see the writes', async () => {
      const result = await ctx.store().transaction(async (tx) => {
        await tx.createRun(run());
        await tx.putPullRequest(prRecord());
        const id = await tx.appendEvent(event());
        expect(await tx.getRun('run-1')).not.toBeNull();
        return id;
      });
      expect(typeof result).toBe('number');
      expect(await ctx.store().getRun('run-1')).toEqual(run());
      expect(await ctx.store().listPullRequests('run-1')).toHaveLength(1);
      expect((await ctx.store().listEvents()).map((e) => e.id)).toEqual([result]);
    });

    it('rolls back every write when the callback throws, rethrowing its error', async () => {
      await ctx.store().createRun(run({ id: 'keep' }));
      const boom = new Error('boom');
      const attempt = ctx.store().transaction(async (tx) => {
        await tx.createRun(run());
        await tx.updateRun('keep', { title: 'changed' });
        await tx.putPullRequest(prRecord());
        await tx.putFeedback([feedback()]);
        await tx.appendEvent(event());
        await tx.acquireRunLock(lock(), () => false);
        throw boom;
      });
      await expect(attempt).rejects.toBe(boom);
      const store = ctx.store();
      expect(await store.getRun('run-1')).toBeNull();
      expect((await store.getRun('keep'))?.title).toBeNull();
      expect(await store.listPullRequests('run-1')).toEqual([]);
      expect(await store.listFeedback({ runId: 'run-1' })).toEqual([]);
      expect(await store.listEvents()).toEqual([]);
      expect(await store.getRunLock('run-1')).toBeNull();
    });

    it('rolls back earlier writes when a store call inside fails with a coded error', async () => {
      await ctx.store().createRun(run({ id: 'taken' }));
      const attempt = ctx.store().transaction(async (tx) => {
        await tx.appendEvent(event({ runId: 'taken' }));
        await tx.createRun(run({ id: 'taken' }));
      });
      await expect(attempt).rejects.toMatchObject({ code: 'RUN_EXISTS' });
      expect(await ctx.store().listEvents()).toEqual([]);
    });

    it('runs a nested transaction inline, committing or failing with the outer one', async () => {
      await ctx.store().transaction(async (tx) => {
        await tx.createRun(run());
        await tx.transaction(async (inner) => {
          await inner.appendEvent(event());
        });
      });
      expect(await ctx.store().listEvents()).toHaveLength(1);
      await expect(
        ctx.store().transaction(async (tx) => {
          await tx.transaction((inner) => inner.createRun(run({ id: 'run-2' })));
          throw new Error('outer fails');
        }),
      ).rejects.toThrow();
      expect(await ctx.store().getRun('run-2')).toBeNull();
    });

    it('serialises concurrent transactions (read-modify-write does not lose updates)', async () => {
      await ctx.store().createRun(run({ title: '0' }));
      const increment = (): Promise<void> =>
        ctx.store().transaction(async (tx) => {
          const current = Number((await tx.getRun('run-1'))?.title);
          await pause(5);
          await tx.updateRun('run-1', { title: String(current + 1) });
        });
      await Promise.all([increment(), increment(), increment(), increment()]);
      expect((await ctx.store().getRun('run-1'))?.title).toBe('4');
    });

    it('keeps a write made outside a transaction that rolls back concurrently', async () => {
      await ctx.store().createRun(run());
      const failing = ctx.store().transaction(async (tx) => {
        await tx.appendEvent(event({ type: 'inside' }));
        await pause(20);
        throw new Error('rollback');
      });
      const outside = ctx.store().appendEvent(event({ type: 'outside' }));
      await expect(failing).rejects.toThrow();
      await outside;
      expect((await ctx.store().listEvents()).map((e) => e.type)).toEqual(['outside']);
    });
  });

  describe('persistence', () => {
    it('keeps every record across close and reopen (when the harness can reopen)', async () => {
      const store = ctx.store();
      await store.createRun(run({ title: 'persisted', tickets: ['T-1', 'T-2'] }));
      await store.putPullRequest(
        prRecord({ prNumber: 3, lastError: { code: 'X', message: 'm', at: at(1) } }),
      );
      await store.putFeedback([feedback(), feedback({ githubId: 2, status: 'ignored' })]);
      const firstId = await store.appendEvent(event({ data: { k: [1, 2] } }));
      await store.acquireRunLock(lock(), () => false);
      const reopening = ctx.reopen();
      if (reopening === null) return;
      const reopened = await reopening;
      expect(await reopened.getRun('run-1')).toEqual(run({ title: 'persisted', tickets: ['T-1', 'T-2'] }));
      expect(await reopened.listPullRequests('run-1')).toEqual([
        prRecord({ prNumber: 3, lastError: { code: 'X', message: 'm', at: at(1) } }),
      ]);
      expect(await reopened.listFeedback({ runId: 'run-1' })).toHaveLength(2);
      expect(await reopened.listEvents()).toEqual([{ ...event({ data: { k: [1, 2] } }), id: firstId }]);
      expect(await reopened.getRunLock('run-1')).toEqual(lock());
      expect(await reopened.appendEvent(event())).toBeGreaterThan(firstId);
    });

    it('fails operations after close with STORE_FAILED', async () => {
      const store = ctx.store();
      await store.close();
      await expect(store.getRun('run-1')).rejects.toMatchObject({ code: 'STORE_FAILED' });
      await expect(store.appendEvent(event())).rejects.toMatchObject({ code: 'STORE_FAILED' });
    });
  });
}
