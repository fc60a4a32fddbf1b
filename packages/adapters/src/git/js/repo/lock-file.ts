import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errnoCode, gitFailed } from './errors.js';

/** How long to wait for a lock another process holds (git itself waits 100 ms for refs by default). */
export interface LockWait {
  timeoutMs: number;
  sleep(ms: number): Promise<void>;
}

/** The step of taking or committing a lock that failed; `busy`: another process holds the lock. */
export type LockStep = 'dirs' | 'create' | 'busy' | 'write' | 'rename';

/** Builds the error thrown when `step` fails (`cause` is the system error, if any). */
export type LockErrors = (step: LockStep, cause: unknown) => Error;

/** Options of {@link LockFile.tryAcquire} and {@link LockFile.acquire}. */
export interface LockOptions {
  /** Create the target's directory first (a new loose ref). */
  createDirs?: boolean;
  /** Poll for a held lock up to this long; absent: give up at once. */
  wait?: LockWait | undefined;
  /** How failures are reported; default: {@link fileLockErrors} of the target. */
  errors?: LockErrors;
}

const POLL_MS = 20;

/** GIT_FAILED errors that describe the target as a plain file (index, HEAD). */
export function fileLockErrors(path: string): LockErrors {
  return (step, cause) => {
    switch (step) {
      case 'dirs':
        return gitFailed(
          `cannot create the directory for ${path}`,
          'A file may be in the way of a ref directory.',
          cause,
        );
      case 'busy':
        return gitFailed(
          `${path}.lock exists: another git process seems to be running`,
          'Wait for it to finish; if none is running, remove the .lock file and retry.',
        );
      case 'create':
        return gitFailed(`cannot create ${path}.lock`, 'Check the permissions of the repository.', cause);
      case 'write':
      case 'rename':
        return gitFailed(
          `cannot write ${path}`,
          'Check the permissions and free space of the repository.',
          cause,
        );
    }
  };
}

/**
 * A git-compatible lock: `<path>.lock` is created exclusively (so git and other writers see the
 * file as locked), receives the new content, and is renamed over `<path>` to commit atomically.
 * The lock file never outlives a failed commit or a {@link LockFile.release}.
 */
export class LockFile {
  readonly #path: string;
  readonly #handle: FileHandle;
  readonly #errors: LockErrors;
  #done = false;

  private constructor(path: string, handle: FileHandle, errors: LockErrors) {
    this.#path = path;
    this.#handle = handle;
    this.#errors = errors;
  }

  /** Take the lock for `path`, waiting as `options.wait` allows; null when another process still holds it. */
  static async tryAcquire(path: string, options: LockOptions = {}): Promise<LockFile | null> {
    const errors = options.errors ?? fileLockErrors(path);
    if (options.createDirs) {
      try {
        await mkdir(dirname(path), { recursive: true });
      } catch (e) {
        throw errors('dirs', e);
      }
    }
    const wait = options.wait;
    for (let waited = 0; ; waited += POLL_MS) {
      try {
        return new LockFile(path, await open(`${path}.lock`, 'wx'), errors);
      } catch (e) {
        if (errnoCode(e) !== 'EEXIST') throw errors('create', e);
        if (!wait || waited >= wait.timeoutMs) return null;
        await wait.sleep(POLL_MS);
      }
    }
  }

  /** Take the lock for `path`; the `busy` error when another process holds it. */
  static async acquire(path: string, options: LockOptions = {}): Promise<LockFile> {
    const lock = await LockFile.tryAcquire(path, options);
    if (lock === null) throw (options.errors ?? fileLockErrors(path))('busy', null);
    return lock;
  }

  /** Write `content` to the lock file, flush it to disk and rename it over the target. */
  async commit(content: string | Uint8Array): Promise<void> {
    try {
      await this.#handle.writeFile(content);
      await this.#handle.sync();
      await this.#handle.close();
    } catch (e) {
      await this.release();
      throw this.#errors('write', e);
    }
    try {
      await rename(`${this.#path}.lock`, this.#path);
      this.#done = true;
    } catch (e) {
      await this.release();
      throw this.#errors('rename', e);
    }
  }

  /** Give the lock up without changing the target (no-op after a commit). */
  async release(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    await this.#handle.close().catch(() => undefined);
    await unlink(`${this.#path}.lock`).catch(() => undefined);
  }
}
