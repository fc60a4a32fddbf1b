import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MetawsmError } from '@metawsm/core';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { localIoError } from '../system/local-io-error.js';
import { betterSqliteAddon } from './native-binding.js';
import { ranExactlyKnownMigrations, storeMigrationProvider } from './migrations/index.js';
import { sqliteErrorCode, unavailableStore, withBusyRetry, type BusyRetryPolicy } from './sqlite-errors.js';
import { immediateTransaction } from './sqlite-transactions.js';
import type { StoreDatabase } from './store-schema.js';

/** How to open the database file. */
export interface ConnectOptions {
  busyTimeoutMs: number;
  /** Open an existing file for reading only: nothing is created, the file is never written. */
  readOnly: boolean;
  /** SQLite `max_page_count`: writes past it fail as SQLITE_FULL (a size cap; tests use it as a full disk). */
  maxPageCount?: number | undefined;
}

/**
 * Open (creating parent folders unless read-only) and configure the database file, `:memory:` for
 * a private in-memory one. The raw better-sqlite3 handle is only used here, for the pragmas.
 */
export function connectSqlite(file: string, options: ConnectOptions): Kysely<StoreDatabase> {
  const inMemory = file === ':memory:';
  if (!inMemory && !options.readOnly) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (e) {
      throw localIoError(e, dirname(file), 'create');
    }
  }
  if (options.readOnly && !existsSync(file)) throw unavailableStore(file, 'cannot_open', 'it does not exist');
  const nativeBinding = betterSqliteAddon();
  const raw = new Database(file, {
    ...(nativeBinding ? { nativeBinding } : {}),
    timeout: options.busyTimeoutMs,
    ...(options.readOnly ? { readonly: true, fileMustExist: true } : {}),
  });
  try {
    raw.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    if (!options.readOnly) {
      if (!inMemory) ensureWal(raw);
      raw.pragma('foreign_keys = ON');
      raw.pragma('synchronous = NORMAL');
    }
    // After the header was read: SQLite never lowers the cap below the size it knows the file has.
    if (options.maxPageCount !== undefined)
      raw.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
  } catch (e) {
    raw.close();
    throw e;
  }
  return new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
}

/** Prepared statements kept per SQL text (oldest dropped past this many). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every statement on every execution; preparing costs more than
 * running a primary-key lookup. Keep the most recent statements and reuse them (better-sqlite3
 * binds new parameters on each run; nothing here iterates a statement, so none is ever busy).
 */
export function withStatementCache(db: Pick<Database.Database, 'prepare' | 'close'>): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare: (text: string) => {
      let stmt = cache.get(text);
      if (stmt) {
        // Most recently used last, so the first key is the one to drop.
        cache.delete(text);
      } else {
        stmt = db.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

/**
 * WAL lets readers run beside the one writer; NORMAL sync is durable enough under WAL. Switching
 * rewrites the file header, so a database not yet in WAL mode is checked first: a damaged file
 * must stay byte for byte as it is (reading its header already fails for a file that is no database).
 */
function ensureWal(raw: Database.Database): void {
  if (raw.pragma('journal_mode', { simple: true }) === 'wal') return;
  const pages = Number(raw.pragma('page_count', { simple: true }));
  const check = pages > 0 ? String(raw.pragma('quick_check(1)', { simple: true })) : 'ok';
  if (check !== 'ok') throw unavailableStore(raw.name, 'corrupt', `quick_check: ${check}`);
  raw.pragma('journal_mode = WAL');
}

/**
 * True when the schema lacks a migration this version knows; a plain read, no lock taken. A current
 * schema (the usual case) costs one query; the migrator's catalog introspection (several ms of a
 * command's start-up) runs only for a new, older or newer database.
 */
export async function hasPendingMigrations(db: Kysely<StoreDatabase>): Promise<boolean> {
  if (await ranKnownMigrations(db)) return false;
  const migrator = new Migrator({ db, provider: storeMigrationProvider });
  return (await migrator.getMigrations()).some((m) => m.executedAt === undefined);
}

/** True when kysely's migration table lists exactly the known migrations (false when there is none yet). */
async function ranKnownMigrations(db: Kysely<StoreDatabase>): Promise<boolean> {
  const table = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db);
  if (table.rows.length === 0) return false;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return ranExactlyKnownMigrations(new Set(rows.map((r) => r.name)));
}

/**
 * Bring the schema to the latest migration. Up to date (the usual case): only a read, so opening
 * the store never queues behind another process's write transaction. Otherwise one immediate
 * transaction, so that several processes opening a new database at once migrate it exactly once,
 * and a crash leaves no half schema.
 */
export async function migrateToLatest(db: Kysely<StoreDatabase>, retry: BusyRetryPolicy): Promise<void> {
  if (!(await withBusyRetry(() => hasPendingMigrations(db), retry))) return;
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
    // SQLite's own failures (read-only, full, damaged) are classified by the caller, with the path.
    if (e instanceof MetawsmError || sqliteErrorCode(e) !== undefined) throw e;
    throw new MetawsmError('STORE_FAILED', 'could not migrate the metawsm database', {
      hint: 'The database may come from a newer metawsm or be damaged; METAWSM_DEBUG=1 shows the cause.',
      cause: e,
    });
  });
}

/**
 * Connect and bring the schema up to date. Read-only: no migration and no write, except for a
 * database that still needs a migration, which is opened normally (migrating is the one write
 * allowed: an older schema cannot be read).
 */
export async function openDatabase(
  file: string,
  options: ConnectOptions,
  retry: BusyRetryPolicy,
): Promise<Kysely<StoreDatabase>> {
  const readOnly = options.readOnly && file !== ':memory:';
  const db = await withBusyRetry(() => Promise.resolve(connectSqlite(file, { ...options, readOnly })), retry);
  let pending = false;
  try {
    if (readOnly) pending = await withBusyRetry(() => hasPendingMigrations(db), retry);
    else await migrateToLatest(db, retry);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  if (!pending) return db;
  await db.destroy();
  return openDatabase(file, { ...options, readOnly: false }, retry);
}
