import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Signature, Workspace } from '@metawsm/core';
import { git } from '../../../testkit/src/git-fixtures.js';

/** A fixed signature for snapshot commits. */
export const SIG: Signature = {
  name: 'Snap Shot',
  email: 'snap@example.com',
  timestamp: 1_700_000_000,
  timezoneOffset: 120,
};

/**
 * What `git add -A && git write-tree` produces for the workspace, with `.metawsm` taken from HEAD.
 * A normal repository is copied (`cp -a`) and staged there; a linked worktree (whose `.git` file
 * points into the main repository) is staged in place against a copied index and a scratch object
 * directory, so neither its index nor its object database is touched.
 */
export function oracleTree(
  ws: Workspace,
  env: NodeJS.ProcessEnv,
  options: { excludePaths?: string[] } = {},
): string {
  const scratch = mkdtempSync(join(tmpdir(), 'metawsm-oracle-'));
  try {
    let cwd = ws.path;
    let runEnv = env;
    if (ws.gitDir === join(ws.path, '.git')) {
      cwd = join(scratch, 'copy');
      cpSync(ws.path, cwd, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    } else {
      const index = join(scratch, 'index');
      mkdirSync(join(scratch, 'objects'));
      if (existsSync(join(ws.gitDir, 'index'))) cpSync(join(ws.gitDir, 'index'), index);
      runEnv = {
        ...env,
        GIT_INDEX_FILE: index,
        GIT_OBJECT_DIRECTORY: join(scratch, 'objects'),
        GIT_ALTERNATE_OBJECT_DIRECTORIES: join(ws.commonDir, 'objects'),
      };
    }
    const excludes = ['.metawsm', ...(options.excludePaths ?? [])].map((p) => `:(exclude)${p}`);
    git(cwd, ['add', '-A', '--', '.', ...excludes], { env: runEnv });
    if (ws.headSha) git(cwd, ['reset', '-q', ws.headSha, '--', '.metawsm'], { env: runEnv });
    else git(cwd, ['rm', '-r', '-q', '--cached', '--ignore-unmatch', '--', '.metawsm'], { env: runEnv });
    return git(cwd, ['write-tree'], { env: runEnv });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Everything a read-only operation must leave as it was: HEAD, index bytes and every working-tree file. */
export interface WorkspaceImage {
  head: string;
  index: string;
  files: Map<string, string>;
}

/** Capture HEAD, the index file (bytes and mtime) and every file under the working tree except `.git`. */
export function captureWorkspace(ws: Workspace): WorkspaceImage {
  const indexPath = join(ws.gitDir, 'index');
  const index = existsSync(indexPath)
    ? `${digest(readFileSync(indexPath))} ${statSync(indexPath).mtimeMs}`
    : 'none';
  const files = new Map<string, string>();
  walk(ws.path, '', files);
  return { head: readFileSync(join(ws.gitDir, 'HEAD'), 'utf8'), index, files };
}

function walk(root: string, rel: string, out: Map<string, string>): void {
  for (const d of readdirSync(join(root, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${d.name}` : d.name;
    if (path === '.git') continue;
    const abs = join(root, path);
    const st = lstatSync(abs);
    if (d.isDirectory()) {
      out.set(`${path}/`, `dir ${st.mode}`);
      walk(root, path, out);
    } else if (d.isSymbolicLink()) out.set(path, `link ${readlinkSync(abs)} ${st.mtimeMs}`);
    else out.set(path, `file ${st.mode} ${st.mtimeMs} ${digest(readFileSync(abs))}`);
  }
}

function digest(b: Buffer): string {
  return createHash('sha1').update(b).digest('hex');
}

/** `git fsck --strict` must report nothing. */
export function expectFsckClean(dir: string, env: NodeJS.ProcessEnv): void {
  const out = git(dir, ['fsck', '--strict', '--no-progress', '--no-dangling'], { env });
  if (out.trim() !== '') throw new Error(`git fsck reported:\n${out}`);
}

/** Number of loose objects plus in-pack objects (to prove that nothing was written). */
export function objectCount(dir: string, env: NodeJS.ProcessEnv): string {
  return git(dir, ['count-objects', '-v'], { env })
    .split('\n')
    .filter((l) => /^(count|in-pack):/.test(l))
    .join(' ');
}

/** Remove a directory tree (test cleanup helper for nested fixtures). */
export function removeTree(path: string): void {
  rmSync(path, { recursive: true, force: true });
}
