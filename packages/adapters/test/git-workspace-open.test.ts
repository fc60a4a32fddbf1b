import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMetawsmError } from '@metawsm/core';
import {
  createRepoPair,
  git,
  isolatedGitEnv,
  makeTempDir,
  type TempDir,
} from '../../testkit/src/git-fixtures.js';
import { WorkspaceGit } from '../src/git/workspace-git.js';

describe('WorkspaceGit.openWorkspace', () => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  let adapter: WorkspaceGit;
  beforeEach(() => {
    tmp = makeTempDir();
    env = isolatedGitEnv(tmp.path);
    adapter = new WorkspaceGit({ env });
  });
  afterEach(() => tmp.cleanup());

  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e: unknown) =>
        isMetawsmError(e) ? `${e.code}${e.hint ? '' : ' (no hint)'}` : `not a MetawsmError: ${String(e)}`,
    );

  it('opens a clone through a symlinked path and resolves HEAD', async () => {
    const work = createRepoPair(tmp.path, 'r', { 'a.txt': 'a\n' }, { env }).work;
    symlinkSync(work, join(tmp.path, 'alias'));
    const ws = await adapter.openWorkspace(join(tmp.path, 'alias'));
    expect(ws).toEqual({
      path: work,
      gitDir: join(work, '.git'),
      commonDir: join(work, '.git'),
      headRef: 'refs/heads/main',
      headSha: git(work, ['rev-parse', 'HEAD'], { env }),
    });
  });

  it('resolves HEAD through packed-refs and reports a detached HEAD', async () => {
    const work = createRepoPair(tmp.path, 'r', { 'a.txt': 'a\n' }, { env }).work;
    const sha = git(work, ['rev-parse', 'HEAD'], { env });
    git(work, ['pack-refs', '--all', '--prune'], { env });
    expect((await adapter.openWorkspace(work)).headSha).toBe(sha);
    git(work, ['checkout', '-q', '--detach'], { env });
    const ws = await adapter.openWorkspace(work);
    expect(ws.headRef).toBeNull();
    expect(ws.headSha).toBe(sha);
  });

  it('fails with PATH_NOT_FOUND or NOT_A_GIT_REPO (with a hint) for anything but a working-tree root', async () => {
    const work = createRepoPair(tmp.path, 'r', { 'sub/a.txt': 'a\n' }, { env }).work;
    mkdirSync(join(tmp.path, 'plain'));
    writeFileSync(join(tmp.path, 'file.txt'), 'x');
    expect(await codeOf(adapter.openWorkspace(join(tmp.path, 'missing')))).toBe('PATH_NOT_FOUND');
    expect(await codeOf(adapter.openWorkspace(join(tmp.path, 'plain')))).toBe('NOT_A_GIT_REPO');
    expect(await codeOf(adapter.openWorkspace(join(tmp.path, 'file.txt')))).toBe('NOT_A_GIT_REPO');
    expect(await codeOf(adapter.openWorkspace(join(tmp.path, 'r.git')))).toBe('NOT_A_GIT_REPO');
    expect(await codeOf(adapter.openWorkspace(join(work, 'sub')))).toBe('NOT_A_GIT_REPO');
    await expect(adapter.openWorkspace(join(work, 'sub'))).rejects.toThrow(/inside the working tree/);
    await expect(adapter.openWorkspace(join(tmp.path, 'r.git'))).rejects.toThrow(/bare repository/);
  });

  it('opens a linked worktree and rejects a .git file pointing nowhere', async () => {
    const work = createRepoPair(tmp.path, 'r', { 'a.txt': 'a\n' }, { env }).work;
    const wt = join(tmp.path, 'wt');
    git(work, ['worktree', 'add', '-q', '--detach', wt], { env });
    const ws = await adapter.openWorkspace(wt);
    expect(ws).toMatchObject({
      path: wt,
      gitDir: join(work, '.git', 'worktrees', 'wt'),
      commonDir: join(work, '.git'),
      headRef: null,
    });
    mkdirSync(join(tmp.path, 'broken'));
    writeFileSync(join(tmp.path, 'broken', '.git'), 'gitdir: ../nowhere\n');
    expect(await codeOf(adapter.openWorkspace(join(tmp.path, 'broken')))).toBe('NOT_A_GIT_REPO');
  });
});
