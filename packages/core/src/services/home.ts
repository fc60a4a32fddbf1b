import { dirname, join, resolve } from 'node:path';
import { MetawsmError } from '../errors/metawsm-error.js';
import type { FilesPort } from '../ports/files.port.js';

/** The folder name holding metawsm's state inside a home directory. */
export const METAWSM_DIR = '.metawsm';

/** Paths of the files metawsm keeps under a home directory. */
export interface HomePaths {
  home: string;
  stateDir: string;
  policyFile: string;
  databaseFile: string;
}

/** The state paths under `home`. */
export function homePaths(home: string): HomePaths {
  const stateDir = join(home, METAWSM_DIR);
  return {
    home,
    stateDir,
    policyFile: join(stateDir, 'policy.json'),
    databaseFile: join(stateDir, 'metawsm.db'),
  };
}

/**
 * The home directory: `--home`, else `METAWSM_HOME`, else the nearest ancestor of `cwd` holding a
 * `.metawsm/` folder, else `cwd`.
 */
export async function resolveHome(
  files: Pick<FilesPort, 'isDirectory'>,
  input: { flag?: string | undefined; env?: string | undefined; cwd: string },
): Promise<string> {
  if (input.flag) return resolve(input.cwd, input.flag);
  if (input.env) return resolve(input.cwd, input.env);
  let dir = resolve(input.cwd);
  for (let depth = 0; depth < 256; depth++) {
    if (await files.isDirectory(join(dir, METAWSM_DIR))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return resolve(input.cwd);
}

/**
 * Read-only commands never create a home or a database: outside a metawsm home (no
 * `.metawsm/` folder under `paths.home`) they stop with HOME_NOT_FOUND (exit 2).
 */
export async function assertHome(files: Pick<FilesPort, 'isDirectory'>, paths: HomePaths): Promise<void> {
  if (await files.isDirectory(paths.stateDir)) return;
  throw new MetawsmError(
    'HOME_NOT_FOUND',
    `${paths.home} is not a metawsm home (it has no ${METAWSM_DIR}/ folder)`,
    {
      hint: 'Run `metawsm policy init` in the folder that should hold the state, or pass --home (or set METAWSM_HOME) to an existing home.',
      data: { home: paths.home },
    },
  );
}
