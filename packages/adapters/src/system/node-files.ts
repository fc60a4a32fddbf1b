import { appendFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FilesPort } from '@metawsm/core';
import { errnoCode, localIoError } from './local-io-error.js';

/** FilesPort on node:fs; every failure but "does not exist" is LOCAL_IO_FAILED naming the path (exit 8). */
export class NodeFiles implements FilesPort {
  async readText(path: string): Promise<string | null> {
    try {
      return await readFile(path, 'utf8');
    } catch (e) {
      // ENOTDIR: a parent is a file, so the path cannot exist either.
      if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'ENOTDIR') return null;
      throw localIoError(e, path, 'read');
    }
  }

  async writeTextAtomic(path: string, content: string): Promise<void> {
    await makeParent(path);
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, content, { mode: 0o644 });
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw localIoError(e, path, 'write');
    }
  }

  async appendText(path: string, content: string): Promise<void> {
    await makeParent(path);
    try {
      await appendFile(path, content);
    } catch (e) {
      throw localIoError(e, path, 'write');
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  }

  async isDirectory(path: string): Promise<boolean> {
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  }
}

async function makeParent(path: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (e) {
    throw localIoError(e, dirname(path), 'create');
  }
}
