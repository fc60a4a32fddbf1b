import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '@metawsm/core';

/** Attributes that change how git merges a file's content (a driver, `-merge`, the `binary` macro). */
const MERGE_ATTRIBUTE = /(^|\s)([-!]?merge(=\S*)?|binary)(\s|$)/;

/**
 * True when the workspace's `.gitattributes` (top folder) or `info/attributes` set a merge
 * attribute: git then merges the matching files with another driver (binary, union, a custom
 * one), so the js engine's line merge could differ and a clean line merge must not be trusted.
 */
export function hasMergeAttributes(ws: Workspace): boolean {
  for (const file of [join(ws.path, '.gitattributes'), join(ws.commonDir, 'info', 'attributes')]) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t !== '' && !t.startsWith('#') && MERGE_ATTRIBUTE.test(t.slice(t.search(/\s/) + 1 || t.length)))
        return true;
    }
  }
  return false;
}
