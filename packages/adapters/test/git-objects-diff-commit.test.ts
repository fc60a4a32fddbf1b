import { EMPTY_TREE_OID, type FileChange } from '@metawsm/core';
import { ObjectGit } from '../src/git/js/object-git.js';
import { buildThreeWay, expectFsckClean, makeObjectRepo, type ObjectRepo } from './support/object-repo.js';

const objects = new ObjectGit();
let repo: ObjectRepo;
beforeAll(() => {
  repo = makeObjectRepo();
});
afterAll(() => repo.cleanup());

/** `git diff-tree -r --no-renames -z` as FileChanges (T = type change → modified). */
function gitDiffTree(from: string, to: string): FileChange[] {
  const out = repo.git(['diff-tree', '-r', '--no-renames', '-z', from, to]);
  const parts = out.split('\0').filter((p) => p !== '');
  const changes: FileChange[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const [oldMode, newMode, oldOid, newOid, status] = parts[i]!.slice(1).split(' ');
    const nullOid = (o: string) => (/^0+$/.test(o) ? null : o);
    const mode = (m: string) => (m === '000000' ? null : m);
    changes.push({
      path: parts[i + 1]!,
      status: status === 'A' ? 'added' : status === 'D' ? 'deleted' : 'modified',
      oldMode: mode(oldMode!),
      newMode: mode(newMode!),
      oldOid: nullOid(oldOid!),
      newOid: nullOid(newOid!),
    } as FileChange);
  }
  return changes.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

describe('ObjectGit.diffTrees equals git diff-tree -r --no-renames', () => {
  it('covers edits, additions, deletions, modes, symlinks, file↔directory and unicode names', async () => {
    const tw = buildThreeWay(
      repo,
      {
        'a.txt': 'a\n',
        'dir/b.txt': 'b\n',
        'dir/sub/c.txt': 'c\n',
        'tool.sh': 't\n',
        link: { symlink: 'a.txt' },
        'becomes-dir': 'file\n',
        'becomes-file/x.txt': 'x\n',
        'a-b.txt': 'sorting\n',
        'é/ü.txt': 'u\n',
        'unchanged/deep/file.txt': 'same\n',
      },
      {
        write: {
          'a.txt': 'A\n',
          'tool.sh': { content: 't\n', executable: true },
          link: 'now a file\n',
          'becomes-dir/inside.txt': 'i\n',
          'becomes-file': 'f\n',
          'dir/new.txt': 'n\n',
          'é/ü.txt': 'U\n',
        },
        remove: ['dir/sub', 'becomes-dir', 'becomes-file'],
      },
      {},
    );
    for (const [from, to] of [
      [tw.trees.base, tw.trees.ours],
      [tw.trees.ours, tw.trees.base],
      [EMPTY_TREE_OID, tw.trees.ours],
      [tw.trees.base, EMPTY_TREE_OID],
      [tw.trees.base, tw.trees.base],
    ] as const) {
      expect(await objects.diffTrees(repo.ws, from, to)).toEqual(gitDiffTree(from, to));
    }
  });
});

describe('ObjectGit commits', () => {
  const sig = (timestamp: number, timezoneOffset: number) => ({
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    timestamp,
    timezoneOffset,
  });

  it('writes commits git reads back identically, keeping messages exactly', async () => {
    const head = repo.commit({ 'c.txt': 'c\n' });
    const tree = repo.treeOf(head);
    for (const message of [
      'subject only, no newline',
      'subject\n\nbody\r\nwith CRLF\n\n\n',
      '\nleading blank line\n',
      '[T-1] ünïcödé ✓\n\nMetawsm-Run: r1\n',
    ]) {
      const oid = await objects.writeCommit(repo.ws, {
        tree,
        parents: [head],
        message,
        author: sig(1_700_000_123, 120),
        committer: sig(1_700_000_456, -330),
      });
      expect(repo.git(['cat-file', '-t', oid])).toBe('commit');
      const raw = repo.git(['cat-file', 'commit', oid]);
      expect(raw).toContain('author Ada Lovelace <ada@example.com> 1700000123 +0200\n');
      expect(raw).toContain('committer Ada Lovelace <ada@example.com> 1700000456 -0530\n');
      const back = await objects.readCommit(repo.ws, oid);
      expect(back).toEqual({
        oid,
        tree,
        parents: [head],
        message,
        author: sig(1_700_000_123, 120),
        committer: sig(1_700_000_456, -330),
      });
    }
    expectFsckClean(repo);
  });

  it('reads commits written by git (merge commits included)', async () => {
    repo.git(['checkout', '-q', '-B', 'side']);
    const side = repo.commit({ 's.txt': 's\n' }, { message: 'side commit' });
    repo.git(['checkout', '-q', '-B', 'mainline', `${side}~1`]);
    const main = repo.commit({ 'm.txt': 'm\n' });
    repo.git(['merge', '-q', '--no-edit', side]);
    const merge = repo.git(['rev-parse', 'HEAD']);
    const info = await objects.readCommit(repo.ws, merge);
    expect(info.parents).toEqual([main, side]);
    expect(info.tree).toBe(repo.treeOf(merge));
    const raw = `${repo.git(['cat-file', 'commit', merge])}\n`;
    expect(info.message).toBe(raw.slice(raw.indexOf('\n\n') + 2));
    expect(info.message).toMatch(/^Merge commit/);
    expect(info.committer).toMatchObject({
      name: 'Test Committer',
      email: 'committer@example.com',
      timezoneOffset: 0,
    });
  });

  it('writes commits on the empty tree and rejects bad input', async () => {
    const oid = await objects.writeCommit(repo.ws, {
      tree: EMPTY_TREE_OID,
      parents: [],
      message: 'empty\n',
      author: sig(1, 0),
      committer: sig(1, 0),
    });
    expect(repo.git(['rev-parse', `${oid}^{tree}`])).toBe(EMPTY_TREE_OID);
    expectFsckClean(repo);
    await expect(
      objects.writeCommit(repo.ws, {
        tree: EMPTY_TREE_OID,
        parents: [],
        message: 'x',
        author: { ...sig(1, 0), name: 'Evil <x>' },
        committer: sig(1, 0),
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      objects.writeCommit(repo.ws, {
        tree: 'nope',
        parents: [],
        message: 'x',
        author: sig(1, 0),
        committer: sig(1, 0),
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(objects.readCommit(repo.ws, 'f'.repeat(40))).rejects.toMatchObject({ code: 'GIT_FAILED' });
  });

  it('reads blobs byte for byte', async () => {
    const head = repo.commit({ 'bytes.bin': Buffer.from([0, 255, 13, 10, 1]) });
    const oid = repo.git(['rev-parse', `${head}:bytes.bin`]);
    expect(Array.from(await objects.readBlob(repo.ws, oid))).toEqual([0, 255, 13, 10, 1]);
    await expect(objects.readBlob(repo.ws, repo.treeOf(head))).rejects.toMatchObject({ code: 'GIT_FAILED' });
  });
});
