import { inspect } from 'node:util';
import { join } from 'node:path';
import { Secret } from '@metawsm/core';
import { gitAsync, makeTempDir } from '@metawsm/testkit';
import {
  commitInWork,
  commitToBareAsync,
  everythingIn,
  startRemoteFixture,
  TOKEN,
  transportFor,
  workspaceOf,
  type RemoteFixture,
} from './support/remote-fixture.js';
import { WORKSPACE_ENGINES } from './support/workspace-sandbox.js';

async function newestPack(fx: RemoteFixture): Promise<string[]> {
  const out = await gitAsync(
    fx.pair.work,
    ['-c', 'core.quotePath=false', 'rev-parse', '--git-path', 'objects/pack'],
    { env: fx.pair.env },
  );
  const { readdirSync, statSync } = await import('node:fs');
  const dir = join(fx.pair.work, out);
  const idx = readdirSync(dir)
    .filter((n) => n.endsWith('.idx'))
    .map((n) => join(dir, n));
  idx.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return [idx[0]!];
}

describe.each(WORKSPACE_ENGINES)('%s engine', (engine) => {
  let f: RemoteFixture;
  const errors: unknown[] = [];

  /** Expect a rejection with `code`, keeping the error for the no-token check. */
  async function expectCode(p: Promise<unknown>, code: string): Promise<Record<string, unknown>> {
    try {
      await p;
    } catch (e) {
      errors.push(e);
      expect(e).toMatchObject({ code });
      return e as Record<string, unknown>;
    }
    throw new Error(`expected ${code}, but it succeeded`);
  }

  const files = Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => [`src/dir${i % 5}/file${i}.ts`, `export const v${i} = ${i};\n`]),
  );

  beforeAll(async () => {
    f = await startRemoteFixture(files, 'origin', engine);
  });
  afterAll(async () => {
    await f.close();
  });
  beforeEach(() => {
    f.server.onRequest(null);
    f.server.clearFaults();
  });

  /** Loose objects plus in-pack objects of the working clone. */
  // Distinct objects: the native engine keeps a fetched thin pack whole (index-pack --fix-thin
  // appends copies of its delta bases), so pack entries over-count what arrived.
  const objectCount = async () =>
    (await f.work(['cat-file', '--batch-all-objects', '--batch-check=%(objectname)']))
      .split('\n')
      .filter(Boolean).length;

  const posts = (suffix: string) =>
    f.server.requests.filter((r) => r.method === 'POST' && r.url.endsWith(suffix));

  describe('listRemoteBranches and fetch', () => {
    it('lists branch tips without downloading; null for absent branches', async () => {
      const main = await f.bare(['rev-parse', 'main']);
      const before = posts('git-upload-pack').length;
      const objects = await objectCount();
      expect(
        await f.objects.listRemoteBranches(f.ws, { endpoint: f.endpoint, branches: ['main', 'absent'] }),
      ).toEqual({ main, absent: null });
      expect(await objectCount()).toBe(objects);
      // git speaks protocol v2, whose ref listing is a POST (ls-refs); the pure-JS engine only GETs.
      if (engine === 'js') expect(posts('git-upload-pack')).toHaveLength(before);
    });

    it('fetches a moved branch into refs/remotes without touching HEAD, index or files', async () => {
      const head = await f.work(['rev-parse', 'HEAD']);
      const moved = await commitToBareAsync(f, {
        'src/dir1/file1.ts': 'export const v1 = 100;\n',
        'NEW.md': 'new\n',
      });
      const result = await f.objects.fetch(f.ws, {
        remote: 'origin',
        endpoint: f.endpoint,
        branches: ['main', 'absent'],
      });
      expect(result).toEqual({ main: moved, absent: null });
      expect(await f.work(['rev-parse', 'refs/remotes/origin/main'])).toBe(moved);
      expect(await f.work(['rev-parse', 'HEAD'])).toBe(head);
      expect(await f.work(['status', '--porcelain'])).toBe('');
      expect(await f.work(['cat-file', '-p', `${moved}:NEW.md`])).toBe('new');
      await f.work(['fsck', '--strict', '--no-dangling']);
      expect(await f.work(['show-ref'])).not.toContain('refs/tags');
    });

    // The pure-JS engine writes refs in its own process, so a kill -9 there can leave a ref lock
    // (git's children finish their writes after metawsm dies; git itself refuses the locked ref).
    if (engine === 'js')
      it('returns the tips when a remote-tracking ref stays locked (left by a killed process), lock untouched', async () => {
        const { existsSync, writeFileSync, rmSync } = await import('node:fs');
        const before = await f.work(['rev-parse', 'refs/remotes/origin/main']);
        const lock = join(f.pair.work, '.git', 'refs', 'remotes', 'origin', 'main.lock');
        writeFileSync(lock, `${before}\n`);
        try {
          const moved = await commitToBareAsync(f, { 'LOCKED.md': 'locked\n' });
          const result = await f.objects.fetch(f.ws, {
            remote: 'origin',
            endpoint: f.endpoint,
            branches: ['main'],
          });
          expect(result).toEqual({ main: moved });
          expect(await f.work(['cat-file', '-p', `${moved}:LOCKED.md`])).toBe('locked');
          expect(await f.work(['rev-parse', 'refs/remotes/origin/main'])).toBe(before);
          expect(existsSync(lock)).toBe(true);
        } finally {
          rmSync(lock, { force: true });
        }
        await f.objects.fetch(f.ws, { remote: 'origin', endpoint: f.endpoint, branches: ['main'] });
        expect(await f.work(['rev-parse', 'refs/remotes/origin/main'])).toBe(
          await f.bare(['rev-parse', 'main']),
        );
      });

    it('sends haves, so an incremental fetch downloads only the new objects', async () => {
      const moved = await commitToBareAsync(f, { 'src/dir2/file2.ts': 'export const v2 = 200;\n' });
      const objects = await objectCount();
      await f.objects.fetch(f.ws, { remote: 'origin', endpoint: f.endpoint, branches: ['main'] });
      // commit, root tree, src/, src/dir2/ and the blob
      expect((await objectCount()) - objects).toBeLessThanOrEqual(5);
      if (engine === 'js') {
        const verify = await f.work(['verify-pack', '-v', ...(await newestPack(f))]);
        const objectLines = verify.split('\n').filter((l) => /^[0-9a-f]{40} (commit|tree|blob)/.test(l));
        expect(objectLines.length).toBeLessThanOrEqual(5);
      }
      expect(await f.work(['rev-parse', 'refs/remotes/origin/main'])).toBe(moved);
    });

    it('fetches a second time without downloading anything when up to date', async () => {
      const before = posts('git-upload-pack').length;
      const objects = await objectCount();
      await f.objects.fetch(f.ws, { remote: 'origin', endpoint: f.endpoint, branches: ['main'] });
      expect(await objectCount()).toBe(objects);
      // git speaks protocol v2: its ref listings are POSTs too (ls-refs), so only the js engine is POST-free.
      if (engine === 'js') expect(posts('git-upload-pack')).toHaveLength(before);
    });

    it('fetches the whole history into an empty repository', async () => {
      const tmp = makeTempDir('metawsm-fresh-');
      try {
        const dir = join(tmp.path, 'fresh');
        await gitAsync(tmp.path, ['init', '-q', dir], { env: f.pair.env });
        const ws = workspaceOf(dir);
        const { main } = await f.objects.fetch(ws, {
          remote: 'up',
          endpoint: f.endpoint,
          branches: ['main'],
        });
        expect(await gitAsync(dir, ['rev-parse', 'refs/remotes/up/main'], { env: f.pair.env })).toBe(main);
        expect(
          await gitAsync(dir, ['rev-list', '--count', 'refs/remotes/up/main'], { env: f.pair.env }),
        ).toBe(await f.bare(['rev-list', '--count', 'main']));
        await gitAsync(dir, ['fsck', '--strict', '--no-dangling'], { env: f.pair.env });
      } finally {
        tmp.cleanup();
      }
    });

    it('records refs in the common dir when fetching through a linked worktree', async () => {
      const wtPath = join(f.tmp.path, 'linked-wt');
      await f.work(['worktree', 'add', '-q', '-b', 'wt', wtPath]);
      const ws = {
        path: wtPath,
        gitDir: join(f.pair.work, '.git', 'worktrees', 'linked-wt'),
        commonDir: join(f.pair.work, '.git'),
        headRef: 'refs/heads/wt',
        headSha: null,
      };
      const moved = await commitToBareAsync(f, { 'wt.txt': 'w\n' });
      await f.objects.fetch(ws, { remote: 'origin', endpoint: f.endpoint, branches: ['main'] });
      expect(await f.work(['rev-parse', 'refs/remotes/origin/main'])).toBe(moved);
    });
  });

  describe('push', () => {
    let first: string;

    it('pushes a new branch (lease: absent)', async () => {
      await f.work(['checkout', '-q', '-B', 'feature', 'refs/remotes/origin/main']);
      first = await commitInWork(f, {
        'src/dir0/file0.ts': 'export const v0 = -1;\n',
        'added.txt': 'added\n',
      });
      const r = await f.objects.push(f.ws, {
        endpoint: f.endpoint,
        oid: first,
        branch: 'feature/x',
        lease: null,
      });
      expect(r.objectCount).toBeGreaterThanOrEqual(4);
      expect(r.packBytes).toBeGreaterThan(0);
      expect(await f.bare(['rev-parse', 'refs/heads/feature/x'])).toBe(first);
      await f.bare(['fsck', '--strict', '--no-dangling']);
    });

    it('is a no-op when the remote already has the commit', async () => {
      const before = posts('git-receive-pack').length;
      expect(
        await f.objects.push(f.ws, { endpoint: f.endpoint, oid: first, branch: 'feature/x', lease: first }),
      ).toEqual({ packBytes: 0, objectCount: 0 });
      expect(posts('git-receive-pack')).toHaveLength(before);
    });

    it('fast-forwards with a lease on the current tip, sending only the new commit', async () => {
      const second = await commitInWork(f, { 'src/dir3/file3.ts': 'export const v3 = -3;\n' });
      const r = await f.objects.push(f.ws, {
        endpoint: f.endpoint,
        oid: second,
        branch: 'feature/x',
        lease: first,
      });
      // commit, root tree, src/, src/dir3/ and the blob; nothing of the unchanged folders
      expect(r.objectCount).toBe(5);
      expect(await f.bare(['rev-parse', 'refs/heads/feature/x'])).toBe(second);
      first = second;
    });

    it('replaces the branch with a non-fast-forward commit when the lease is right', async () => {
      await f.work(['checkout', '-q', '-B', 'rebased', 'refs/remotes/origin/main']);
      const rewritten = await commitInWork(f, { 'rewritten.txt': 'r\n' });
      await f.objects.push(f.ws, { endpoint: f.endpoint, oid: rewritten, branch: 'feature/x', lease: first });
      expect(await f.bare(['rev-parse', 'refs/heads/feature/x'])).toBe(rewritten);
      first = rewritten;
    });

    it('refuses with REF_CHANGED when the lease is wrong, leaving the remote unchanged', async () => {
      const other = await commitInWork(f, { 'other.txt': 'o\n' });
      const stale = await f.bare(['rev-parse', 'main']);
      const e = await expectCode(
        f.objects.push(f.ws, { endpoint: f.endpoint, oid: other, branch: 'feature/x', lease: stale }),
        'REF_CHANGED',
      );
      expect(e.data).toEqual({ ref: 'refs/heads/feature/x', expected: stale, actual: first });
      await expectCode(
        f.objects.push(f.ws, { endpoint: f.endpoint, oid: other, branch: 'feature/x', lease: null }),
        'REF_CHANGED',
      );
      expect(await f.bare(['rev-parse', 'refs/heads/feature/x'])).toBe(first);
    });

    it('loses the race when someone pushes between discovery and POST (atomic lease on the server)', async () => {
      const mine = await commitInWork(f, { 'mine.txt': 'm\n' });
      const theirs = await f.bare(['rev-parse', 'main']);
      let moved = false;
      f.server.onRequest(async ({ method, url }) => {
        if (method === 'POST' && url.endsWith('/git-receive-pack') && !moved) {
          moved = true;
          await f.bare(['update-ref', 'refs/heads/feature/x', theirs]);
        }
      });
      const e = await expectCode(
        f.objects.push(f.ws, { endpoint: f.endpoint, oid: mine, branch: 'feature/x', lease: first }),
        'REF_CHANGED',
      );
      expect(moved).toBe(true);
      expect(e.data).toMatchObject({ ref: 'refs/heads/feature/x', expected: first, actual: theirs });
      expect(await f.bare(['rev-parse', 'refs/heads/feature/x'])).toBe(theirs);
      first = theirs;
    });

    it('retries an injected 502 on the POST and on discovery', async () => {
      const next = await commitInWork(f, { 'retry.txt': 'r\n' });
      f.server.failNext(/\/git-receive-pack$/, 1, 502);
      f.server.failNext(/info\/refs\?service=git-receive-pack/, 1, 502);
      const before = posts('git-receive-pack').length;
      await f.objects.push(f.ws, { endpoint: f.endpoint, oid: next, branch: 'retry-branch', lease: null });
      expect(await f.bare(['rev-parse', 'refs/heads/retry-branch'])).toBe(next);
      const newPosts = posts('git-receive-pack').slice(before);
      expect(newPosts.map((p) => p.status)).toEqual([502, 200]);
    });

    it('treats a failed POST that actually landed as success (re-discovery before retrying)', async () => {
      const next = await commitInWork(f, { 'landed.txt': 'l\n' });
      await f.work(['push', '-q', f.pair.bare, `${next}:refs/heads/landed-elsewhere`]);
      let done = false;
      f.server.onRequest(async ({ method, url }) => {
        if (method === 'POST' && url.endsWith('/git-receive-pack') && !done) {
          done = true;
          await f.bare(['update-ref', 'refs/heads/landed', next]);
          f.server.failNext(/\/git-receive-pack$/, 1, 502);
        }
      });
      const before = posts('git-receive-pack').length;
      await f.objects.push(f.ws, { endpoint: f.endpoint, oid: next, branch: 'landed', lease: null });
      expect(
        posts('git-receive-pack')
          .slice(before)
          .map((p) => p.status),
      ).toEqual([502]);
      expect(await f.bare(['rev-parse', 'refs/heads/landed'])).toBe(next);
    });

    it('gives up with REMOTE_FAILED after bounded retries', async () => {
      const next = await commitInWork(f, { 'down.txt': 'd\n' });
      f.server.failNext(/\/git-receive-pack$/, 5, 503);
      const e = await expectCode(
        f.objects.push(f.ws, { endpoint: f.endpoint, oid: next, branch: 'down', lease: null }),
        'REMOTE_FAILED',
      );
      expect(e.data).toMatchObject({ status: 503 });
      f.server.failNext(/info\/refs/, 5, 500);
      await expectCode(
        f.objects.fetch(f.ws, { remote: 'origin', endpoint: f.endpoint, branches: ['main'] }),
        'REMOTE_FAILED',
      );
    });

    it('pushes a multi-commit branch whose later commits delta against earlier ones', async () => {
      await f.work(['checkout', '-q', '-B', 'multi', 'refs/remotes/origin/main']);
      const big = Array.from({ length: 200 }, (_, i) => `line ${i} of a longer file\n`).join('');
      await commitInWork(f, { 'big.txt': big });
      await commitInWork(f, { 'big.txt': big.replace('line 5 ', 'LINE 5 ') });
      const tip = await commitInWork(f, {
        'big.txt': big.replace('line 5 ', 'LINE 5 ').replace('line 150', 'LINE 150'),
      });
      await f.objects.push(f.ws, { endpoint: f.endpoint, oid: tip, branch: 'multi', lease: null });
      expect(await f.bare(['rev-parse', 'refs/heads/multi'])).toBe(tip);
      await f.bare(['fsck', '--strict', '--no-dangling']);
    });
  });

  describe('empty remote', () => {
    it('lists nothing and accepts a first push of the whole history', async () => {
      const bare = join(f.tmp.path, 'empty.git');
      await gitAsync(f.tmp.path, ['init', '-q', '--bare', bare], { env: f.pair.env });
      await gitAsync(bare, ['config', 'http.receivepack', 'true'], { env: f.pair.env });
      const endpoint = { ...f.endpoint, url: f.server.urlFor('empty') };
      expect(await f.objects.listRemoteBranches(f.ws, { endpoint, branches: ['main'] })).toEqual({
        main: null,
      });
      expect(await f.objects.fetch(f.ws, { remote: 'empty', endpoint, branches: ['main'] })).toEqual({
        main: null,
      });
      const tip = await f.work(['rev-parse', 'refs/remotes/origin/main']);
      const r = await f.objects.push(f.ws, { endpoint, oid: tip, branch: 'main', lease: null });
      expect(r.objectCount).toBeGreaterThan(30);
      expect(await gitAsync(bare, ['rev-parse', 'main'], { env: f.pair.env })).toBe(tip);
      await gitAsync(bare, ['fsck', '--strict', '--no-dangling'], { env: f.pair.env });
    });
  });

  describe('push rejections', () => {
    it('reports a hook rejection as REMOTE_FAILED (not a lease failure)', async () => {
      const { writeFileSync, chmodSync } = await import('node:fs');
      const hook = join(f.pair.bare, 'hooks', 'pre-receive');
      writeFileSync(hook, '#!/bin/sh\necho "protected branch" >&2\nexit 1\n');
      chmodSync(hook, 0o755);
      try {
        const next = await commitInWork(f, { 'hooked.txt': 'h\n' });
        const e = await expectCode(
          f.objects.push(f.ws, { endpoint: f.endpoint, oid: next, branch: 'hooked', lease: null }),
          'REMOTE_FAILED',
        );
        expect(e.data).toMatchObject({
          ref: 'refs/heads/hooked',
          reason: expect.stringContaining('hook declined'),
        });
        expect((await f.bare(['show-ref'])).includes('refs/heads/hooked')).toBe(false);
      } finally {
        const { rmSync } = await import('node:fs');
        rmSync(hook);
      }
    });
  });

  describe('transport errors', () => {
    it('maps 401 with a wrong token to AUTH_INVALID and without one to AUTH_MISSING', async () => {
      const wrong = {
        url: f.endpoint.url,
        auth: { username: 'metawsm', password: new Secret('wrong-token-value') },
      };
      await expectCode(
        f.objects.listRemoteBranches(f.ws, { endpoint: wrong, branches: ['main'] }),
        'AUTH_INVALID',
      );
      await expectCode(
        f.objects.fetch(f.ws, {
          remote: 'origin',
          endpoint: { url: f.endpoint.url, auth: null },
          branches: ['main'],
        }),
        'AUTH_MISSING',
      );
    });

    it('maps 403 to PERMISSION_DENIED and 404 to REMOTE_NOT_FOUND', async () => {
      f.server.failNext(/info\/refs/, 1, 403);
      await expectCode(
        f.objects.listRemoteBranches(f.ws, { endpoint: f.endpoint, branches: ['main'] }),
        'PERMISSION_DENIED',
      );
      const missing = { ...f.endpoint, url: f.server.urlFor('does-not-exist') };
      const e = await expectCode(
        f.objects.listRemoteBranches(f.ws, { endpoint: missing, branches: ['main'] }),
        'REMOTE_NOT_FOUND',
      );
      expect(e.hint).toMatch(/URL/);
    });

    it('retries network errors and rejects non-http URLs', async () => {
      const objects = transportFor(engine, f.pair.env);
      const closed = { url: 'http://127.0.0.1:9/x.git', auth: f.endpoint.auth };
      await expectCode(
        objects.listRemoteBranches(f.ws, { endpoint: closed, branches: ['main'] }),
        'REMOTE_FAILED',
      );
      await expectCode(
        objects.listRemoteBranches(f.ws, {
          endpoint: { url: 'ssh://git@example.com/x.git', auth: null },
          branches: ['main'],
        }),
        'REMOTE_URL_UNSUPPORTED',
      );
      const withCreds = {
        url: f.endpoint.url.replace('http://', `http://metawsm:${TOKEN}@`).replace('origin', 'nothing-here'),
        auth: f.endpoint.auth,
      };
      await expectCode(
        objects.listRemoteBranches(f.ws, { endpoint: withCreds, branches: ['main'] }),
        'REMOTE_NOT_FOUND',
      );
    });

    it('rejects invalid branch names before any request', async () => {
      const before = f.server.requests.length;
      await expectCode(
        f.objects.fetch(f.ws, { remote: 'origin', endpoint: f.endpoint, branches: ['../evil'] }),
        'INVALID_REF',
      );
      await expectCode(
        f.objects.push(f.ws, { endpoint: f.endpoint, oid: 'a'.repeat(40), branch: 'x..y', lease: null }),
        'INVALID_REF',
      );
      expect(f.server.requests.length).toBe(before);
    });

    it('never puts the token into any error (message, hint, data, cause, JSON, inspect)', () => {
      expect(errors.length).toBeGreaterThan(10);
      const basic = Buffer.from(`metawsm:${TOKEN}`).toString('base64');
      for (const e of errors) {
        const text = `${everythingIn(e)}\n${inspect(e, { depth: 10 })}\n${JSON.stringify(e)}`;
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(basic);
      }
    });
  });
});
