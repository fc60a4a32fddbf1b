import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { FileModes } from '@metawsm/core';
import { hashObject } from '../repo/object-id.js';
import type { IndexSource } from './checkout-plan.js';
import { statDataOf, ZERO_STAT, type IndexEntry, type StatData } from './index-entry.js';

/**
 * The index after a checkout: one stage-0 entry per target path with stat data that lets
 * `git status` trust it. Entries whose file does not (or no longer) hold the target content get
 * all-zero stat data, which makes git compare the content instead of trusting the cache.
 */
export function indexAfterCheckout(root: string, sources: readonly IndexSource[]): IndexEntry[] {
  return sources.map((s) => ({
    path: s.leaf.path,
    mode: parseInt(s.leaf.mode, 8),
    oid: s.leaf.oid,
    stage: 0,
    assumeValid: false,
    skipWorktree: false,
    intentToAdd: false,
    ...statFor(root, s),
  }));
}

function statFor(root: string, s: IndexSource): StatData {
  if (s.how === 'stat-cache') return s.entry.clean ? pickStat(s.entry.clean) : ZERO_STAT;
  const abs = join(root, s.leaf.path);
  try {
    const st = lstatSync(abs, { bigint: true, throwIfNoEntry: false });
    if (!st) return ZERO_STAT;
    if (s.leaf.mode === FileModes.SUBMODULE) return st.isDirectory() ? statDataOf(st) : ZERO_STAT;
    if (s.how === 'written') return statDataOf(st);
    const content = st.isSymbolicLink()
      ? readlinkSync(abs, { encoding: 'buffer' })
      : st.isFile()
        ? readFileSync(abs)
        : null;
    return content && hashObject('blob', content) === s.leaf.oid ? statDataOf(st) : ZERO_STAT;
  } catch {
    return ZERO_STAT;
  }
}

function pickStat(e: StatData): StatData {
  const { ctimeSec, ctimeNsec, mtimeSec, mtimeNsec, dev, ino, uid, gid, size } = e;
  return { ctimeSec, ctimeNsec, mtimeSec, mtimeNsec, dev, ino, uid, gid, size };
}
