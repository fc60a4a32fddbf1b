import { CryptoIds, NodeFiles, NodeProcess, SystemClock } from '@metawsm/adapters/system';
import {
  CheckRegistry,
  homePaths,
  loadPolicy,
  resolveHome,
  type GitHubPort,
  type GitPort,
  type HomePaths,
  type LoadedPolicy,
  type Ports,
  type StorePort,
} from '@metawsm/core';
import { withPausePoint } from './test-hooks.js';

/** Everything a command needs: the ports wired to real adapters, the home paths and the policy. */
export interface CliContext {
  paths: HomePaths;
  cwd: string;
  ports: Omit<Ports, 'store'>;
  checks: CheckRegistry;
  /** The store, opened on first use (so `policy` commands never create a database). */
  store(): Promise<StorePort>;
  /** The current policy file (read on every call: one source of truth). */
  policy(): Promise<LoadedPolicy>;
  close(): Promise<void>;
}

/**
 * A port whose adapter module is imported on its first call: commands that never touch git or
 * GitHub do not pay for loading a git engine or Octokit. Every method of these ports is async.
 */
function lazyPort<T extends object>(load: () => Promise<T>): T {
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

/** The one composition root: the only place adapters are constructed. */
export async function createContext(input: {
  homeFlag?: string | undefined;
  cwd: string;
}): Promise<CliContext> {
  const files = new NodeFiles();
  const processPort = new NodeProcess();
  const home = await resolveHome(files, {
    flag: input.homeFlag,
    env: processPort.env('METAWSM_HOME'),
    cwd: input.cwd,
  });
  const paths = homePaths(home);
  // METAWSM_GIT_ENGINE picks the engine on first use; only the chosen engine's module is loaded
  // (the native engine never loads isomorphic-git). A bad value fails the first git call (exit 2).
  const git = lazyPort<GitPort>(
    async () =>
      (await (await import('@metawsm/adapters/git-engine')).selectGitEngine({ env: process.env })).git,
  );
  // No client-side pacing of writes: a run creates a handful of PRs, and GitHub's secondary
  // rate limits are honoured through retry-after by the adapter.
  const github = lazyPort<GitHubPort>(
    async () => new (await import('@metawsm/adapters/github')).OctokitGitHubAdapter({ paceWrites: false }),
  );
  let store: Promise<StorePort> | null = null;
  const openStore = async (): Promise<StorePort> => {
    const { SqliteStore } = await import('@metawsm/adapters/store');
    return withPausePoint(
      await SqliteStore.open({ file: paths.databaseFile }),
      processPort.env('METAWSM_TEST_PAUSE_AT'),
    );
  };
  return {
    paths,
    cwd: input.cwd,
    ports: { files, process: processPort, clock: new SystemClock(), ids: new CryptoIds(), git, github },
    checks: CheckRegistry.withBuiltins(),
    store: () => (store ??= openStore()),
    policy: () => loadPolicy(files, paths.policyFile),
    close: async () => {
      if (store) await (await store).close();
    },
  };
}
