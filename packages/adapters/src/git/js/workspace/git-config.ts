import type { ConfigEntry } from './config-parser.js';
import { gitFailed } from '../repo/errors.js';

/** One parsed config file and where it came from. */
export interface ConfigFile {
  path: string;
  entries: ConfigEntry[];
}

/**
 * Config values from several files, lowest precedence first (system, global, repository,
 * worktree), so that for a single-valued key the last occurrence wins, as in git.
 */
export class GitConfig {
  readonly #files: readonly ConfigFile[];

  constructor(files: readonly ConfigFile[]) {
    this.#files = files;
  }

  /** The files this config was read from, lowest precedence first. */
  get files(): readonly ConfigFile[] {
    return this.#files;
  }

  /** The effective (last) value of `section[.subsection].key`; undefined when unset, null for a bare key. */
  get(section: string, subsection: string | null, key: string): string | null | undefined {
    const s = section.toLowerCase();
    const k = key.toLowerCase();
    let found: string | null | undefined;
    for (const file of this.#files) {
      for (const e of file.entries) {
        if (e.section === s && e.subsection === subsection && e.key === k) found = e.value;
      }
    }
    return found;
  }

  /** A string value, or null when unset (a bare key counts as unset for strings). */
  getString(section: string, subsection: string | null, key: string): string | null {
    return this.get(section, subsection, key) ?? null;
  }

  /** A boolean value with git's spellings (true/yes/on/1, false/no/off/0/empty, integers). */
  getBool(section: string, subsection: string | null, key: string, fallback: boolean): boolean {
    const v = this.get(section, subsection, key);
    if (v === undefined) return fallback;
    const parsed = parseConfigBool(v);
    if (parsed === undefined) {
      throw gitFailed(
        `bad boolean config value "${v}" for ${section}.${key}`,
        'Fix the value with `git config` (true/false).',
      );
    }
    return parsed;
  }
}

/** Parse one config boolean; undefined when it is not one. A key without `=` is true. */
export function parseConfigBool(value: string | null): boolean | undefined {
  if (value === null) return true;
  const v = value.toLowerCase();
  if (v === 'true' || v === 'yes' || v === 'on') return true;
  if (v === 'false' || v === 'no' || v === 'off' || v === '') return false;
  if (/^-?\d+[kmg]?$/.test(v)) return parseInt(v, 10) !== 0;
  return undefined;
}
