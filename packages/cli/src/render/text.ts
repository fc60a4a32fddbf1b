import { outcome, type Style } from './color.js';

/** Short sha for humans. */
export const short = (sha: string | null | undefined): string => (sha ? sha.slice(0, 10) : '-');

/**
 * Left-aligned columns. `paint` colours a cell after it is padded, so escape codes never count
 * towards a column's width.
 */
export function table(
  rows: string[][],
  paint?: (cell: string, row: number, column: number) => string,
): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row, r) =>
      row
        .map((cell, i) => {
          const padded = i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0);
          return paint && cell !== '' ? paint(padded, r, i) : padded;
        })
        .join('  '),
    )
    .join('\n');
}

/** `word` padded to `width`, coloured by outcome (the padding stays uncoloured). */
export function paddedOutcome(style: Style, word: string, width: number): string {
  return `${outcome(style, word)}${' '.repeat(Math.max(0, width - word.length))}`;
}

/** A failed check's output tail, indented under its line (`indent` spaces, then `| `). */
export function outputLines(check: { status: string; outputTail?: string[] }, indent: number): string[] {
  if (check.status !== 'failed') return [];
  return (check.outputTail ?? []).map((line) => `${' '.repeat(indent)}| ${line}`);
}
