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
  type Secret,
  type StoreDescription,
  type StoreLocation,
  type StorePort,
} from '@metawsm/core';
import type { OctokitGitHubAdapterOptions } from '../github/index.js';
import { CryptoIds, NodeFiles, NodeProcess, SystemClock } from '../system/index.js';
import { withEnvironment } from './environment.js';
import { lazyPort, warmPort } from './lazy-port.js';

/** How to wire metawsm: where its state is, credentials, and any port to replace. */
export interface WiringOptions {
  /** The folder holding `.metawsm/` (default: METAWSM_HOME, else the nearest ancestor of `cwd` with a `.metawsm/` folder, else `cwd`). */
  home?: string | undefined;
  /** Where relative paths start (default: the process's working directory). */
  cwd?: string | undefined;
  /** A PostgreSQL URL for a team's shared store (default: METAWSM_DATABASE_URL, else the home's SQLite file). */
  databaseUrl?: string | undefined;
  /** A GitHub token given in code, used as METAWSM_GITHUB_TOKEN would be. Never logged or stored. */
  token?: Secret | string | undefined;
  /** Variables metawsm reads instead of the process environment's (`undefined` hides one). */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Ports to use instead of the real adapters (e.g. the fakes of `@metawsm/core/testing`). */
  ports?: Partial<Ports> | undefined;
  /** The checks (default: the built-in ones). */
  checks?: CheckRegistry | undefined;
  /**
   * Options of the Octokit adapter (retry budget, retry notifications), or a function giving them
   * when GitHub is first used. ETags are kept in the store unless `cache` says otherwise.
   */
  github?: OctokitGitHubAdapterOptions | (() => OctokitGitHubAdapterOptions) | undefined;
  /**
   * The git engine: `native` (git's plumbing, git >= 2.38 on PATH), `js` (pure JavaScript, no git
   * needed) or `auto` (native when git is found). Default: METAWSM_GIT_ENGINE, else `auto`.
   */
  engine?: 'auto' | 'native' | 'js' | undefined;
  /** SQLite only: a size cap in pages (SQLite `max_page_count`). */
  maxPageCount?: number | undefined;
  /** Applied to every store opened for writing (e.g. to add instrumentation). */
  wrapStore?: ((store: StorePort) => StorePort) | undefined;
  /** This process's host identity for run locks (default: the machine's host name). */
  hostname?: string | undefined;
}

/** The wired ports, home paths and policy: what a use case needs. */
export interface Wiring {
  paths: HomePaths;
  cwd: string;
  /** Every port but the store, which is opened on first use. */
  ports: Omit<Ports, 'store'>;
  checks: CheckRegistry;
  /** Where the store is; DATABASE_URL_INVALID when the URL is malformed. */
  storeLocation(): StoreLocation;
  /** The store's kind and location, password removed. */
  storeDescription(): StoreDescription;
  /** The store, opened (and migrated) on first use, so policy-only work never creates a database. */
  store(): Promise<StorePort>;
  /** The store for reading only: never creates a home or a database (HOME_NOT_FOUND outside a home). */
  readStore(): Promise<StorePort>;
  /** The current policy file, read on every call (one source of truth). */
  policy(): Promise<LoadedPolicy>;
  /** Close whatever store was opened. */
  close(): Promise<void>;
  /**
   * Start choosing the git engine now (import, `git --version`) without waiting, so it overlaps
   * the store and policy reads of a command that will run git; errors surface at the first git call.
   */
  warmGit(): void;
}

/**
 * The one composition root of metawsm: the only place the real adapters are constructed (the CLI
 * builds on it, so do library users through `createMetawsm`). Adapters are imported when first
 * used, so work that needs no git or GitHub never loads them.
 */
