import { classifyEntry, entryKind, type MergeEntry } from '../src/domain/merge/index.js';
import { FileModes } from '../src/domain/git.js';

const oid = (c: string) => c.repeat(40);
const file = (c: string): MergeEntry => ({ mode: FileModes.FILE, oid: oid(c) });
const exec = (c: string): MergeEntry => ({ mode: FileModes.EXECUTABLE, oid: oid(c) });
const link = (c: string): MergeEntry => ({ mode: FileModes.SYMLINK, oid: oid(c) });
const gitlink = (c: string): MergeEntry => ({ mode: FileModes.SUBMODULE, oid: oid(c) });
const tree = (c: string): MergeEntry => ({ mode: FileModes.TREE, oid: oid(c) });

describe('classifyEntry', () => {
  it('keeps a path nobody changed', () => {
    expect(classifyEntry(file('a'), file('a'), file('a'))).toEqual({ action: 'take', entry: file('a') });
  });

  it('takes the side that changed', () => {
    expect(classifyEntry(file('a'), file('a'), file('b'))).toEqual({ action: 'take', entry: file('b') });
    expect(classifyEntry(file('a'), file('b'), file('a'))).toEqual({ action: 'take', entry: file('b') });
    expect(classifyEntry(null, null, file('b'))).toEqual({ action: 'take', entry: file('b') });
    expect(classifyEntry(null, file('b'), null)).toEqual({ action: 'take', entry: file('b') });
  });

  it('deletes what one side deleted and the other left alone, and what both deleted', () => {
    expect(classifyEntry(file('a'), file('a'), null)).toEqual({ action: 'delete' });
    expect(classifyEntry(file('a'), null, file('a'))).toEqual({ action: 'delete' });
    expect(classifyEntry(file('a'), null, null)).toEqual({ action: 'delete' });
    expect(classifyEntry(null, null, null)).toEqual({ action: 'delete' });
  });

  it('merges identical changes', () => {
    expect(classifyEntry(file('a'), file('b'), file('b'))).toEqual({ action: 'take', entry: file('b') });
    expect(classifyEntry(null, exec('c'), exec('c'))).toEqual({ action: 'take', entry: exec('c') });
  });

  it('asks for a content merge when both changed a file', () => {
    expect(classifyEntry(file('a'), file('b'), file('c'))).toEqual({
      action: 'merge',
      mode: FileModes.FILE,
      base: oid('a'),
      ours: oid('b'),
      theirs: oid('c'),
    });
  });

  it('combines a mode change on one side with a content change on the other', () => {
    expect(classifyEntry(file('a'), exec('a'), file('b'))).toEqual({ action: 'take', entry: exec('b') });
    expect(classifyEntry(file('a'), file('b'), exec('a'))).toEqual({ action: 'take', entry: exec('b') });
    expect(classifyEntry(exec('a'), file('b'), exec('c'))).toEqual({
      action: 'merge',
      mode: FileModes.FILE,
      base: oid('a'),
      ours: oid('b'),
      theirs: oid('c'),
    });
  });

  it('reports a mode conflict when the modes cannot be reconciled', () => {
    // base was a symlink, both turned it into a file, with different exec bits
    expect(classifyEntry(link('a'), exec('b'), file('b'))).toEqual({ action: 'conflict', kind: 'mode' });
  });

  it('reports add/add for different additions', () => {
    expect(classifyEntry(null, file('a'), file('b'))).toEqual({ action: 'conflict', kind: 'add_add' });
    expect(classifyEntry(null, file('a'), exec('a'))).toEqual({ action: 'conflict', kind: 'add_add' });
    expect(classifyEntry(null, link('a'), link('b'))).toEqual({ action: 'conflict', kind: 'add_add' });
  });

  it('reports modify/delete and delete/modify from the right side', () => {
    expect(classifyEntry(file('a'), file('b'), null)).toEqual({ action: 'conflict', kind: 'modify_delete' });
    expect(classifyEntry(file('a'), null, file('b'))).toEqual({ action: 'conflict', kind: 'delete_modify' });
    expect(classifyEntry(file('a'), exec('a'), null)).toEqual({ action: 'conflict', kind: 'modify_delete' });
  });

  it('reports type conflicts between file, symlink, gitlink and directory', () => {
    expect(classifyEntry(file('a'), link('b'), file('c'))).toEqual({ action: 'conflict', kind: 'type' });
    expect(classifyEntry(null, file('a'), link('a'))).toEqual({ action: 'conflict', kind: 'type' });
    expect(classifyEntry(file('a'), gitlink('b'), file('c'))).toEqual({ action: 'conflict', kind: 'type' });
    expect(classifyEntry(null, tree('a'), file('b'))).toEqual({ action: 'conflict', kind: 'type' });
  });

  it('takes a type change made by one side only', () => {
    expect(classifyEntry(file('a'), link('b'), file('a'))).toEqual({ action: 'take', entry: link('b') });
  });

  it('reports content conflicts for symlinks and gitlinks changed on both sides', () => {
    expect(classifyEntry(link('a'), link('b'), link('c'))).toEqual({ action: 'conflict', kind: 'content' });
    expect(classifyEntry(gitlink('a'), gitlink('b'), gitlink('c'))).toEqual({
      action: 'conflict',
      kind: 'content',
    });
  });

  it('asks for a recursive merge when both changed a directory', () => {
    expect(classifyEntry(tree('a'), tree('b'), tree('c'))).toEqual({
      action: 'merge',
      mode: FileModes.TREE,
      base: oid('a'),
      ours: oid('b'),
      theirs: oid('c'),
    });
    expect(classifyEntry(file('a'), tree('b'), tree('c'))).toMatchObject({ action: 'merge', base: null });
    expect(classifyEntry(null, tree('b'), tree('c'))).toMatchObject({ action: 'merge', base: null });
  });

  it('uses no base for a file merge when the base was another kind', () => {
    expect(classifyEntry(link('a'), file('b'), file('c'))).toEqual({
      action: 'merge',
      mode: FileModes.FILE,
      base: null,
      ours: oid('b'),
      theirs: oid('c'),
    });
  });
});

describe('entryKind', () => {
  it('maps modes to kinds', () => {
    expect(entryKind(FileModes.FILE)).toBe('file');
    expect(entryKind(FileModes.EXECUTABLE)).toBe('file');
    expect(entryKind(FileModes.SYMLINK)).toBe('symlink');
    expect(entryKind(FileModes.SUBMODULE)).toBe('gitlink');
    expect(entryKind(FileModes.TREE)).toBe('tree');
  });
});
