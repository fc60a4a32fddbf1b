import { readFileSync, readlinkSync } from 'node:fs';
import { errnoCode, gitFailed } from '../repo/errors.js';
import { hashObject } from '../repo/object-id.js';
import type { ObjectStore } from '../repo/object-store.js';
import { readHead } from '../repo/refs.js';
import { resolveDotGit } from './repo-dirs.js';
import type { PendingContent } from './work-entry.js';

/** Where hashed file content goes: nowhere (computing a tree id) or into the object database. */
export interface BlobSink {
  /** The blob id of `content`, stored if needed; `knownOid` is an id the database already holds. */
  store(content: Buffer, knownOid: string | null): Promise<string>;
}

/** Hash only: for `workspaceTree`, which must not write anything. */
export const hashOnlySink: BlobSink = {
  store: (content) => Promise.resolve(hashObject('blob', content)),
};

/** Hash, and write the blob unless the database already holds it under the same id. */
export function writingSink(db: ObjectStore): BlobSink {
  return {
    async store(content, knownOid) {
      const oid = hashObject('blob', content);
      if (oid !== knownOid) await db.write('blob', content, oid);
      return oid;
    },
  };
}

const PARALLEL = 8;

/**
 * Give every pending entry its oid: blob ids from file content or symlink targets (stored byte
 * for byte: no clean filters, no CRLF conversion), commit ids from nested repositories' HEADs.
 * An entry whose file vanished keeps an empty oid (treated as deleted).
 */
export async function resolvePending(pending: readonly PendingContent[], sink: BlobSink): Promise<void> {
  for (let i = 0; i < pending.length; i += PARALLEL) {
    await Promise.all(pending.slice(i, i + PARALLEL).map((p) => resolveOne(p, sink)));
  }
}

async function resolveOne(p: PendingContent, sink: BlobSink): Promise<void> {
  if (p.kind === 'gitlink') {
    // A gitlink whose repository has no commit keeps the index's id (git's ce_compare_gitlink).
    p.entry.oid = (await nestedHead(p.abs)) ?? p.knownOid ?? '';
    return;
  }
  const content = readContent(p);
  if (content) p.entry.oid = await sink.store(content, p.knownOid);
}

function readContent(p: PendingContent): Buffer | null {
  try {
    return p.kind === 'symlink' ? readlinkSync(p.abs, { encoding: 'buffer' }) : readFileSync(p.abs);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'EINVAL') return null;
    throw gitFailed(`cannot read ${p.abs}`, 'Check the file permissions in the workspace.', e);
  }
}

/** The commit a nested repository's HEAD points at, or null (no repository, unborn, unreadable). */
async function nestedHead(abs: string): Promise<string | null> {
  try {
    const dirs = await resolveDotGit(abs);
    return 'gitDir' in dirs ? (await readHead(dirs)).headSha : null;
  } catch {
    return null;
  }
}
