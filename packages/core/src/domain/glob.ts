/** Translate a gitignore-style glob (`*`, `?`, `**`, `[abc]`) to an anchored RegExp over `/` paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** True when `path` or its basename matches any of the globs (policy `git_pr.forbidden_file_patterns`). */
export function matchesAnyGlob(path: string, globs: readonly string[]): string | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  for (const glob of globs) {
    const re = globToRegExp(glob);
    if (re.test(path) || re.test(base)) return glob;
  }
  return null;
}
