import { createHash } from 'node:crypto';
import {
  EMPTY_TREE_OID,
  FileModes,
  type CommitInfo,
  type FileMode,
  type Oid,
  type Signature,
} from '../domain/git.js';
import { MetawsmError } from '../errors/metawsm-error.js';

/** A tree entry in the fake object store. */
export interface FakeTreeEntry {
  name: string;
  mode: FileMode;
  oid: Oid;
}

/** A file of a fake working tree or flattened tree. */
export interface FakeFile {
  mode: FileMode;
  data: Uint8Array;
}

type FakeObject =
  | { type: 'blob'; data: Uint8Array }
  | { type: 'tree'; entries: FakeTreeEntry[] }
  | { type: 'commit'; info: Omit<CommitInfo, 'oid'> };

const enc = new TextEncoder();

function hashObject(type: string, body: Uint8Array): Oid {
  const h = createHash('sha1');
  h.update(`${type} ${body.length}\0`);
  h.update(body);
  return h.digest('hex');
}

/** Git's tree order: directories compare as if their name ended in `/`. */
function treeSortKey(e: FakeTreeEntry): string {
  return e.mode === FileModes.TREE ? `${e.name}/` : e.name;
}

function signatureLine(s: Signature): string {
  const sign = s.timezoneOffset < 0 ? '-' : '+';
  const abs = Math.abs(s.timezoneOffset);
  const tz = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${s.name} <${s.email}> ${s.timestamp} ${tz}`;
}

/** An in-memory object database whose ids are real git object ids. */
export class FakeObjectStore {
  readonly #objects = new Map<Oid, FakeObject>();

  constructor() {
    this.#objects.set(EMPTY_TREE_OID, { type: 'tree', entries: [] });
  }

  /** Number of objects stored. */
  get size(): number {
    return this.#objects.size;
  }

  has(oid: Oid): boolean {
    return this.#objects.has(oid);
  }

  writeBlob(data: Uint8Array): Oid {
    const oid = hashObject('blob', data);
    this.#objects.set(oid, { type: 'blob', data: data.slice() });
    return oid;
  }

  writeTree(entries: FakeTreeEntry[]): Oid {
    const sorted = [...entries].sort((a, b) => (treeSortKey(a) < treeSortKey(b) ? -1 : 1));
    const parts: Uint8Array[] = [];
    for (const e of sorted) {
      parts.push(enc.encode(`${e.mode === FileModes.TREE ? '40000' : e.mode} ${e.name}\0`));
      parts.push(Uint8Array.from(Buffer.from(e.oid, 'hex')));
    }
    const body = Buffer.concat(parts);
    const oid = hashObject('tree', body);
    this.#objects.set(oid, { type: 'tree', entries: sorted });
    return oid;
  }

  writeCommit(info: Omit<CommitInfo, 'oid'>): Oid {
    const text = [
      `tree ${info.tree}`,
      ...info.parents.map((p) => `parent ${p}`),
      `author ${signatureLine(info.author)}`,
      `committer ${signatureLine(info.committer)}`,
      ...(info.signature ? [`gpgsig fake-${info.signature}-signature`] : []),
      '',
      info.message,
    ].join('\n');
    const oid = hashObject('commit', enc.encode(text));
    this.#objects.set(oid, { type: 'commit', info: structuredClone(info) });
    return oid;
  }

  #get<T extends FakeObject['type']>(oid: Oid, type: T): Extract<FakeObject, { type: T }> {
    const o = this.#objects.get(oid);
    if (!o || o.type !== type) throw new MetawsmError('GIT_FAILED', `fake git: no ${type} ${oid}`);
    return o as Extract<FakeObject, { type: T }>;
  }

  readBlob(oid: Oid): Uint8Array {
    return this.#get(oid, 'blob').data.slice();
  }

  readTree(oid: Oid): FakeTreeEntry[] {
    return this.#get(oid, 'tree').entries.map((e) => ({ ...e }));
  }

  readCommit(oid: Oid): CommitInfo {
    return { oid, ...structuredClone(this.#get(oid, 'commit').info) };
  }

  /** Every file below a tree, by full path. */
  flatten(tree: Oid, prefix = ''): Map<string, { mode: FileMode; oid: Oid }> {
    const out = new Map<string, { mode: FileMode; oid: Oid }>();
    for (const e of this.readTree(tree)) {
      const path = prefix + e.name;
      if (e.mode === FileModes.TREE) for (const [p, v] of this.flatten(e.oid, `${path}/`)) out.set(p, v);
      else out.set(path, { mode: e.mode, oid: e.oid });
    }
    return out;
  }

  /** Build (and store) the trees for a set of files by full path. */
  buildTree(files: Map<string, { mode: FileMode; oid: Oid }>): Oid {
    const dirs = new Map<string, Map<string, { mode: FileMode; oid: Oid }>>();
    const top: FakeTreeEntry[] = [];
    for (const [path, entry] of files) {
      const slash = path.indexOf('/');
      if (slash < 0) top.push({ name: path, ...entry });
      else {
        const dir = path.slice(0, slash);
        if (!dirs.has(dir)) dirs.set(dir, new Map());
        dirs.get(dir)!.set(path.slice(slash + 1), entry);
      }
    }
    for (const [name, sub] of dirs) top.push({ name, mode: FileModes.TREE, oid: this.buildTree(sub) });
    return this.writeTree(top);
  }
}
