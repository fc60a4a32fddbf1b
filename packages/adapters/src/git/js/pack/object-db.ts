import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Oid } from '@metawsm/core';
import { applyDelta } from '../objects/delta.js';
import type { ObjectType } from '../repo/object-id.js';
import { BaseCache, type CachedObject } from './base-cache.js';
import { PackFile } from './pack-file.js';
import { PackIndex } from './pack-index.js';

/** git's default `core.deltaBaseCacheLimit` is 96 MiB; a promotion needs far less. */
const BASE_CACHE_BYTES = 48 * 1024 * 1024;
/** Deeper delta chains than git ever writes (its default `pack.depth` is 50) mean a corrupt pack. */
const MAX_CHAIN = 10_000;
/** git follows alternates this deep. */
const MAX_ALTERNATE_DEPTH = 5;

/** One pack: its index is opened when found, the pack file on its first read. */
class Pack {
  readonly name: string;
  readonly index: PackIndex;
  readonly #path: string;
  #pack: PackFile | null = null;

  constructor(name: string, base: string) {
    this.name = name;
    this.#path = `${base}.pack`;
    this.index = new PackIndex(`${base}.idx`);
  }

  get pack(): PackFile {
    this.#pack ??= new PackFile(this.#path);
    return this.#pack;
  }

  close(): void {
    this.index.close();
    this.#pack?.close();
  }
}

function parseLoose(oid: Oid, raw: Buffer): CachedObject {
  const nul = raw.indexOf(0);
  const [type, size] = raw.toString('latin1', 0, nul).split(' ');
  const content = raw.subarray(nul + 1);
  if (!['blob', 'tree', 'commit', 'tag'].includes(type!) || Number(size) !== content.length)
    throw new Error(`loose object ${oid} is corrupt`);
  return { type: type as ObjectType, content };
}

/**
 * The objects of one `objects/` directory: its packs (found through their `.idx`, read by
 * position, delta chains resolved with a bounded cache of bases), its loose objects, and the
 * object directories it borrows from (`info/alternates`). Packs that appear later (a fetch) are
 * picked up on the first miss.
 */
export class ObjectDatabase {
  readonly dir: string;
  readonly #cache: BaseCache;
  readonly #packs = new Map<string, Pack>();
  #alternates: ObjectDatabase[] | null = null;
  readonly #depth: number;

  constructor(objectsDir: string, options: { baseCacheBytes?: number; depth?: number } = {}) {
    this.dir = objectsDir;
    this.#cache = new BaseCache(options.baseCacheBytes ?? BASE_CACHE_BYTES);
    this.#depth = options.depth ?? 0;
    this.#scanPacks();
  }

  /**
   * Bring the pack list up to date (a fetch added a pack, a `git gc` replaced them); true when
   * packs were added. Runs at open and on a miss only: directory timestamps are too coarse to
   * tell whether a pack arrived since the last look.
   */
  #scanPacks(): boolean {
    const packDir = join(this.dir, 'pack');
    let names: string[];
    try {
      names = readdirSync(packDir);
    } catch {
      return false;
    }
    const present = new Set(names);
    for (const [f, p] of this.#packs) {
      if (present.has(f)) continue;
      p.close();
      this.#packs.delete(f);
    }
    let added = false;
    for (const f of names) {
      // Like git, only `pack-*.idx`: a fetch writes `tmp-…` files before renaming them into place.
      if (!f.startsWith('pack-') || !f.endsWith('.idx') || this.#packs.has(f)) continue;
      const base = join(packDir, f.slice(0, -4));
      if (!present.has(`${f.slice(0, -4)}.pack`)) continue;
      this.#packs.set(f, new Pack(f, base));
      added = true;
    }
    return added;
  }

