import { compileIgnorePattern, type IgnorePattern } from './ignore-pattern.js';

/** The patterns of one ignore file, relative to the directory that holds it. */
export class IgnoreLayer {
  readonly #base: string;
  readonly #patterns: readonly IgnorePattern[];

  private constructor(base: string, patterns: readonly IgnorePattern[]) {
    this.#base = base;
    this.#patterns = patterns;
  }

  /** Compile a file's text; `base` is its directory relative to the root (`''` or `dir/`). Null when empty. */
  static parse(base: string, text: string, ignoreCase: boolean): IgnoreLayer | null {
    const patterns: IgnorePattern[] = [];
    for (const line of text.replace(/^\uFEFF/, '').split('\n')) {
      const p = compileIgnorePattern(line, ignoreCase);
      if (p) patterns.push(p);
    }
    return patterns.length > 0 ? new IgnoreLayer(base, patterns) : null;
  }

  /**
   * The verdict of this file's last matching pattern on the path itself (true: excluded, false:
   * re-included, undefined: no pattern matches). Parent directories are not consulted: the walk
   * never enters an excluded directory, so each path is tested only when all its parents are in.
   */
  verdict(rel: string, name: string, isDir: boolean): boolean | undefined {
    const local = rel.slice(this.#base.length);
    for (let i = this.#patterns.length - 1; i >= 0; i--) {
      const p = this.#patterns[i];
      if (!p || (p.dirOnly && !isDir)) continue;
      if (p.regex.test(p.basename ? name : local)) return !p.negative;
    }
    return undefined;
  }
}

/**
 * Ignore files in precedence order: the deepest `.gitignore` first, then shallower ones, then
 * `$GIT_DIR/info/exclude`, then `core.excludesFile`. The first file with a matching pattern decides,
 * as in git (gitignore(5) "PATTERN FORMAT" precedence).
 */
export class IgnoreStack {
  readonly #layers: readonly IgnoreLayer[];

  constructor(layers: readonly IgnoreLayer[]) {
    this.#layers = layers;
  }

  /** A stack with `layer` (a directory's `.gitignore`) taking precedence over this one. */
  push(layer: IgnoreLayer | null): IgnoreStack {
    return layer ? new IgnoreStack([layer, ...this.#layers]) : this;
  }

  /** True when `rel` (path from the root; `name` its last component) is ignored. */
  excluded(rel: string, name: string, isDir: boolean): boolean {
    for (const layer of this.#layers) {
      const v = layer.verdict(rel, name, isDir);
      if (v !== undefined) return v;
    }
    return false;
  }
}
