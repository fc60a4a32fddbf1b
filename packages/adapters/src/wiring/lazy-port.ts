/** The hidden method of a lazy port that starts loading its adapter without calling anything. */
const WARM = Symbol('metawsm.lazyPort.warm');

/**
 * A port whose adapter module is imported on its first call: code that never touches git or
 * GitHub does not pay for loading a git engine or Octokit. Every method of such a port is async.
 */
export function lazyPort<T extends object>(load: () => Promise<T>): T {
  let loaded: Promise<T> | null = null;
  const start = (): Promise<T> => (loaded ??= load());
  return new Proxy({} as T, {
    get: (_target, method) => {
      // A failure to load is reported by the first real call, so warming swallows it here.
      if (method === WARM) return () => void start().catch(() => undefined);
      // Not a thenable, and no other symbol-keyed behaviour: only port methods are forwarded.
      if (method === 'then' || typeof method === 'symbol') return undefined;
      return (...args: unknown[]) =>
        start().then((impl) => (Reflect.get(impl, method) as (...a: unknown[]) => unknown).apply(impl, args));
    },
  });
}

/**
 * Start loading a {@link lazyPort}'s adapter now, so that its import (and whatever the loader
 * probes, such as git's version) overlaps other start-up work; any other port is left alone.
 */
export function warmPort(port: object): void {
  const warm: unknown = Reflect.get(port, WARM);
  if (typeof warm === 'function') (warm as () => void)();
}
