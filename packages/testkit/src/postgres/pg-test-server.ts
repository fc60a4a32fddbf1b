import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { startPgCluster, stopPgClusterSync, type PgClusterHandle } from './pg-cluster.js';

/** Points the tests at an existing server (its user must be allowed to create databases). */
export const TEST_DATABASE_URL_ENV = 'METAWSM_TEST_DATABASE_URL';
/** Set by jest's global setup: a directory where the run's one shared cluster is described. */
export const TEST_PG_STATE_ENV = 'METAWSM_TEST_PG_STATE';

/** The PostgreSQL server the tests of this process use. */
export interface TestPgServer {
  /** A URL allowed to create and drop databases. */
  adminUrl: string;
  /**
   * A new, empty database; returns its URL. With `icu`, its default collation is ICU `en-US`
   * (when the server supports it), so byte-wise ordering cannot come from the locale by luck.
   */
  createDatabase(options?: { icu?: boolean }): Promise<string>;
  /** Drop a database made by {@link TestPgServer.createDatabase} (ending its sessions). */
  dropDatabase(url: string): Promise<void>;
}

interface SharedState {
  adminUrl: string;
  handle?: PgClusterHandle;
}

let server: Promise<TestPgServer> | null = null;

/**
 * The server for this test process: METAWSM_TEST_DATABASE_URL if set, else the run's shared
 * throwaway cluster (started by the first suite that needs it, stopped by jest's global teardown),
 * else a private cluster stopped when the process exits. Rejects with install instructions when
 * none can be had: PostgreSQL suites fail, they never skip.
 */
export function testPgServer(): Promise<TestPgServer> {
  server ??= resolveAdminUrl().then(serverAt);
  return server;
}

async function resolveAdminUrl(): Promise<string> {
  const given = process.env[TEST_DATABASE_URL_ENV];
  if (given) return given;
  const stateDir = process.env[TEST_PG_STATE_ENV];
  if (stateDir) return (await sharedCluster(stateDir)).adminUrl;
  const cluster = await startPgCluster();
  process.once('exit', () => stopPgClusterSync(cluster.handle));
  return cluster.adminUrl;
}

/** One cluster per jest run: the first process to get the lock file starts it, the others wait for it. */
async function sharedCluster(stateDir: string): Promise<SharedState> {
  const stateFile = join(stateDir, 'server.json');
  const errorFile = join(stateDir, 'server.error');
  try {
    closeSync(openSync(join(stateDir, 'starting.lock'), 'wx'));
  } catch {
    return waitForShared(stateFile, errorFile);
  }
  try {
    const cluster = await startPgCluster();
    const state: SharedState = { adminUrl: cluster.adminUrl, handle: cluster.handle };
    writeFileSync(stateFile, JSON.stringify(state));
    return state;
  } catch (e) {
    writeFileSync(errorFile, e instanceof Error ? e.message : String(e));
    throw e;
  }
}

async function waitForShared(stateFile: string, errorFile: string): Promise<SharedState> {
  for (let waited = 0; waited < 120_000; waited += 100) {
    if (existsSync(stateFile)) return JSON.parse(readFileSync(stateFile, 'utf8')) as SharedState;
    if (existsSync(errorFile)) throw new Error(readFileSync(errorFile, 'utf8'));
    await sleep(100);
  }
  throw new Error('timed out waiting for the shared test PostgreSQL cluster to start');
}

/** Run one SQL statement on the database at `url` (test set-up and inspection); returns its rows. */
export async function pgQuery(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  return withAdmin(
    url,
    async (client) => (await client.query(text, values)).rows as Record<string, unknown>[],
  );
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function serverAt(adminUrl: string): TestPgServer {
  return {
    adminUrl,
    createDatabase: async (options = {}) => {
      const name = `metawsm_t_${randomBytes(6).toString('hex')}`;
      await withAdmin(adminUrl, async (client) => {
        if (options.icu === true) {
          const icu = `create database ${name} template template0 locale_provider icu icu_locale 'en-US'`;
          if (
            await client.query(icu).then(
              () => true,
              () => false,
            )
          )
            return;
        }
        await client.query(`create database ${name}`);
      });
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    dropDatabase: async (url) => {
      const name = new URL(url).pathname.slice(1);
      if (!/^metawsm_t_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
      await withAdmin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
