import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Conflict, Workspace } from '@metawsm/core';
import {
  git,
  isolatedGitEnv,
  makeTempDir,
  writeTree,
  type FixtureFile,
  type TempDir,
} from '@metawsm/testkit';
import { NativeGitAdapter } from '../src/git/native/native-git.adapter.js';

/**
 * The native engine's merges against git itself: clean results must be git's tree; conflicts
 * must name git's paths (plus both names of a rename/delete or rename/rename) with SPEC's kinds.
 */
describe('NativeGitAdapter merges equal git merge-tree', () => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  let work: string;
  let adapter: NativeGitAdapter;
  let ws: Workspace;
  const run = (args: string[]) => git(work, args, { env });

  beforeEach(async () => {
    tmp = makeTempDir();
    env = isolatedGitEnv(tmp.path);
    work = join(tmp.path, 'w');
    git(tmp.path, ['init', '-q', '-b', 'main', work], { env });
    adapter = new NativeGitAdapter({ env });
    writeTree(work, {
      'a.txt': lines(1, 12),
      'rn.txt': lines(100, 120),
      df: 'file\n',
      'ty.txt': 'type\n',
      'mode.sh': 'echo\n',
      'gone.txt': lines(200, 210),
      'bin.dat': Buffer.from([0, 1, 2, 3]),
    });
    run(['add', '-A']);
    run(['commit', '-qm', 'base']);
    ws = await adapter.openWorkspace(work);
  });
  afterEach(() => {
    adapter.close();
    tmp.cleanup();
  });

  function lines(from: number, to: number): string {
    let s = '';
    for (let i = from; i <= to; i++) s += `line ${i}\n`;
    return s;
  }

  /** A branch from `from` with files written (symlinks allowed) and paths removed. */
  function branch(
    name: string,
    from: string,
    files: Record<string, FixtureFile>,
    remove: string[] = [],
  ): string {
    run(['checkout', '-q', '-B', name, from]);
    for (const r of remove) rmSync(join(work, r), { recursive: true, force: true });
    writeTree(work, files);
    run(['add', '-A']);
    run(['commit', '-q', '--allow-empty', '-m', name]);
    return run(['rev-parse', 'HEAD']);
  }

  async function merge(ours: string, theirs: string) {
    return adapter.mergeCommits(ws, { ours, theirs });
  }

  const base = () => run(['rev-parse', 'main']);

  it('a rename on one side and an edit on the other merge cleanly, exactly as git', async () => {
    const b = base();
    const ours = branch('ours', b, { 'rn.txt': lines(100, 119) + 'edited 120\n' });
    const theirs = branch('theirs', b, { 'moved/rn2.txt': lines(100, 120) }, ['rn.txt']);
    const merged = await merge(ours, theirs);
    expect(merged).toEqual({ clean: true, tree: expect.any(String) });
    if (!merged.clean) return;
    expect(merged.tree).toBe(run(['merge-tree', '--write-tree', ours, theirs]));
    expect(run(['cat-file', 'blob', `${merged.tree}:moved/rn2.txt`])).toContain('edited 120');
    expect(() => run(['cat-file', '-e', `${merged.tree}:rn.txt`])).toThrow();
  });

  it('names exactly the paths git lists, with the source of a rename as originalPath', async () => {
    const b = base();
    const delOurs = branch('del', b, {}, ['rn.txt']);
    const renTheirs = branch('ren', b, { 'rn-new.txt': lines(100, 120) }, ['rn.txt']);
    expect(await merge(delOurs, renTheirs)).toEqual({
      clean: false,
      conflicts: [{ path: 'rn-new.txt', kind: 'delete_modify', originalPath: 'rn.txt' }],
    });
    expect(gitConflictPaths(delOurs, renTheirs)).toEqual(['rn-new.txt']);
    expect(await merge(renTheirs, delOurs)).toEqual({
      clean: false,
      conflicts: [{ path: 'rn-new.txt', kind: 'modify_delete', originalPath: 'rn.txt' }],
    });
    const renOther = branch('ren2', b, { 'rn-other.txt': lines(100, 120) }, ['rn.txt']);
    expect(await merge(renTheirs, renOther)).toEqual({
      clean: false,
      conflicts: [
        { path: 'rn-new.txt', kind: 'content', originalPath: 'rn.txt' },
        { path: 'rn-other.txt', kind: 'content', originalPath: 'rn.txt' },
        { path: 'rn.txt', kind: 'content' },
      ],
    });
    expect(gitConflictPaths(renTheirs, renOther)).toEqual(['rn-new.txt', 'rn-other.txt', 'rn.txt']);
  });

  it('maps content, add/add, modify/delete, delete/modify, mode, type and file/directory conflicts', async () => {
    const b = base();
    const ours = branch('k-ours', b, {
      'a.txt': lines(1, 5) + 'OURS\n' + lines(7, 12),
      'new.txt': 'ours\n',
      'gone.txt': lines(200, 209) + 'ours edit\n',
      'mode.sh': { content: 'echo\n', executable: true },
      'same-content.sh': { content: 'x\n', executable: true },
      'ty.txt': { symlink: 'a.txt' },
      'bin.dat': Buffer.from([0, 9, 9, 9]),
      df: 'file edited\n',
    });
    const theirs = branchWith('k-theirs', b, () => {
      rmSync(join(work, 'df'));
      writeTree(work, {
        'a.txt': lines(1, 5) + 'THEIRS\n' + lines(7, 12),
        'new.txt': 'theirs\n',
        'same-content.sh': 'x\n',
        'df/inside.txt': 'dir now\n',
        'ty.txt': 'changed text\n',
        'bin.dat': Buffer.from([0, 7, 7, 7]),
      });
      rmSync(join(work, 'gone.txt'));
      rmSync(join(work, 'mode.sh'));
    });
    const merged = (await merge(ours, theirs)) as { clean: false; conflicts: Conflict[] };
    const kinds = Object.fromEntries(merged.conflicts.map((c) => [c.path, c.kind]));
    expect(kinds).toMatchObject({
      'a.txt': 'content',
      'new.txt': 'add_add',
      'gone.txt': 'modify_delete',
      'mode.sh': 'modify_delete',
      'same-content.sh': 'mode',
      'ty.txt': 'type',
      'bin.dat': 'content',
    });
    // git's own list, with the file it moved aside (`df~<side>`) named at its place.
    const sides = new RegExp(`~(${ours}|${theirs})$`);
    expect(Object.keys(kinds).sort()).toEqual(
      [...new Set(gitConflictPaths(ours, theirs).map((p) => p.replace(sides, '')))].sort(),
    );
    expect(kinds['df']).toBe('type');
    const reverse = (await merge(theirs, ours)) as { conflicts: Conflict[] };
    expect(reverse.conflicts.find((c) => c.path === 'gone.txt')?.kind).toBe('delete_modify');
  });

  it('a criss-cross history merges like git (virtual merge base)', async () => {
    const b = base();
    const x1 = branch('x1', b, { 'a.txt': 'x1\n' + lines(2, 12) });
    branch('y1', b, { 'a.txt': lines(1, 11) + 'y1\n' });
    run(['checkout', '-q', 'x1']);
    run(['merge', '-q', '--no-edit', 'y1']);
    const x2 = branch('x2', 'x1', { 'x.txt': 'x2\n' });
    run(['checkout', '-q', 'y1']);
    run(['merge', '-q', '--no-edit', x1]);
    const y2 = branch('y2', 'y1', { 'y.txt': 'y2\n' });
    expect(run(['merge-base', '--all', x2, y2]).split('\n')).toHaveLength(2);
    const merged = await merge(x2, y2);
    expect(merged).toEqual({ clean: true, tree: run(['merge-tree', '--write-tree', x2, y2]) });
  });

  it('mergeTrees merges three given trees as git does with that base', async () => {
    const b = base();
    const ours = branch('t-ours', b, { 'a.txt': 'T1\n' + lines(2, 12) });
    const theirs = branch('t-theirs', b, { 'a.txt': lines(1, 11) + 'T12\n', 'extra.txt': 'e\n' });
    const tree = (c: string) => run(['rev-parse', `${c}^{tree}`]);
    const merged = await adapter.mergeTrees(ws, { base: tree(b), ours: tree(ours), theirs: tree(theirs) });
    expect(merged).toEqual({ clean: true, tree: run(['merge-tree', '--write-tree', ours, theirs]) });
  });

  function branchWith(name: string, from: string, edit: () => void): string {
    run(['checkout', '-q', '-B', name, from]);
    edit();
    run(['add', '-A']);
    run(['commit', '-q', '-m', name]);
    return run(['rev-parse', 'HEAD']);
  }

  /** The conflicted paths git itself lists (`--name-only`; exit code 1 means conflicts). */
  function gitConflictPaths(ours: string, theirs: string): string[] {
    const r = spawnSync('git', ['merge-tree', '--write-tree', '--name-only', '-z', ours, theirs], {
      cwd: work,
      env,
    });
    expect(r.status).toBe(1);
    const tokens = r.stdout.toString('utf8').split('\0');
    const paths: string[] = [];
    for (let i = 1; i < tokens.length && tokens[i] !== ''; i++) paths.push(tokens[i]!);
    return paths;
  }
});
