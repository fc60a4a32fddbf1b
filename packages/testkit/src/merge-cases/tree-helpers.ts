import { file, joinLines, type CaseFile, type CaseTree } from './case.js';
import { codeModule, identifier, numberedLines } from './code-text.js';
import type { Random } from './random.js';
import { randomEdit } from './text-shapes.js';

/** A generator of a whole three-way tree merge. */
export type TreeShape = (r: Random) => { base: CaseTree; ours: CaseTree; theirs: CaseTree };

/** Unrelated files every tree case carries, so trees have siblings and subdirectories. */
export function filler(r: Random): CaseTree {
  return {
    'README.md': file(joinLines(numberedLines(r, r.int(2, 6)))),
    [`lib/${identifier(r)}.js`]: file(joinLines(codeModule(r, 2))),
  };
}

/** `tree` with `write` applied and `remove` (paths or directory prefixes) deleted. */
export function change(tree: CaseTree, write: CaseTree = {}, remove: string[] = []): CaseTree {
  const out: CaseTree = {};
  for (const [p, f] of Object.entries(tree))
    if (!remove.some((r) => p === r || p.startsWith(`${r}/`))) out[p] = f;
  return { ...out, ...write };
}

export const exec = (data: string): CaseFile => ({ mode: '100755', data });
export const link = (target: string): CaseFile => ({ mode: '120000', data: target });
export const gitlink = (r: Random): CaseFile => ({
  mode: '160000',
  data: Array.from({ length: 40 }, () => '0123456789abcdef'[r.int(0, 15)]).join(''),
});
export const moduleText = (r: Random) => joinLines(codeModule(r, r.int(2, 5)));
export const edited = (r: Random, data: string, tag: string) =>
  joinLines(randomEdit(r, data.split('\n').slice(0, -1), tag));
