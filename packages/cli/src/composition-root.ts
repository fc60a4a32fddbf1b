import { createWiring, type Wiring } from '@metawsm/adapters/wiring';
import { githubOptions } from './github-options.js';
import { testHostname, testStoreOptions, withTestHooks } from './test-hooks.js';

/** Everything a command needs: the ports wired to real adapters, the home paths and the policy. */
export type CliContext = Wiring;

/**
 * The CLI's wiring: the library's composition root (`createWiring`, also behind `createMetawsm`)
 * with the CLI's flags, its GitHub options (retry budget from the environment, a line per retry
 * on a terminal) and the test hooks (off unless their METAWSM_TEST_* variables are set).
 */
export async function createContext(input: {
  homeFlag?: string | undefined;
  databaseUrlFlag?: string | undefined;
  cwd: string;
}): Promise<CliContext> {
  return createWiring({
    home: input.homeFlag,
    databaseUrl: input.databaseUrlFlag,
    cwd: input.cwd,
    hostname: testHostname(),
    maxPageCount: testStoreOptions(process.env.METAWSM_TEST_SQLITE_MAX_PAGES).maxPageCount,
    wrapStore: withTestHooks,
    github: () => githubOptions({ env: (name) => process.env[name], stderr: process.stderr }),
  });
}
