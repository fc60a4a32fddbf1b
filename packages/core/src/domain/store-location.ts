import { resolve } from 'node:path';
import { MetawsmError } from '../errors/metawsm-error.js';
import { parseDatabaseUrl, type DatabaseUrl } from './database-url.js';

/** Where the state lives: a SQLite file (one machine) or a PostgreSQL database (a team). */
export type StoreLocation =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: DatabaseUrl; source: string };

/** A store location safe to print: the kind and the file path or the redacted URL. */
export interface StoreDescription {
  kind: StoreLocation['kind'];
  location: string;
}

/** The variable that selects PostgreSQL (docs/operating.md, Teams). */
export const DATABASE_URL_ENV = 'METAWSM_DATABASE_URL';

/**
 * The store a command uses: `--database-url`, else `METAWSM_DATABASE_URL`, else the home's SQLite
 * file. An empty value counts as unset. DATABASE_URL_INVALID (naming the flag or variable) when
 * the chosen URL is malformed.
 */
export function selectStoreLocation(input: {
  flag?: string | undefined;
  env?: string | undefined;
  databaseFile: string;
}): StoreLocation {
  if (input.flag !== undefined && input.flag.trim() !== '') return postgres(input.flag, '--database-url');
  if (input.env !== undefined && input.env.trim() !== '') return postgres(input.env, DATABASE_URL_ENV);
  return { kind: 'sqlite', file: input.databaseFile };
}

/**
 * A store named on the command line (`store copy --to/--from`): a `postgres://` URL, or else a
 * SQLite file path resolved against `cwd`. Any other URL scheme is rejected.
 */
export function parseStoreArgument(value: string, source: string, cwd: string): StoreLocation {
  if (value.trim() === '') {
    throw new MetawsmError('INVALID_INPUT', `${source} needs a postgres:// URL or a SQLite file path`, {
      hint: 'For example --to postgres://metawsm@db.internal/metawsm or --to ./backup.db.',
      data: { source },
    });
  }
  // Anything shaped like `scheme://` is meant as a URL; only postgres:// ones are accepted.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) return postgres(value, source);
  return { kind: 'sqlite', file: resolve(cwd, value) };
}

/** The kind and printable location (password removed) of a store. */
export function describeStoreLocation(location: StoreLocation): StoreDescription {
  return location.kind === 'sqlite'
    ? { kind: 'sqlite', location: location.file }
    : { kind: 'postgres', location: location.url.display };
}

/** True when both locations name the same store (same file, or same server, port and database). */
export function sameStoreLocation(a: StoreLocation, b: StoreLocation): boolean {
  if (a.kind === 'sqlite') return b.kind === 'sqlite' && a.file === b.file;
  if (b.kind === 'sqlite') return false;
  const key = (u: DatabaseUrl): string => JSON.stringify([u.host, u.port ?? 5432, u.database ?? u.user]);
  return key(a.url) === key(b.url);
}

function postgres(raw: string, source: string): StoreLocation {
  return { kind: 'postgres', url: parseDatabaseUrl(raw, source), source };
}
