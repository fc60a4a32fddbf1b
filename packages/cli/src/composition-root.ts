import { CryptoIds, NodeFiles, NodeProcess, SystemClock } from '@metawsm/adapters/system';
import {
  CheckRegistry,
  DATABASE_URL_ENV,
  assertHome,
  describeStoreLocation,
  homePaths,
  loadPolicy,
  resolveHome,
  selectStoreLocation,
  type GitHubPort,
  type GitPort,
  type HomePaths,
  type LoadedPolicy,
  type Ports,
  type StoreDescription,
  type StoreLocation,
  type StorePort,
} from '@metawsm/core';
import { githubOptions } from './github-options.js';
import { testHostname, testStoreOptions, withTestHooks } from './test-hooks.js';

/** Everything a command needs: the ports wired to real adapters, the home paths and the policy. */
export interface CliContext {
  paths: HomePaths;
  cwd: string;
  ports: Omit<Ports, 'store'>;
  checks: CheckRegistry;
  /** Where the store is (`--database-url`, METAWSM_DATABASE_URL, else the home's SQLite file); DATABASE_URL_INVALID when malformed. */
  storeLocation(): StoreLocation;
  /** The store's kind and location, password removed (for `status`). */
  storeDescription(): StoreDescription;
  /** The store, opened on first use (so `policy` commands never create a database). */
  store(): Promise<StorePort>;
  /** The store for commands that only read: never creates a home or a database (HOME_NOT_FOUND outside a home). */
  readStore(): Promise<StorePort>;
  /** The current policy file (read on every call: one source of truth). */
  policy(): Promise<LoadedPolicy>;
  close(): Promise<void>;
}

/**
 * A port whose adapter module is imported on its first call: commands that never touch git or
 * GitHub do not pay for loading isomorphic-git or Octokit. Every method of these ports is async.
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
  databaseUrlFlag?: string | undefined;
  cwd: string;
}): Promise<CliContext> {
  const files = new NodeFiles();
  const processPort = new NodeProcess({ hostname: testHostname() });
  const home = await resolveHome(files, {
    flag: input.homeFlag,
    env: processPort.env('METAWSM_HOME'),
    cwd: input.cwd,
  });
  const paths = homePaths(home);
  const git = lazyPort<GitPort>(
    async () => new (await import('@metawsm/adapters/git')).IsomorphicGitAdapter(),
  );
  let location: StoreLocation | null = null;
  const storeLocation = (): StoreLocation =>
    (location ??= selectStoreLocation({
      flag: input.databaseUrlFlag,
      env: processPort.env(DATABASE_URL_ENV),
      databaseFile: paths.databaseFile,
    }));
  let store: Promise<StorePort> | null = null;
  let readStore: Promise<StorePort> | null = null;
  const testOptions = testStoreOptions(processPort.env('METAWSM_TEST_SQLITE_MAX_PAGES'));
  const openStore = async (): Promise<StorePort> => {
    const { openStore: open } = await import('@metawsm/adapters/store');
    return withTestHooks(await open(storeLocation(), testOptions));
  };
  const openOnce = () => (store ??= openStore());
  const github = lazyPort<GitHubPort>(async () => {
    const { OctokitGitHubAdapter } = await import('@metawsm/adapters/github');
    const env = (name: string) => processPort.env(name);
    return new OctokitGitHubAdapter(githubOptions({ env, store: openOnce, stderr: process.stderr }));
  });
  const openReadStore = async (): Promise<StorePort> => {
    const where = storeLocation();
    const { openStore: open } = await import('@metawsm/adapters/store');
    // PostgreSQL holds a team's state whatever the local folder; a SQLite home must exist.
    if (where.kind === 'postgres') return withTestHooks(await open(where, { readOnly: true }));
    await assertHome(files, paths);
    // A home without a database yet (only `policy init` ran) reads as empty: nothing is created.
    const exists = await files.exists(paths.databaseFile);
    return open({ kind: 'sqlite', file: exists ? paths.databaseFile : ':memory:' }, { readOnly: true });
  };
  return {
    paths,
    cwd: input.cwd,
    ports: { files, process: processPort, clock: new SystemClock(), ids: new CryptoIds(), git, github },
    checks: CheckRegistry.withBuiltins(),
    storeLocation,
    storeDescription: () => describeStoreLocation(storeLocation()),
    store: openOnce,
    readStore: () => (readStore ??= openReadStore()),
    policy: () => loadPolicy(files, paths.policyFile),
    close: async () => {
      for (const opened of [store, readStore]) if (opened) await (await opened).close();
    },
  };
}