export async function createWiring(options: WiringOptions = {}): Promise<Wiring> {
  const given = options.ports ?? {};
  const files = given.files ?? new NodeFiles();
  const processPort = withEnvironment(
    given.process ?? new NodeProcess({ hostname: options.hostname }),
    options,
  );
  const cwd = options.cwd ?? process.cwd();
  const home = await resolveHome(files, { flag: options.home, env: processPort.env('METAWSM_HOME'), cwd });
  const paths = homePaths(home);
  let location: StoreLocation | null = null;
  const storeLocation = (): StoreLocation =>
    (location ??= selectStoreLocation({
      flag: options.databaseUrl,
      env: processPort.env(DATABASE_URL_ENV),
      databaseFile: paths.databaseFile,
    }));
  const stores = storeOpeners({ options, files, paths, storeLocation });
  const ports: Omit<Ports, 'store'> = {
    files,
    process: processPort,
    clock: given.clock ?? new SystemClock(),
    ids: given.ids ?? new CryptoIds(),
    git:
      given.git ??
      // METAWSM_GIT_ENGINE picks the engine on first use, and only that engine's module is loaded
      // (a native run never loads the pure-JS engine). A bad value fails the first git call (exit 2).
      lazyPort<GitPort>(
        async () =>
          (await (await import('../git/select-engine.js')).selectGitEngine({ env: gitEnv(options) })).git,
      ),
    github: given.github ?? lazyPort<GitHubPort>(async () => githubAdapter(options, stores.store)),
  };
  return {
    paths,
    cwd,
    ports,
    checks: options.checks ?? CheckRegistry.withBuiltins(),
    storeLocation,
    storeDescription: () => describeStoreLocation(storeLocation()),
    ...stores,
    policy: () => loadPolicy(files, paths.policyFile),
    warmGit: () => warmPort(ports.git),
  };
}

/** The environment git children start from: the process's, with the caller's `env` and `engine` applied. */
function gitEnv(options: WiringOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(options.env ?? {}))
    if (value === undefined) delete env[name];
    else env[name] = value;
  if (options.engine !== undefined) env.METAWSM_GIT_ENGINE = options.engine;
  return env;
}

async function githubAdapter(options: WiringOptions, store: () => Promise<StorePort>): Promise<GitHubPort> {
  const { OctokitGitHubAdapter, storeHttpCache } = await import('../github/index.js');
  // ETags live in the store so that polling stays cheap across processes.
  const given = typeof options.github === 'function' ? options.github() : options.github;
  return new OctokitGitHubAdapter({ cache: storeHttpCache(store), ...given });
}

/** The store for writing and the one for reading, each opened once, and closing both. */
function storeOpeners(input: {
  options: WiringOptions;
  files: NodeFiles | Ports['files'];
  paths: HomePaths;
  storeLocation: () => StoreLocation;
}): Pick<Wiring, 'store' | 'readStore' | 'close'> {
  const { options, files, paths, storeLocation } = input;
  const given = options.ports?.store;
  let store: Promise<StorePort> | null = null;
  let readStore: Promise<StorePort> | null = null;
  const openWrite = async (): Promise<StorePort> => {
    const { openStore } = await import('../store/index.js');
    const cap = options.maxPageCount;
    const opened = await openStore(storeLocation(), cap === undefined ? {} : { maxPageCount: cap });
    return options.wrapStore ? options.wrapStore(opened) : opened;
  };
  const openRead = async (): Promise<StorePort> => {
    const where = storeLocation();
    const { openStore } = await import('../store/index.js');
    // PostgreSQL holds a team's state whatever the local folder; a SQLite home must exist.
    if (where.kind === 'postgres') {
      const opened = await openStore(where, { readOnly: true });
      return options.wrapStore ? options.wrapStore(opened) : opened;
    }
    await assertHome(files, paths);
    // A home without a database yet (only `policy init` ran) reads as empty: nothing is created.
    const exists = await files.exists(paths.databaseFile);
    return openStore({ kind: 'sqlite', file: exists ? paths.databaseFile : ':memory:' }, { readOnly: true });
  };
  return {
    store: () => (given ? Promise.resolve(given) : (store ??= openWrite())),
    readStore: () => (given ? Promise.resolve(given) : (readStore ??= openRead())),
    close: async () => {
      for (const opened of [store, readStore]) if (opened) await (await opened).close();
    },
  };
}
