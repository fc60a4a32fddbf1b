import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ObjectDatabase } from '../src/git/js/pack/object-db.js';
import { PackFile } from '../src/git/js/pack/pack-file.js';
import { PackIndex } from '../src/git/js/pack/pack-index.js';
import { indexPack } from '../src/git/js/pack/pack-indexer.js';
import { makeObjectRepo, type ObjectRepo } from './support/object-repo.js';

// The js engine reads objects through its own pack reader. Oracle: the same objects as
// `git cat-file --batch` prints them, from packs written by real git in every layout git writes.

function history(repo: ObjectRepo, commits: number): void {
  const text = (i: number, v: number) =>
    Array.from({ length: 60 }, (_, l) => `file ${i} line ${l} ${l % 7 === v % 7 ? `v${v}` : ''}\n`).join('');
  for (let c = 0; c < commits; c++) {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) if ((i + c) % 3 === 0) files[`dir${i % 3}/f${i}.txt`] = text(i, c);
    repo.commit(files, { message: `commit ${c}` });
  }
}

/** Every object of the repository as git prints it: id → [type, content]. */
function gitObjects(repo: ObjectRepo): Map<string, [string, Buffer]> {
  const ids = repo.git(['cat-file', '--batch-all-objects', '--batch-check=%(objectname)']).split('\n');
  const out = execFileSync('git', ['cat-file', '--batch'], {
    cwd: repo.dir,
    env: repo.env,
    input: ids.join('\n') + '\n',
    maxBuffer: 1 << 28,
  });
  const objects = new Map<string, [string, Buffer]>();
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(10, at);
    const [oid, type, size] = out.toString('latin1', at, nl).split(' ');
    const content = out.subarray(nl + 1, nl + 1 + Number(size));
    objects.set(oid!, [type!, content]);
    at = nl + 1 + Number(size) + 1;
  }
  return objects;
}

function expectAllReadable(dir: string, objects: Map<string, [string, Buffer]>): void {
  const db = new ObjectDatabase(join(dir, '.git', 'objects'), { baseCacheBytes: 64 * 1024 });
  try {
    for (const [oid, [type, content]] of objects) {
      const o = db.read(oid);
      expect(o?.type).toBe(type);
      expect(Buffer.compare(o!.content, content)).toBe(0);
      expect(db.has(oid)).toBe(true);
    }
    expect(db.read('0123456789012345678901234567890123456789')).toBeNull();
    expect(db.has('0123456789012345678901234567890123456789')).toBe(false);
  } finally {
    db.close();
  }
}

function packsOf(repo: ObjectRepo): string[] {
  const dir = join(repo.dir, '.git', 'objects', 'pack');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pack'))
    .map((f) => join(dir, f.slice(0, -5)));
}

/** Entry kinds of every object of a pack (through our reader, via the idx offsets git lists). */
function entryKinds(repo: ObjectRepo, base: string): Record<string, number> {
  const pack = new PackFile(`${base}.pack`);
  const kinds: Record<string, number> = {};
  for (const line of repo.git(['verify-pack', '-v', `${base}.idx`]).split('\n')) {
    const m = /^[0-9a-f]{40} \w+\s+\d+ \d+ (\d+)/.exec(line);
    if (m) kinds[pack.entryAt(Number(m[1])).kind] = (kinds[pack.entryAt(Number(m[1])).kind] ?? 0) + 1;
  }
  pack.close();
  return kinds;
}

