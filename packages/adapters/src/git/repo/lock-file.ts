import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errnoCode, gitFailed } from './errors.js';

/**
 * A git-compatible lock: `<path>.lock` is created exclusively (so git and other writers see the
 * file as locked), receives the new content, and is renamed over `<path>` to commit atomically.
 */
export class LockFile {
  readonly #path: string;
  readonly #handle: FileHandle;
  #done = false;

  private constructor(path: string, handle: FileHandle) {
    this.#path = path;
    this.#handle = handle;
  }

  /** Take the lock for `path`; GIT_FAILED when another process holds it. */
  static async acquire(path: string, options: { createDirs?: boolean } = {}): Promise<LockFile> {
    if (options.createDirs) {
      await mkdir(dirname(path), { recursive: true }).catch((e: unknown) => {
        throw gitFailed(
          `cannot create the directory for ${path}`,
          'A file may be in the way of a ref directory.',
          e,
        );
      });
    }
    try {
      return new LockFile(path, await open(`${path}.lock`, 'wx'));
    } catch (e) {
      if (errnoCode(e) === 'EEXIST') {
        throw gitFailed(
          `${path}.lock exists: another git process seems to be running`,
          'Wait for it to finish; if none is running, remove the .lock file and retry.',
          e,
        );
      }
      throw gitFailed(`cannot create ${path}.lock`, 'Check the permissions of the repository.', e);
    }
  }

  /** Write `content` to the lock file and rename it over the target. */
  async commit(content: string | Uint8Array): Promise<void> {
    try {
      await this.#handle.writeFile(content);
      await this.#handle.sync();
      await this.#handle.close();
      await rename(`${this.#path}.lock`, this.#path);
      this.#done = true;
    } catch (e) {
      await this.release();
      throw gitFailed(
        `cannot write ${this.#path}`,
        'Check the permissions and free space of the repository.',
        e,
      );
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
