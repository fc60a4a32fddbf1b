import * as fs from 'node:fs';
import { deflateSync } from 'node:zlib';
import * as git from 'isomorphic-git';
import { serializeCommit, type CommitFields } from './commit-object.js';
import { gitFailed } from './errors.js';
import { hashObject, toTreeMode, type RawTreeEntry } from './object-hash.js';

/**
 * The object database of a repository's common dir, through isomorphic-git's object-level calls
 * only (its whole-tree commands are far too slow on large repositories, see PERF-NOTES). One
 * instance shares isomorphic-git's pack cache across the calls of one operation.
 */
export class ObjectDb {
  readonly #gitdir: string;
  readonly #cache: object = {};

  constructor(commonDir: string) {
    this.#gitdir = commonDir;
  }

  /** Entries of a tree (or of a commit's tree), with tree modes as written in objects. */
  async readTree(oid: string): Promise<RawTreeEntry[]> {
    const { tree } = await this.#call(`read tree ${oid}`, () =>
      git.readTree({ fs, gitdir: this.#gitdir, oid, cache: this.#cache }),
    );
    return tree.map((e) => ({ name: e.path, mode: toTreeMode(e.mode), oid: e.oid }));
  }

  /** The tree id of a commit. */
  async commitTree(commit: string): Promise<string> {
    const r = await this.#call(`read commit ${commit}`, () =>
      git.readCommit({ fs, gitdir: this.#gitdir, oid: commit, cache: this.#cache }),
    );
    return r.commit.tree;
  }

  /** The bytes of a blob. */
  async readBlob(oid: string): Promise<Uint8Array> {
    const r = await this.#call(`read blob ${oid}`, () =>
      git.readBlob({ fs, gitdir: this.#gitdir, oid, cache: this.#cache }),
    );
    return r.blob;
  }

  /**
   * Write a blob or tree as a loose object (a no-op when that loose object exists). `oid` must be
   * `hashObject` of this very content: callers hash anyway, and handing isomorphic-git the
   * zlib-deflated object avoids its per-object web-stream deflate and second hash (~8 ms each).
   */
  async write(type: 'blob' | 'tree', content: Uint8Array, oid: string): Promise<void> {
    const object = deflateSync(Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content]));
    await this.#call(`write ${type} ${oid}`, () =>
      git.writeObject({ fs, gitdir: this.#gitdir, type, object, format: 'deflated', oid }),
    );
  }

  /** Write a commit object (serialised like `git commit-tree`) and return its id. */
  async writeCommit(c: CommitFields): Promise<string> {
    const content = serializeCommit(c);
    const oid = hashObject('commit', content);
    const object = deflateSync(Buffer.concat([Buffer.from(`commit ${content.length}\0`), content]));
    await this.#call(`write commit ${oid}`, () =>
      git.writeObject({ fs, gitdir: this.#gitdir, type: 'commit', object, format: 'deflated', oid }),
    );
    return oid;
  }

  async #call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw gitFailed(
        `git object database ${this.#gitdir}: cannot ${what}`,
        'Run `git fsck` in the repository to check it.',
        e,
      );
    }
  }
}