  #alternateDbs(): ObjectDatabase[] {
    if (this.#alternates) return this.#alternates;
    this.#alternates = [];
    if (this.#depth >= MAX_ALTERNATE_DEPTH) return this.#alternates;
    let text = '';
    try {
      text = readFileSync(join(this.dir, 'info', 'alternates'), 'utf8');
    } catch {
      return this.#alternates;
    }
    for (const line of text.split('\n')) {
      const p = line.trim();
      if (p === '' || p.startsWith('#')) continue;
      const dir = isAbsolute(p) ? p : resolve(this.dir, p);
      if (existsSync(dir)) this.#alternates.push(new ObjectDatabase(dir, { depth: this.#depth + 1 }));
    }
    return this.#alternates;
  }

  #find(oid: Buffer): { pack: Pack; offset: number } | null {
    for (const pack of this.#packs.values()) {
      const offset = pack.index.lookup(oid);
      if (offset !== null) return { pack, offset };
    }
    return null;
  }

  #readLocal(oid: Oid): CachedObject | null {
    const bin = Buffer.from(oid, 'hex');
    let hit = this.#find(bin);
    if (!hit) {
      const loose = join(this.dir, oid.slice(0, 2), oid.slice(2));
      if (existsSync(loose)) return parseLoose(oid, Buffer.from(inflateSync(readFileSync(loose))));
      if (this.#scanPacks()) hit = this.#find(bin);
    }
    return hit ? this.#unpack(hit.pack, hit.offset) : null;
  }

  /** An object by id, from this directory or its alternates; null when none has it. */
  read(oid: Oid): CachedObject | null {
    const local = this.#readLocal(oid);
    if (local) return local;
    for (const alt of this.#alternateDbs()) {
      const o = alt.read(oid);
      if (o) return o;
    }
    return null;
  }

  /** True when the object exists here or in an alternate (without inflating it). */
  has(oid: Oid): boolean {
    const bin = Buffer.from(oid, 'hex');
    if (this.#find(bin) || existsSync(join(this.dir, oid.slice(0, 2), oid.slice(2)))) return true;
    if (this.#scanPacks() && this.#find(bin)) return true;
    return this.#alternateDbs().some((a) => a.has(oid));
  }

  /** Resolve the entry at `offset`: walk its delta chain down to a whole object, then apply upwards. */
  #unpack(pack: Pack, offset: number): CachedObject {
    const deltas: { offset: number; data: Buffer }[] = [];
    let at = offset;
    let base: CachedObject | undefined;
    while (!base) {
      base = this.#cache.get(`${pack.name}:${at}`);
      if (base) break;
      const { entry: e, data } = pack.pack.entryWithData(at);
      if (e.kind === 'whole') {
        base = { type: e.type, content: data };
        if (deltas.length > 0) this.#cache.set(`${pack.name}:${at}`, base);
        break;
      }
      deltas.push({ offset: at, data });
      if (deltas.length > MAX_CHAIN) throw new Error(`${pack.pack.path}: delta chain too long at ${offset}`);
      if (e.kind === 'ofs-delta') at = e.baseOffset;
      else {
        const local = pack.index.lookup(Buffer.from(e.baseOid, 'hex'));
        if (local !== null) at = local;
        else {
          base = this.read(e.baseOid) ?? undefined;
          if (!base) throw new Error(`${pack.pack.path}: delta base ${e.baseOid} is missing`);
        }
      }
    }
    for (let i = deltas.length - 1; i >= 0; i--) {
      const link = deltas[i]!;
      base = { type: base.type, content: applyDelta(base.content, link.data) };
      if (i > 0) this.#cache.set(`${pack.name}:${link.offset}`, base);
    }
    return base;
  }

  /** Close every pack file (here and in alternates). */
  close(): void {
    for (const p of this.#packs.values()) p.close();
    this.#packs.clear();
    for (const a of this.#alternates ?? []) a.close();
  }
}

/** Databases kept open per objects directory; a long-lived process touching more closes the oldest. */
const MAX_OPEN = 16;
const open = new Map<string, ObjectDatabase>();

/** The shared {@link ObjectDatabase} of a git dir (its packs and base cache are reused across calls). */
export function objectDatabaseFor(gitdir: string): ObjectDatabase {
  const dir = join(gitdir, 'objects');
  let db = open.get(dir);
  if (db) {
    open.delete(dir);
    open.set(dir, db);
    return db;
  }
  db = new ObjectDatabase(dir);
  open.set(dir, db);
  for (const [k, v] of open) {
    if (open.size <= MAX_OPEN) break;
    v.close();
    open.delete(k);
  }
  return db;
}
