/**
 * Compare two strings in the order of their UTF-8 bytes (git's `memcmp` order for paths).
 * JavaScript's `<` compares UTF-16 code units, which disagrees with UTF-8 byte order for characters
 * above U+FFFF versus U+E000..U+FFFF; remapping the code units restores code-point (= UTF-8) order.
 * For binary strings (one char per byte, as tree names read with `'binary'`) this is byte order too.
 */
export function compareBytewise(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** Git's tree-entry order: names compared bytewise, a tree's name as if it ended with `/`. */
export function compareTreeNames(a: string, aIsTree: boolean, b: string, bIsTree: boolean): number {
  return compareBytewise(aIsTree ? `${a}/` : a, bIsTree ? `${b}/` : b);
}
