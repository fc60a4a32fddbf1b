import { useWorkspaceSandbox, WORKSPACE_ENGINES } from './support/workspace-sandbox.js';
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRepoPair, git, writeTree } from '../../testkit/src/git-fixtures.js';
import { checkSnapshot, SNAP_REF, treeFiles } from './support/snapshot-check.js';
import { SIG } from './support/workspace-oracle.js';

describe.each(WORKSPACE_ENGINES)('%s engine: snapshot against `git add -A && git write-tree`', (engine) => {
  const sb = useWorkspaceSandbox(engine);

  const repo = (files: Parameters<typeof createRepoPair>[2]) =>
    createRepoPair(sb.tmp.path, 'r', files, { env: sb.env }).work;

  it('takes staged, unstaged, untracked and deleted changes', async () => {
    const work = repo({
      'a.txt': 'a\n',
      'b.txt': 'b\n',
      'c.txt': 'c\n',
      'd.txt': 'd\n',
      'e.txt': 'e\n',
      'dir/f.txt': 'f\n',
      'dir/g.txt': 'g\n',
      'keep/h.txt': 'h\n',
    });
    writeTree(work, { 'a.txt': 'a changed\n', 'b.txt': 'b staged\n', 'staged.txt': 'new staged\n' });
    git(work, ['add', 'b.txt', 'staged.txt'], { env: sb.env });
    writeTree(work, {
      'b.txt': 'b staged then edited\n',
      'new.txt': 'untracked\n',
      'newdir/sub/x.txt': 'deep untracked\n',
    });
    unlinkSync(join(work, 'c.txt'));
    git(work, ['rm', '-q', 'd.txt'], { env: sb.env });
    git(work, ['rm', '-q', '--cached', 'e.txt'], { env: sb.env });
    rmSync(join(work, 'dir'), { recursive: true });
    const { ws, snap } = await checkSnapshot(sb.adapter, work, sb.env);
    const files = treeFiles(work, snap.tree, sb.env);
    expect(Object.keys(files).sort()).toEqual([
      'a.txt',
      'b.txt',
      'e.txt',
      'keep/h.txt',
      'new.txt',
      'newdir/sub/x.txt',
      'staged.txt',
    ]);
    expect(ws.headRef).toBe('refs/heads/main');
    const commit = git(work, ['cat-file', '-p', snap.commit], { env: sb.env });
    expect(commit).toContain(
      'author Snap Shot <snap@example.com> 1700000000 +0200\ncommitter Snap Shot <snap@example.com> 1700000000 +0200\n\nmetawsm snapshot',
    );
  });

  it('writes commit headers git parses (negative offsets, stray angle brackets)', async () => {
    const work = repo({ 'a.txt': 'a\n' });
    const ws = await sb.adapter.openWorkspace(work);
    const sig = {
      name: 'Odd <Name>',
      email: '<odd@example.com>',
      timestamp: 1_600_000_000,
      timezoneOffset: -330,
    };
    const snap = await sb.adapter.snapshot(ws, {
      ref: null,
      message: 'line one\n\nbody\n\n\n',
      author: sig,
      committer: sig,
    });
    expect(
      git(work, ['log', '-1', '--format=%an|%ae|%ad|%B', '--date=raw', snap.commit], { env: sb.env }),
    ).toBe('Odd Name|odd@example.com|1600000000 -0530|line one\n\nbody\n');
    expect(git(work, ['fsck', '--strict', '--no-dangling'], { env: sb.env })).toBe('');
  });

  it('keeps exec bits, symlinks, binary, unicode, empty and CRLF files byte for byte', async () => {
    const work = repo({
      'run.sh': { content: '#!/bin/sh\n', executable: true },
      'plain.sh': 'echo\n',
      link: { symlink: 'plain.sh' },
    });
    chmodSync(join(work, 'run.sh'), 0o644);
    chmodSync(join(work, 'plain.sh'), 0o755);
    unlinkSync(join(work, 'link'));
    symlinkSync('run.sh', join(work, 'link'));
    writeTree(work, {
      'new-exec': { content: 'x', executable: true },
      dirlink: { symlink: 'sub' },
      dangling: { symlink: 'does/not/exist' },
      'sub/bin.dat': Buffer.from([0, 1, 2, 255, 0, 10, 13]),
      'ünï/çødé 文件.txt': 'unicode\n',
      'with space.txt': 'space\n',
      '🎉.md': 'emoji sorts after U+FF21 in UTF-8\n',
      'Ａ.md': 'fullwidth A\n',
      empty: '',
      'crlf.txt': 'one\r\ntwo\r\n',
      'foo.txt': '1',
      'foo/bar': '2',
      'foo-bar': '3',
      foo0: '4',
    });
    const { snap } = await checkSnapshot(sb.adapter, work, sb.env);
    const files = treeFiles(work, snap.tree, sb.env);
    expect(files['run.sh']).toMatch(/^100644 /);
    expect(files['plain.sh']).toMatch(/^100755 /);
    expect(files['new-exec']).toMatch(/^100755 /);
    expect(files['link']).toMatch(/^120000 /);
    expect(files['dirlink']).toMatch(/^120000 /);
    expect(git(work, ['cat-file', 'blob', `${snap.tree}:crlf.txt`], { env: sb.env })).toBe('one\r\ntwo\r');
  });

  it('handles deep trees and files inside new untracked directories', async () => {
    const deep = 'a/b/c/d/e/f/g/h/i/j';
    const work = repo({
      [`${deep}/file.txt`]: 'deep\n',
      [`${deep}/other.txt`]: 'other\n',
      'a/top.txt': 'top\n',
    });
    writeTree(work, {
      [`${deep}/file.txt`]: 'changed deep\n',
      [`${deep}/k/l/m/new.txt`]: 'new\n',
      'x/y/z/w/fresh.txt': 'fresh\n',
    });
    await checkSnapshot(sb.adapter, work, sb.env);
  });

  it('resolves type changes: file to directory, directory to file, directory to symlink', async () => {
    const work = repo({
      f2d: 'file\n',
      'd2f/x.txt': 'x\n',
      'd2l/y.txt': 'y\n',
      'target/y.txt': 'y\n',
      f2l: 'l\n',
    });
    unlinkSync(join(work, 'f2d'));
    writeTree(work, { 'f2d/inner.txt': 'now a dir\n' });
    rmSync(join(work, 'd2f'), { recursive: true });
    writeFileSync(join(work, 'd2f'), 'now a file\n');
    rmSync(join(work, 'd2l'), { recursive: true });
    symlinkSync('target', join(work, 'd2l'));
    unlinkSync(join(work, 'f2l'));
    symlinkSync('target/y.txt', join(work, 'f2l'));
    const { snap } = await checkSnapshot(sb.adapter, work, sb.env);
    expect(treeFiles(work, snap.tree, sb.env)['d2l']).toMatch(/^120000 /);
  });

  it('takes a change made in the same second as the index write (same size)', async () => {
    const work = repo({ 'race.txt': 'aaaa\n' });
    writeFileSync(join(work, 'race.txt'), 'bbbb\n');
    git(work, ['add', 'race.txt'], { env: sb.env });
    writeFileSync(join(work, 'race.txt'), 'cccc\n');
    const { snap } = await checkSnapshot(sb.adapter, work, sb.env);
    expect(git(work, ['cat-file', 'blob', `${snap.tree}:race.txt`], { env: sb.env })).toBe('cccc');
  });

  it('snapshots an unborn branch without a parent', async () => {
    const work = join(sb.tmp.path, 'fresh');
    git(sb.tmp.path, ['init', '-q', '-b', 'main', work], { env: sb.env });
    writeTree(work, { 'a.txt': 'a\n', 'dir/b.txt': 'b\n' });
    git(work, ['add', 'a.txt'], { env: sb.env });
    const { ws, snap } = await checkSnapshot(sb.adapter, work, sb.env);
    expect(ws.headSha).toBeNull();
    expect(ws.headRef).toBe('refs/heads/main');
    expect(snap.head).toBeNull();
  });

  it('snapshots an empty unborn repository as the empty tree', async () => {
    const work = join(sb.tmp.path, 'empty');
    git(sb.tmp.path, ['init', '-q', '-b', 'main', work], { env: sb.env });
    const { snap } = await checkSnapshot(sb.adapter, work, sb.env);
    expect(snap.tree).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904');
  });

  it('reads a version 4 index (prefix-compressed paths)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++)
      files[`src/module-${i % 4}/component-${i}/index.ts`] = `export const v = ${i};\n`;
    const work = repo(files);
    git(work, ['update-index', '--index-version', '4'], { env: sb.env });
    writeTree(work, {
      'src/module-1/component-5/index.ts': 'changed\n',
      'src/module-2/new/index.ts': 'new\n',
    });
    git(work, ['add', 'src/module-2/new/index.ts'], { env: sb.env });
    unlinkSync(join(work, 'src/module-3/component-7/index.ts'));
    await checkSnapshot(sb.adapter, work, sb.env);
  });

  it('stages intent-to-add entries and resolves unmerged paths with the working file', async () => {
    const work = repo({ 'conflict.txt': 'base\n', 'other.txt': 'o\n' });
    git(work, ['checkout', '-q', '-b', 'side'], { env: sb.env });
    writeTree(work, { 'conflict.txt': 'side\n' });
    git(work, ['commit', '-q', '-am', 'side'], { env: sb.env });
    git(work, ['checkout', '-q', 'main'], { env: sb.env });
    writeTree(work, { 'conflict.txt': 'main\n' });
    git(work, ['commit', '-q', '-am', 'main'], { env: sb.env });
    expect(() => git(work, ['merge', '-q', 'side'], { env: sb.env })).toThrow();
    writeTree(work, { 'ita.txt': 'intent to add\n' });
    git(work, ['add', '-N', 'ita.txt'], { env: sb.env });
    const { ws, snap } = await checkSnapshot(sb.adapter, work, sb.env);
    expect(git(work, ['cat-file', 'blob', `${snap.tree}:conflict.txt`], { env: sb.env })).toContain(
      '<<<<<<<',
    );
    expect(treeFiles(work, snap.tree, sb.env)['ita.txt']).toBeDefined();
    const problems = await sb.adapter.workspaceProblems(ws);
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/merge is in progress/);
    expect(problems.join('\n')).toMatch(/unmerged path conflict\.txt/);
  });

  it('honours core.fileMode=false', async () => {
    const work = repo({ 'tool.sh': { content: 'x\n', executable: true }, 'plain.txt': 'p\n' });
    git(work, ['config', 'core.fileMode', 'false'], { env: sb.env });
    chmodSync(join(work, 'tool.sh'), 0o644);
    chmodSync(join(work, 'plain.txt'), 0o755);
    writeTree(work, {
      'new.sh': { content: 'n\n', executable: true },
      'plain.txt': { content: 'changed\n', executable: true },
    });
    const { snap } = await checkSnapshot(sb.adapter, work, sb.env);
    const files = treeFiles(work, snap.tree, sb.env);
    expect(files['tool.sh']).toMatch(/^100755 /);
    expect(files['plain.txt']).toMatch(/^100644 /);
    expect(files['new.sh']).toMatch(/^100644 /);
  });

  it('honours core.symlinks=false: a symlink checked out as a plain file stays a symlink entry', async () => {
    const work = repo({ 'target.txt': 't\n', link: { symlink: 'target.txt' } });
    git(work, ['config', 'core.symlinks', 'false'], { env: sb.env });
    unlinkSync(join(work, 'link'));
    writeFileSync(join(work, 'link'), 'other-target.txt');
    const { snap } = await checkSnapshot(sb.adapter, work, sb.env);
    expect(treeFiles(work, snap.tree, sb.env)['link']).toMatch(/^120000 /);
    expect(git(work, ['cat-file', 'blob', `${snap.tree}:link`], { env: sb.env })).toBe('other-target.txt');
  });

  it('writes only the objects that HEAD lacks', async () => {
    const work = repo({ 'a/1.txt': '1', 'b/2.txt': '2', 'c/d/3.txt': '3' });
    writeTree(work, { 'c/d/3.txt': 'three' });
    git(work, ['gc', '-q'], { env: sb.env });
    const ws = await sb.adapter.openWorkspace(work);
    await sb.adapter.snapshot(ws, {
      ref: null,
      message: 'm',
      author: { name: 'n', email: 'e@x', timestamp: 1, timezoneOffset: 0 },
      committer: { name: 'n', email: 'e@x', timestamp: 1, timezoneOffset: 0 },
    });
    // blob "three", trees c/d, c and root, and the commit.
    expect(git(work, ['count-objects'], { env: sb.env })).toMatch(/^5 objects/);
  });

  // The pure-JS engine writes the snapshot ref in its own process: a kill -9 mid-write leaves its lock.
  if (engine === 'js') {
    it('takes back its run’s snapshot ref from a lock a killed run left; any other ref stays refused', async () => {
      const work = repo({ 'a.txt': 'a\n' });
      writeTree(work, { 'a.txt': 'changed\n' });
      const lock = join(work, '.git', `${SNAP_REF}.lock`);
      mkdirSync(dirname(lock), { recursive: true });
      writeFileSync(lock, `${'0'.repeat(40)}\n`);
      const { snap } = await checkSnapshot(sb.adapter, work, sb.env);
      expect(existsSync(lock)).toBe(false);
      expect(git(work, ['rev-parse', SNAP_REF], { env: sb.env })).toBe(snap.commit);

      const other = join(work, '.git', 'refs', 'heads', 'snap.lock');
      writeFileSync(other, `${'0'.repeat(40)}\n`);
      const ws = await sb.adapter.openWorkspace(work);
      const req = { message: 'm', author: SIG, committer: SIG };
      await expect(sb.adapter.snapshot(ws, { ...req, ref: 'refs/heads/snap' })).rejects.toMatchObject({
        code: 'GIT_FAILED',
      });
      expect(existsSync(other)).toBe(true);
    });
  }
});
