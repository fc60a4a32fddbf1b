import fs from 'node:fs';
import { deflateSync } from 'node:zlib';
import git from 'isomorphic-git';
import { EMPTY_TREE_OID, MetawsmError, type Oid } from '@metawsm/core';
import { parseCommitHeader, serializeCommit, type CommitFields } from './commit-codec.js';
import { assertOid, hashObject, type ObjectType } from './object-id.js';
import { parseTree, serializeTree, sortTree, type TreeEntry, type TreeNames } from './tree-codec.js';

/** A raw object: its type and content (without the `<type> <size>\0` header). */
export interface RawObject {
  type: ObjectType;
  content: Uint8Array;
}

/** Objects kept in memory per store (one store serves one operation): total bytes, and per object. */
const MEMO_BUDGET = 64 * 1024 * 1024;
const MEMO_MAX_OBJECT = 1024 * 1024;

/**
 * The object database of one git dir (the common dir: objects live there, also for linked
 * worktrees), through isomorphic-git's object-level calls only (its whole-tree commands are far
 * too slow on large repositories, see PERF-NOTES). `cache` is isomorphic-git's pack cache; sharing
 * it across calls avoids re-reading pack indexes. Objects read are memoised (they are immutable),
 * because merges and pushes read the same trees and delta bases more than once.
 */
export class ObjectStore {
  readonly gitdir: string;
  readonly #cache: object;
  readonly #memo = new Map<Oid, RawObject>();
  #memoBytes = 0;

  constructor(gitdir: string, cache: object = {}) {
    this.gitdir = gitdir;
    this.#cache = cache;
  }

  /** Read an object; GIT_FAILED when it is missing. */
  async read(oid: Oid): Promise<RawObject> {
    const memo = this.#memo.get(oid);
    if (memo) return memo;
    assertOid(oid, 'oid');
    try {
      const r = await git.readObject({ fs, gitdir: this.gitdir, oid, format: 'content', cache: this.#cache });
      const obj = { type: r.type as ObjectType, content: r.object as Uint8Array };
      const size = obj.content.byteLength;
      if (size <= MEMO_MAX_OBJECT && this.#memoBytes + size <= MEMO_BUDGET) {
        this.#memo.set(oid, obj);
        this.#memoBytes += size;
      }
      return obj;
    } catch (e) {
      if ((e as { code?: string }).code === 'NotFoundError') {
        throw new MetawsmError('GIT_FAILED', `object ${oid} is missing from the repository`, {
          hint: 'Fetch again; if it persists, run `git fsck` on the repository.',
          data: { oid },
          cause: e,
        });
      }
      throw new MetawsmError('GIT_FAILED', `cannot read object ${oid}`, { data: { oid }, cause: e });
    }
  }

  /** Read an object and check its type. */
  async readTyped(oid: Oid, type: ObjectType): Promise<Uint8Array> {
    const obj = await this.read(oid);
    if (obj.type !== type) {
      throw new MetawsmError('GIT_FAILED', `object ${oid} is a ${obj.type}, expected a ${type}`, {
        data: { oid },
      });
    }
    return obj.content;
  }

  /** The entries of a tree in stored order (`EMPTY_TREE_OID` needs no object). */
  async readTree(oid: Oid, names: TreeNames = 'binary'): Promise<TreeEntry[]> {
    if (oid === EMPTY_TREE_OID) return [];
    return parseTree(await this.readTyped(oid, 'tree'), names);
  }

  /** The tree id of a commit. */
  async commitTree(commit: Oid): Promise<Oid> {
    return parseCommitHeader(commit, await this.readTyped(commit, 'commit')).tree;
  }

  /** True when the object exists. */
  async has(oid: Oid): Promise<boolean> {
    try {
      await git.readObject({ fs, gitdir: this.gitdir, oid, format: 'deflated', cache: this.#cache });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Write an object as a loose object (a no-op when that loose object exists) and return its id.
   * We hash and deflate ourselves and hand isomorphic-git the deflated object: its own path costs
   * a web-stream deflate and a second hash per object (~8 ms each). A caller that already hashed
   * the content may pass `oid`, which must be {@link hashObject} of this very content.
   */
  async write(type: ObjectType, content: Uint8Array, oid: Oid = hashObject(type, content)): Promise<Oid> {
    const object = deflateSync(Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content]));
    try {
      await git.writeObject({ fs, gitdir: this.gitdir, type, object, format: 'deflated', oid });
    } catch (e) {
      throw new MetawsmError('GIT_FAILED', `cannot write ${type} object ${oid} into ${this.gitdir}`, {
        hint: 'Check the permissions and free space of the repository.',
        data: { oid },
        cause: e,
      });
    }
    return oid;
  }

  /** Write a tree from entries with binary-string names, in any order. */
  writeTree(entries: readonly TreeEntry[]): Promise<Oid> {
    return this.write('tree', serializeTree(sortTree(entries)));
  }

  /** Write a commit object (see {@link serializeCommit}) and return its id. */
  writeCommit(fields: CommitFields): Promise<Oid> {
    return this.write('commit', serializeCommit(fields));
  }
}
