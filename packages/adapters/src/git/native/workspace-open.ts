import { realpath, stat } from 'node:fs/promises';
import { MetawsmError, type Workspace } from '@metawsm/core';
import type { NativeContext } from './context.js';
import { workspaceStateProblems } from '../shared/workspace-state.js';

function notAGitRepo(path: string, why: string, hint: string): MetawsmError {
  return new MetawsmError('NOT_A_GIT_REPO', `${path} is not a git working tree: ${why}`, {
    hint,
    data: { path },
  });
}

async function resolveDir(path: string): Promise<string> {
  const root = await realpath(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT' && e.code !== 'ENOTDIR')
      throw new MetawsmError('GIT_FAILED', `cannot resolve ${path}: ${e.message}`, {
        hint: 'Check the path and its permissions.',
        data: { path },
      });
    throw new MetawsmError('PATH_NOT_FOUND', `${path} does not exist`, {
      hint: 'Check the repository path given for the target.',
      data: { path },
    });
  });
  if (!(await stat(root)).isDirectory())
    throw notAGitRepo(root, 'it is not a directory', 'Pass the top folder of a git working tree.');
  return root;
}

/** Turn what `git rev-parse` said about a folder that is no working tree into NOT_A_GIT_REPO. */
function explain(root: string, stderr: string): MetawsmError {
  if (/must be run in a work tree/.test(stderr))
    return notAGitRepo(
      root,
      'it is a bare repository or a git dir (no working tree)',
      'Pass a clone of it, or a checkout made with `git worktree add`.',
    );
  if (/dubious ownership/.test(stderr))
    return notAGitRepo(
      root,
      'git refuses it: the repository is owned by another user',
      `If you trust it: git config --global --add safe.directory ${root}`,
    );
  if (/not a git repository/.test(stderr))
    return notAGitRepo(
      root,
      'it has no .git',
      'Pass the folder of a git clone (`git rev-parse --show-toplevel` prints it).',
    );
  return notAGitRepo(
    root,
    stderr.trim().split('\n')[0] ?? 'git cannot open it',
    'Repair the repository (`git status` shows what is wrong) or pass another path.',
  );
}

/**
 * Open the working tree whose top folder is `path` (a clone, a linked worktree or a submodule
 * checkout), asking git itself: one `rev-parse` gives the top folder, both git dirs, the object
 * format, HEAD's commit and the branch HEAD names. Only an unborn branch needs a second call.
 */
export async function openWorkspace(ctx: NativeContext, path: string): Promise<Workspace> {
  const root = await resolveDir(path);
  const r = await ctx.runner.run({
    cwd: root,
    args: [
      'rev-parse',
      '--path-format=absolute',
      '--show-toplevel',
      '--absolute-git-dir',
      '--git-common-dir',
      '--show-object-format',
      'HEAD',
      '--symbolic-full-name',
      'HEAD',
      '--',
    ],
    ok: 'any',
  });
  const [top, gitDir, commonDir, format, head, symbolic] = r.stdout.toString('utf8').split('\n');
  if (!top || !gitDir || !commonDir) throw explain(root, r.stderr);
  if ((await realpath(top)) !== root)
    throw notAGitRepo(
      root,
      `it is a folder inside the working tree ${top}`,
      `Pass the top folder of the working tree: ${top}`,
    );
  if (format !== 'sha1')
    throw new MetawsmError('GIT_FAILED', `repository ${commonDir} uses ${format ?? 'unknown'} object ids`, {
      hint: 'metawsm supports SHA-1 repositories only.',
      data: { path: root },
    });
  if (r.code === 0 && head && /^[0-9a-f]{40}$/.test(head))
    return {
      path: root,
      gitDir,
      commonDir,
      headRef: symbolic === 'HEAD' ? null : (symbolic ?? null),
      headSha: head,
    };
  return { path: root, gitDir, commonDir, headRef: await unbornBranch(ctx, root), headSha: null };
}

async function unbornBranch(ctx: NativeContext, root: string): Promise<string | null> {
  const r = await ctx.runner.run({ cwd: root, args: ['symbolic-ref', '-q', 'HEAD'], ok: [0, 1] });
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

/** Operations in progress (by their state files in the worktree's git dir) and unmerged index paths. */
export async function workspaceProblems(ctx: NativeContext, ws: Workspace): Promise<string[]> {
  const r = await ctx.runner.run({ cwd: ws.path, args: ['ls-files', '-z', '--unmerged'] });
  const unmerged = new Set<string>();
  for (const rec of r.stdout.toString('utf8').split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab > 0) unmerged.add(rec.slice(tab + 1));
  }
  return workspaceStateProblems(ws.gitDir, unmerged);
}
