import { MetawsmError } from '../errors/metawsm-error.js';
import { Secret } from './secret.js';

/** libpq's `sslmode` values. */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

/** One of libpq's `sslmode` values. */
export type SslMode = (typeof SSL_MODES)[number];

/** Query parameters a database URL may carry (libpq's names); anything else is rejected. */
export const DATABASE_URL_PARAMS = [
  'host',
  'port',
  'dbname',
  'user',
  'password',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'sslpassword',
  'application_name',
  'connect_timeout',
  'options',
] as const;

/** Parameters whose values are secrets: never displayed. */
const SECRET_PARAMS = new Set(['password', 'sslpassword']);

/**
 * A parsed `postgres://` / `postgresql://` URL. Secrets are {@link Secret}s, so printing or
 * serialising this object never shows them; `display` is the URL without them.
 */
export interface DatabaseUrl {
  /** The URL as given, minus the password and any secret parameter: safe to print. */
  display: string;
  /** Host name, IP address, or a Unix socket directory (starts with `/`); null: the driver's default. */
  host: string | null;
  port: number | null;
  database: string | null;
  user: string | null;
  password: Secret | null;
  sslMode: SslMode | null;
  sslRootCert: string | null;
  sslCert: string | null;
  sslKey: string | null;
  sslPassword: Secret | null;
  applicationName: string | null;
  /** `connect_timeout` in seconds (0 = wait forever, as in libpq). */
  connectTimeoutSeconds: number | null;
  /** Server options sent at connection start, e.g. `-c search_path=metawsm`. */
  options: string | null;
}

/**
 * Parse and validate a PostgreSQL connection URL taken from `source` (a flag or variable name,
 * named in errors). Errors never repeat the URL: a malformed one may hold a password in a place
 * redaction cannot recognise.
 */
export function parseDatabaseUrl(raw: string, source: string): DatabaseUrl {
  const text = raw.trim();
  if (!/^postgres(?:ql)?:\/\//i.test(text))
    throw invalid(source, 'it must start with postgres:// or postgresql://');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(source, 'it is not a well-formed URL');
  }
  const params = queryParams(url, source);
  const fromUrl = {
    host: decode(url.hostname, source).replace(/^\[(.*)\]$/, '$1') || null,
    port: url.port === '' ? null : portNumber(url.port, source),
    database: decode(url.pathname.replace(/^\//, ''), source) || null,
    user: decode(url.username, source) || null,
    password: decode(url.password, source) || null,
  };
  if (fromUrl.database?.includes('/')) throw invalid(source, 'the database name contains "/"');
  const password = params.get('password') ?? fromUrl.password;
  const sslPassword = params.get('sslpassword');
  const port = params.get('port');
  return {
    display: displayUrl(text),
    host: params.get('host') ?? fromUrl.host,
    port: port === undefined ? fromUrl.port : portNumber(port, source),
    database: params.get('dbname') ?? fromUrl.database,
    user: params.get('user') ?? fromUrl.user,
    password: password ? new Secret(password) : null,
    sslMode: sslMode(params.get('sslmode'), source),
    sslRootCert: params.get('sslrootcert') ?? null,
    sslCert: params.get('sslcert') ?? null,
    sslKey: params.get('sslkey') ?? null,
    sslPassword: sslPassword ? new Secret(sslPassword) : null,
    applicationName: params.get('application_name') ?? null,
    connectTimeoutSeconds: timeout(params.get('connect_timeout'), source),
    options: params.get('options') ?? null,
  };
}

/**
 * A database URL with its password and secret parameters removed, for printing. Anything that
 * does not parse as a URL is shown as a placeholder: it cannot be redacted reliably.
 */
export function redactDatabaseUrl(raw: string): string {
  try {
    new URL(raw.trim());
  } catch {
    return '<unparseable database URL>';
  }
  return displayUrl(raw.trim());
}

function displayUrl(text: string): string {
  const url = new URL(text);
  const scheme = text.slice(0, text.indexOf(':')).toLowerCase();
  const user = url.username === '' ? '' : `${url.username}@`;
  const query = text.includes('?') ? text.slice(text.indexOf('?') + 1).replace(/#.*$/, '') : '';
  const kept = query
    .split('&')
    .filter((pair) => pair !== '' && !SECRET_PARAMS.has(safeDecode(pair.split('=')[0] ?? '')));
  return `${scheme}://${user}${url.host}${url.pathname}${kept.length > 0 ? `?${kept.join('&')}` : ''}`;
}

function queryParams(url: URL, source: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!(DATABASE_URL_PARAMS as readonly string[]).includes(key)) {
      throw invalid(
        source,
        `parameter "${key}" is not supported (supported: ${DATABASE_URL_PARAMS.join(', ')})`,
      );
    }
    if (params.has(key)) throw invalid(source, `parameter "${key}" is given twice`);
    params.set(key, value);
  }
  return params;
}

function sslMode(value: string | undefined, source: string): SslMode | null {
  if (value === undefined) return null;
  if ((SSL_MODES as readonly string[]).includes(value)) return value as SslMode;
  throw invalid(source, `sslmode must be one of ${SSL_MODES.join(', ')}`);
}

function portNumber(value: string, source: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port <= 65535)) throw invalid(source, 'the port must be a number from 1 to 65535');
  return port;
}

function timeout(value: string | undefined, source: string): number | null {
  if (value === undefined) return null;
  if (!/^\d{1,6}$/.test(value)) throw invalid(source, 'connect_timeout must be a whole number of seconds');
  return Number(value);
}

function decode(value: string, source: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw invalid(source, 'it contains a malformed %-escape');
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function invalid(source: string, why: string): MetawsmError {
  return new MetawsmError('DATABASE_URL_INVALID', `the database URL in ${source} is not valid: ${why}`, {
    hint: 'Use postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=require], or postgres:///DATABASE?host=/socket/dir.',
    data: { source },
  });
}
