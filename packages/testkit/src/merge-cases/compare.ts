import type { TreeMergeResult } from '@metawsm/core';
import type { GitMergeOutcome } from './git-oracle.js';

/**
 * How an engine's merge compares with git's:
 * - `agree`: both clean with the same tree, or both conflicted on the same set of paths;
 * - `conflict-paths-differ`: both conflicted, on different sets of paths;
 * - `conflict-where-git-clean`: the engine conflicted where git merged (safe, but counted);
 * - `clean-where-git-conflicts` / `clean-different-tree`: a wrong clean merge, never allowed;
 * - `engine-error`: the engine threw.
 */
export type Verdict =
  | 'agree'
  | 'conflict-paths-differ'
  | 'conflict-where-git-clean'
  | 'clean-where-git-conflicts'
  | 'clean-different-tree'
  | 'engine-error';

export const VERDICTS: readonly Verdict[] = [
  'agree',
  'conflict-paths-differ',
  'conflict-where-git-clean',
  'clean-where-git-conflicts',
  'clean-different-tree',
  'engine-error',
];

/** The verdicts that mean a wrong clean merge (docs/promotion.md: never). */
export const WRONG_CLEAN: readonly Verdict[] = ['clean-where-git-conflicts', 'clean-different-tree'];

/** Compare one engine result with git's outcome. */
export function judge(engine: TreeMergeResult | Error, git: GitMergeOutcome): Verdict {
  if (engine instanceof Error) return 'engine-error';
  if (engine.clean) {
    if (!git.clean) return 'clean-where-git-conflicts';
    return engine.tree === git.tree ? 'agree' : 'clean-different-tree';
  }
  if (git.clean) return 'conflict-where-git-clean';
  const mine = [...new Set(engine.conflicts.map((c) => c.path))].sort();
  return mine.length === git.paths.length && mine.every((p, i) => p === git.paths[i])
    ? 'agree'
    : 'conflict-paths-differ';
}

/** Counts per shape and verdict, plus the cases behind every disagreement. */
export class DifferentialReport {
  readonly #counts = new Map<string, Map<Verdict | 'cases' | 'git-clean', number>>();
  readonly failures: { index: number; shape: string; verdict: Verdict; detail: string }[] = [];

  add(shape: string, verdict: Verdict, gitClean: boolean, index: number, detail: string): void {
    for (const key of [shape, 'total']) {
      const row = this.#counts.get(key) ?? new Map<Verdict | 'cases' | 'git-clean', number>();
      row.set('cases', (row.get('cases') ?? 0) + 1);
      row.set(verdict, (row.get(verdict) ?? 0) + 1);
      if (gitClean) row.set('git-clean', (row.get('git-clean') ?? 0) + 1);
      this.#counts.set(key, row);
    }
    if (verdict !== 'agree') this.failures.push({ index, shape, verdict, detail });
  }

  /** Number of cases with `verdict` (or all cases for `cases`), over all shapes. */
  count(verdict: Verdict | 'cases' | 'git-clean'): number {
    return this.#counts.get('total')?.get(verdict) ?? 0;
  }

  /** A fixed-width table: one row per shape, one column per verdict. */
  table(): string {
    const cols = ['cases', 'git-clean', ...VERDICTS] as const;
    const head = ['shape'.padEnd(22), ...cols.map((c) => c.padStart(Math.max(6, c.length)))].join(' ');
    const shapes = [...this.#counts.keys()].filter((k) => k !== 'total').sort();
    const rows = [...shapes, 'total'].map((s) =>
      [
        s.padEnd(22),
        ...cols.map((c) => String(this.#counts.get(s)?.get(c) ?? 0).padStart(Math.max(6, c.length))),
      ].join(' '),
    );
    return [head, ...rows].join('\n');
  }
}
