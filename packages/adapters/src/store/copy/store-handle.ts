import { existsSync } from 'node:fs';
import { MetawsmError, type StoreLocation } from '@metawsm/core';
import { sql, type Kysely } from 'kysely';
import type { StoreDialectName } from '../migrations/dialect.js';
import { DEFAULT_PG_SESSION } from '../postgres/pg-config.js';
import { connectPostgres, migratePostgres } from '../postgres/pg-connection.js';
import { toPgStoreError } from '../postgres/pg-errors.js';
import { DEFAULT_PG_RETRY } from '../postgres/pg-retry.js';
import * as pgTx from '../postgres/pg-transactions.js';
import { openDatabase } from '../sqlite-connection.js';
import { DEFAULT_BUSY_RETRY, toStoreError } from '../sqlite-errors.js';
import { callerTransaction as sqliteCallerTransaction } from '../sqlite-transactions.js';
import type { StoreDatabase } from '../store-schema.js';

/** Any table by name: the copy moves rows without knowing their columns. */
export type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/** A migrated store opened at the table level (for `store copy`), either dialect. */
export interface StoreHandle {
  dialect: StoreDialectName;
  /** Read in one consistent snapshot. */
  read<T>(fn: (db: AnyDb) => Promise<T>): Promise<T>;
  /** Write in one transaction that no other metawsm write interleaves with; `fn` runs once. */
  write<T>(fn: (db: AnyDb) => Promise<T>): Promise<T>;
  /** After rows came with explicit generated keys: make the next generated key follow them. */
  syncGeneratedKey(db: AnyDb, table: string, column: string): Promise<void>;
  /** This dialect's translation of a driver error into a MetawsmError. */
  translate(e: unknown): MetawsmError;
  close(): Promise<void>;
}

const loose = (db: Kysely<StoreDatabase>): AnyDb => db as unknown as AnyDb;
const strict = (db: AnyDb): Kysely<StoreDatabase> => db as unknown as Kysely<StoreDatabase>;

/**
 * Open (and migrate) the store at `location`. A missing SQLite file is PATH_NOT_FOUND unless
 * `create` (a copy's destination may be new; its source must exist).
 */
export async function openStoreHandle(location: StoreLocation, create: boolean): Promise<StoreHandle> {
  return location.kind === 'sqlite' ? openSqlite(location.file, create) : openPostgres(location);
}

async function openSqlite(file: string, create: boolean): Promise<StoreHandle> {
  if (!create && !existsSync(file)) {
    throw new MetawsmError('PATH_NOT_FOUND', `no metawsm database at ${file}`, {
      hint: 'Name an existing .metawsm/metawsm.db (or a postgres:// URL) with --from.',
      data: { path: file },
    });
  }
  let db: Kysely<StoreDatabase>;
  try {
    db = await openDatabase(file, { busyTimeoutMs: 5000, readOnly: false }, DEFAULT_BUSY_RETRY);
  } catch (e) {
    throw toStoreError(e, file);
  }
  const translate = (e: unknown): MetawsmError => toStoreError(e, file);
  return {
    dialect: 'sqlite',
    read: (fn) =>
      db
        .transaction()
        .execute((tx) => fn(loose(tx)))
        .catch((e: unknown) => {
          throw translate(e);
        }),
    write: (fn) =>
      sqliteCallerTransaction(db, { retry: DEFAULT_BUSY_RETRY, file }, (conn) => fn(loose(conn))),
    // SQLite's AUTOINCREMENT already follows the largest id inserted.
    syncGeneratedKey: () => Promise.resolve(),
    translate,
    close: () => db.destroy(),
  };
}

async function openPostgres(location: Extract<StoreLocation, { kind: 'postgres' }>): Promise<StoreHandle> {
  const target = { display: location.url.display, source: location.source };
  const options = { retry: DEFAULT_PG_RETRY, target };
  const db = await connectPostgres({ url: location.url, session: DEFAULT_PG_SESSION, ...options });
  try {
    await migratePostgres(db, DEFAULT_PG_RETRY, target);
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw toPgStoreError(e, target);
  }
  return {
    dialect: 'postgres',
    read: (fn) => pgTx.readTransaction(db, options, (conn) => fn(loose(conn))),
    write: (fn) => pgTx.callerTransaction(db, options, (conn) => fn(loose(conn))),
    syncGeneratedKey: async (conn, table, column) => {
      await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
        strict(conn),
      );
    },
    translate: (e) => toPgStoreError(e, target),
    close: () => db.destroy(),
  };
}
