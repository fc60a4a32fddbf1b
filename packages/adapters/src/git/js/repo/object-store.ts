import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { EMPTY_TREE_OID, MetawsmError, type Oid } from '@metawsm/core';
import { objectDatabaseFor, type ObjectDatabase } from '../pack/object-db.js';
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
 * worktrees). Reads go through our own pack reader ({@link ObjectDatabase}: `.idx` lookups and
 * positional reads, never a whole pack in memory); sharing one database across calls keeps its
 * open packs and delta-base cache. Objects read are memoised (they are immutable), because merges
 * and pushes read the same trees more than once. Writes are loose objects.
 */
export class ObjectStore {
  readonly gitdir: string;
  readonly #db: ObjectDatabase;
  readonly #memo = new Map<Oid, RawObject>();
  #memoBytes = 0;

  constructor(gitdir: string, db: ObjectDatabase = objectDatabaseFor(gitdir)) {
    this.gitdir = gitdir;
    this.#db = db;
  }

  /** An object when it exists (no memo, no errors for absence): delta bases for pack indexing. */
  readSync(oid: Oid): RawObject | null {
    return this.#memo.get(oid) ?? this.#db.read(oid);
  }

  /** Read an object; GIT_FAILED when it is missing. */
  read(oid: Oid): Promise<RawObject> {
    return new Promise((resolve) => resolve(this.#read(oid)));
  }

  #read(oid: Oid): RawObject {
    const memo = this.#memo.get(oid);
    if (memo) return memo;
    assertOid(oid, 'oid');
    let obj: RawObject | null;
    try {
      obj = this.#db.read(oid);
    } catch (e) {
      throw new MetawsmError('GIT_FAILED', `cannot read object ${oid}`, {
        hint: 'The repository may be corrupt: run `git fsck`.',
        data: { oid },
        cause: e,
      });
    }
    if (!obj) {
      throw new MetawsmError('GIT_FAILED', `object ${oid} is missing from the repository`, {
        hint: 'Fetch again; if it persists, run `git fsck` on the repository.',
        data: { oid },
      });
    }
    const size = obj.content.byteLength;
    if (size <= MEMO_MAX_OBJECT && this.#memoBytes + size <= MEMO_BUDGET) {
      this.#memo.set(oid, obj);
      this.#memoBytes += size;
    }
    return obj;
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

  /** True when the object exists (packed, loose or in an alternate). */
  has(oid: Oid): Promise<boolean> {
    if (this.#memo.has(oid)) return Promise.resolve(true);
    try {
      return Promise.resolve(this.#db.has(oid));
    } catch {
      return Promise.resolve(false);
    }
  }

  /**
   * Write an object as a loose object (a no-op when the object exists) and return its id. A
   * caller that already hashed the content may pass `oid`, which must be {@link hashObject} of
   * this very content. Written under a temporary name and renamed, so readers never see half.
   */
  async write(type: ObjectType, content: Uint8Array, oid: Oid = hashObject(type, content)): Promise<Oid> {
    const dir = join(this.gitdir, 'objects', oid.slice(0, 2));
    const path = join(dir, oid.slice(2));
    if (this.#memo.has(oid) || existsSync(path) || this.#db.has(oid)) return oid;
    const tmp = join(dir, `tmp_obj_${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(tmp, deflateSync(Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content])));
      await chmod(tmp, 0o444);
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
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
