import type { DatabaseUrl } from '@metawsm/core';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { POSTGRES_DIALECT } from '../migrations/dialect.js';
import { migrationProviderFor, ranExactlyKnownMigrations } from '../migrations/index.js';
import type { StoreDatabase } from '../store-schema.js';
import { poolConfig, tlsChoice, type PgSessionOptions, type TlsChoice } from './pg-config.js';
import { classifyPgError, type PgTarget } from './pg-errors.js';
import { withPgRetry, type PgRetryPolicy } from './pg-retry.js';

/** What {@link connectPostgres} needs. */
export interface PgConnectOptions {
  url: DatabaseUrl;
  target: PgTarget;
  retry: PgRetryPolicy;
  session: PgSessionOptions;
}

/**
 * A Kysely instance on a small node-postgres pool, after one successful round trip (so a wrong
 * password or an unreachable server fails here, translated and retried like any other call).
 */
export async function connectPostgres(options: PgConnectOptions): Promise<Kysely<StoreDatabase>> {
  const tls = await withPgRetry(() => settleTls(options), options.retry, options.target);
  const pool = new pg.Pool(poolConfig(options.url, tls, options.session));
  // A server restart ends idle and checked-out connections with an 'error' event; without a
  // listener Node would crash. The failure reaches the next query instead, which retries.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Decide TLS once per process. For `prefer`/`allow` (libpq's default) try TLS first and use plain
 * only when the server says it has no TLS (that answer comes before any login, so it is cheap);
 * other failures, a rejected login included, surface here. Fixed modes need no probe: the first
 * query reports their failures.
 */
async function settleTls(options: PgConnectOptions): Promise<TlsChoice> {
  const choice = tlsChoice(options.url, options.target.source);
  if (choice.mode !== 'try') return choice;
  const tls: TlsChoice = { mode: 'on', options: { rejectUnauthorized: false } };
  const client = new pg.Client(poolConfig(options.url, tls, options.session));
  client.on('error', () => undefined);
  try {
    await client.connect();
    return tls;
  } catch (e) {
    if (/does not support SSL/i.test(e instanceof Error ? e.message : '')) return { mode: 'off' };
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Bring the schema to the latest migration. Kysely's migrator holds an advisory lock and runs the
 * pending migrations in one transaction (PostgreSQL has transactional DDL), so processes opening a
 * new database at once migrate it exactly once and a failure leaves no half schema.
 */
export async function migratePostgres(
  db: Kysely<StoreDatabase>,
  retry: PgRetryPolicy,
  target: PgTarget,
): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProviderFor(POSTGRES_DIALECT) });
  await withPgRetry(
    async () => {
      if (await upToDate(db)) return;
      const { error } = await migrator.migrateToLatest();
      if (error === undefined) return;
      // Two processes creating the bookkeeping tables at once: one loses a race, then retries.
      throw classifyPgError(error) === 'other' && isCatalogRace(error) ? serializationFailure(error) : error;
    },
    retry,
    target,
  );
}

/**
 * True when exactly the known migrations have run: one query instead of the migrator's catalog
 * introspection and locking on every start (tens of milliseconds per command). Anything else
 * (no table yet, pending or unknown migrations) goes through the migrator, which reports it.
 */
async function upToDate(db: Kysely<StoreDatabase>): Promise<boolean> {
  let done: Set<string>;
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    done = new Set(rows.map((r) => r.name));
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code === '42P01') return false; // undefined_table: a new database
    throw e;
  }
  return ranExactlyKnownMigrations(done);
}

function isCatalogRace(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === '42P07';
}

function serializationFailure(cause: unknown): Error {
  return Object.assign(new Error('concurrent schema creation', { cause }), { code: '40001' });
}
