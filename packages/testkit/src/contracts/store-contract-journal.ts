import type { RunLock } from '@metawsm/core';
import { at, event, lock, type StoreContext } from './store-fixtures.js';

/** The event journal and run locks. */
export function describeJournalAndLockContract(ctx: StoreContext): void {
  describe('events', () => {
    it('appends with increasing ids and lists in id order with data intact', async () => {
      const store = ctx.store();
      const data = { files: ['a', 'b'], count: 2, nested: { ok: true, none: null }, text: 'ünï "q"' };
      const id1 = await store.appendEvent(event({ data }));
      const id2 = await store.appendEvent(
        event({ runId: null, ticket: null, repo: null, type: 'policy.init', phase: 'info', actor: 'me' }),
      );
      const id3 = await store.appendEvent(event({ phase: 'done', at: at(1) }));
      expect(id2).toBeGreaterThan(id1);
      expect(id3).toBeGreaterThan(id2);
      expect(await store.listEvents()).toEqual([
        { ...event({ data }), id: id1 },
        {
          ...event({
            runId: null,
            ticket: null,
            repo: null,
            type: 'policy.init',
            phase: 'info',
            actor: 'me',
          }),
          id: id2,
        },
        { ...event({ phase: 'done', at: at(1) }), id: id3 },
      ]);
    });

    it('filters by run, type and operation, and limits to the first rows', async () => {
      const store = ctx.store();
      const ids: number[] = [];
      ids.push(await store.appendEvent(event({ runId: 'run-1', type: 'pr.push', operationId: 'op-a' })));
      ids.push(await store.appendEvent(event({ runId: 'run-2', type: 'pr.push', operationId: 'op-b' })));
      ids.push(await store.appendEvent(event({ runId: 'run-1', type: 'pr.create', operationId: 'op-a' })));
      ids.push(await store.appendEvent(event({ runId: 'run-1', type: 'pr.push', operationId: 'op-c' })));
      const listed = async (f: Parameters<typeof store.listEvents>[0]): Promise<number[]> =>
        (await store.listEvents(f)).map((e) => e.id);
      expect(await listed({ runId: 'run-1' })).toEqual([ids[0], ids[2], ids[3]]);
      expect(await listed({ type: 'pr.push' })).toEqual([ids[0], ids[1], ids[3]]);
      expect(await listed({ operationId: 'op-a' })).toEqual([ids[0], ids[2]]);
      expect(await listed({ runId: 'run-1', type: 'pr.push', operationId: 'op-c' })).toEqual([ids[3]]);
      expect(await listed({ runId: 'run-1', limit: 2 })).toEqual([ids[0], ids[2]]);
      expect(await listed({ runId: 'nope' })).toEqual([]);
    });
  });

  describe('run locks', () => {
    const never = (): boolean => false;

    it('grants a free lock and reports no previous holder', async () => {
      const calls: RunLock[] = [];
      const attempt = await ctx.store().acquireRunLock(lock(), (h) => (calls.push(h), true));
      expect(attempt).toEqual({ acquired: true, lock: lock(), tookOverFrom: null });
      expect(calls).toEqual([]);
      expect(await ctx.store().getRunLock('run-1')).toEqual(lock());
    });

    it('refuses a contender when the holder cannot be taken over, asking with the holder', async () => {
      const store = ctx.store();
      await store.acquireRunLock(lock(), never);
      const seen: RunLock[] = [];
      const attempt = await store.acquireRunLock(
        lock({ ownerId: 'owner-2', operation: 'pr', pid: 7 }),
        (h) => (seen.push(h), false),
      );
      expect(attempt).toEqual({ acquired: false, holder: lock() });
      expect(seen).toEqual([lock()]);
      expect(await store.getRunLock('run-1')).toEqual(lock());
    });

    it('takes over a holder that can be taken over and names it', async () => {
      const store = ctx.store();
      await store.acquireRunLock(lock(), never);
      const next = lock({
        ownerId: 'owner-2',
        operation: 'pr',
        pid: 7,
        host: 'host-b',
        startedAt: at(20),
        leaseExpiresAt: at(30),
      });
      expect(await store.acquireRunLock(next, () => true)).toEqual({
        acquired: true,
        lock: next,
        tookOverFrom: lock(),
      });
      expect(await store.getRunLock('run-1')).toEqual(next);
    });

    it('renews only for the current owner', async () => {
      const store = ctx.store();
      await store.acquireRunLock(lock(), never);
      expect(await store.renewRunLock('run-1', 'owner-1', at(60))).toBe(true);
      expect(await store.getRunLock('run-1')).toEqual(lock({ leaseExpiresAt: at(60) }));
      expect(await store.renewRunLock('run-1', 'intruder', at(90))).toBe(false);
      expect(await store.renewRunLock('run-9', 'owner-1', at(90))).toBe(false);
      expect((await store.getRunLock('run-1'))?.leaseExpiresAt).toBe(at(60));
      expect(await store.getRunLock('run-9')).toBeNull();
    });

    it('releases only for the current owner, and releasing a free lock is a no-op', async () => {
      const store = ctx.store();
      await store.acquireRunLock(lock(), never);
      await store.releaseRunLock('run-1', 'intruder');
      expect(await store.getRunLock('run-1')).toEqual(lock());
      await store.releaseRunLock('run-1', 'owner-1');
      expect(await store.getRunLock('run-1')).toBeNull();
      await store.releaseRunLock('run-1', 'owner-1');
      const again = await store.acquireRunLock(lock({ ownerId: 'owner-3' }), never);
      expect(again.acquired).toBe(true);
    });

    it('keeps the locks of different runs independent', async () => {
      const store = ctx.store();
      await store.acquireRunLock(lock(), never);
      const other = await store.acquireRunLock(lock({ runId: 'run-2', ownerId: 'owner-2' }), never);
      expect(other.acquired).toBe(true);
      await store.releaseRunLock('run-2', 'owner-2');
      expect(await store.getRunLock('run-1')).toEqual(lock());
    });
  });
}
