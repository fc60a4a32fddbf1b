/** Tree entry modes the generated cases use. */
export type CaseMode = '100644' | '100755' | '120000' | '160000';

/**
 * One non-directory entry of a generated tree. `data` is the file content for regular files,
 * the link target for symlinks (120000) and a 40-hex commit id for gitlinks (160000).
 */
export interface CaseFile {
  mode: CaseMode;
  data: string;
}

/** A tree as a flat map from `/`-separated path to entry (directories are implied). */
export type CaseTree = Record<string, CaseFile>;

/** One generated three-way merge: `ours` and `theirs` both derive from `base`. */
export interface MergeCase {
  index: number;
  /** The generator shape that produced it (reported per shape). */
  shape: string;
  base: CaseTree;
  ours: CaseTree;
  theirs: CaseTree;
}

/** A regular (non-executable) file. */
export const file = (data: string): CaseFile => ({ mode: '100644', data });

/** Lines joined with `eol`; the last line gets a terminator only when `finalNewline`. */
export function joinLines(lines: readonly string[], eol = '\n', finalNewline = true): string {
  if (lines.length === 0) return '';
  return lines.join(eol) + (finalNewline ? eol : '');
}

/** Three versions of one file's lines, before they are joined. */
export interface LineTriple {
  base: string[];
  ours: string[];
  theirs: string[];
}
