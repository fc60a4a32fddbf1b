import { copyFile, mkdir, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workspace } from '@metawsm/core';
import { configEnv } from './git-env.js';

/** Environment that points git at a private index (and, for a dry computation, a scratch object dir). */
export type IndexEnv = Record<string, string>;

/**
 * Run `fn` with a private copy of the workspace's index, outside the repository (so a killed
 * process leaves nothing in it). The copy keeps git's stat cache, so `add -A` only hashes what
 * changed. Its mtime is set to the original's, rounded down to the second: entries written in the
 * same second as the original index stay "racily clean" and git re-checks their content, as it
 * would for the original. (Reading a split index still refreshes its shared file's mtime, as
 * every git command reading it does; its bytes never change.) With `scratchObjects`, new objects go to a scratch directory that
 * borrows the repository's objects as an alternate, so nothing is written to the repository.
 */
export async function withTempIndex<T>(
  ws: Workspace,
  options: { scratchObjects: boolean; baseEnv: NodeJS.ProcessEnv },
  fn: (env: IndexEnv) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'metawsm-index-'));
  try {
    const index = join(dir, 'index');
    await copyIndex(join(ws.gitDir, 'index'), index);
    // A split index is read as usual but written whole: with core.splitIndex, any command that
    // writes the private index (add, write-tree, read-tree) would add a sharedindex.* file to
    // the workspace's git dir.
    const env: IndexEnv = {
      GIT_INDEX_FILE: index,
      ...configEnv(options.baseEnv, [['core.splitIndex', 'false']]),
    };
    if (options.scratchObjects) {
      const objects = join(dir, 'objects');
      await mkdir(objects);
      env.GIT_OBJECT_DIRECTORY = objects;
      env.GIT_ALTERNATE_OBJECT_DIRECTORIES = join(ws.commonDir, 'objects');
    }
    return await fn(env);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function copyIndex(from: string, to: string): Promise<void> {
  const st = await stat(from, { bigint: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null; // no index yet (fresh repository): git starts an empty one
    throw e;
  });
  if (st === null) return;
  await copyFile(from, to);
  const seconds = Number(st.mtimeNs / 1_000_000_000n);
  await utimes(to, seconds, seconds);
}
