import { useWorkspaceSandbox, WORKSPACE_ENGINES } from './support/workspace-sandbox.js';
import { existsSync, lstatSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMetawsmError } from '@metawsm/core';
import { createRepoPair, git, writeTree } from '../../testkit/src/git-fixtures.js';
import { branchFromTree } from './support/branch-builder.js';
import { captureWorkspace, expectFsckClean, SIG } from './support/workspace-oracle.js';

describe.each(WORKSPACE_ENGINES)('%s engine: switchBranch', (engine) => {
  const sb = useWorkspaceSandbox(engine);

  /** A workspace with every kind of change, snapshotted, and a PR-like branch built on the snapshot. */
  async function prepare(work: string) {
    writeTree(work, {
      'mod.txt': 'modified\n',
      'untracked.txt': 'u\n',
      'newdir/deep/n.txt': 'n\n',
      'tool.sh': { content: 't\n', executable: true },
      link: { symlink: 'mod.txt' },
      'ignored.log': 'ignored, must survive\n',
      '.metawsm/review-feedback.md': 'feedback\n',
    });
    git(work, ['rm', '-q', 'gone.txt'], { env: sb.env });
    const ws = await sb.adapter.openWorkspace(work);
    const snap = await sb.adapter.snapshot(ws, { ref: null, message: 'snap', author: SIG, committer: SIG });
    branchFromTree(work, sb.env, {
      branch: 'pr',
      baseTree: snap.tree,
      parent: snap.commit,
      edits: {
        'base-moved.txt': { content: 'from base\n' },
        'keep.txt': { content: 'base edited keep\n' },
        'untracked.txt': null,
        f2d: null,
        'f2d/x.txt': { content: 'dir now\n' },
        newlink: { content: 'keep.txt', mode: '120000' },
      },
    });
    return { ws, snap };
  }

  function seedRepo() {
    const work = createRepoPair(
      sb.tmp.path,
      'r',
      {
        'mod.txt': 'm\n',
        'gone.txt': 'g\n',
        'keep.txt': 'k\n',
        'tool.sh': 't\n',
        f2d: 'file\n',
        'stable/s.txt': 's\n',
        '.gitignore': '*.log\n',
        '.metawsm/policy.json': '{}\n',
      },
      { env: sb.env },
    ).work;
    writeFileSync(join(work, '.git', 'info', 'exclude'), '.metawsm/review-feedback.md\n');
    return work;
  }

  it('checks out the branch, writing only what differs, and leaves git status clean', async () => {
    const work = seedRepo();
    const stableIno = lstatSync(join(work, 'stable/s.txt')).ino;
    const { ws, snap } = await prepare(work);
    await sb.adapter.switchBranch(ws, { branch: 'pr', expectTree: snap.tree });
    // diff-files trusts the stat data we wrote without refreshing it (git status would repair it).
    expect(git(work, ['diff-files', '--name-only'], { env: sb.env })).toBe('');
    expect(git(work, ['status', '--porcelain'], { env: sb.env })).toBe('');
    expect(git(work, ['symbolic-ref', 'HEAD'], { env: sb.env })).toBe('refs/heads/pr');
    expect(git(work, ['ls-files', '-s'], { env: sb.env }).split('\n').length).toBe(
      git(work, ['ls-tree', '-r', 'pr'], { env: sb.env }).split('\n').length,
    );
    expect(readFileSync(join(work, 'base-moved.txt'), 'utf8')).toBe('from base\n');
    expect(readFileSync(join(work, 'f2d/x.txt'), 'utf8')).toBe('dir now\n');
    expect(readlinkSync(join(work, 'newlink'))).toBe('keep.txt');
    expect(existsSync(join(work, 'untracked.txt'))).toBe(false);
    expect(lstatSync(join(work, 'tool.sh')).mode & 0o100).toBe(0o100);
    expect(readFileSync(join(work, 'ignored.log'), 'utf8')).toBe('ignored, must survive\n');
    expect(readFileSync(join(work, '.metawsm/review-feedback.md'), 'utf8')).toBe('feedback\n');
    expect(lstatSync(join(work, 'stable/s.txt')).ino).toBe(stableIno);
    expectFsckClean(work, sb.env);
    const after = await sb.adapter.openWorkspace(work);
    expect(await sb.adapter.workspaceTree(after)).toBe(
      git(work, ['rev-parse', 'pr^{tree}'], { env: sb.env }),
    );
  });

  it('refuses with WORKSPACE_CHANGED and touches nothing when the workspace moved on', async () => {
    const work = seedRepo();
    const { ws, snap } = await prepare(work);
    writeTree(work, { 'mod.txt': 'edited after the snapshot\n' });
    const before = captureWorkspace(ws);
    const err = await sb.adapter
      .switchBranch(ws, { branch: 'pr', expectTree: snap.tree })
      .catch((e: unknown) => e);
    expect(isMetawsmError(err, 'WORKSPACE_CHANGED')).toBe(true);
    expect(captureWorkspace(ws)).toEqual(before);
    expect(existsSync(join(work, '.git', 'index.lock'))).toBe(false);
  });

  it('refuses while another git process holds index.lock', async () => {
    const work = seedRepo();
    const { ws, snap } = await prepare(work);
    writeFileSync(join(work, '.git', 'index.lock'), '');
    const before = captureWorkspace(ws);
    await expect(sb.adapter.switchBranch(ws, { branch: 'pr', expectTree: snap.tree })).rejects.toMatchObject({
      code: 'GIT_FAILED',
    });
    expect(captureWorkspace(ws)).toEqual(before);
  });

  it('switches a linked worktree without touching the main worktree', async () => {
    const main = seedRepo();
    const wt = join(sb.tmp.path, 'wt');
    git(main, ['worktree', 'add', '-q', '-b', 'agent', wt], { env: sb.env });
    const mainHead = readFileSync(join(main, '.git', 'HEAD'), 'utf8');
    const mainIndex = readFileSync(join(main, '.git', 'index'));
    writeFileSync(join(main, '.git', 'info', 'exclude'), '.metawsm/review-feedback.md\n');
    const { ws, snap } = await prepare(wt);
    await sb.adapter.switchBranch(ws, { branch: 'pr', expectTree: snap.tree });
    expect(git(wt, ['diff-files', '--name-only'], { env: sb.env })).toBe('');
    expect(git(wt, ['status', '--porcelain'], { env: sb.env })).toBe('');
    expect(git(wt, ['symbolic-ref', 'HEAD'], { env: sb.env })).toBe('refs/heads/pr');
    expect(readFileSync(join(main, '.git', 'HEAD'), 'utf8')).toBe(mainHead);
    expect(readFileSync(join(main, '.git', 'index')).equals(mainIndex)).toBe(true);
    expectFsckClean(main, sb.env);
  });

  it('refuses a branch that another worktree has checked out', async () => {
    const main = seedRepo();
    const wt = join(sb.tmp.path, 'wt');
    git(main, ['worktree', 'add', '-q', '-b', 'agent', wt], { env: sb.env });
    const ws = await sb.adapter.openWorkspace(wt);
    const tree = await sb.adapter.workspaceTree(ws);
    await expect(sb.adapter.switchBranch(ws, { branch: 'main', expectTree: tree })).rejects.toMatchObject({
      code: 'GIT_FAILED',
    });
    expect(git(wt, ['symbolic-ref', 'HEAD'], { env: sb.env })).toBe('refs/heads/agent');
  });

  it('applies mode and type changes (exec bit, symlink to file, directory to file)', async () => {
    const work = seedRepo();
    const { ws, snap } = await prepare(work);
    branchFromTree(work, sb.env, {
      branch: 'types',
      baseTree: snap.tree,
      parent: snap.commit,
      edits: {
        'stable/s.txt': { content: 's\n', mode: '100755' },
        link: { content: 'was a link\n' },
        'newdir/deep/n.txt': null,
        newdir: { content: 'now a file\n' },
      },
    });
    await sb.adapter.switchBranch(ws, { branch: 'types', expectTree: snap.tree });
    expect(git(work, ['diff-files', '--name-only'], { env: sb.env })).toBe('');
    expect(git(work, ['status', '--porcelain'], { env: sb.env })).toBe('');
    expect(lstatSync(join(work, 'stable/s.txt')).mode & 0o100).toBe(0o100);
    expect(lstatSync(join(work, 'link')).isFile()).toBe(true);
    expect(readFileSync(join(work, 'newdir'), 'utf8')).toBe('now a file\n');
  });

  it('never writes .metawsm/ in the working tree, even when the branch changes it', async () => {
    const work = seedRepo();
    writeTree(work, { '.metawsm/policy.json': '{"local":true}\n' });
    const { ws, snap } = await prepare(work);
    branchFromTree(work, sb.env, {
      branch: 'meta',
      baseTree: snap.tree,
      parent: snap.commit,
      edits: {
        '.metawsm/policy.json': { content: '{"base":true}\n' },
        '.metawsm/new.json': { content: '{}\n' },
      },
    });
    await sb.adapter.switchBranch(ws, { branch: 'meta', expectTree: snap.tree });
    expect(readFileSync(join(work, '.metawsm/policy.json'), 'utf8')).toBe('{"local":true}\n');
    expect(existsSync(join(work, '.metawsm/new.json'))).toBe(false);
    // The index follows the branch; git truthfully reports the operator's own .metawsm files as differing.
    expect(git(work, ['diff-files', '--name-only'], { env: sb.env }).split('\n').sort()).toEqual([
      '.metawsm/new.json',
      '.metawsm/policy.json',
    ]);
    expect(git(work, ['ls-files', '-s', '.metawsm'], { env: sb.env })).toContain(
      git(work, ['rev-parse', 'meta:.metawsm/new.json'], { env: sb.env }),
    );
  });
});
