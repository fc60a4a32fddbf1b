import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMetawsmError, MetawsmError } from '@metawsm/core';
import {
  createRepoPair,
  git,
  isolatedGitEnv,
  makeTempDir,
  type TempDir,
} from '../../testkit/src/git-fixtures.js';
import { asGitFailure } from '../src/git/js/workspace/errors.js';
import { workspaceAdapter, WORKSPACE_ENGINES, type WorkspaceOps } from './support/workspace-sandbox.js';
import { SIG } from './support/workspace-oracle.js';

describe.each(WORKSPACE_ENGINES)('%s engine: workspace problems and errors', (engine) => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  let adapter: WorkspaceOps;
  let work: string;
  beforeEach(() => {
    tmp = makeTempDir();
    env = isolatedGitEnv(tmp.path);
    adapter = workspaceAdapter(engine, env);
    work = createRepoPair(tmp.path, 'r', { 'a.txt': 'a\n' }, { env }).work;
  });
  afterEach(() => tmp.cleanup());

  it('reports nothing for a clean workspace, and each operation in progress in the worktree git dir', async () => {
    const wt = join(tmp.path, 'wt');
    git(work, ['worktree', 'add', '-q', '-b', 'side', wt], { env });
    const ws = await adapter.openWorkspace(wt);
    expect(await adapter.workspaceProblems(ws)).toEqual([]);
    mkdirSync(join(ws.gitDir, 'rebase-merge'));
    writeFileSync(join(ws.gitDir, 'CHERRY_PICK_HEAD'), `${ws.headSha}\n`);
    const problems = await adapter.workspaceProblems(ws);
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/cherry-pick/);
    expect(problems.join('\n')).toMatch(/rebase/);
    expect(await adapter.workspaceProblems(await adapter.openWorkspace(work))).toEqual([]);
  });

  it('rejects an invalid or non-refs/ snapshot ref before writing anything', async () => {
    const ws = await adapter.openWorkspace(work);
    const objects = git(work, ['count-objects'], { env });
    for (const ref of ['refs/metawsm/bad..name', 'HEAD', 'refs/x/with space']) {
      const err = await adapter
        .snapshot(ws, { ref, message: 'm', author: SIG, committer: SIG })
        .catch((e: unknown) => e);
      expect(isMetawsmError(err, 'INVALID_REF')).toBe(true);
    }
    expect(git(work, ['count-objects'], { env })).toBe(objects);
  });

  it('refuses to switch to a missing branch', async () => {
    const ws = await adapter.openWorkspace(work);
    await expect(
      adapter.switchBranch(ws, { branch: 'nope', expectTree: await adapter.workspaceTree(ws) }),
    ).rejects.toMatchObject({ code: 'GIT_FAILED' });
  });
});

describe('js engine: asGitFailure', () => {
  it('turns system errors into GIT_FAILED (cause kept) and leaves bugs and MetawsmErrors alone', () => {
    const eacces = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const wrapped = asGitFailure(eacces, 'snapshot', '/w');
    expect(isMetawsmError(wrapped, 'GIT_FAILED')).toBe(true);
    expect((wrapped as MetawsmError).cause).toBe(eacces);
    expect((wrapped as MetawsmError).hint).toBeTruthy();
    const bug = new TypeError('x is undefined');
    expect(asGitFailure(bug, 'snapshot', '/w')).toBe(bug);
    const known = new MetawsmError('WORKSPACE_CHANGED', 'changed');
    expect(asGitFailure(known, 'snapshot', '/w')).toBe(known);
  });
});
