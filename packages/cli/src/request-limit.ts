/**
 * A limiter group for Octokit's throttling plugin (its `global` group): at most `max` requests in
 * flight per key (one key per token), the rest queued in order. The plugin's default is 10; review
 * sync reads many PRs at once, and GitHub allows far more concurrent reads (its secondary limit is
 * 100), so the CLI raises it. Only `key(id).schedule(options, fn, ...args)` is used by the plugin.
 */
export function requestLimitGroup(max: number): unknown {
  const limiters = new Map<
    string,
    { schedule: (options: unknown, fn: Task, ...args: unknown[]) => Promise<unknown> }
  >();
  return {
    key(id: string) {
      let limiter = limiters.get(id);
      if (!limiter) {
        limiter = semaphore(max);
        limiters.set(id, limiter);
      }
      return limiter;
    },
  };
}

type Task = (...args: unknown[]) => unknown;

function semaphore(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return {
    async schedule(_options: unknown, fn: Task, ...args: unknown[]): Promise<unknown> {
      if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await fn(...args);
      } finally {
        release();
      }
    },
  };
}
