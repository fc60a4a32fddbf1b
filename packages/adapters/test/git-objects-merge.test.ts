import { EMPTY_TREE_OID, type TreeMergeResult } from '@metawsm/core';
import { ObjectGit } from '../src/git/js/object-git.js';
import {
  buildThreeWay,
  expectFsckClean,
  gitMergeTree,
  makeObjectRepo,
  type ObjectRepo,
  type SideChange,
} from './support/object-repo.js';
import type { FixtureFile } from '@metawsm/testkit';

const objects = new ObjectGit();
let repo: ObjectRepo;

beforeAll(() => {
  repo = makeObjectRepo();
});
afterAll(() => repo.cleanup());

const lines = (n: number, prefix = 'line') =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i}\n`).join('');

async function mergeBoth(base: Record<string, FixtureFile>, ours: SideChange, theirs: SideChange) {
  const tw = buildThreeWay(repo, base, ours, theirs);
  const ours3 = await objects.mergeTrees(repo.ws, tw.trees);
  const oracle = gitMergeTree(repo, tw.ours, tw.theirs);
  return { tw, result: ours3, oracle };
}

async function expectSameAsGit(
  base: Record<string, FixtureFile>,
  ours: SideChange,
  theirs: SideChange,
): Promise<string> {
  const { result, oracle } = await mergeBoth(base, ours, theirs);
  expect(oracle.clean).toBe(true);
  expect(result).toEqual({ clean: true, tree: oracle.clean ? oracle.tree : '' });
  expectFsckClean(repo);
  return (result as { tree: string }).tree;
}

function conflictsOf(r: TreeMergeResult) {
  return r.clean ? [] : r.conflicts;
}

describe('ObjectGit.mergeTrees: clean merges equal git merge-tree', () => {
  it('merges disjoint changes (edits, additions, deletions in several folders)', async () => {
    await expectSameAsGit(
      { 'a.txt': 'a\n', 'src/one.ts': 'one\n', 'src/two.ts': 'two\n', 'docs/x.md': 'x\n', 'gone/f': 'f\n' },
      { write: { 'src/one.ts': 'ONE\n', 'new/ours.txt': 'o\n' }, remove: ['docs/x.md'] },
      { write: { 'src/two.ts': 'TWO\n', 'a.txt': 'A\n' }, remove: ['gone'] },
    );
  });

  it('merges edits to different hunks of one file', async () => {
    const base = lines(40);
    const ours = base.replace('line 3\n', 'ours 3\n');
    const theirs =
      base.replace('line 30\n', 'theirs 30\n').replace('line 31\n', 'theirs 31\n') + 'appended\n';
    await expectSameAsGit({ 'f.txt': base }, { write: { 'f.txt': ours } }, { write: { 'f.txt': theirs } });
  });

  it('merges identical changes on both sides', async () => {
    await expectSameAsGit(
      { 'f.txt': lines(10), 'g.txt': 'g\n' },
      { write: { 'f.txt': lines(10).replace('line 5', 'same'), 'h.txt': 'added\n' }, remove: ['g.txt'] },
      { write: { 'f.txt': lines(10).replace('line 5', 'same'), 'h.txt': 'added\n' }, remove: ['g.txt'] },
    );
  });

  it('combines the exec bit on one side with a content change on the other', async () => {
    await expectSameAsGit(
      { 'run.sh': lines(5) },
      { write: { 'run.sh': { content: lines(5), executable: true } } },
      { write: { 'run.sh': lines(5).replace('line 2', 'changed') } },
    );
  });

  it('merges deep trees, descending only where both sides changed', async () => {
    const deep = 'a/b/c/d/e/f/g/h/i/j';
    await expectSameAsGit(
      { [`${deep}/x.txt`]: lines(10), [`${deep}/y.txt`]: 'y\n', 'a/b/side.txt': 's\n', 'z/z.txt': 'z\n' },
      { write: { [`${deep}/x.txt`]: lines(10).replace('line 1', 'ours'), 'a/b/c/new.txt': 'n\n' } },
      {
        write: { [`${deep}/x.txt`]: lines(10).replace('line 8', 'theirs'), [`${deep}/k/deeper.txt`]: 'd\n' },
        remove: ['z'],
      },
    );
  });

  it('handles unicode and space names', async () => {
    await expectSameAsGit(
      { 'dossier é/fichier à.txt': lines(6), 'spaces in name.txt': 'x\n', '日本/語.txt': 'j\n' },
      { write: { 'dossier é/fichier à.txt': lines(6).replace('line 0', 'début') } },
      {
        write: { 'dossier é/fichier à.txt': lines(6).replace('line 5', 'fin'), '日本/新しい.txt': 'n\n' },
        remove: ['spaces in name.txt'],
      },
    );
  });

  it('keeps CRLF line endings and a missing final newline byte for byte', async () => {
    const base = 'one\r\ntwo\r\nthree\r\nfour\r\nfive\r\nsix';
    await expectSameAsGit(
      { 'win.txt': base },
      { write: { 'win.txt': base.replace('one', 'ONE') } },
      { write: { 'win.txt': base.replace('six', 'SIX') } },
    );
  });

  it('merges symlink and mode changes made on one side only', async () => {
    await expectSameAsGit(
      { link: { symlink: 'target-a' }, tool: { content: 't\n', executable: true }, 'f.txt': lines(5) },
      { write: { link: { symlink: 'target-b' }, 'f.txt': lines(5).replace('line 0', 'o') } },
      { write: { tool: 't\n', 'f.txt': lines(5).replace('line 4', 't') } },
    );
  });

  it('takes a directory replaced by a file on one side when the other did not touch it', async () => {
    await expectSameAsGit(
      { 'thing/inner.txt': 'i\n', 'other.txt': lines(4) },
      { write: { thing: 'now a file\n' }, remove: ['thing'] },
      { write: { 'other.txt': lines(4).replace('line 1', 'x') } },
    );
  });

  it('merges a directory both sides added with different files', async () => {
    await expectSameAsGit(
      { 'keep.txt': 'k\n' },
      { write: { 'newdir/a.txt': 'a\n' } },
      { write: { 'newdir/b.txt': 'b\n' } },
    );
  });

  it('returns a side unchanged without writing when the other side did nothing', async () => {
    const tw = buildThreeWay(repo, { 'f.txt': 'f\n' }, { write: { 'g.txt': 'g\n' } }, {});
    const before = repo.looseObjects();
    expect(await objects.mergeTrees(repo.ws, tw.trees)).toEqual({ clean: true, tree: tw.trees.ours });
    expect(repo.looseObjects()).toEqual(before);
  });

  it('merges unrelated trees against the empty tree', async () => {
    const tw = buildThreeWay(repo, {}, { write: { 'a.txt': 'a\n' } }, { write: { 'b.txt': 'b\n' } });
    const r = await objects.mergeTrees(repo.ws, {
      base: EMPTY_TREE_OID,
      ours: tw.trees.ours,
      theirs: tw.trees.theirs,
    });
    expect(r.clean).toBe(true);
    if (r.clean)
      expect(repo.git(['ls-tree', '-r', '--name-only', r.tree]).split('\n')).toEqual(['a.txt', 'b.txt']);
    const clash = buildThreeWay(repo, {}, { write: { 'a.txt': 'a\n' } }, { write: { 'a.txt': 'b\n' } });
    expect(conflictsOf(await objects.mergeTrees(repo.ws, { ...clash.trees, base: EMPTY_TREE_OID }))).toEqual([
      { path: 'a.txt', kind: 'add_add' },
    ]);
  });
});

describe('ObjectGit.mergeTrees: conflicts', () => {
  async function expectConflicts(
    base: Record<string, FixtureFile>,
    ours: SideChange,
    theirs: SideChange,
    expected: { path: string; kind: string }[],
  ): Promise<void> {
    const tw = buildThreeWay(repo, base, ours, theirs);
    const before = repo.looseObjects();
    const result = await objects.mergeTrees(repo.ws, tw.trees);
    expect(repo.looseObjects()).toEqual(before);
    expect(conflictsOf(result)).toEqual(expected);
    const oracle = gitMergeTree(repo, tw.ours, tw.theirs);
    expect(oracle.clean).toBe(false);
    if (!oracle.clean)
      for (const c of expected)
        expect(oracle.paths.some((p) => p === c.path || p.startsWith(c.path))).toBe(true);
  }

  it('reports overlapping and adjacent line edits as content conflicts', async () => {
    await expectConflicts(
      { 'same.txt': lines(10), 'adjacent.txt': lines(10) },
      {
        write: {
          'same.txt': lines(10).replace('line 4', 'ours'),
          'adjacent.txt': lines(10).replace('line 4', 'ours'),
        },
      },
      {
        write: {
          'same.txt': lines(10).replace('line 4', 'theirs'),
          'adjacent.txt': lines(10).replace('line 5', 'theirs'),
        },
      },
      [
        { path: 'adjacent.txt', kind: 'content' },
        { path: 'same.txt', kind: 'content' },
      ],
    );
  });

  it('reports binary files changed on both sides as content conflicts', async () => {
    await expectConflicts(
      { 'img.bin': Buffer.from([0, 1, 2, 3, 10, 4]) },
      { write: { 'img.bin': Buffer.from([0, 1, 2, 3, 10, 5]) } },
      { write: { 'img.bin': Buffer.from([0, 9, 2, 3, 10, 4]) } },
      [{ path: 'img.bin', kind: 'content' }],
    );
  });

  it('reports add/add, modify/delete and delete/modify with the right sides', async () => {
    await expectConflicts(
      { 'mod-del.txt': lines(3), 'del-mod.txt': lines(3) },
      { write: { 'added.txt': 'ours\n', 'mod-del.txt': 'ours changed\n' }, remove: ['del-mod.txt'] },
      { write: { 'added.txt': 'theirs\n', 'del-mod.txt': 'theirs changed\n' }, remove: ['mod-del.txt'] },
      [
        { path: 'added.txt', kind: 'add_add' },
        { path: 'del-mod.txt', kind: 'delete_modify' },
        { path: 'mod-del.txt', kind: 'modify_delete' },
      ],
    );
  });

  it('reports file vs symlink and file vs directory as type conflicts', async () => {
    await expectConflicts(
      { 'keep.txt': 'k\n' },
      { write: { x: 'file\n', y: 'file\n' } },
      { write: { x: { symlink: 'elsewhere' }, 'y/inner.txt': 'dir\n' } },
      [
        { path: 'x', kind: 'type' },
        { path: 'y', kind: 'type' },
      ],
    );
  });

  it('reports a mode conflict when both sides set different modes on a former symlink', async () => {
    await expectConflicts(
      { tool: { symlink: 'somewhere' } },
      { write: { tool: { content: 'same\n', executable: true } } },
      { write: { tool: { content: 'same\n', executable: false } } },
      [{ path: 'tool', kind: 'mode' }],
    );
  });

  it('reports per-file modify/delete when one side deletes a folder the other changed', async () => {
    await expectConflicts(
      { 'dir/a.txt': 'a\n', 'dir/b.txt': 'b\n', 'dir/sub/c.txt': 'c\n' },
      { write: { 'dir/a.txt': 'A\n' } },
      { remove: ['dir'] },
      [{ path: 'dir/a.txt', kind: 'modify_delete' }],
    );
  });

  it('collects every conflict, sorted by path, and writes nothing', async () => {
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`d${i}/f.txt`, lines(5)]));
    const ours = Object.fromEntries(Object.keys(files).map((p) => [p, lines(5).replace('line 2', 'ours')]));
    const theirs = Object.fromEntries(
      Object.keys(files).map((p) => [p, lines(5).replace('line 2', 'theirs')]),
    );
    await expectConflicts(
      { ...files, 'clean.txt': lines(5) },
      { write: { ...ours, 'clean.txt': lines(5).replace('line 0', 'x') } },
      { write: { ...theirs, 'clean.txt': lines(5).replace('line 4', 'y') } },
      Object.keys(files)
        .sort()
        .map((path) => ({ path, kind: 'content' })),
    );
  });
});
