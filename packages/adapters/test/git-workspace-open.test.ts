import { useWorkspaceSandbox, WORKSPACE_ENGINES } from './support/workspace-sandbox.js';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMetawsmError } from '@metawsm/core';
import { createRepoPair, git } from '../../testkit/src/git-fixtures.js';

describe.each(WORKSPACE_ENGINES)('%s engine: openWorkspace', (engine) => {
  const sb = useWorkspaceSandbox(engine);

  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e: unknown) =>
        isMetawsmError(e) ? `${e.code}${e.hint ? '' : ' (no hint)'}` : `not a MetawsmError: ${String(e)}`,
    );

  it('opens a clone through a symlinked path and resolves HEAD', async () => {
    const work = createRepoPair(sb.tmp.path, 'r', { 'a.txt': 'a\n' }, { env: sb.env }).work;
    symlinkSync(work, join(sb.tmp.path, 'alias'));
    const ws = await sb.adapter.openWorkspace(join(sb.tmp.path, 'alias'));
    expect(ws).toEqual({
      path: work,
      gitDir: join(work, '.git'),
      commonDir: join(work, '.git'),
      headRef: 'refs/heads/main',
      headSha: git(work, ['rev-parse', 'HEAD'], { env: sb.env }),
    });
  });

  it('resolves HEAD through packed-refs and reports a detached HEAD', async () => {
    const work = createRepoPair(sb.tmp.path, 'r', { 'a.txt': 'a\n' }, { env: sb.env }).work;
    const sha = git(work, ['rev-parse', 'HEAD'], { env: sb.env });
    git(work, ['pack-refs', '--all', '--prune'], { env: sb.env });
    expect((await sb.adapter.openWorkspace(work)).headSha).toBe(sha);
    git(work, ['checkout', '-q', '--detach'], { env: sb.env });
    const ws = await sb.adapter.openWorkspace(work);
    expect(ws.headRef).toBeNull();
    expect(ws.headSha).toBe(sha);
  });

  it('fails with PATH_NOT_FOUND or NOT_A_GIT_REPO (with a hint) for anything but a working-tree root', async () => {
    const work = createRepoPair(sb.tmp.path, 'r', { 'sub/a.txt': 'a\n' }, { env: sb.env }).work;
    mkdirSync(join(sb.tmp.path, 'plain'));
    writeFileSync(join(sb.tmp.path, 'file.txt'), 'x');
    expect(await codeOf(sb.adapter.openWorkspace(join(sb.tmp.path, 'missing')))).toBe('PATH_NOT_FOUND');
    expect(await codeOf(sb.adapter.openWorkspace(join(sb.tmp.path, 'plain')))).toBe('NOT_A_GIT_REPO');
    expect(await codeOf(sb.adapter.openWorkspace(join(sb.tmp.path, 'file.txt')))).toBe('NOT_A_GIT_REPO');
    expect(await codeOf(sb.adapter.openWorkspace(join(sb.tmp.path, 'r.git')))).toBe('NOT_A_GIT_REPO');
    expect(await codeOf(sb.adapter.openWorkspace(join(work, 'sub')))).toBe('NOT_A_GIT_REPO');
    await expect(sb.adapter.openWorkspace(join(work, 'sub'))).rejects.toThrow(/inside the working tree/);
    await expect(sb.adapter.openWorkspace(join(sb.tmp.path, 'r.git'))).rejects.toThrow(/bare repository/);
  });

  it('opens a linked worktree and rejects a .git file pointing nowhere', async () => {
    const work = createRepoPair(sb.tmp.path, 'r', { 'a.txt': 'a\n' }, { env: sb.env }).work;
    const wt = join(sb.tmp.path, 'wt');
    git(work, ['worktree', 'add', '-q', '--detach', wt], { env: sb.env });
    const ws = await sb.adapter.openWorkspace(wt);
    expect(ws).toMatchObject({
      path: wt,
      gitDir: join(work, '.git', 'worktrees', 'wt'),
      commonDir: join(work, '.git'),
      headRef: null,
    });
    mkdirSync(join(sb.tmp.path, 'broken'));
    writeFileSync(join(sb.tmp.path, 'broken', '.git'), 'gitdir: ../nowhere\n');
    expect(await codeOf(sb.adapter.openWorkspace(join(sb.tmp.path, 'broken')))).toBe('NOT_A_GIT_REPO');
  });
});
