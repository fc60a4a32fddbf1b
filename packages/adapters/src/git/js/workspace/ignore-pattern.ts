/** One compiled line of a .gitignore / exclude file. */
export interface IgnorePattern {
  /** `!pattern`: re-includes what an earlier pattern excluded. */
  negative: boolean;
  /** `pattern/`: matches directories only. */
  dirOnly: boolean;
  /** No `/` inside: matched against the last path component at any depth. */
  basename: boolean;
  regex: RegExp;
}

/**
 * Compile one line of gitignore syntax (gitignore(5)); null for blanks and comments.
 * Matching follows git's wildmatch with WM_PATHNAME: `*`, `?` and brackets never match `/`;
 * `**` matches across directories only as a whole component (`**\/x`, `x/**`, `a/**\/b`).
 */
export function compileIgnorePattern(rawLine: string, ignoreCase: boolean): IgnorePattern | null {
  let p = trimTrailingSpaces(rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine);
  if (p === '' || p.startsWith('#')) return null;
  const negative = p.startsWith('!');
  if (negative) p = p.slice(1);
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  const basename = !p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  if (p === '') return null;
  const body = wildmatchRegex(p);
  const regex = body === null ? /(?!)/ : new RegExp(`^${body}$`, ignoreCase ? 'isu' : 'su');
  return { negative, dirOnly, basename, regex };
}

/** git's trim_trailing_spaces: unescaped trailing spaces (not tabs) are dropped. */
function trimTrailingSpaces(line: string): string {
  let cut = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ') {
      if (cut < 0) cut = i;
    } else {
      if (c === '\\') i++;
      cut = -1;
    }
  }
  return cut < 0 ? line : line.slice(0, cut);
}

/** Regex source for a wildmatch pattern; null when git would never match it (e.g. a bad bracket). */
function wildmatchRegex(p: string): string | null {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i] ?? '';
    if (c === '\\') {
      i++;
      if (i >= p.length) return null;
      out += escapeRegex(p[i] ?? '');
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '*') {
      let j = i;
      while (p[j + 1] === '*') j++;
      const wholeComponent =
        j > i && (i === 0 || p[i - 1] === '/') && (j + 1 === p.length || p[j + 1] === '/');
      if (!wholeComponent) out += '[^/]*';
      else if (j + 1 === p.length) out += '.*';
      else {
        out += '(?:.*/)?';
        j++;
      }
      i = j;
    } else if (c === '[') {
      const bracket = bracketRegex(p, i);
      if (bracket === null) return null;
      out += bracket.regex;
      i = bracket.end;
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

const CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

/** A bracket expression starting at `p[start] === '['`; `end` is the index of its `]`. */
function bracketRegex(p: string, start: number): { regex: string; end: number } | null {
  let i = start + 1;
  const negate = p[i] === '!' || p[i] === '^';
  if (negate) i++;
  let items = '';
  for (let first = true; i < p.length; first = false, i++) {
    let c = p[i] ?? '';
    if (c === ']' && !first) return { regex: negate ? `[^/${items}]` : `(?!/)[${items}]`, end: i };
    if (c === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      const cls = close < 0 ? undefined : CLASSES[p.slice(i + 2, close)];
      if (cls === undefined) return null;
      items += cls;
      i = close + 1;
      continue;
    }
    if (c === '\\') c = p[++i] ?? '';
    if (p[i + 1] === '-' && p[i + 2] !== undefined && p[i + 2] !== ']') {
      let hi = p[i + 2] ?? '';
      i += 2;
      if (hi === '\\') hi = p[++i] ?? '';
      // wildmatch treats a reversed range as matching nothing; JavaScript would throw.
      if (c <= hi) items += `${classChar(c)}-${classChar(hi)}`;
      continue;
    }
    items += classChar(c);
  }
  return null;
}

function classChar(c: string): string {
  return `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`;
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}
