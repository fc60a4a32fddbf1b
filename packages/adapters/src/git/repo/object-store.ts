import fs from 'node:fs';
import git from 'isomorphic-git';
import { EMPTY_TREE_OID, MetawsmError, type Oid } from '@metawsm/core';
import { parseTree, serializeTree, type TreeEntry } from './tree-entry.js';

/** The four object types of a git object database. */
export type ObjectType = 'blob' | 'tree' | 'commit' | 'tag';

/** A raw object: its type and content (without the `<type> <size>\0` header). */
export interface RawObject {
  type: ObjectType;
  content: Uint8Array;
}

const OID_RE = /^[0-9a-f]{40}$/;

/** Throw INVALID_INPUT unless `oid` is a 40-hex object id. */
export function assertOid(oid: string, what: string): void {
  if (!OID_RE.test(oid)) {
    throw new MetawsmError('INVALID_INPUT', `${what} is not a 40-hex object id`, { data: { [what]: oid } });
  }
}

/** Objects kept in memory per store (one store serves one operation): total bytes, and per object. */
const MEMO_BUDGET = 64 * 1024 * 1024;
const MEMO_MAX_OBJECT = 1024 * 1024;

/**
 * Object access for one git dir (the common dir: objects live there, also for linked worktrees),
 * through isomorphic-git's object-level calls. `cache` is isomorphic-git's pack cache; sharing
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

  /** The entries of a tree (`EMPTY_TREE_OID` needs no object). */
  async readTree(oid: Oid): Promise<TreeEntry[]> {
    if (oid === EMPTY_TREE_OID) return [];
    return parseTree(await this.readTyped(oid, 'tree'));
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

  /** Write an object (a no-op when it exists) and return its id. */
  async write(type: ObjectType, content: Uint8Array): Promise<Oid> {
    try {
      return await git.writeObject({ fs, gitdir: this.gitdir, type, object: content, format: 'content' });
    } catch (e) {
      throw new MetawsmError('GIT_FAILED', `cannot write a ${type} object`, { cause: e });
    }
  }

  /** Write a tree from entries in any order. */
  writeTree(entries: readonly TreeEntry[]): Promise<Oid> {
    return this.write('tree', serializeTree(entries));
  }
}
