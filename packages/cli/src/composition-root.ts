import {
  CryptoIds,
  IsomorphicGitAdapter,
  NodeFiles,
  NodeProcess,
  OctokitGitHubAdapter,
  SqliteStore,
  SystemClock,
} from '@metawsm/adapters';
import { withPausePoint } from './test-hooks.js';
import {
  CheckRegistry,
  homePaths,
  loadPolicy,
  resolveHome,
  type HomePaths,
  type LoadedPolicy,
  type Ports,
  type StorePort,
} from '@metawsm/core';

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

/** The one composition root: the only place adapters are constructed. */
export async function createContext(input: {
  homeFlag?: string | undefined;
  cwd: string;
}): Promise<CliContext> {
  const files = new NodeFiles();
  const process_ = new NodeProcess();
  const home = await resolveHome(files, {
    flag: input.homeFlag,
    env: process_.env('METAWSM_HOME'),
    cwd: input.cwd,
  });
  const paths = homePaths(home);
  let store: Promise<StorePort> | null = null;
  return {
    paths,
    cwd: input.cwd,
    ports: {
      files,
      process: process_,
      clock: new SystemClock(),
      ids: new CryptoIds(),
      git: new IsomorphicGitAdapter(),
      github: new OctokitGitHubAdapter({ paceWrites: false }),
    },
    checks: CheckRegistry.withBuiltins(),
    store: () =>
      (store ??= SqliteStore.open({ file: paths.databaseFile }).then((s) =>
        withPausePoint(s, process_.env('METAWSM_TEST_PAUSE_AT')),
      )),
    policy: () => loadPolicy(files, paths.policyFile),
    close: async () => {
      if (store) await (await store).close();
    },
  };
}
