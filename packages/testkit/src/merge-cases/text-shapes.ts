import type { LineTriple } from './case.js';
import {
  boundaries,
  codeBlock,
  codeModule,
  identifier,
  numberedLines,
  repetitiveLines,
  splice,
} from './code-text.js';
import { Random } from './random.js';

/** A generator of one file's three versions. */
export type TextShape = (r: Random) => LineTriple;

const clamp = (x: number, lines: readonly string[]) => Math.max(0, Math.min(x, lines.length));

/** One random edit: modify, delete, insert a line or insert a block. */
export function randomEdit(r: Random, lines: readonly string[], tag: string): string[] {
  const at = r.int(0, lines.length);
  const k = r.next();
  if (k < 0.35 && at < lines.length) return splice(lines, at, 1, [`${lines[at]} // ${tag}`]);
  if (k < 0.6 && at < lines.length) return splice(lines, at, r.int(1, 3));
  if (k < 0.8) return splice(lines, at, 0, [`${tag} ${r.int(0, 99)}`]);
  return splice(lines, at, 0, codeBlock(r));
}

function randomEdits(r: Random, lines: readonly string[], tag: string, count: number): string[] {
  let out = [...lines];
  for (let i = 0; i < count; i++) out = randomEdit(r, out, `${tag}${i}`);
  return out;
}

const anyBase = (r: Random): string[] => (r.chance(0.6) ? codeModule(r) : numberedLines(r));

/** Both sides insert similar (or identical) blocks close to each other. */
const similarBlocks: TextShape = (r) => {
  const base = codeModule(r);
  const anchor = r.pick(boundaries(base));
  const variant = r.int(0, 4);
  const blockA = codeBlock(r, identifier(r), variant);
  const kind = r.int(0, 2);
  const blockB = kind === 0 ? blockA : kind === 1 ? codeBlock(r, identifier(r), variant) : codeBlock(r);
  const pad = (b: string[]) => (r.chance(0.3) ? ['', ...b] : r.chance(0.5) ? [...b, ''] : b);
  const [dA, dB] = r.chance(0.3) ? [0, 0] : [r.int(-2, 2), r.int(-2, 2)];
  return {
    base,
    ours: splice(base, clamp(anchor + dA, base), 0, pad(blockA)),
    theirs: splice(base, clamp(anchor + dB, base), 0, pad(blockB)),
  };
};

/** Small insertions right next to blank lines and closing brackets. */
const blankBracket: TextShape = (r) => {
  const base = codeModule(r);
  const spots = boundaries(base);
  const insertions = (tag: string, at: number[]) => {
    let out = base;
    for (const p of [...at].sort((a, b) => b - a)) {
      const body = r.pick([[`  log('${tag}');`], [''], ['}'], [`  ${tag}();`, '}'], ['', `// ${tag}`]]);
      out = splice(out, clamp(p + r.int(-1, 1), out), 0, body);
    }
    return out;
  };
  const ourSpots = Array.from({ length: r.int(1, 2) }, () => r.pick(spots));
  const theirSpots = r.chance(0.4) ? ourSpots : Array.from({ length: r.int(1, 2) }, () => r.pick(spots));
  return { base, ours: insertions('o', ourSpots), theirs: insertions('t', theirSpots) };
};

/** Both sides make the same edits; sometimes one side adds another edit. */
const identical: TextShape = (r) => {
  const base = anyBase(r);
  const same = randomEdits(new Random(r.int(0, 2 ** 30)), base, 'same', r.int(1, 3));
  const extra = r.chance(0.5) ? randomEdit(r, same, 'extra') : same;
  return r.chance(0.5) ? { base, ours: same, theirs: extra } : { base, ours: extra, theirs: same };
};

/** Edits to the same, adjacent or next-but-one lines. */
const adjacent: TextShape = (r) => {
  const base = anyBase(r);
  if (base.length < 3) base.push('tail a', 'tail b');
  const i = r.int(0, base.length - 2);
  const j = Math.min(base.length - 1, i + r.int(0, 2));
  const edit = (at: number, tag: string) => {
    const k = r.int(0, 2);
    if (k === 0) return splice(base, at, 1, [`${tag} changed ${base[at]}`]);
    if (k === 1) return splice(base, at, 1);
    return splice(base, at + r.int(0, 1), 0, [`${tag} inserted`]);
  };
  return { base, ours: edit(i, 'ours'), theirs: edit(j, 'theirs') };
};

