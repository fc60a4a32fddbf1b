import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isMissing, nullIfMissing, pathExists } from '../repo/errors.js';

/** Where a working tree keeps its git data. */
export interface RepoDirs {
  /** Absolute real path of the working tree. */
  path: string;
  /** HEAD and index live here (`.git`, or `.git/worktrees/<name>` of a linked worktree). */
  gitDir: string;
  /** Objects, refs and config live here (equals `gitDir` except in linked worktrees). */
  commonDir: string;
}

/** Why `<root>/.git` does not describe a usable repository. */
export type DotGitProblem = { kind: 'missing' } | { kind: 'invalid'; why: string };

/**
 * Resolve `<root>/.git`: a directory, or a `gitdir: <path>` file (linked worktree or submodule),
 * following `commondir` so that objects/refs/config are found in the main repository.
 */
export async function resolveDotGit(root: string): Promise<RepoDirs | DotGitProblem> {
  const dotGit = join(root, '.git');
  const st = await nullIfMissing(stat(dotGit));
  if (!st) return { kind: 'missing' };
  let gitDir = dotGit;
  if (st.isFile()) {
    const target = /^gitdir: *(.+?)\s*$/m.exec(await readFile(dotGit, 'utf8'))?.[1];
    if (!target) return { kind: 'invalid', why: '.git is a file without a "gitdir:" line' };
    gitDir = await realpath(resolve(root, target)).catch(() => '');
    if (!gitDir) return { kind: 'invalid', why: `.git points at ${target}, which does not exist` };
  } else if (!st.isDirectory()) {
    return { kind: 'invalid', why: '.git is neither a directory nor a file' };
  }
  const commonDir = await readCommonDir(gitDir);
  const why = await layoutProblem(gitDir, commonDir);
  return why ? { kind: 'invalid', why } : { path: root, gitDir, commonDir };
}

async function readCommonDir(gitDir: string): Promise<string> {
  try {
    const rel = (await readFile(join(gitDir, 'commondir'), 'utf8')).trim();
    return await realpath(resolve(gitDir, rel));
  } catch (e) {
    if (isMissing(e)) return gitDir;
    throw e;
  }
}

async function layoutProblem(gitDir: string, commonDir: string): Promise<string | null> {
  const isKind = (p: string, dir: boolean) =>
    stat(p).then(
      (s) => (dir ? s.isDirectory() : s.isFile()),
      () => false,
    );
  if (!(await isKind(join(gitDir, 'HEAD'), false))) return `${gitDir} has no HEAD`;
  if (!(await isKind(join(commonDir, 'objects'), true))) return `${commonDir} has no objects directory`;
  if (!(await isKind(join(commonDir, 'refs'), true))) return `${commonDir} has no refs directory`;
  return null;
}

/** True when `dir` itself looks like a bare repository (HEAD, objects/ and refs/ at its top). */
export async function looksBare(dir: string): Promise<boolean> {
  return (await layoutProblem(dir, dir)) === null;
}

/** The nearest ancestor of `dir` (excluding `dir`) holding a `.git`, or null. */
export async function enclosingWorkTree(dir: string): Promise<string | null> {
  for (let d = dirname(dir); ; d = dirname(d)) {
    if (await pathExists(join(d, '.git'))) return d;
    if (dirname(d) === d) return null;
  }
}
