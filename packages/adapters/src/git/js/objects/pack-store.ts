import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MetawsmError } from '@metawsm/core';
import { indexPack } from '../pack/pack-indexer.js';
import { pathExists } from '../repo/errors.js';
import type { ObjectStore } from '../repo/object-store.js';

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
 * Store a received pack in `<commonDir>/objects/pack` with an index we compute ourselves (the
 * pack in memory is the only copy of its data; see `indexPack`). Pack and index are written
 * under temporary names and renamed into place, pack first, so git never sees an index without
 * its pack. A pack that fails its checksum or has unresolvable deltas is REMOTE_FAILED.
 */
export async function storePack(store: ObjectStore, pack: Buffer): Promise<void> {
  if (packObjectCount(pack) === 0) return;
  const dir = join(store.gitdir, 'objects', 'pack');
  let indexed: { idx: Buffer; checksum: string };
  try {
    indexed = indexPack(pack, (oid) => store.readSync(oid));
  } catch (e) {
    throw new MetawsmError('REMOTE_FAILED', 'the remote sent a pack that cannot be indexed', {
      hint: 'Retry the fetch; if it persists, check the remote repository.',
      cause: e,
    });
  }
  const name = `pack-${indexed.checksum}`;
  if (await pathExists(join(dir, `${name}.idx`))) return;
  const tmp = `tmp-metawsm-${randomBytes(6).toString('hex')}`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${tmp}.pack`), pack);
    await writeFile(join(dir, `${tmp}.idx`), indexed.idx);
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
