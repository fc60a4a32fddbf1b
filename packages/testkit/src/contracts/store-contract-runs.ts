import { at, run, target, type StoreContext } from './store-fixtures.js';

/** Runs: create/get/list/update, ordering, filters, error codes, copy isolation. */
export function describeRunContract(ctx: StoreContext): void {
  describe('runs', () => {
    it('starts empty (migrations from an empty database)', async () => {
      const store = ctx.store();
      expect(await store.listRuns()).toEqual([]);
      expect(await store.getRun('run-1')).toBeNull();
      expect(await store.listEvents()).toEqual([]);
      expect(await store.getRunLock('run-1')).toBeNull();
    });

    it('creates and reads back a run with its targets in order', async () => {
      const r = run({
        title: 'Fix login',
        status: 'running',
        tickets: ['T-2', 'T-1'],
        targets: [
          target({ ticket: 'T-2', repo: 'web', path: '/w/2/web', remote: 'upstream', baseBranch: 'dev' }),
          target({ ticket: 'T-1', repo: 'api' }),
          target({ ticket: 'T-1', repo: 'app' }),
        ],
        completedAt: null,
      });
      await ctx.store().createRun(r);
      expect(await ctx.store().getRun('run-1')).toEqual(r);
    });

    it('keeps a run with no targets', async () => {
      await ctx.store().createRun(run({ tickets: [], targets: [] }));
      expect((await ctx.store().getRun('run-1'))?.targets).toEqual([]);
    });

    it('rejects a taken id with RUN_EXISTS and keeps the original', async () => {
      await ctx.store().createRun(run({ title: 'first' }));
      await expect(ctx.store().createRun(run({ title: 'second' }))).rejects.toMatchObject({
        code: 'RUN_EXISTS',
      });
      expect((await ctx.store().getRun('run-1'))?.title).toBe('first');
    });

    it('rejects a run listing a ticket/repo pair twice with DUPLICATE_TARGET, storing nothing', async () => {
      const r = run({ targets: [target(), target({ path: '/elsewhere' })] });
      await expect(ctx.store().createRun(r)).rejects.toMatchObject({ code: 'DUPLICATE_TARGET' });
      expect(await ctx.store().getRun('run-1')).toBeNull();
    });

    it('lists runs newest first (createdAt, then id, descending)', async () => {
      const store = ctx.store();
      await store.createRun(run({ id: 'b', createdAt: at(1) }));
      await store.createRun(run({ id: 'c', createdAt: at(0) }));
      await store.createRun(run({ id: 'a', createdAt: at(1) }));
      await store.createRun(run({ id: 'd', createdAt: at(2) }));
      expect((await store.listRuns()).map((r) => r.id)).toEqual(['d', 'b', 'a', 'c']);
    });

    it('filters runs by status and by ticket, with targets loaded', async () => {
      const store = ctx.store();
      await store.createRun(run({ id: 'r1', status: 'running', tickets: ['T-1'], createdAt: at(1) }));
      await store.createRun(
        run({ id: 'r2', status: 'completed', tickets: ['T-1', 'T-2'], createdAt: at(2) }),
      );
      await store.createRun(run({ id: 'r3', status: 'completed', tickets: ['T-3'], createdAt: at(3) }));
      expect((await store.listRuns({ status: 'completed' })).map((r) => r.id)).toEqual(['r3', 'r2']);
      expect((await store.listRuns({ ticket: 'T-1' })).map((r) => r.id)).toEqual(['r2', 'r1']);
      expect((await store.listRuns({ status: 'running', ticket: 'T-2' })).map((r) => r.id)).toEqual([]);
      const [r2] = await store.listRuns({ ticket: 'T-2' });
      expect(r2?.targets.map((t) => t.ticket)).toEqual(['T-1', 'T-2']);
    });

    it('updates mutable fields, returns and persists the result, keeps the rest', async () => {
      const store = ctx.store();
      const r = run({ status: 'running', completedAt: null, tickets: ['T-1', 'T-2'] });
      await store.createRun(r);
      const updated = await store.updateRun('run-1', {
        status: 'completed',
        completedAt: at(5),
        updatedAt: at(5),
        title: 'done',
      });
      const expected = { ...r, status: 'completed', completedAt: at(5), updatedAt: at(5), title: 'done' };
      expect(updated).toEqual(expected);
      expect(await store.getRun('run-1')).toEqual(expected);
      expect(await store.updateRun('run-1', {})).toEqual(expected);
      expect((await store.updateRun('run-1', { title: null })).title).toBeNull();
    });

    it('fails to update a missing run with RUN_NOT_FOUND', async () => {
      await expect(ctx.store().updateRun('nope', { status: 'closed' })).rejects.toMatchObject({
        code: 'RUN_NOT_FOUND',
      });
      expect(await ctx.store().getRun('nope')).toBeNull();
    });

    it('does not let callers mutate stored state through objects passed in or returned', async () => {
      const store = ctx.store();
      const r = run({ tickets: ['T-1'] });
      await store.createRun(r);
      r.tickets.push('T-9');
      r.targets[0]!.path = '/mutated';
      const read = await store.getRun('run-1');
      read!.targets.length = 0;
      const again = await store.getRun('run-1');
      expect(again?.tickets).toEqual(['T-1']);
      expect(again?.targets.map((t) => t.path)).toEqual(['/w/T-1/app']);
    });
  });
}
