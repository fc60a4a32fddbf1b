import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '@metawsm/core';
import {
  git,
  isolatedGitEnv,
  makeTempDir,
  writeTree,
  type FixtureFile,
  type TempDir,
} from '@metawsm/testkit';

/** A scratch repository for object-level tests. */
export interface ObjectRepo {
  dir: string;
  env: NodeJS.ProcessEnv;
  ws: Workspace;
  git(args: string[], input?: string): string;
  /** Run git and return status and output without throwing. */
  gitStatus(args: string[]): { status: number; stdout: string; stderr: string };
  /** Write/remove files and commit them; returns the commit id. */
  commit(
    files: Record<string, FixtureFile>,
    opts?: { remove?: string[]; message?: string; date?: number },
  ): string;
  treeOf(commit: string): string;
  /** Loose objects currently in the object database. */
  looseObjects(): string[];
  cleanup(): void;
}

let clock = 1_700_000_000;

/** `git init` in a temp dir with a deterministic environment. */
export function makeObjectRepo(): ObjectRepo {
  const tmp: TempDir = makeTempDir('metawsm-objects-');
  const dir = join(tmp.path, 'repo');
  const env = isolatedGitEnv(tmp.path);
  git(tmp.path, ['init', '-q', '-b', 'main', dir], { env });
  git(dir, ['config', 'core.autocrlf', 'false'], { env });
  const run = (args: string[], input?: string) =>
    git(dir, args, input === undefined ? { env } : { env, input });
  const repo: ObjectRepo = {
    dir,
    env,
    ws: {
      path: dir,
      gitDir: join(dir, '.git'),
      commonDir: join(dir, '.git'),
      headRef: 'refs/heads/main',
      headSha: null,
    },
    git: run,
    gitStatus(args) {
      const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
    commit(files, opts = {}) {
      for (const r of opts.remove ?? []) run(['rm', '-q', '-r', '--', r]);
      writeTree(dir, files);
      run(['add', '-A']);
      const date = `${opts.date ?? clock++} +0000`;
      git(dir, ['commit', '-q', '--allow-empty', '-m', opts.message ?? 'change'], {
        env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
      return run(['rev-parse', 'HEAD']);
    },
    treeOf: (commit) => run(['rev-parse', `${commit}^{tree}`]),
    looseObjects() {
      const objects = join(dir, '.git', 'objects');
      const out: string[] = [];
      for (const d of readdirSync(objects)) {
        if (/^[0-9a-f]{2}$/.test(d)) for (const f of readdirSync(join(objects, d))) out.push(d + f);
      }
      return out.sort();
    },
    cleanup: () => tmp.cleanup(),
  };
  return repo;
}

/** Three commits for a merge: `base`, and `ours` / `theirs` branching from it. */
export interface ThreeWay {
  base: string;
  ours: string;
  theirs: string;
  trees: { base: string; ours: string; theirs: string };
}

/** Changes applied on one side: files to write and paths to remove. */
export interface SideChange {
  write?: Record<string, FixtureFile>;
  remove?: string[];
}

/** Build base → ours and base → theirs, so that git's natural merge base is `base`. */
export function buildThreeWay(
  repo: ObjectRepo,
  base: Record<string, FixtureFile>,
  ours: SideChange,
  theirs: SideChange,
): ThreeWay {
  repo.git(['checkout', '-q', '--orphan', `base-${clock}`]);
  repo.git(['rm', '-q', '-r', '--cached', '--ignore-unmatch', '.']);
  repo.git(['clean', '-q', '-fdx']);
  const b = repo.commit(base, { message: 'base' });
  repo.git(['checkout', '-q', '-B', 'ours', b]);
  const o = repo.commit(ours.write ?? {}, { remove: ours.remove ?? [], message: 'ours' });
  repo.git(['checkout', '-q', '-B', 'theirs', b]);
  const t = repo.commit(theirs.write ?? {}, { remove: theirs.remove ?? [], message: 'theirs' });
  return {
    base: b,
    ours: o,
    theirs: t,
    trees: { base: repo.treeOf(b), ours: repo.treeOf(o), theirs: repo.treeOf(t) },
  };
}

/** `git merge-tree --write-tree`: the merged tree, or the conflicted paths. */
export function gitMergeTree(
  repo: ObjectRepo,
  ours: string,
  theirs: string,
): { clean: true; tree: string } | { clean: false; paths: string[] } {
  const r = repo.gitStatus([
    '-c',
    'core.quotePath=false',
    'merge-tree',
    '--write-tree',
    '--name-only',
    '--no-messages',
    ours,
    theirs,
  ]);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  if (r.status === 0) return { clean: true, tree: lines[0]! };
  if (r.status === 1) return { clean: false, paths: [...new Set(lines.slice(1))].sort() };
  throw new Error(`git merge-tree failed: ${r.stderr}`);
}

/** `git fsck --strict` must report nothing. */
export function expectFsckClean(repo: ObjectRepo): void {
  const r = repo.gitStatus(['fsck', '--strict', '--no-dangling']);
  if (r.status !== 0 || r.stderr.trim() !== '')
    throw new Error(`git fsck --strict failed:\n${r.stdout}\n${r.stderr}`);
}