describe('ObjectDatabase reads what git wrote', () => {
  let repo: ObjectRepo;
  beforeEach(() => {
    repo = makeObjectRepo();
    history(repo, 20);
  });
  afterEach(() => repo.cleanup());

  it('reads every object of one pack with offset deltas, and the loose objects written after it', () => {
    repo.git(['repack', '-adq', '--depth=50', '--window=50']);
    const [pack] = packsOf(repo);
    const kinds = entryKinds(repo, pack!);
    expect(kinds['ofs-delta']).toBeGreaterThan(30);
    expect(kinds['ref-delta']).toBeUndefined();
    history(repo, 3);
    expectAllReadable(repo.dir, gitObjects(repo));
  });

  it('reads a pack with reference deltas', () => {
    repo.git(['-c', 'repack.useDeltaBaseOffset=false', 'repack', '-adq', '--depth=50']);
    expect(entryKinds(repo, packsOf(repo)[0]!)['ref-delta']).toBeGreaterThan(30);
    expectAllReadable(repo.dir, gitObjects(repo));
  });

  it('reads several packs (one written after the other)', () => {
    repo.git(['repack', '-adq']);
    history(repo, 5);
    repo.git(['repack', '-dq']);
    expect(packsOf(repo)).toHaveLength(2);
    expectAllReadable(repo.dir, gitObjects(repo));
  });

  it('reads index version 1 and version 2 with every offset in the 64-bit table', () => {
    repo.git(['repack', '-adq']);
    const objects = gitObjects(repo);
    const [base] = packsOf(repo);
    for (const version of ['1', '2,0x20']) {
      repo.git(['index-pack', `--index-version=${version}`, '-o', `${base}.idx.new`, `${base}.pack`]);
      writeFileSync(`${base}.idx`, readFileSync(`${base}.idx.new`));
      execFileSync('rm', [`${base}.idx.new`]);
      expectAllReadable(repo.dir, objects);
    }
  });

  it('reads objects borrowed through objects/info/alternates', () => {
    repo.git(['repack', '-adq']);
    const objects = gitObjects(repo);
    const clone = join(repo.dir, '..', 'shared');
    execFileSync('git', ['clone', '-q', '--shared', repo.dir, clone], { env: repo.env });
    expect(readdirSync(join(clone, '.git', 'objects', 'pack'))).toEqual([]);
    expectAllReadable(clone, objects);
  });

  it('sees a pack that appears after it was opened', () => {
    const db = new ObjectDatabase(join(repo.dir, '.git', 'objects'));
    const head = repo.git(['rev-parse', 'HEAD']);
    expect(db.read(head)?.type).toBe('commit');
    repo.git(['repack', '-adq']);
    repo.git(['prune-packed']);
    expect(db.read(head)?.type).toBe('commit');
    db.close();
  });
});

describe('PackIndex', () => {
  it('returns offsets beyond 4 GiB from the 64-bit table', () => {
    const repo = makeObjectRepo();
    try {
      const oid = 'ab'.padEnd(40, '1');
      const idx = Buffer.alloc(8 + 1024 + 28 + 8 + 40);
      idx.writeUInt32BE(0xff744f63, 0);
      idx.writeUInt32BE(2, 4);
      for (let i = 0xab; i < 256; i++) idx.writeUInt32BE(1, 8 + i * 4);
      idx.write(oid, 8 + 1024, 'hex');
      idx.writeUInt32BE(0x80000000, 8 + 1024 + 24);
      idx.writeUInt32BE(0x1, 8 + 1024 + 28);
      idx.writeUInt32BE(0x23456789, 8 + 1024 + 32);
      const path = join(repo.dir, 'big.idx');
      writeFileSync(path, idx);
      const index = new PackIndex(path);
      expect(index.count).toBe(1);
      expect(index.lookup(Buffer.from(oid, 'hex'))).toBe(2 ** 32 + 0x23456789);
      expect(index.lookup(Buffer.from('ab'.padEnd(40, '2'), 'hex'))).toBeNull();
      index.close();
    } finally {
      repo.cleanup();
    }
  });
});

describe('indexPack', () => {
  it('writes the same .idx as git index-pack, for offset and reference deltas', () => {
    const repo = makeObjectRepo();
    try {
      history(repo, 20);
      for (const args of [
        ['repack', '-adq'],
        ['-c', 'repack.useDeltaBaseOffset=false', 'repack', '-adq'],
      ]) {
        repo.git(args);
        const [base] = packsOf(repo);
        const ours = indexPack(readFileSync(`${base}.pack`));
        expect(Buffer.compare(ours.idx, readFileSync(`${base}.idx`))).toBe(0);
        expect(`${base}`.endsWith(`pack-${ours.checksum}`)).toBe(true);
      }
    } finally {
      repo.cleanup();
    }
  });

  it('refuses a pack whose checksum does not match', () => {
    const repo = makeObjectRepo();
    try {
      history(repo, 3);
      repo.git(['repack', '-adq']);
      const pack = readFileSync(`${packsOf(repo)[0]}.pack`);
      pack[20] = pack[20]! ^ 0xff;
      expect(() => indexPack(pack)).toThrow(/checksum/);
    } finally {
      repo.cleanup();
    }
  });
});
