import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { MetawsmError, type DatabaseUrl } from '@metawsm/core';
import pg from 'pg';

/** How the pool talks TLS: never, always (with these options), or "try TLS, else plain" (libpq's prefer). */
export type TlsChoice = { mode: 'off' } | { mode: 'on'; options: ConnectionOptions } | { mode: 'try' };

/** Tunables of the connection pool and of each session. */
export interface PgSessionOptions {
  /** Connections per process (default 4: a command, its lease renewal, a little headroom). */
  poolSize: number;
  /** A statement waiting longer than this for a row or advisory lock fails with 55P03 and is retried. */
  lockTimeoutMs: number;
  /** Bounds any single statement. */
  statementTimeoutMs: number;
  /** A session idle inside a transaction this long is ended by the server (a stopped process never blocks the team). */
  idleInTransactionTimeoutMs: number;
}

/** Defaults of {@link PgSessionOptions}. */
export const DEFAULT_PG_SESSION: PgSessionOptions = {
  poolSize: 4,
  lockTimeoutMs: 5_000,
  statementTimeoutMs: 60_000,
  idleInTransactionTimeoutMs: 60_000,
};

const INT8_OID = 20;

/** 64-bit integers (GitHub ids, event ids) come back as numbers; beyond 2^53 they would lose digits. */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${text} is beyond 2^53`);
  return n;
}

function getTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === INT8_OID && format !== 'binary') return parseInt8;
  // The store only ever asks for text results.
  return pg.types.getTypeParser(oid, 'text') as (value: string) => unknown;
}

const types = { getTypeParser } as pg.CustomTypesConfig;

/**
 * node-postgres pool configuration for a parsed URL. The password is handed over as a function so
 * the config object never holds it; without one, node-postgres falls back to PGPASSWORD / ~/.pgpass.
 */
export function poolConfig(url: DatabaseUrl, tls: TlsChoice, session: PgSessionOptions): pg.PoolConfig {
  const password = url.password;
  const config: pg.PoolConfig = {
    max: session.poolSize,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    keepAlive: true,
    // libpq's connect_timeout=0 waits forever, as node-postgres's 0 does.
    connectionTimeoutMillis: url.connectTimeoutSeconds === null ? 10_000 : url.connectTimeoutSeconds * 1000,
    application_name: url.applicationName ?? 'metawsm',
    lock_timeout: session.lockTimeoutMs,
    statement_timeout: session.statementTimeoutMs,
    idle_in_transaction_session_timeout: session.idleInTransactionTimeoutMs,
    types,
    ssl: tls.mode === 'on' ? tls.options : tls.mode === 'try' ? { rejectUnauthorized: false } : false,
  };
  if (url.host !== null) config.host = url.host;
  if (url.port !== null) config.port = url.port;
  if (url.database !== null) config.database = url.database;
  if (url.user !== null) config.user = url.user;
  if (password !== null) config.password = () => password.reveal();
  if (url.options !== null) config.options = url.options;
  return config;
}

/**
 * The TLS choice for a URL, with libpq's meaning of `sslmode`: `disable` plain; `allow`/`prefer`
 * (the default) TLS when the server offers it; `require` TLS without verification (verified like
 * `verify-ca` when `sslrootcert` is given); `verify-ca` checks the chain; `verify-full` also the host
 * name. Unix sockets never use TLS. Reads the certificate files named in the URL.
 */
export function tlsChoice(url: DatabaseUrl, source: string): TlsChoice {
  if (url.host?.startsWith('/') === true || url.sslMode === 'disable') return { mode: 'off' };
  const mode = url.sslMode ?? 'prefer';
  if (mode === 'allow' || mode === 'prefer') return { mode: 'try' };
  const options: ConnectionOptions = { rejectUnauthorized: mode !== 'require' || url.sslRootCert !== null };
  if (url.sslRootCert !== null && url.sslRootCert !== 'system') options.ca = readPem(url.sslRootCert, source);
  if (url.sslCert !== null) options.cert = readPem(url.sslCert, source);
  if (url.sslKey !== null) options.key = readPem(url.sslKey, source);
  if (url.sslPassword !== null) options.passphrase = url.sslPassword.reveal();
  // Only verify-full checks that the certificate names the host; verify-ca trusts any name.
  if (mode !== 'verify-full') options.checkServerIdentity = () => undefined;
  return { mode: 'on', options };
}

function readPem(file: string, source: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new MetawsmError('DATABASE_URL_INVALID', `cannot read ${file}, named in ${source}`, {
      hint: 'sslrootcert, sslcert and sslkey name files readable by this user (sslrootcert=system uses the system CAs).',
      data: { source, file },
      cause: e,
    });
  }
}
