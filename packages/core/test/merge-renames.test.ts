import {
  planRenames,
  RENAME_SCORE,
  RENAME_MARGIN,
  renameSources,
  renameVerdict,
  type MergeEntry,
  type RemovedDir,
  type RenameVerdict,
  type SideDiff,
} from '../src/domain/merge/index.js';

const e = (oid: string): MergeEntry => ({ mode: '100644', oid: oid.padEnd(40, '0') });
const diff = (d: Partial<Record<keyof SideDiff, Record<string, MergeEntry>>>): SideDiff => ({
  deleted: new Map(Object.entries(d.deleted ?? {})),
  added: new Map(Object.entries(d.added ?? {})),
  modified: new Map(Object.entries(d.modified ?? {})),
});
const rename = (to: string): RenameVerdict => ({ kind: 'rename', to });
const verdicts = (ours: Record<string, RenameVerdict> = {}, theirs: Record<string, RenameVerdict> = {}) => ({
  ours: new Map(Object.entries(ours)),
  theirs: new Map(Object.entries(theirs)),
});

describe('renameVerdict', () => {
  const clear = RENAME_SCORE + RENAME_MARGIN;
  it('is a rename only for a lone candidate clearly over the threshold and without rival', () => {
    expect(renameVerdict([], [])).toEqual({ kind: 'none' });
    expect(renameVerdict([{ path: 'q', score: clear }], [])).toEqual(rename('q'));
    expect(renameVerdict([{ path: 'q', score: clear - 1 }], [])).toEqual({ kind: 'uncertain' });
    expect(
      renameVerdict(
        [
          { path: 'q', score: clear },
          { path: 'r', score: clear },
        ],
        [],
      ),
    ).toEqual({ kind: 'uncertain' });
    expect(renameVerdict([{ path: 'q', score: 60_000 }], [{ path: 'p2', score: clear }])).toEqual({
      kind: 'uncertain',
    });
  });
});

describe('renameSources', () => {
  it('lists only deletions whose rename could change the merge, on sides that added something', () => {
    const ours = diff({ deleted: { a: e('1'), b: e('2'), c: e('3') }, added: { q: e('4') } });
    const theirs = diff({ deleted: { b: e('2') }, modified: { a: e('5') } });
    expect(renameSources({ ours, theirs }, [])).toEqual({ ours: ['a', 'b'], theirs: [] });
    expect(renameSources({ ours: diff({ deleted: { a: e('1') } }), theirs }, [])).toEqual({
      ours: [],
      theirs: [],
    });
  });

  it('adds every file of a directory one side removed while the other side added to it', () => {
    const ours = diff({ deleted: { 'd/x': e('1'), 'd/y': e('2'), 'e/z': e('3') }, added: { 'n/x': e('1') } });
    const theirs = diff({ added: { 'd/new': e('6') } });
    const removed: RemovedDir[] = [{ side: 'ours', dir: 'd', addedByOther: ['d/new'] }];
    expect(renameSources({ ours, theirs }, removed).ours).toEqual(['d/x', 'd/y']);
  });
});

describe('planRenames', () => {
  it('carries the other side’s edit to the renamed path', () => {
    const ours = diff({ deleted: { p: e('1') }, added: { q: e('2') } });
    const theirs = diff({ modified: { p: e('3') } });
    const plan = planRenames({ ours, theirs }, [], verdicts({ p: rename('q') }));
    expect(plan.conflicts).toEqual([]);
    expect(plan.overlay.get('p')).toEqual({ base: null, theirs: null });
    expect(plan.overlay.get('q')).toEqual({ base: e('1'), theirs: e('3') });
  });

  it('reports rename/add at the target, and rename/delete at the target', () => {
    const ours = diff({ deleted: { p: e('1') }, added: { q: e('2') } });
    const addAdd = planRenames(
      { ours, theirs: diff({ modified: { p: e('3') }, added: { q: e('4') } }) },
      [],
      verdicts({ p: rename('q') }),
    );
    expect(addAdd.conflicts).toEqual([{ path: 'q', kind: 'add_add' }]);
    const renameDelete = planRenames(
      { ours, theirs: diff({ deleted: { p: e('1') } }) },
      [],
      verdicts({ p: rename('q') }),
    );
    expect(renameDelete.conflicts).toEqual([{ path: 'q', kind: 'modify_delete' }]);
  });

  it('reports rename/rename to two paths at all three, and merges two renames to one path', () => {
    const ours = diff({ deleted: { p: e('1') }, added: { q1: e('2') } });
    const theirs = diff({ deleted: { p: e('1') }, added: { q2: e('3') } });
    const split = planRenames({ ours, theirs }, [], verdicts({ p: rename('q1') }, { p: rename('q2') }));
    expect(split.conflicts.map((c) => c.path)).toEqual(['p', 'q1', 'q2']);
    const same = planRenames({ ours, theirs }, [], verdicts({ p: rename('q1') }, { p: rename('q1') }));
    expect(same.conflicts).toEqual([]);
    expect(same.overlay.get('q1')).toEqual({ base: e('1') });
  });

  it('conflicts where it cannot tell, and not where no rename is possible', () => {
    const ours = diff({ deleted: { p: e('1') }, added: { q: e('2') } });
    const theirs = diff({ deleted: { p: e('1') } });
    expect(planRenames({ ours, theirs }, [], verdicts({ p: { kind: 'uncertain' } })).conflicts).toEqual([
      { path: 'p', kind: 'content' },
    ]);
    expect(planRenames({ ours, theirs }, [], verdicts()).conflicts).toEqual([]);
  });

  it('reports a file added to a moved directory where git moves it', () => {
    const ours = diff({ deleted: { 'd/x': e('1'), 'd/y': e('2') }, added: { 'n/x': e('1'), 'n/y': e('2') } });
    const theirs = diff({ added: { 'd/sub/new': e('6') } });
    const removed: RemovedDir[] = [{ side: 'ours', dir: 'd', addedByOther: ['d/sub/new'] }];
    const moved = planRenames(
      { ours, theirs },
      removed,
      verdicts({ 'd/x': rename('n/x'), 'd/y': rename('n/y') }),
    );
    expect(moved.conflicts).toEqual([{ path: 'n/sub/new', kind: 'content' }]);
    const unsure = planRenames(
      { ours, theirs },
      removed,
      verdicts({ 'd/x': rename('n/x'), 'd/y': { kind: 'uncertain' } }),
    );
    expect(unsure.conflicts).toEqual([{ path: 'd/sub/new', kind: 'content' }]);
    expect(planRenames({ ours, theirs }, removed, verdicts()).conflicts).toEqual([]);
  });
});
