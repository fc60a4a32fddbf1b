/** How human output marks outcomes: green for done, red for failed, yellow for warnings. */
export interface Style {
  ok(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
}

const same = (text: string) => text;

/** No colour (off a terminal, NO_COLOR, --no-color, and in tests of the renderers). */
export const PLAIN: Style = { ok: same, bad: same, warn: same };

const sgr = (open: number) => (text: string) => (text === '' ? text : `\u001b[${open}m${text}\u001b[39m`);

/** ANSI colours. */
export const COLORED: Style = { ok: sgr(32), bad: sgr(31), warn: sgr(33) };

/**
 * Whether to colour a stream: `--color` / `--no-color` win; else `NO_COLOR` (any non-empty value)
 * turns colour off and `FORCE_COLOR` (other than `0`) on; else only a terminal that is not `dumb`.
 */
export function colorEnabled(input: {
  flag: boolean | undefined;
  env: (name: string) => string | undefined;
  isTTY: boolean | undefined;
}): boolean {
  if (input.flag !== undefined) return input.flag;
  if (input.env('NO_COLOR')) return false;
  const force = input.env('FORCE_COLOR');
  if (force !== undefined && force !== '') return force !== '0';
  return Boolean(input.isTTY) && input.env('TERM') !== 'dumb';
}

/** The style for a stream. */
export function styleFor(input: Parameters<typeof colorEnabled>[0]): Style {
  return colorEnabled(input) ? COLORED : PLAIN;
}

const OK = new Set([
  'committed',
  'created',
  'updated',
  'adopted',
  'unchanged',
  'no_changes',
  'passed',
  'synced',
  'ok',
  'done',
]);
const BAD = new Set(['conflict', 'foreign_commits', 'checks_failed', 'commit_failed', 'error', 'failed']);

/** An outcome word in its colour: done green, failed red, anything else as it is. */
export function outcome(style: Style, word: string): string {
  if (OK.has(word)) return style.ok(word);
  if (BAD.has(word)) return style.bad(word);
  return word;
}
