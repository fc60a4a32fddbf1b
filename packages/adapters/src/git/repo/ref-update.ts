import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MetawsmError, type Oid, type Workspace } from '@metawsm/core';
import { assertFullRef, loosePath, readRawRef, resolveRefName } from './refs.js';

/** How long to wait for another process's `<ref>.lock` (git waits 100 ms by default). */
export interface RefLockPolicy {
  timeoutMs: number;
  sleep(ms: number): Promise<void>;
}

/** Default lock policy: wait up to one second, polling every 20 ms. */
export const DEFAULT_REF_LOCK: RefLockPolicy = {
  timeoutMs: 1000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const POLL_MS = 20;

type Dirs = Pick<Workspace, 'gitDir' | 'commonDir'>;

/** Open `<path>.lock` exclusively, waiting up to the policy's timeout; null when it stays locked. */
async function acquire(ref: string, path: string, policy: RefLockPolicy): Promise<FileHandle | null> {
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (e) {
    throw new MetawsmError('GIT_FAILED', `cannot create ref ${ref}: a ref with a prefix of its name exists`, {
      hint: 'Delete or rename the conflicting ref (git refuses refs/heads/a and refs/heads/a/b together).',
      data: { ref },
      cause: e,
    });
  }
  for (let waited = 0; ; waited += POLL_MS) {
    try {
      return await open(`${path}.lock`, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new MetawsmError('GIT_FAILED', `cannot lock ref ${ref}`, { data: { ref }, cause: e });
      }
      if (waited >= policy.timeoutMs) return null;
      await policy.sleep(POLL_MS);
    }
  }
}

/**
 * Set `ref` to `newOid` under git's own locking protocol: create `<ref>.lock` exclusively, check
 * the current value (loose or packed) while holding the lock, write the lock file and rename it
 * over the ref. `expectedOld` undefined means "any value" (a forced update); null means "must
 * not exist". The lock file never outlives the call.
 */
export async function lockedRefUpdate(
  ws: Dirs,
  req: { ref: string; newOid: Oid; expectedOld?: Oid | null },
  policy: RefLockPolicy = DEFAULT_REF_LOCK,
): Promise<void> {
  assertFullRef(req.ref);
  const target = (await resolveRefName(ws, req.ref)).ref;
  const path = loosePath(ws, target);
  const handle = await acquire(target, path, policy);
  if (handle === null) {
    // Still locked: if the value already differs, the swap fails either way; say so precisely.
    if (req.expectedOld !== undefined) await checkCurrent(ws, target, req.expectedOld);
    throw new MetawsmError('GIT_FAILED', `ref ${target} is locked by another process`, {
      hint: `If no git process is running, remove the stale lock file ${path}.lock and retry.`,
      data: { ref: target, lockFile: `${path}.lock` },
    });
  }
  let closed = false;
  let renamed = false;
  try {
    if (req.expectedOld !== undefined) await checkCurrent(ws, target, req.expectedOld);
    await handle.writeFile(`${req.newOid}\n`);
    await handle.close();
    closed = true;
    await renameIntoPlace(target, path);
    renamed = true;
  } finally {
    if (!closed) await handle.close().catch(() => undefined);
    if (!renamed) await rm(`${path}.lock`, { force: true }).catch(() => undefined);
  }
}

async function checkCurrent(ws: Dirs, ref: string, expected: Oid | null): Promise<void> {
  const raw = await readRawRef(ws, ref);
  const actual = raw.kind === 'oid' ? raw.oid : null;
  if (raw.kind !== 'symbolic' && actual === expected) return;
  throw new MetawsmError(
    'REF_CHANGED',
    `ref ${ref} changed: expected ${expected ?? 'no ref'}, found ${actual ?? 'no ref'}`,
    {
      hint: 'Another process updated the ref; re-run the command to start from its new value.',
      data: { ref, expected, actual },
    },
  );
}

async function renameIntoPlace(ref: string, path: string): Promise<void> {
  try {
    await rename(`${path}.lock`, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const dirClash = code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST';
    throw new MetawsmError(
      'GIT_FAILED',
      dirClash ? `cannot create ref ${ref}: refs exist below ${ref}/` : `cannot update ref ${ref}`,
      {
        hint: dirClash
          ? 'Delete or rename the refs under that name first.'
          : 'Check the permissions of the repository.',
        data: { ref },
        cause: e,
      },
    );
  }
}