/** Replacements of overlapping ranges, sometimes with shared new lines. */
const overlapping: TextShape = (r) => {
  const base = anyBase(r);
  const i = r.int(0, Math.max(0, base.length - 2));
  const k = r.int(1, 4);
  const j = Math.max(0, i + r.int(-2, k));
  const m = r.int(1, 4);
  const shared = [`shared ${r.int(0, 9)}`, ...(r.chance(0.5) ? codeBlock(r) : [])];
  const mine = (tag: string) =>
    r.chance(0.4) ? shared : [`${tag} ${r.int(0, 9)}`, ...shared.slice(0, r.int(0, 2))];
  return { base, ours: splice(base, i, k, mine('ours')), theirs: splice(base, j, m, mine('theirs')) };
};

/** One side deletes a range, the other inserts right next to (or inside) it. */
const deleteNextToInsert: TextShape = (r) => {
  const base = anyBase(r);
  const i = r.int(0, Math.max(0, base.length - 1));
  const k = r.int(1, 3);
  const deleted = splice(base, i, k);
  const at = clamp(r.pick([i - 1, i, i + 1, i + k, i + k + 1]), base);
  const inserted = splice(base, at, 0, r.chance(0.5) ? codeBlock(r) : ['inserted line']);
  return r.chance(0.5)
    ? { base, ours: deleted, theirs: inserted }
    : { base, ours: inserted, theirs: deleted };
};

function blocksOf(lines: readonly string[]): string[][] {
  const blocks: string[][] = [[]];
  for (const l of lines) {
    blocks[blocks.length - 1]!.push(l);
    if (l === '') blocks.push([]);
  }
  return blocks.filter((b) => b.length > 0);
}

function shuffle<T>(r: Random, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Whole-file rewrites: a new file, reordered blocks, every line touched. */
const rewrite: TextShape = (r) => {
  const base = codeModule(r);
  const small = randomEdit(r, base, 'small');
  const k = r.int(0, 3);
  let big: string[];
  if (k === 0) big = codeModule(r);
  else if (k === 1) big = shuffle(r, blocksOf(base)).flat();
  else big = base.map((l) => (l === '' ? l : `\t${l.trimStart()}`));
  if (k === 3) return { base, ours: big, theirs: big };
  return r.chance(0.5) ? { base, ours: big, theirs: small } : { base, ours: small, theirs: big };
};

/** Files made of a few repeated lines (long runs, frequent lines). */
const repetitive: TextShape = (r) => {
  const base = repetitiveLines(r);
  const edits = (tag: string) => {
    let out = base;
    for (let i = r.int(1, 3); i > 0; i--) {
      const at = r.int(0, out.length);
      out = r.chance(0.5)
        ? splice(out, at, r.int(0, 2), repetitiveLines(r, r.int(1, 4)))
        : randomEdit(r, out, tag);
    }
    return out;
  };
  return { base, ours: edits('o'), theirs: edits('t') };
};

/** Independent random edits on each side. */
const random: TextShape = (r) => {
  const base = anyBase(r);
  return {
    base,
    ours: randomEdits(r, base, 'o', r.int(1, 4)),
    theirs: randomEdits(r, base, 't', r.int(1, 4)),
  };
};

/** Edits far apart: the first third on one side, the last third on the other. */
const disjoint: TextShape = (r) => {
  const base = codeModule(r, r.int(6, 10));
  const third = Math.floor(base.length / 3);
  const near = (lo: number, tag: string) => {
    const at = lo + r.int(0, third - 1);
    return r.chance(0.5) ? splice(base, at, 1, [`${tag} ${base[at]}`]) : splice(base, at, 0, codeBlock(r));
  };
  return { base, ours: near(0, 'ours'), theirs: near(base.length - third, 'theirs') };
};

/** Edits at the end of the file (for files without a final newline). */
const endEdits: TextShape = (r) => {
  const base = anyBase(r);
  const n = base.length;
  const edit = (tag: string) => {
    const k = r.int(0, 2);
    if (k === 0) return [...base, `${tag} appended`];
    if (k === 1 && n > 0) return splice(base, n - 1, 1, [`${tag} last`]);
    return splice(base, Math.max(0, n - r.int(1, 3)), 0, [`${tag} near end`]);
  };
  return { base, ours: edit('ours'), theirs: edit('theirs') };
};

/** The line-level shapes with their weights (relative frequency in a run). */
export const TEXT_SHAPES: Record<string, { weight: number; make: TextShape }> = {
  'similar-blocks': { weight: 14, make: similarBlocks },
  'blank-bracket': { weight: 10, make: blankBracket },
  identical: { weight: 7, make: identical },
  adjacent: { weight: 8, make: adjacent },
  overlapping: { weight: 6, make: overlapping },
  'delete-next-to-insert': { weight: 7, make: deleteNextToInsert },
  rewrite: { weight: 4, make: rewrite },
  repetitive: { weight: 5, make: repetitive },
  random: { weight: 8, make: random },
  disjoint: { weight: 8, make: disjoint },
  'end-edits': { weight: 3, make: endEdits },
};
