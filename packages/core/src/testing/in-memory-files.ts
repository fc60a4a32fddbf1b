import type { FilesPort } from '../ports/files.port.js';

/** A FilesPort over a map of path → text; directories exist implicitly under any file, or explicitly. */
export class InMemoryFiles implements FilesPort {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>();

  readText(path: string): Promise<string | null> {
    return Promise.resolve(this.files.get(path) ?? null);
  }
  writeTextAtomic(path: string, content: string): Promise<void> {
    this.files.set(path, content);
    return Promise.resolve();
  }
  appendText(path: string, content: string): Promise<void> {
    this.files.set(path, (this.files.get(path) ?? '') + content);
    return Promise.resolve();
  }
  exists(path: string): Promise<boolean> {
    return Promise.resolve(this.files.has(path) || this.#isDir(path));
  }
  isDirectory(path: string): Promise<boolean> {
    return Promise.resolve(this.#isDir(path));
  }
  #isDir(path: string): boolean {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    return this.dirs.has(path) || [...this.files.keys()].some((f) => f.startsWith(prefix));
  }
}
