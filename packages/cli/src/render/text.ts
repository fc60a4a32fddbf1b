/** Short sha for humans. */
export const short = (sha: string | null | undefined): string => (sha ? sha.slice(0, 10) : '-');

/** Left-aligned columns. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}

/** A failed check's output tail, indented under its line (`indent` spaces, then `| `). */
export function outputLines(check: { status: string; outputTail?: string[] }, indent: number): string[] {
  if (check.status !== 'failed') return [];
  return (check.outputTail ?? []).map((line) => `${' '.repeat(indent)}| ${line}`);
}
