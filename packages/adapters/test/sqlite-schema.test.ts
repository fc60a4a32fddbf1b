import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite-store.js';

// The SQLite schema a fresh database gets. Shipped migrations must never change what they create
// (existing databases were built by the old text), so this snapshot only grows by new migrations.
it('a fresh SQLite database has exactly the schema the shipped migrations always created', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'metawsm-schema-'));
  try {
    const file = join(dir, 'metawsm.db');
    await (await SqliteStore.open({ file })).close();
    const raw = new Database(file, { readonly: true });
    try {
      const rows = raw
        .prepare("select type, name, sql from sqlite_master where name not like 'sqlite_%' order by name")
        .all();
      expect(rows).toMatchSnapshot();
    } finally {
      raw.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
