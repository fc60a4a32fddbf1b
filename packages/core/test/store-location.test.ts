import {
  describeStoreLocation,
  parseDatabaseUrl,
  parseStoreArgument,
  redactDatabaseUrl,
  sameStoreLocation,
  selectStoreLocation,
  type StoreLocation,
} from '../src/index.js';

const PASSWORD = 'canary-pw-7f3a';

describe('parseDatabaseUrl', () => {
  it('reads user, password, host, port, database and libpq parameters', () => {
    const url = parseDatabaseUrl(
      `postgresql://ops:${PASSWORD}@db.internal:6543/metawsm?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=op1&connect_timeout=7&options=-c%20search_path%3Dmw`,
      'X',
    );
    expect(url).toMatchObject({
      host: 'db.internal',
      port: 6543,
      database: 'metawsm',
      user: 'ops',
      sslMode: 'verify-full',
      sslRootCert: '/etc/ca.pem',
      applicationName: 'op1',
      connectTimeoutSeconds: 7,
      options: '-c search_path=mw',
    });
    expect(url.password?.reveal()).toBe(PASSWORD);
    expect(url.display).toBe(
      'postgresql://ops@db.internal:6543/metawsm?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=op1&connect_timeout=7&options=-c%20search_path%3Dmw',
    );
  });

  it('never shows a password: not in display, JSON or string form, also when given as a parameter', () => {
    for (const raw of [
      `postgres://u:${PASSWORD}@h/db`,
      `postgres://u@h/db?password=${PASSWORD}&sslmode=require`,
      `postgres://u@h/db?sslpassword=${PASSWORD}`,
    ]) {
      const url = parseDatabaseUrl(raw, 'X');
      expect(url.display).not.toContain(PASSWORD);
      expect(JSON.stringify(url)).not.toContain(PASSWORD);
      expect(String(url.password ?? url.sslPassword)).not.toContain(PASSWORD);
      expect(redactDatabaseUrl(raw)).not.toContain(PASSWORD);
    }
    expect(parseDatabaseUrl(`postgres://u@h/db?password=${PASSWORD}&sslmode=require`, 'X').display).toBe(
      'postgres://u@h/db?sslmode=require',
    );
  });

  it('decodes a Unix socket directory given as %-encoded host or as ?host=, and IPv6 hosts', () => {
    expect(parseDatabaseUrl('postgres://%2Ftmp%2Fpg/db', 'X').host).toBe('/tmp/pg');
    expect(parseDatabaseUrl('postgres:///db?host=/var/run/postgresql', 'X')).toMatchObject({
      host: '/var/run/postgresql',
      database: 'db',
    });
    expect(parseDatabaseUrl('postgres://[::1]:5433/db', 'X')).toMatchObject({ host: '::1', port: 5433 });
    expect(parseDatabaseUrl('postgres://h', 'X')).toMatchObject({ database: null, user: null, port: null });
  });

  it.each([
    ['mysql://u@h/db', 'scheme'],
    ['postgres://u:p@h:99999/db', 'port'],
    ['postgres://u:p@h/db?sslmode=sometimes', 'sslmode'],
    ['postgres://u:p@h/db?schema=x', 'unknown parameter'],
    ['postgres://u:p@h/db?sslmode=require&sslmode=disable', 'duplicate parameter'],
    ['postgres://u:p@h/db?connect_timeout=soon', 'timeout'],
    ['postgres://u:%ZZ@h/db', 'escape'],
    ['postgres://u@/db', 'not a URL'],
    ['postgres://h/a/b', 'slash in database'],
  ])('rejects %s (%s) with DATABASE_URL_INVALID naming the source, without echoing the URL', (raw) => {
    let error: unknown;
    try {
      parseDatabaseUrl(raw.replace('u:p@', `u:${PASSWORD}@`), 'METAWSM_DATABASE_URL');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'DATABASE_URL_INVALID', data: { source: 'METAWSM_DATABASE_URL' } });
    expect((error as Error).message).toContain('METAWSM_DATABASE_URL');
    expect(JSON.stringify(error) + (error as Error).message).not.toContain(PASSWORD);
    expect((error as Error).cause).toBeUndefined();
  });
});

describe('store selection', () => {
  const databaseFile = '/home/x/.metawsm/metawsm.db';

  it('uses the flag, else the variable, else the home SQLite file; empty values count as unset', () => {
    const fromFlag = selectStoreLocation({
      flag: 'postgres://a@h1/db',
      env: 'postgres://b@h2/db',
      databaseFile,
    });
    expect(fromFlag).toMatchObject({ kind: 'postgres', source: '--database-url', url: { host: 'h1' } });
    const fromEnv = selectStoreLocation({ flag: '', env: 'postgres://b@h2/db', databaseFile });
    expect(fromEnv).toMatchObject({ kind: 'postgres', source: 'METAWSM_DATABASE_URL', url: { host: 'h2' } });
    expect(selectStoreLocation({ env: ' ', databaseFile })).toEqual({ kind: 'sqlite', file: databaseFile });
  });

  it('names the flag or the variable holding a malformed URL', () => {
    expect(() => selectStoreLocation({ flag: 'postgres://h:0/db', databaseFile })).toThrow(
      expect.objectContaining({ code: 'DATABASE_URL_INVALID', data: { source: '--database-url' } }),
    );
    expect(() => selectStoreLocation({ env: 'sqlite://x', databaseFile })).toThrow(
      expect.objectContaining({ code: 'DATABASE_URL_INVALID', data: { source: 'METAWSM_DATABASE_URL' } }),
    );
  });

  it('parses store arguments: a URL, or a SQLite path resolved against cwd', () => {
    expect(parseStoreArgument('backup/m.db', '--to', '/work')).toEqual({
      kind: 'sqlite',
      file: '/work/backup/m.db',
    });
    expect(parseStoreArgument('postgres://u@h/db', '--to', '/work')).toMatchObject({ kind: 'postgres' });
    expect(() => parseStoreArgument('https://h/db', '--to', '/work')).toThrow(
      expect.objectContaining({ code: 'DATABASE_URL_INVALID', data: { source: '--to' } }),
    );
    expect(() => parseStoreArgument('', '--from', '/work')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('describes a store with the password removed, and compares locations', () => {
    const pg = parseStoreArgument(`postgres://u:${PASSWORD}@h:5432/db`, '--to', '/');
    expect(describeStoreLocation(pg)).toEqual({ kind: 'postgres', location: 'postgres://u@h:5432/db' });
    const file: StoreLocation = { kind: 'sqlite', file: '/a.db' };
    expect(describeStoreLocation(file)).toEqual({ kind: 'sqlite', location: '/a.db' });
    expect(sameStoreLocation(pg, parseStoreArgument('postgresql://other@h/db', '--from', '/'))).toBe(true);
    expect(sameStoreLocation(pg, parseStoreArgument('postgres://u@h/db2', '--from', '/'))).toBe(false);
    expect(sameStoreLocation(file, { kind: 'sqlite', file: '/a.db' })).toBe(true);
    expect(sameStoreLocation(file, pg)).toBe(false);
  });
});
