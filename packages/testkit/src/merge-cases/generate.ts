import { file, joinLines, type CaseTree, type LineTriple, type MergeCase } from './case.js';
import { identifier } from './code-text.js';
import { caseSeed, Random } from './random.js';
import { rename } from './rename-shapes.js';
import { TEXT_SHAPES, type TextShape } from './text-shapes.js';
import { change, filler, type TreeShape } from './tree-helpers.js';
import { TREE_SHAPES } from './tree-shapes.js';

type Triple<T> = [T, T, T];

/** Line endings and final newlines of base, ours and theirs. */
interface TextFormat {
  eol: Triple<string>;
  finalNewline: Triple<boolean>;
}

const PLAIN: TextFormat = { eol: ['\n', '\n', '\n'], finalNewline: [true, true, true] };

function textFiles(triple: LineTriple, fmt: TextFormat): Triple<string> {
  const { base, ours, theirs } = triple;
  return [base, ours, theirs].map((l, i) => joinLines(l, fmt.eol[i], fmt.finalNewline[i])) as Triple<string>;
}

/** A tree case around one text file, sometimes with unrelated edits to other files on both sides. */
function textCase(r: Random, shape: TextShape, fmt: TextFormat = PLAIN) {
  const base = filler(r);
  const p = `src/${identifier(r)}.ts`;
  const [b, o, t] = textFiles(shape(r), fmt);
  base[p] = file(b);
  let ours = change(base, { [p]: file(o) });
  let theirs = change(base, { [p]: file(t) });
  if (r.chance(0.3)) {
    ours = change(ours, { 'README.md': file(`${base['README.md']!.data}ours note\n`) });
    theirs = change(theirs, { 'docs/theirs.md': file('theirs doc\n') });
  }
  return { base, ours, theirs };
}

const anyTextShape = (r: Random): TextShape => TEXT_SHAPES[r.weighted(textWeights())]!.make;
const textWeights = () => Object.fromEntries(Object.entries(TEXT_SHAPES).map(([k, v]) => [k, v.weight]));

const crlf: TreeShape = (r) => {
  const eol: Triple<string> = ['\r\n', '\r\n', '\r\n'];
  if (r.chance(0.2)) eol[r.int(1, 2)] = '\n';
  return textCase(r, anyTextShape(r), { eol, finalNewline: [true, true, true] });
};

const noFinalNewline: TreeShape = (r) => {
  const inner = TEXT_SHAPES[r.pick(['end-edits', 'random', 'adjacent', 'similar-blocks'])]!.make;
  const finalNewline: Triple<boolean> = [false, !r.chance(0.7), !r.chance(0.7)];
  return textCase(r, inner, { eol: ['\n', '\n', '\n'], finalNewline });
};

const multiFile: TreeShape = (r) => {
  const trees: Triple<CaseTree> = [filler(r), {}, {}];
  for (let i = r.int(2, 4); i > 0; i--) {
    const p = `${r.pick(['a', 'b/c', 'd/e/f'])}/${identifier(r)}-${i}.ts`;
    const [b, o, t] = textFiles(
      TEXT_SHAPES[r.pick(['random', 'disjoint', 'similar-blocks'])]!.make(r),
      PLAIN,
    );
    trees[0][p] = file(b);
    trees[1][p] = file(o);
    trees[2][p] = file(t);
  }
  const [base, ours, theirs] = trees;
  return { base, ours: { ...base, ...ours }, theirs: { ...base, ...theirs } };
};

/** Every shape of a run and its weight; line-level shapes dominate, as in real merges. */
const SHAPES: Record<string, { weight: number; make: TreeShape }> = {
  ...Object.fromEntries(
    Object.entries(TEXT_SHAPES).map(([k, v]) => [
      k,
      { weight: v.weight, make: (r: Random) => textCase(r, v.make) },
    ]),
  ),
  crlf: { weight: 5, make: crlf },
  'no-final-newline': { weight: 5, make: noFinalNewline },
  'multi-file': { weight: 4, make: multiFile },
  ...TREE_SHAPES,
  rename: { weight: 6, make: rename },
};

/** The case with this index of the run seeded with `seed` (independent of the other cases). */
export function generateMergeCase(seed: number, index: number): MergeCase {
  const r = new Random(caseSeed(seed, index));
  const shape = r.weighted(Object.fromEntries(Object.entries(SHAPES).map(([k, v]) => [k, v.weight])));
  return { index, shape, ...SHAPES[shape]!.make(r) };
}

/** `count` seeded cases: the same seed always gives the same cases. */
export function generateMergeCases(seed: number, count: number): MergeCase[] {
  return Array.from({ length: count }, (_, i) => generateMergeCase(seed, i));
}
