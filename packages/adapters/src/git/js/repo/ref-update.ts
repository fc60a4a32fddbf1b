import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { MetawsmError, type Oid } from '@metawsm/core';
import { errnoCode } from './errors.js';
import { LockFile, type LockErrors, type LockWait } from './lock-file.js';
import { assertFullRef, loosePath, readRawRef, resolveRefName, type GitDirs } from './refs.js';

/** Default wait for another process's `<ref>.lock` in compare-and-swap updates: up to one second. */
export const DEFAULT_REF_LOCK: LockWait = {
  timeoutMs: 1000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A ref update: `expectedOld` undefined means "any value" (forced); null means "must not exist". */
export interface RefUpdate {
  ref: string;
  newOid: Oid;
  expectedOld?: Oid | null;
}

/**
 * Set `ref` to `newOid` under git's own locking protocol: create `<ref>.lock` exclusively
 * (waiting as `wait` allows; absent: not at all), check the current value (loose or packed)
 * while holding the lock, write the lock file and rename it over the ref. Symbolic refs are
 * followed to the ref they name. The lock file never outlives the call.
 */
export async function lockedRefUpdate(dirs: GitDirs, req: RefUpdate, wait?: LockWait): Promise<void> {
  await refUpdate(dirs, req, wait, 'throw');
}

/**
 * {@link lockedRefUpdate} for a ref that only caches what a remote said (`refs/remotes/…`): when
 * its lock stays held (another git process, or one left by a process killed mid-write) the update
 * is skipped and false returned instead of failing the command; the lock file is left alone.
 */
export async function cachedRefUpdate(dirs: GitDirs, req: RefUpdate, wait?: LockWait): Promise<boolean> {
  return refUpdate(dirs, req, wait, 'skip');
}

/** metawsm's per-run snapshot refs: only metawsm writes them, under the lock of the run they name. */
const RUN_OWNED_REFS = /^refs\/metawsm\/snapshots\//;

/**
 * {@link lockedRefUpdate}, forced, for a ref only metawsm writes under the lock of the run it names
 * (`refs/metawsm/snapshots/<run>/…`; any other ref is updated as {@link lockedRefUpdate} does). A
 * lock on it still held after `wait` was left by a metawsm process killed mid-write (the run lock
 * admits one process per run, and no git command writes there): it is removed, and the update made.
 */
export async function ownedRefUpdate(
  dirs: GitDirs,
  req: RefUpdate,
  wait: LockWait = DEFAULT_REF_LOCK,
): Promise<void> {
  if (!RUN_OWNED_REFS.test(req.ref)) {
    await refUpdate(dirs, req, undefined, 'throw');
    return;
  }
  if (await refUpdate(dirs, req, wait, 'skip')) return;
  const stale = `${loosePath(dirs, (await resolveRefName(dirs, req.ref)).ref)}.lock`;
  await unlink(stale).catch((e: unknown) => {
    if (errnoCode(e) !== 'ENOENT') throw e;
  });
  await refUpdate(dirs, req, undefined, 'throw');
}

async function refUpdate(
  dirs: GitDirs,
  req: RefUpdate,
  wait: LockWait | undefined,
  whenBusy: 'throw' | 'skip',
): Promise<boolean> {
  assertFullRef(req.ref);
  const target = (await resolveRefName(dirs, req.ref)).ref;
  const path = loosePath(dirs, target);
  const errors = refLockErrors(target, path);
  const lock = await LockFile.tryAcquire(path, { createDirs: true, wait, errors });
  if (lock === null) {
    if (whenBusy === 'skip') return false;
    // Still locked: if the value already differs, the swap fails either way; say so precisely.
    if (req.expectedOld !== undefined) await checkCurrent(dirs, target, req.expectedOld);
    throw errors('busy', null);
  }
  try {
    if (req.expectedOld !== undefined) await checkCurrent(dirs, target, req.expectedOld);
    await lock.commit(`${req.newOid}\n`);
    return true;
  } finally {
    await lock.release();
  }
}

/** Make the worktree's HEAD a symbolic ref to `ref`, through `HEAD.lock` (no wait). */
export async function writeSymbolicHead(dirs: GitDirs, ref: string): Promise<void> {
  const lock = await LockFile.acquire(join(dirs.gitDir, 'HEAD'));
  await lock.commit(`ref: ${ref}\n`);
}

async function checkCurrent(dirs: GitDirs, ref: string, expected: Oid | null): Promise<void> {
  const raw = await readRawRef(dirs, ref);
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

/** Errors that name the ref and the ref-specific causes (prefix clashes, stale locks). */
function refLockErrors(ref: string, path: string): LockErrors {
  return (step, cause) => {
    switch (step) {
      case 'dirs':
        return new MetawsmError(
          'GIT_FAILED',
          `cannot create ref ${ref}: a ref with a prefix of its name exists`,
          {
            hint: 'Delete or rename the conflicting ref (git refuses refs/heads/a and refs/heads/a/b together).',
            data: { ref },
            cause,
          },
        );
      case 'create':
        return new MetawsmError('GIT_FAILED', `cannot lock ref ${ref}`, { data: { ref }, cause });
      case 'busy':
        return new MetawsmError('GIT_FAILED', `ref ${ref} is locked by another process`, {
          hint: `If no git process is running, remove the stale lock file ${path}.lock and retry.`,
          data: { ref, lockFile: `${path}.lock` },
        });
      case 'write':
        return new MetawsmError('GIT_FAILED', `cannot write ref ${ref}`, {
          hint: `Check free disk space and the permissions of ${path}.lock's directory, then retry.`,
          data: { ref, errno: errnoCode(cause) ?? null },
          cause,
        });
      case 'rename':
        return renameError(ref, cause);
    }
  };
}

function renameError(ref: string, cause: unknown): MetawsmError {
  const code = errnoCode(cause);
  const dirClash = code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST';
  return new MetawsmError(
    'GIT_FAILED',
    dirClash ? `cannot create ref ${ref}: refs exist below ${ref}/` : `cannot update ref ${ref}`,
    {
      hint: dirClash
        ? 'Delete or rename the refs under that name first.'
        : 'Check the permissions of the repository.',
      data: { ref },
      cause,
    },
  );
}
