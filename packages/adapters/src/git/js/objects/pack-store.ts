import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { MetawsmError } from '@metawsm/core';
import { pathExists } from '../repo/errors.js';

const HEADER_SIZE = 12;
const TRAILER_SIZE = 20;

/** Number of objects a pack declares, after checking its signature. */
export function packObjectCount(pack: Buffer): number {
  if (pack.length < HEADER_SIZE + TRAILER_SIZE || pack.toString('latin1', 0, 4) !== 'PACK') {
    throw new MetawsmError('REMOTE_FAILED', 'the remote sent an invalid pack', { hint: 'Retry the fetch.' });
  }
  return pack.readUInt32BE(8);
}

/**
 * Store a received pack in `<commonDir>/objects/pack` with an index (isomorphic-git
 * `indexPack`). Pack and index are written under temporary names and renamed into place,
 * pack first, so git never sees an index without its pack.
 */
export async function storePack(commonDir: string, pack: Buffer): Promise<void> {
  if (packObjectCount(pack) === 0) return;
  const dir = join(commonDir, 'objects', 'pack');
  await mkdir(dir, { recursive: true });
  const name = `pack-${pack.subarray(pack.length - TRAILER_SIZE).toString('hex')}`;
  if (await pathExists(join(dir, `${name}.idx`))) return;
  const tmp = `tmp-metawsm-${randomBytes(6).toString('hex')}`;
  try {
    await writeFile(join(dir, `${tmp}.pack`), pack);
    await git.indexPack({
      fs,
      dir: commonDir,
      gitdir: commonDir,
      filepath: join('objects', 'pack', `${tmp}.pack`),
    });
    await rename(join(dir, `${tmp}.pack`), join(dir, `${name}.pack`));
    await rename(join(dir, `${tmp}.idx`), join(dir, `${name}.idx`));
  } catch (e) {
    throw new MetawsmError('GIT_FAILED', 'cannot store the fetched objects', {
      hint: 'Check free disk space and the permissions of the repository.',
      cause: e,
    });
  } finally {
    await rm(join(dir, `${tmp}.pack`), { force: true });
    await rm(join(dir, `${tmp}.idx`), { force: true });
  }
}
