import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Oid } from '@metawsm/core';
import { isOid } from './object-id.js';

/**
 * The commits at the boundary of a shallow clone (`<common dir>/shallow`, one id per line):
 * their parents are not in the repository and, as in git, they are walked as if they had none.
 * Empty for a complete repository.
 */
export function readShallow(commonDir: string): Set<Oid> {
  let text: string;
  try {
    text = readFileSync(join(commonDir, 'shallow'), 'latin1');
  } catch {
    return new Set();
  }
  return new Set(text.split('\n').filter(isOid));
}
