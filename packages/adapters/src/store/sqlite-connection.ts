import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MetawsmError } from '@metawsm/core';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { storeMigrationProvider } from './migrations/index.js';
import { withBusyRetry, type BusyRetryPolicy } from './sqlite-errors.js';
import { immediateTransaction } from './sqlite-transactions.js';
import type { StoreDatabase } from './store-schema.js';

/**
 * Open (creating parent folders) and configure the database file, `:memory:` for a private
 * in-memory one. The raw better-sqlite3 handle is only used here, for the pragmas.
 */
export function connectSqlite(file: string, busyTimeoutMs: number): Kysely<StoreDatabase> {
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const raw = new Database(file, { timeout: busyTimeoutMs });
  try {
    // WAL lets readers run beside the one writer; NORMAL sync is durable enough under WAL.
    if (!inMemory) raw.pragma('journal_mode = WAL');
    raw.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = NORMAL');
  } catch (e) {
    raw.close();
    throw e;
  }
  return new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: raw }) });
}

/**
 * Bring the schema to the latest migration. Runs inside one immediate transaction so that several
 * processes opening a new database at once migrate it exactly once, and a crash leaves no half schema.
 */
export async function migrateToLatest(db: Kysely<StoreDatabase>, retry: BusyRetryPolicy): Promise<void> {
  await withBusyRetry(
    () =>
      immediateTransaction(db, async (conn) => {
        // disableTransactions: this immediate transaction already wraps every migration.
        const migrator = new Migrator({
          db: conn,
          provider: storeMigrationProvider,
          disableTransactions: true,
        });
        const { error } = await migrator.migrateToLatest();
        if (error !== undefined) throw error;
      }),
    retry,
  ).catch((e: unknown) => {
    if (e instanceof MetawsmError) throw e;
    throw new MetawsmError('STORE_FAILED', 'could not migrate the metawsm database', {
      hint: 'The database may come from a newer metawsm or be damaged; METAWSM_DEBUG=1 shows the cause.',
      cause: e,
    });
  });
}
