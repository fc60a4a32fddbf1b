import Database from 'better-sqlite3';
import { withStatementCache } from '../src/store/sqlite-connection.js';

/** A statement cache over an in-memory database, and every SQL text it had prepared. */
function countingCache() {
  const db = new Database(':memory:');
  const prepared: string[] = [];
  const cached = withStatementCache({
    prepare: (sql: string) => {
      prepared.push(sql);
      return db.prepare(sql);
    },
    close: () => db.close(),
  } as unknown as Database.Database);
  return { cached, prepared };
}

describe('withStatementCache: Kysely’s SQLite driver prepares each SQL text once', () => {
  it('reuses a statement with new parameters, and answers like a fresh one', () => {
    const { cached, prepared } = countingCache();
    cached.prepare('create table t (k integer primary key, v text)').run([]);
    const insert = 'insert into t (k, v) values (?, ?)';
    for (let k = 1; k <= 3; k++) cached.prepare(insert).run([k, `v${k}`]);
    const select = 'select v from t where k = ?';
    expect(cached.prepare(select).all([2])).toEqual([{ v: 'v2' }]);
    expect(cached.prepare(select).all([3])).toEqual([{ v: 'v3' }]);
    expect(prepared.filter((s) => s === insert)).toHaveLength(1);
    expect(prepared.filter((s) => s === select)).toHaveLength(1);
    cached.close();
  });

  it('keeps at most 256 statements, dropping the least recently used', () => {
    const { cached, prepared } = countingCache();
    const q = (n: number) => `select ${n} as n`;
    for (let n = 0; n < 256; n++) cached.prepare(q(n));
    cached.prepare(q(0)); // now the most recent: 1 is the oldest
    cached.prepare(q(256)); // evicts 1
    cached.prepare(q(0));
    cached.prepare(q(1));
    expect(prepared.filter((s) => s === q(0))).toHaveLength(1);
    expect(prepared.filter((s) => s === q(1))).toHaveLength(2);
    cached.close();
  });
});
