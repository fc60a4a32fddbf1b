/** The longest run of backticks in `text`. */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}

/**
 * A fenced block whose fence is longer than any run of backticks in `text` (at least 3), so no
 * line of the text can close it: untrusted text stays inside.
 */
export function fenced(text: string, info = 'text'): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  const body = text.replace(/\r\n?/g, '\n');
  return `${fence}${info}\n${body}${body.endsWith('\n') ? '' : '\n'}${fence}`;
}

/**
 * The lines of a markdown document that are outside fenced code blocks. Used to find metawsm's
 * own markers: a marker-looking line inside fenced (untrusted) text never counts.
 */
export function linesOutsideFences(markdown: string): string[] {
  const out: string[] = [];
  let open: { char: string; length: number } | null = null;
  for (const line of markdown.split(/\r?\n/)) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (open === null) {
      if (m?.[1] && !(m[1][0] === '`' && (m[2] ?? '').includes('`')))
        open = { char: m[1][0]!, length: m[1].length };
      else out.push(line);
    } else if (m?.[1] && m[1][0] === open.char && m[1].length >= open.length && (m[2] ?? '').trim() === '') {
      open = null;
    }
  }
  return out;
}

/** One header value on one line: control characters and line breaks become spaces, capped in length. */
export function oneLine(value: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
