import type { RunLock } from '../src/domain/lock.js';
import { heldRunLocks, releaseHeldLocks, withRunLock, type RunLockDeps } from '../src/services/run-lock.js';
import { aLock } from '../src/testing/builders.js';
import { SequentialIds } from '../src/testing/fake-ids.js';
import { FakeProcess } from '../src/testing/fake-process.js';
import { InMemoryStore } from '../src/testing/in-memory-store.js';
import { TestClock } from '../src/testing/test-clock.js';

const T0 = Date.parse('2024-01-01T00:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

function setup(): RunLockDeps & { store: InMemoryStore; clock: TestClock; process: FakeProcess } {
  return {
    store: new InMemoryStore(),
    clock: new TestClock({ startMs: T0 }),
    ids: new SequentialIds(),
    process: new FakeProcess({ pid: 100, hostname: 'host-a' }),
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

afterEach(async () => {
  await releaseHeldLocks();
});

describe('withRunLock', () => {
  it('holds a lock naming this process while fn runs, returns its value, then releases', async () => {
    const deps = setup();
    let tookOver = false;
    const expected: RunLock = {
      runId: 'run-1',
      ownerId: '00000000000000000000000000000001',
      operation: 'commit',
      pid: 100,
      host: 'host-a',
      startedAt: iso(T0),
      leaseExpiresAt: iso(T0 + 60_000),
    };
    const value = await withRunLock(
      deps,
      { runId: 'run-1', operation: 'commit', leaseMs: 60_000, onTakeOver: () => (tookOver = true) },
      async (lock) => {
        expect(lock).toEqual(expected);
        expect(await deps.store.getRunLock('run-1')).toEqual(expected);
        expect(heldRunLocks()).toEqual([expected]);
        return 42;
      },
    );
    expect(value).toBe(42);
    expect(tookOver).toBe(false);
    expect(await deps.store.getRunLock('run-1')).toBeNull();
    expect(heldRunLocks()).toEqual([]);
  });

  it('defaults the lease to ten minutes', async () => {
    const deps = setup();
    await withRunLock(deps, { runId: 'run-1', operation: 'pr' }, (lock) => {
      expect(Date.parse(lock.leaseExpiresAt) - Date.parse(lock.startedAt)).toBe(600_000);
      return Promise.resolve();
    });
  });

  it('releases the lock and rethrows when fn throws', async () => {
    const deps = setup();
    const boom = new Error('boom');
    await expect(
      withRunLock(deps, { runId: 'run-1', operation: 'commit' }, () => Promise.reject(boom)),
    ).rejects.toBe(boom);
    expect(await deps.store.getRunLock('run-1')).toBeNull();
    expect(heldRunLocks()).toEqual([]);
  });

  it('fails fast with RUN_LOCKED naming a live holder on this host, without calling fn', async () => {
    const deps = setup();
    const holder = aLock({
      pid: 200,
      host: 'host-a',
      operation: 'review sync',
      leaseExpiresAt: iso(T0 + 60_000),
    });
    deps.process.setAlive(200, true);
    await deps.store.acquireRunLock(holder, () => false);
    let called = false;
    const attempt = withRunLock(deps, { runId: 'run-1', operation: 'commit' }, () => {
      called = true;
      return Promise.resolve();
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'RUN_LOCKED',
      data: { holder },
      hint: expect.any(String),
    });
    expect(called).toBe(false);
    expect(await deps.store.getRunLock('run-1')).toEqual(holder);
  });

  it('trusts a live-looking holder on another host until its lease ends', async () => {
    const deps = setup();
    await deps.store.acquireRunLock(
      aLock({ pid: 200, host: 'host-b', leaseExpiresAt: iso(T0 + 60_000) }),
      () => false,
    );
    await expect(
      withRunLock(deps, { runId: 'run-1', operation: 'commit' }, () => Promise.resolve()),
    ).rejects.toMatchObject({ code: 'RUN_LOCKED' });
    deps.clock.advance(60_000);
    await expect(
      withRunLock(deps, { runId: 'run-1', operation: 'commit' }, () => Promise.resolve('ran')),
    ).resolves.toBe('ran');
  });

  it('takes over a dead holder on this host', async () => {
    const deps = setup();
    const dead = aLock({ pid: 200, host: 'host-a', leaseExpiresAt: iso(T0 + 60_000) });
    await deps.store.acquireRunLock(dead, () => false);
    const previous: RunLock[] = [];
    const seen = await withRunLock(
      deps,
      { runId: 'run-1', operation: 'commit', onTakeOver: (p) => previous.push(p) },
      (lock) => Promise.resolve(lock),
    );
    expect(previous).toEqual([dead]);
    expect(seen.pid).toBe(100);
    expect(seen.ownerId).not.toBe(dead.ownerId);
  });

  it('takes over an expired lease even when its holder is alive', async () => {
    const deps = setup();
    deps.process.setAlive(200, true);
    await deps.store.acquireRunLock(
      aLock({ pid: 200, host: 'host-a', leaseExpiresAt: iso(T0 - 1) }),
      () => false,
    );
    await expect(
      withRunLock(deps, { runId: 'run-1', operation: 'commit' }, () => Promise.resolve('ran')),
    ).resolves.toBe('ran');
  });

  it('counts another withRunLock of this same process as a live holder', async () => {
    const deps = setup();
    await withRunLock(deps, { runId: 'run-1', operation: 'commit' }, async () => {
      await expect(
        withRunLock(deps, { runId: 'run-1', operation: 'pr' }, () => Promise.resolve()),
      ).rejects.toMatchObject({ code: 'RUN_LOCKED', data: { holder: { operation: 'commit', pid: 100 } } });
    });
  });

  it('renews the lease from the clock while fn runs', async () => {
    const deps = setup();
    await withRunLock(
      deps,
      { runId: 'run-1', operation: 'commit', leaseMs: 60_000, renewEveryMs: 5 },
      async () => {
        deps.clock.advance(30_000);
        await until(async () => (await deps.store.getRunLock('run-1'))?.leaseExpiresAt === iso(T0 + 90_000));
      },
    );
    expect(await deps.store.getRunLock('run-1')).toBeNull();
  });

  it('stops renewing once fn ends', async () => {
    const deps = setup();
    let renewals = 0;
    const renew = deps.store.renewRunLock.bind(deps.store);
    deps.store.renewRunLock = (...args) => (renewals++, renew(...args));
    await withRunLock(deps, { runId: 'run-1', operation: 'commit', renewEveryMs: 1 }, () =>
      until(() => Promise.resolve(renewals >= 2)),
    );
    const after = renewals;
    await new Promise((r) => setTimeout(r, 25));
    expect(renewals).toBe(after);
    expect(await deps.store.getRunLock('run-1')).toBeNull();
  });

  it('reports a lock lost to another holder through onLost', async () => {
    const deps = setup();
    const lost: RunLock[] = [];
    await withRunLock(
      deps,
      { runId: 'run-1', operation: 'commit', renewEveryMs: 2, onLost: (l) => lost.push(l) },
      async (lock) => {
        await deps.store.acquireRunLock(aLock({ ownerId: 'thief' }), () => true);
        await until(() => Promise.resolve(lost.length === 1));
        expect(lost).toEqual([lock]);
      },
    );
    expect((await deps.store.getRunLock('run-1'))?.ownerId).toBe('thief');
  });

  it('rejects a non-positive lease with INVALID_INPUT', async () => {
    await expect(
      withRunLock(setup(), { runId: 'run-1', operation: 'commit', leaseMs: 0 }, () => Promise.resolve()),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('releaseHeldLocks', () => {
  it('releases every lock held through withRunLock, and the holders finish without error', async () => {
    const deps = setup();
    let proceed!: () => void;
    const gate = new Promise<void>((r) => (proceed = r));
    const running = [
      withRunLock(deps, { runId: 'run-1', operation: 'commit' }, () => gate),
      withRunLock(deps, { runId: 'run-2', operation: 'pr' }, () => gate),
    ];
    await until(() => Promise.resolve(heldRunLocks().length === 2));
    const released = await releaseHeldLocks();
    expect(released.map((l) => l.runId).sort()).toEqual(['run-1', 'run-2']);
    expect(await deps.store.getRunLock('run-1')).toBeNull();
    expect(await deps.store.getRunLock('run-2')).toBeNull();
    expect(heldRunLocks()).toEqual([]);
    proceed();
    await Promise.all(running);
  });

  it('returns nothing when no lock is held', async () => {
    expect(await releaseHeldLocks()).toEqual([]);
  });
});
