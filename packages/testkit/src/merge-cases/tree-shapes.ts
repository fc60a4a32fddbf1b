import { file, type CaseFile, type CaseTree } from './case.js';
import { identifier } from './code-text.js';
import { change, edited, exec, filler, gitlink, link, moduleText, type TreeShape } from './tree-helpers.js';

/** Both sides add the same path: same or different content, mode or type; or directories. */
const addAdd: TreeShape = (r) => {
  const base = filler(r);
  const p = `new/${identifier(r)}.txt`;
  const text = moduleText(r);
  const k = r.int(0, 4);
  if (k === 0)
    return { base, ours: change(base, { [p]: file(text) }), theirs: change(base, { [p]: file(text) }) };
  if (k === 1)
    return {
      base,
      ours: change(base, { [p]: file(text) }),
      theirs: change(base, { [p]: file(edited(r, text, 't')) }),
    };
  if (k === 2)
    return { base, ours: change(base, { [p]: file(text) }), theirs: change(base, { [p]: exec(text) }) };
  if (k === 3)
    return {
      base,
      ours: change(base, { [`${p}/a`]: file(text) }),
      theirs: change(base, { [`${p}/b`]: file(text) }),
    };
  return { base, ours: change(base, { [p]: file(text) }), theirs: change(base, { [p]: link('elsewhere') }) };
};

/** One side modifies (content or mode), the other deletes the file or its directory; or both delete. */
const modifyDelete: TreeShape = (r) => {
  const base = filler(r);
  const dir = `pkg/${identifier(r)}`;
  const p = `${dir}/main.ts`;
  base[p] = file(moduleText(r));
  base[`${dir}/other.ts`] = file(moduleText(r));
  const modified = r.chance(0.7)
    ? change(base, { [p]: file(edited(r, base[p].data, 'm')) })
    : change(base, { [p]: exec(base[p].data) });
  const deleted = change(base, {}, [r.chance(0.7) ? p : dir]);
  const k = r.int(0, 3);
  if (k === 0) return { base, ours: modified, theirs: deleted };
  if (k === 1) return { base, ours: deleted, theirs: modified };
  if (k === 2) return { base, ours: deleted, theirs: change(base, {}, [p]) };
  return { base, ours: deleted, theirs: base };
};

/** Exec-bit changes combined with content changes, or made on both sides. */
const mode: TreeShape = (r) => {
  const base = filler(r);
  const p = `bin/${identifier(r)}.sh`;
  const text = moduleText(r);
  base[p] = r.chance(0.7) ? file(text) : exec(text);
  const flipped: CaseFile = { mode: base[p].mode === '100644' ? '100755' : '100644', data: text };
  const k = r.int(0, 3);
  const a = change(base, { [p]: flipped });
  const b =
    k === 0
      ? change(base, { [p]: { ...base[p], data: edited(r, text, 'b') } })
      : k === 1
        ? change(base, { [p]: flipped })
        : k === 2
          ? change(base, { [p]: { ...flipped, data: edited(r, text, 'b') } })
          : change(base, {}, [p]);
  return r.chance(0.5) ? { base, ours: a, theirs: b } : { base, ours: b, theirs: a };
};

/** Type changes: file, symlink and gitlink at one path. */
const type: TreeShape = (r) => {
  const base = filler(r);
  const p = `cfg/${identifier(r)}`;
  const text = moduleText(r);
  const k = r.int(0, 5);
  base[p] = k < 3 ? file(text) : k < 5 ? link('target-a') : gitlink(r);
  const sides: [CaseTree, CaseTree][] = [
    [change(base, { [p]: link('t') }), change(base, { [p]: file(edited(r, text, 'x')) })],
    [change(base, { [p]: link('t') }), r.chance(0.5) ? base : change(base, { [p]: link('t') })],
    [change(base, { [p]: link('t') }), change(base, { [p]: gitlink(r) })],
    [change(base, { [p]: link('target-b') }), change(base, { [p]: link('target-c') })],
    [change(base, { [p]: link('target-b') }), change(base, { [p]: file(text) })],
    [change(base, { [p]: gitlink(r) }), r.chance(0.5) ? base : change(base, { [p]: gitlink(r) })],
  ];
  const [a, b] = sides[k]!;
  return r.chance(0.5) ? { base, ours: a, theirs: b } : { base, ours: b, theirs: a };
};

/** A path that is a file on one side and a directory on another. */
const fileDir: TreeShape = (r) => {
  const base = filler(r);
  const p = `x/${identifier(r)}`;
  const text = moduleText(r);
  const asDir = (t: CaseTree, extra = 'a') => change(t, { [`${p}/${extra}.txt`]: file(text) }, [p]);
  const asFile = (t: CaseTree, data = text) => change(t, { [p]: file(data) }, [p]);
  const k = r.int(0, 5);
  let pair: [CaseTree, CaseTree, CaseTree];
  if (k === 0) pair = [asFile(base), asFile(base, edited(r, text, 'o')), asDir(base)];
  else if (k === 1) pair = [asFile(base), asFile(base), asDir(base)];
  else if (k === 2) pair = [base, asFile(base), asDir(base)];
  else if (k === 3) {
    const b = asDir(base);
    pair = [b, change(b, { [`${p}/a.txt`]: file(edited(r, text, 'o')) }), asFile(base)];
  } else if (k === 4) pair = [asDir(base), asDir(base), asFile(base)];
  else pair = [asDir(base), asFile(base, text), asFile(base, r.chance(0.5) ? text : edited(r, text, 't'))];
  const [b, x, y] = pair;
  return r.chance(0.5) ? { base: b, ours: x, theirs: y } : { base: b, ours: y, theirs: x };
};

/** Both sides edit a binary file, or only one does. */
const binary: TreeShape = (r) => {
  const base = filler(r);
  const p = `assets/${identifier(r)}.bin`;
  const blob = (tag: string) => `BIN\0${tag}\0${'x'.repeat(r.int(1, 40))}`;
  base[p] = file(blob('base'));
  const a = change(base, { [p]: file(blob('ours')) });
  const b = r.chance(0.5) ? change(base, { [p]: file(blob('theirs')) }) : base;
  return { base, ours: a, theirs: b };
};

/** The tree-level shapes with their weights. */
export const TREE_SHAPES: Record<string, { weight: number; make: TreeShape }> = {
  'add-add': { weight: 4, make: addAdd },
  'modify-delete': { weight: 4, make: modifyDelete },
  mode: { weight: 3, make: mode },
  type: { weight: 3, make: type },
  'file-dir': { weight: 3, make: fileDir },
  binary: { weight: 1, make: binary },
};
