import type { Random } from './random.js';

const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma', 'kappa', 'theta', 'lambda', 'zeta'];

/** A fresh identifier (collisions are fine: they make similar blocks). */
export function identifier(r: Random): string {
  return `${r.pick(NAMES)}${r.int(0, 30)}`;
}

/**
 * A code-like block: functions, object literals and classes that share their skeleton lines
 * (`}`, `  return 0;`, blank lines), the material that misleads a diff without git's alignment.
 */
export function codeBlock(r: Random, name = identifier(r), variant = r.int(0, 4)): string[] {
  const v = r.int(1, 9);
  switch (variant) {
    case 0:
      return [
        `function ${name}(a) {`,
        `  const v = a + ${v};`,
        `  if (v > ${v}) {`,
        `    return v;`,
        `  }`,
        `  return 0;`,
        `}`,
      ];
    case 1:
      return [`function ${name}(a, b) {`, `  return a * b + ${v};`, `}`];
    case 2:
      return [`export const ${name} = {`, `  id: ${v},`, `  name: '${name}',`, `};`];
    case 3:
      return [`class ${name.toUpperCase()} {`, `  run() {`, `    return ${v};`, `  }`, `}`];
    default:
      return [`if (${name}) {`, `  ${name}.close();`, `}`];
  }
}

/** A module: a few imports, then `blocks` code blocks separated by blank lines. */
export function codeModule(r: Random, blocks = r.int(3, 8)): string[] {
  const out: string[] = [];
  for (let i = r.int(0, 3); i > 0; i--) out.push(`import { ${identifier(r)} } from './${identifier(r)}';`);
  if (out.length > 0) out.push('');
  for (let b = 0; b < blocks; b++) {
    out.push(...codeBlock(r));
    if (b < blocks - 1 || r.chance(0.5)) out.push('');
  }
  return out;
}

/** Lines drawn from a tiny alphabet: long runs of repeated lines (histogram counts, sliding). */
export function repetitiveLines(r: Random, count = r.int(10, 150)): string[] {
  const alphabet = ['', '}', '  }', '  return 0;', 'x', '0,', `v${r.int(0, 3)}`];
  const small = alphabet.slice(0, r.int(2, alphabet.length));
  return Array.from({ length: count }, () => r.pick(small));
}

/** Plain numbered lines (every line unique). */
export function numberedLines(r: Random, count = r.int(3, 40)): string[] {
  return Array.from({ length: count }, (_, i) => `line ${i}`);
}

/** Indices `i` (0..length) where line `i - 1` is blank or a closing bracket: natural insertion points. */
export function boundaries(lines: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 1; i <= lines.length; i++) if (/^\s*([}\])][;,]?)?$/.test(lines[i - 1]!)) out.push(i);
  return out.length > 0 ? out : [lines.length];
}

/** A copy of `lines` with `count` lines at `at` replaced by `insert`. */
export function splice(
  lines: readonly string[],
  at: number,
  count: number,
  insert: readonly string[] = [],
): string[] {
  const out = [...lines];
  out.splice(Math.max(0, Math.min(at, out.length)), count, ...insert);
  return out;
}
