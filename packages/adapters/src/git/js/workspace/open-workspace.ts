import { realpath, stat } from 'node:fs/promises';
import { MetawsmError, type Workspace } from '@metawsm/core';
import { gitFailed, isMissing } from '../repo/errors.js';
import { readHead } from '../repo/refs.js';
import { checkCapabilities } from './capabilities.js';
import { loadRepoConfig, type GitEnv } from './config-files.js';
import { notAGitRepo } from './errors.js';
import { enclosingWorkTree, looksBare, resolveDotGit, type DotGitProblem } from './repo-dirs.js';

/**
 * Open the working tree at `path`: its top folder must hold a `.git` directory, or the `.git` file
 * of a linked worktree or submodule. Resolves the real path, both git dirs and HEAD.
 */
export async function openWorkspace(path: string, env: GitEnv = process.env): Promise<Workspace> {
  const root = await realpath(path).catch((e: unknown) => {
    if (!isMissing(e)) throw gitFailed(`cannot resolve ${path}`, 'Check the path and its permissions.', e);
    throw new MetawsmError('PATH_NOT_FOUND', `${path} does not exist`, {
      hint: 'Check the repository path given for the target.',
      data: { path },
    });
  });
  if (!(await stat(root)).isDirectory())
    throw notAGitRepo(root, 'it is not a directory', 'Pass the top folder of a git working tree.');
  const dirs = await resolveDotGit(root);
  if (!('gitDir' in dirs)) throw await explain(root, dirs);
  await assertSupported(dirs.commonDir);
  const head = await readHead(dirs);
  const warnings = await checkCapabilities(root, dirs, env);
  return {
    path: root,
    gitDir: dirs.gitDir,
    commonDir: dirs.commonDir,
    headRef: head.headRef,
    headSha: head.headSha,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

async function explain(root: string, problem: DotGitProblem): Promise<MetawsmError> {
  if (problem.kind === 'invalid')
    return notAGitRepo(
      root,
      problem.why,
      'Repair the repository (`git status` shows what is wrong) or pass another path.',
    );
  if (await looksBare(root)) {
    return notAGitRepo(
      root,
      'it is a bare repository (no working tree)',
      'Pass a clone of it, or a checkout made with `git worktree add`.',
    );
  }
  const top = await enclosingWorkTree(root);
  if (top)
    return notAGitRepo(
      root,
      `it is a folder inside the working tree ${top}`,
      `Pass the top folder of the working tree: ${top}`,
    );
  return notAGitRepo(
    root,
    'it has no .git',
    'Pass the folder of a git clone (`git rev-parse --show-toplevel` prints it).',
  );
}

/** Refuse repository formats whose objects or refs this adapter cannot read. */
async function assertSupported(commonDir: string): Promise<void> {
  const config = await loadRepoConfig(commonDir);
  const format = config.getString('extensions', null, 'objectFormat');
  if (format && format.toLowerCase() !== 'sha1') {
    throw gitFailed(
      `repository ${commonDir} uses ${format} object ids`,
      'metawsm supports SHA-1 repositories only.',
    );
  }
  const refStorage = config.getString('extensions', null, 'refStorage');
  if (refStorage && refStorage.toLowerCase() !== 'files') {
    throw gitFailed(
      `repository ${commonDir} stores refs as ${refStorage}`,
      'metawsm supports the "files" ref backend only.',
    );
  }
}
