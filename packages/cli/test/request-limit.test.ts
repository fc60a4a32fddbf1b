import { requestLimitGroup } from '../src/request-limit.js';

type Group = {
  key(id: string): {
    schedule(o: unknown, fn: (...a: unknown[]) => unknown, ...args: unknown[]): Promise<unknown>;
  };
};

describe('requestLimitGroup (Octokit throttling global group)', () => {
  it('keeps at most `max` tasks in flight per key, runs the rest in order, passes args and results through', async () => {
    const group = requestLimitGroup(3) as Group;
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const task = (x: unknown) => {
      const n = x as number;
      return new Promise<number>((resolve) => {
        active++;
        peak = Math.max(peak, active);
        order.push(n);
        releases.push(() => {
          active--;
          resolve(n * 10);
        });
      });
    };
    const runs = Array.from({ length: 7 }, (_, i) => group.key('token-a').schedule({}, task, i));
    const other = group.key('token-b').schedule({}, (x) => Promise.resolve(`b${String(x)}`), 1);
    expect(await other).toBe('b1');
    while (releases.length > 0 || order.length < 7) {
      await new Promise((r) => setImmediate(r));
      releases.shift()?.();
    }
    expect(await Promise.all(runs)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('a failing task frees its slot', async () => {
    const group = requestLimitGroup(1) as Group;
    await expect(group.key('k').schedule({}, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await group.key('k').schedule({}, () => 'ok')).toBe('ok');
  });
});
