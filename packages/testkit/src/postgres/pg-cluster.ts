import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What to do when no PostgreSQL can be found: the message every PostgreSQL suite fails with. */
export const NO_POSTGRES_HELP =
  'PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found. Install them ' +
  '(Debian/Ubuntu: `apt-get install -y postgresql-15`; macOS: `brew install postgresql@15`), or set ' +
  'METAWSM_TEST_DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/DB for a server where USER may create databases.';

/** Enough to stop a cluster from another process (jest's global teardown). */
export interface PgClusterHandle {
  bin: string;
  dir: string;
  data: string;
  /** The user the server runs as (`postgres` when started by root), or null for ourselves. */
  asUser: string | null;
}

/** A throwaway PostgreSQL cluster: its own data directory, port and socket directory. */
export interface PgCluster {
  handle: PgClusterHandle;
  /** Superuser URL over TCP (password auth) to the `postgres` database. */
  adminUrl: string;
  host: string;
  port: number;
  password: string;
  /** Directory holding the Unix socket (trust auth). */
  socketDir: string;
  /** Restart the server (fast shutdown: sessions are ended). */
  restart(): Promise<void>;
  /** Stop the server (fast shutdown), keeping its files: connections are refused until {@link PgCluster.startServer}. */
  stopServer(): Promise<void>;
  /** Start a server stopped by {@link PgCluster.stopServer}, on the same port. */
  startServer(): Promise<void>;
  /** Stop the server and delete its files. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startPgCluster}. */
export interface PgClusterOptions {
  /** Extra `-c name=value` server settings (defaults trade durability for speed: fsync off). */
  settings?: Record<string, string>;
  /** Where initdb and pg_ctl are (default: $METAWSM_TEST_PG_BINDIR, else {@link findPgBinDir}). */
  binDir?: string;
}

/** Where the server binaries are: PATH's pg_config, else the newest /usr/lib/postgresql/<v>/bin. */
export async function findPgBinDir(): Promise<string | null> {
  try {
    const { stdout } = await run('pg_config', ['--bindir']);
    const dir = stdout.trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // not on PATH
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

/** The uid/gid to run the server as: ourselves, or the `postgres` user when we are root (initdb refuses root). */
async function serverUser(): Promise<{ uid: number; gid: number; asUser: string | null }> {
  if (process.getuid?.() !== 0)
    return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, asUser: null };
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid, asUser: 'postgres' };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * initdb a cluster in a temp directory and start it on a free port (127.0.0.1 only, socket in the
 * same directory). As root, everything runs as the `postgres` user on directories it owns.
 * Fails with {@link NO_POSTGRES_HELP} when the binaries are missing.
 */
export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const bin = options.binDir ?? (process.env.METAWSM_TEST_PG_BINDIR || (await findPgBinDir()));
  if (bin === null || !existsSync(join(bin, 'initdb'))) throw new Error(NO_POSTGRES_HELP);
  const user = await serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'metawsm-pg-'));
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  chownSync(dir, user.uid, user.gid);
  chownSync(pwfile, user.uid, user.gid);
  const exec = (cmd: string, args: string[]) =>
    user.asUser === null
      ? run(join(bin, cmd), args)
      : run('runuser', ['-u', user.asUser, '--', join(bin, cmd), ...args]);
  const data = join(dir, 'data');
  await exec('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-sync',
    '--locale=C.UTF-8',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${pwfile}`,
  ]);
  const settings = {
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '200',
    ...options.settings,
  };
  let port = 0;
  const start = async (): Promise<void> => {
    const flags = Object.entries(settings)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(' ');
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${flags}`;
    await exec('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', '-t', '60', 'start']);
  };
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (e) {
      // Another process may have taken the port between probing and binding it.
      if (attempt >= 3) throw e;
    }
  }
  let stopped = false;
  const handle: PgClusterHandle = { bin, dir, data, asUser: user.asUser };
  return {
    handle,
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    host: '127.0.0.1',
    port,
    password,
    socketDir: dir,
    restart: async () => {
      await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await start();
    },
    stopServer: async () => {
      await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    startServer: start,
    stop: () => {
      if (!stopped) stopPgClusterSync(handle);
      stopped = true;
      return Promise.resolve();
    },
  };
}

/** Stop a cluster (immediate shutdown) and delete its files; synchronous, so it also works in an exit handler. */
export function stopPgClusterSync(handle: PgClusterHandle): void {
  const pgCtl = [join(handle.bin, 'pg_ctl'), '-D', handle.data, '-m', 'immediate', '-w', 'stop'];
  try {
    if (handle.asUser === null) execFileSync(pgCtl[0]!, pgCtl.slice(1), { stdio: 'ignore' });
    else execFileSync('runuser', ['-u', handle.asUser, '--', ...pgCtl], { stdio: 'ignore' });
  } catch {
    // already stopped
  }
  rmSync(handle.dir, { recursive: true, force: true });
}
