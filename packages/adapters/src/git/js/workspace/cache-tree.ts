/**
 * Parse the index's cache-tree (`TREE`) extension into directory path → tree id, keeping only
 * valid nodes (git marks a node invalid, entry count -1, whenever a path below it changes).
 * Layout per node: NUL-terminated path component, ASCII "<entries> <subtrees>\n", the 20-byte id
 * when valid, then its subtrees depth-first.
 */
export function parseCacheTree(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  const stack: { prefix: string; remaining: number }[] = [];
  let at = 0;
  while (at < data.length) {
    const nul = data.indexOf(0, at);
    const eol = data.indexOf(0x0a, nul);
    if (nul < 0 || eol < 0) break;
    const name = data.toString('utf8', at, nul);
    const [entries, subtrees] = data
      .toString('latin1', nul + 1, eol)
      .split(' ')
      .map(Number);
    at = eol + 1;
    while (stack.length > 0 && stack[stack.length - 1]?.remaining === 0) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.remaining--;
    const path = parent ? `${parent.prefix}${name}` : '';
    if (entries !== undefined && entries >= 0) {
      out.set(path, data.toString('hex', at, at + 20));
      at += 20;
    }
    stack.push({ prefix: path === '' ? '' : `${path}/`, remaining: subtrees ?? 0 });
  }
  return out;
}
