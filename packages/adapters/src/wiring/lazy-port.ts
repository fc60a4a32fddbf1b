/**
 * A port whose adapter module is imported on its first call: code that never touches git or
 * GitHub does not pay for loading a git engine or Octokit. Every method of such a port is async.
 */
export function lazyPort<T extends object>(load: () => Promise<T>): T {
  let loaded: Promise<T> | null = null;
  return new Proxy({} as T, {
    get: (_target, method) =>
      // Not a thenable, and no symbol-keyed behaviour: only port methods are forwarded.
      method === 'then' || typeof method === 'symbol'
        ? undefined
        : (...args: unknown[]) =>
            (loaded ??= load()).then((impl) =>
              (Reflect.get(impl, method) as (...a: unknown[]) => unknown).apply(impl, args),
            ),
  });
}
