import { file, joinLines, type CaseTree } from './case.js';
import { codeModule, identifier } from './code-text.js';
import type { Random } from './random.js';
import { randomEdit } from './text-shapes.js';
import { change, filler, type TreeShape } from './tree-helpers.js';

type Edit = 'exact' | 'small' | 'heavy';

/** Content after a rename: unchanged, lightly edited (similar) or mostly rewritten (dissimilar). */
function afterRename(r: Random, lines: string[], edit: Edit, tag: string): string {
  if (edit === 'exact') return joinLines(lines);
  if (edit === 'small') return joinLines(randomEdit(r, lines, tag));
  return joinLines([...lines.slice(0, 2), ...codeModule(r, 6)]);
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * Renames on one side against edits, deletions, other renames or additions on the other side,
 * plus directory renames. The js engine has no full rename detection: it must conflict where it
 * cannot be sure, never produce a different clean tree.
 */
export const rename: TreeShape = (r) => {
  const base = filler(r);
  const dir = r.pick(['src', 'lib/core', 'pkg']);
  const p = `${dir}/${identifier(r)}.ts`;
  const lines = codeModule(r, r.int(3, 6));
  base[p] = file(joinLines(lines));
  const q = r.chance(0.5) ? `${dir}/renamed-${identifier(r)}.ts` : `moved/${baseName(p)}`;
  const renamed = (to: string, edit: Edit, tag = 'r') =>
    change(base, { [to]: file(afterRename(r, lines, edit, tag)) }, [p]);
  const modified = () => change(base, { [p]: file(joinLines(randomEdit(r, lines, 'm'))) });
  const k = r.int(0, 8);
  let a: CaseTree;
  let b: CaseTree;
  if (k === 0) [a, b] = [renamed(q, 'exact'), modified()];
  else if (k === 1) [a, b] = [renamed(q, 'small'), modified()];
  else if (k === 2) [a, b] = [renamed(q, r.chance(0.5) ? 'exact' : 'small'), change(base, {}, [p])];
  else if (k === 3) [a, b] = [renamed(q, 'small', 'a'), renamed(q, r.chance(0.5) ? 'exact' : 'small', 'b')];
  else if (k === 4) [a, b] = [renamed(q, 'small'), renamed(`other/${baseName(q)}`, 'small')];
  else if (k === 5) [a, b] = [renamed(q, 'exact'), change(base, { [q]: file(joinLines(codeModule(r, 2))) })];
  else if (k === 6) return directoryRename(r, base, dir);
  else if (k === 7) [a, b] = [renamed(q, 'heavy'), modified()];
  else
    [a, b] = [
      change(base, { [`new/${identifier(r)}.ts`]: file(joinLines(codeModule(r, 3))) }, [p]),
      modified(),
    ];
  return r.chance(0.5) ? { base, ours: a, theirs: b } : { base, ours: b, theirs: a };
};

/** One side moves every file of `dir` elsewhere; the other adds a file there or edits one. */
function directoryRename(r: Random, base: CaseTree, dir: string) {
  for (let i = r.int(1, 3); i > 0; i--)
    base[`${dir}/${identifier(r)}-${i}.ts`] = file(joinLines(codeModule(r, r.int(2, 4))));
  const moved: CaseTree = {};
  const target = `${dir}-next`;
  for (const [path, f] of Object.entries(base))
    if (path.startsWith(`${dir}/`)) moved[`${target}/${path.slice(dir.length + 1)}`] = f;
  const a = change(base, moved, [dir]);
  const inDir = Object.keys(base).filter((x) => x.startsWith(`${dir}/`));
  const victim = r.pick(inDir);
  const b = r.chance(0.5)
    ? change(base, { [`${dir}/added-${identifier(r)}.ts`]: file(joinLines(codeModule(r, 2))) })
    : change(base, {
        [victim]: file(joinLines(randomEdit(r, base[victim]!.data.split('\n').slice(0, -1), 'm'))),
      });
  return r.chance(0.5) ? { base, ours: a, theirs: b } : { base, ours: b, theirs: a };
}
