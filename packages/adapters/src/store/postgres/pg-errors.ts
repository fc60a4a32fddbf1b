import { MetawsmError, redactText } from '@metawsm/core';

/*
 * What a node-postgres failure means for the store: retry it (serialization conflict, lock wait,
 * dropped connection), or report it with a code an operator can act on. Errors never carry the
 * URL's password: messages use the redacted URL and pass through redactText.
 */

/** The kinds of failure the store distinguishes. */
export type PgFailure = 'conflict' | 'connection' | 'auth' | 'missing-database' | 'tls' | 'other';

/** Where the failing database is, for messages: the redacted URL and the flag or variable naming it. */
export interface PgTarget {
  display: string;
  source: string;
}

const CONFLICT_CODES = new Set(['40001', '40P01', '55P03']);
// admin/crash shutdown, "the database system is starting up / shutting down", too many connections.
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const NETWORK_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENOENT', // a Unix socket that is not there (yet)
]);
const CONNECTION_MESSAGES =
  /connection terminated|connection error|not queryable|timeout exceeded when trying to connect|connection timeout|closed the connection|ended by the server/i;
const TLS_MESSAGES = /ssl|tls|certificate/i;

function codeOf(e: unknown): string {
  if (typeof e !== 'object' || e === null) return '';
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Classify anything node-postgres (or the network below it) threw. */
export function classifyPgError(e: unknown): PgFailure {
  if (e instanceof MetawsmError) return 'other';
  const code = codeOf(e);
  if (CONFLICT_CODES.has(code)) return 'conflict';
  if (code.startsWith('08') || CONNECTION_CODES.has(code) || NETWORK_ERRNOS.has(code)) return 'connection';
  if (code === '28P01' || code === '28000') return 'auth';
  if (code === '3D000') return 'missing-database';
  const message = messageOf(e);
  if (code.startsWith('ERR_TLS') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return 'tls';
  if (code === '' && CONNECTION_MESSAGES.test(message)) return 'connection';
  if (code === '' && TLS_MESSAGES.test(message)) return 'tls';
  return 'other';
}

/** True for failures worth another attempt. */
export function isRetryablePgError(e: unknown): boolean {
  const kind = classifyPgError(e);
  return kind === 'conflict' || kind === 'connection';
}

/**
 * Translate a failure after retries: MetawsmErrors pass through; the rest become the DATABASE_*
 * codes, STORE_BUSY (conflicts that outlasted the retries) or STORE_FAILED, with the cause kept.
 */
export function toPgStoreError(e: unknown, target: PgTarget, attempts = 1): MetawsmError {
  if (e instanceof MetawsmError) return e;
  const detail = redactText(messageOf(e));
  const data = { url: target.display, source: target.source, ...(attempts > 1 ? { attempts } : {}) };
  switch (classifyPgError(e)) {
    case 'conflict':
      return new MetawsmError('STORE_BUSY', `the PostgreSQL store stayed busy after ${attempts} attempts`, {
        hint: 'Other metawsm processes are writing the same rows; retry in a moment.',
        data,
        cause: e,
      });
    case 'connection':
      return unreachable(`cannot reach PostgreSQL at ${target.display}: ${detail}`, data, e);
    case 'tls':
      return unreachable(`TLS with PostgreSQL at ${target.display} failed: ${detail}`, data, e, TLS_HINT);
    case 'auth':
      return new MetawsmError(
        'DATABASE_AUTH_FAILED',
        `PostgreSQL refused the login to ${target.display}: ${detail}`,
        {
          hint: `Check the user and password in ${target.source} (or PGPASSWORD / ~/.pgpass) and the server's pg_hba.conf.`,
          data,
          cause: e,
        },
      );
    case 'missing-database':
      return new MetawsmError('DATABASE_NOT_FOUND', `PostgreSQL has no such database: ${target.display}`, {
        hint: 'Create it first (`createdb -O <user> <name>`); metawsm creates its tables itself.',
        data,
        cause: e,
      });
    case 'other':
      return new MetawsmError('STORE_FAILED', `PostgreSQL store operation failed: ${detail}`, {
        hint: 'METAWSM_DEBUG=1 shows the cause; check the server log for this session.',
        data: { ...data, ...(codeOf(e) ? { sqlState: codeOf(e) } : {}) },
        cause: e,
      });
  }
}

const TLS_HINT =
  'Check sslmode and the certificates in the URL: verify-full needs a certificate naming the host, and sslrootcert its CA.';

function unreachable(
  message: string,
  data: Record<string, unknown>,
  cause: unknown,
  hint?: string,
): MetawsmError {
  return new MetawsmError('DATABASE_UNREACHABLE', message, {
    hint:
      hint ??
      'Check that the PostgreSQL server is running and reachable from this machine, then run the command again.',
    data,
    cause,
  });
}
