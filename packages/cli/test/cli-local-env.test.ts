import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '@metawsm/adapters/store';
import { createRepoPair, isolatedGitEnv, makeTempDir, writeProtect, type TempDir } from '@metawsm/testkit';
import { runCli, type CliRun } from './support/cli.js';

const digest = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

/** Exit 8 with the code, the path in the message, a hint, and no stack trace. */
function expectLocalFailure(r: CliRun, code: string, path: string): void {
  expect(r.code).toBe(8);
  expect(r.json.error).toMatchObject({ code, hint: expect.any(String) });
  expect(r.json.error.message).toContain(path);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('local environment failures are exit 8; read-only commands create nothing (issue 10 items 6, 12, 13)', () => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  let ws: string;
  let n = 0;
  const undo: (() => void)[] = [];
  const cli = (cwd: string, ...args: string[]) => runCli(args, { cwd, env });
  /** A fresh home with a policy and one run. */
  async function home(): Promise<string> {
    const dir = join(tmp.path, `home-${++n}`);
    mkdirSync(dir);
    await cli(dir, 'policy', 'init', '--home', dir);
    const r = await cli(
      dir,
      'run',
      'create',
      '--home',
      dir,
      '--ticket',
      'T-1',
      '--repo',
      `api=${ws}`,
      '--run-id',
      'r1',
    );
    expect(r.code).toBe(0);
    return dir;
  }

  beforeAll(() => {
    tmp = makeTempDir();
    env = { ...isolatedGitEnv(tmp.path) };
    delete env.METAWSM_HOME;
    ws = createRepoPair(
      tmp.path,
      'api',
      { 'a.txt': 'a\n' },
      { env, remoteUrl: 'https://github.com/acme/api.git' },
    ).work;
  });
  afterEach(() => {
    for (const u of undo.splice(0)) u();
  });
  afterAll(() => tmp.cleanup());

  it('status --home /no/such/dir: exit 2 HOME_NOT_FOUND, nothing created', async () => {
    const missing = join(tmp.path, 'no', 'such', 'dir');
    const r = await cli(tmp.path, 'status', '--home', missing, '--json');
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({
      code: 'HOME_NOT_FOUND',
      hint: expect.stringContaining('policy init'),
    });
    expect(existsSync(join(tmp.path, 'no'))).toBe(false);
  });

  it('outside any home (an agent workspace as cwd), read-only commands say so and write nothing', async () => {
    const before = readdirSync(ws).sort();
    for (const args of [['status'], ['run', 'list'], ['policy', 'show'], ['auth', 'check']]) {
      const r = await cli(ws, ...args, '--json');
      expect({ args, code: r.code, error: r.json?.error?.code }).toEqual({
        args,
        code: 2,
        error: 'HOME_NOT_FOUND',
      });
    }
    expect(readdirSync(ws).sort()).toEqual(before);
  });

  it('a home without a database yet (policy init only) reads as empty and stays without one', async () => {
    const dir = join(tmp.path, 'fresh');
    mkdirSync(dir);
    await cli(dir, 'policy', 'init', '--home', dir);
    const r = await cli(dir, 'status', '--home', dir, '--json');
    expect(r.code).toBe(0);
    expect(r.json.runs).toEqual([]);
    expect((await cli(dir, 'run', 'list', '--home', dir, '--json')).json.runs).toEqual([]);
    expect(readdirSync(join(dir, '.metawsm'))).toEqual(['policy.json']);
  });

  it('a corrupt database: exit 8 STORE_UNAVAILABLE naming it, for reads and writes; the file is untouched', async () => {
    const dir = await home();
    const db = join(dir, '.metawsm', 'metawsm.db');
    const bytes = readFileSync(db);
    bytes.fill(0x5a, 4096);
    writeFileSync(db, bytes);
    const before = digest(db);
    expectLocalFailure(await cli(dir, 'status', '--home', dir, '--json'), 'STORE_UNAVAILABLE', db);
    const create = await cli(
      dir,
      'run',
      'create',
      '--home',
      dir,
      '--ticket',
      'T-2',
      '--repo',
      `api=${ws}`,
      '--json',
    );
    expectLocalFailure(create, 'STORE_UNAVAILABLE', db);
    const text = await cli(dir, 'status', '--home', dir);
    expect(text.code).toBe(8);
    expect(text.stderr).toContain(db);
    expect(digest(db)).toBe(before);
  });

  it('a full disk: exit 8 STORE_UNAVAILABLE (test hook: SQLite max_page_count at the current size)', async () => {
    const dir = await home();
    const full = { ...env, METAWSM_TEST_SQLITE_MAX_PAGES: '1' };
    // 200 targets (~30 KB of rows) need new pages; the cap keeps the file at the pages it has.
    const tickets = Array.from({ length: 200 }, (_, i) => ['--ticket', `TICKET-${i}`]).flat();
    const args = ['run', 'create', '--home', dir, ...tickets, '--repo', `api=${ws}`, '--json'];
    const r = await runCli(args, { cwd: dir, env: full });
    expectLocalFailure(r, 'STORE_UNAVAILABLE', join(dir, '.metawsm', 'metawsm.db'));
    expect(r.json.error.data.reason).toBe('disk_full');
    expect((await runCli(args, { cwd: dir, env })).code).toBe(0);
  });

  it('a read-only database: writes are exit 8, reads still work', async () => {
    const dir = await home();
    const db = join(dir, '.metawsm', 'metawsm.db');
    const restore = writeProtect(db, 'file');
    if (restore === null)
      return console.warn('skipped: cannot write-protect a file here (root without chattr)');
    undo.push(restore);
    const r = await cli(dir, 'run', 'complete', 'r1', '--home', dir, '--json');
    expectLocalFailure(r, 'STORE_UNAVAILABLE', db);
    expect(r.json.error.data.reason).toBe('read_only');
    expect((await cli(dir, 'status', '--home', dir, '--json')).code).toBe(0);
  });

  it('an unwritable home (a file where the folder should be): policy init and run create exit 8 naming the path', async () => {
    writeFileSync(join(tmp.path, 'plainfile'), 'x');
    const bad = join(tmp.path, 'plainfile', 'home');
    expectLocalFailure(
      await cli(tmp.path, 'policy', 'init', '--home', bad, '--json'),
      'LOCAL_IO_FAILED',
      bad,
    );
    const text = await cli(tmp.path, 'policy', 'init', '--home', bad);
    expect(text.code).toBe(8);
    expect(text.stderr).not.toMatch(/bug/i);
    const create = await cli(
      tmp.path,
      'run',
      'create',
      '--home',
      bad,
      '--ticket',
      'T-1',
      '--repo',
      `api=${ws}`,
      '--json',
    );
    expectLocalFailure(create, 'LOCAL_IO_FAILED', bad);
  });

  it('a write-protected home folder: policy init exits 8 naming the file', async () => {
    const dir = join(tmp.path, 'locked');
    mkdirSync(join(dir, '.metawsm'), { recursive: true });
    const restore = writeProtect(join(dir, '.metawsm'), 'dir');
    if (restore === null)
      return console.warn('skipped: cannot write-protect a folder here (root without chattr)');
    undo.push(restore);
    expectLocalFailure(
      await cli(dir, 'policy', 'init', '--home', dir, '--json'),
      'LOCAL_IO_FAILED',
      join(dir, '.metawsm', 'policy.json'),
    );
  });

  it('an unreadable policy file (a folder in its place): every command exits 8 naming it', async () => {
    const dir = join(tmp.path, 'badpolicy');
    mkdirSync(join(dir, '.metawsm', 'policy.json'), { recursive: true });
    const policy = join(dir, '.metawsm', 'policy.json');
    expectLocalFailure(await cli(dir, 'policy', 'show', '--home', dir, '--json'), 'LOCAL_IO_FAILED', policy);
    expectLocalFailure(
      await cli(dir, 'run', 'create', '--home', dir, '--ticket', 'T-1', '--repo', `api=${ws}`, '--json'),
      'LOCAL_IO_FAILED',
      policy,
    );
  });

  it('status does not wait behind another process holding a write transaction', async () => {
    const dir = await home();
    const store = await SqliteStore.open({ file: join(dir, '.metawsm', 'metawsm.db') });
    try {
      await store.transaction(async (tx) => {
        await tx.updateRun('r1', { title: 'uncommitted' });
        const started = performance.now();
        const r = await cli(dir, 'status', '--home', dir, '--json');
        const elapsedMs = performance.now() - started;
        expect(r.code).toBe(0);
        expect(r.json.runs[0]).toMatchObject({ id: 'r1', title: null });
        // SQLite's busy timeout is 5 s: a status queuing for the write lock would take longer.
        expect(elapsedMs).toBeLessThan(3000);
      });
    } finally {
      await store.close();
    }
  });
});
