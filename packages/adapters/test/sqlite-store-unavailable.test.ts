import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aRun } from '@metawsm/core/testing';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { writeProtect } from '@metawsm/testkit';

// Issue 10 item 6: an unusable database is STORE_UNAVAILABLE (exit 8) naming the file, and a
// damaged file is never modified.

const event = (i: number) => ({
  runId: null,
  ticket: null,
  repo: null,
  type: 'filler',
  phase: 'info' as const,
  operationId: 'op',
  actor: null,
  data: { i, pad: 'x'.repeat(3000) },
  at: '2024-01-01T00:00:00.000Z',
});

const digest = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

let dir: string;
let file: string;
const undo: (() => void)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'metawsm-unavailable-'));
  file = join(dir, 'metawsm.db');
});
afterEach(async () => {
  for (const u of undo.splice(0)) u();
  await rm(dir, { recursive: true, force: true });
});

async function seeded(): Promise<void> {
  const store = await SqliteStore.open({ file });
  await store.createRun(aRun({ id: 'run-1' }));
  for (let i = 0; i < 20; i++) await store.appendEvent(event(i));
  await store.close();
}

describe('SqliteStore on an unusable database file', () => {
  it('a file that is no database: STORE_UNAVAILABLE (corrupt) naming it, byte for byte untouched', async () => {
    writeFileSync(file, 'this is not a sqlite database, just text long enough to have a header '.repeat(20));
    const before = digest(file);
    await expect(SqliteStore.open({ file })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      exitCode: 8,
      data: { path: file, reason: 'corrupt', sqliteCode: 'SQLITE_NOTADB' },
    });
    expect(digest(file)).toBe(before);
    expect(readdirSync(dir)).toEqual(['metawsm.db']);
  });

  it('a database with damaged pages: reads and writes fail as corrupt, the file stays identical', async () => {
    await seeded();
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 4096);
    writeFileSync(file, bytes);
    const before = digest(file);
    const attempt = async () => {
      const store = await SqliteStore.open({ file });
      try {
        await store.createRun(aRun({ id: 'run-2' }));
        return await store.listRuns();
      } finally {
        await store.close();
      }
    };
    await expect(attempt()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', data: { reason: 'corrupt' } });
    expect(digest(file)).toBe(before);
  });

  it('a full disk (max_page_count): STORE_UNAVAILABLE (disk_full); committed rows stay readable', async () => {
    await seeded();
    const store = await SqliteStore.open({ file, maxPageCount: 40 });
    try {
      let failure: unknown = null;
      for (let i = 0; i < 200 && failure === null; i++)
        await store.appendEvent(event(i)).catch((e: unknown) => (failure = e));
      expect(failure).toMatchObject({ code: 'STORE_UNAVAILABLE', data: { path: file, reason: 'disk_full' } });
      expect((await store.listRuns()).map((r) => r.id)).toEqual(['run-1']);
    } finally {
      await store.close();
    }
  });

  it('a write-protected database: reads work, writes are STORE_UNAVAILABLE (read_only)', async () => {
    await seeded();
    const restore = writeProtect(file, 'file');
    if (restore === null)
      return console.warn('skipped: cannot write-protect a file here (root without chattr)');
    undo.push(restore);
    const store = await SqliteStore.open({ file });
    try {
      expect((await store.listRuns()).map((r) => r.id)).toEqual(['run-1']);
      await expect(store.createRun(aRun({ id: 'run-2' }))).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        data: { path: file, reason: 'read_only' },
      });
    } finally {
      await store.close();
    }
  });

  it('a folder that cannot be created (a file is in the way): LOCAL_IO_FAILED naming the folder', async () => {
    writeFileSync(join(dir, 'blocker'), 'x');
    const nested = join(dir, 'blocker', '.metawsm', 'metawsm.db');
    await expect(SqliteStore.open({ file: nested })).rejects.toMatchObject({
      code: 'LOCAL_IO_FAILED',
      exitCode: 8,
      data: { path: join(dir, 'blocker', '.metawsm'), errno: 'ENOTDIR' },
    });
  });
});

describe('SqliteStore read-only (issue 10 items 12, 13)', () => {
  it('never creates a missing database or its folder', async () => {
    const missing = join(dir, 'no', 'such', 'metawsm.db');
    await expect(SqliteStore.open({ file: missing, readOnly: true })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      exitCode: 8,
    });
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('an existing file without the schema yet is migrated (an older schema cannot be read)', async () => {
    writeFileSync(file, '');
    const store = await SqliteStore.open({ file, readOnly: true });
    try {
      expect(await store.listRuns()).toEqual([]);
      await store.appendEvent(event(1));
    } finally {
      await store.close();
    }
  });

  it('reads an existing database and refuses writes', async () => {
    await seeded();
    const store = await SqliteStore.open({ file, readOnly: true });
    try {
      expect((await store.listRuns()).map((r) => r.id)).toEqual(['run-1']);
      await expect(store.appendEvent(event(1))).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        data: { reason: 'read_only' },
      });
    } finally {
      await store.close();
    }
  });
});
