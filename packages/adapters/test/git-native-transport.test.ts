import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gitAsync } from '@metawsm/testkit';
import {
  commitInWork,
  commitToBareAsync,
  startRemoteFixture,
  type RemoteFixture,
} from './support/remote-fixture.js';

/** The native engine hands git the token itself; the operator's own git credentials must not interfere. */
describe('native engine: credentials next to the operator’s git config', () => {
  let f: RemoteFixture;
  beforeAll(async () => {
    f = await startRemoteFixture({ 'a.txt': 'a\n' }, 'origin', 'native');
  });
  afterAll(() => f.close());

  it('wins over an extra Authorization header configured for the host (as actions/checkout persists)', async () => {
    const stale = Buffer.from('x-access-token:expired-token').toString('base64');
    await f.work(['config', `http.${f.server.baseUrl}/.extraheader`, `AUTHORIZATION: basic ${stale}`]);
    try {
      const main = await f.bare(['rev-parse', 'main']);
      expect(
        await f.objects.fetch(f.ws, { remote: 'origin', endpoint: f.endpoint, branches: ['main'] }),
      ).toEqual({ main });
    } finally {
      await f.work(['config', '--unset', `http.${f.server.baseUrl}/.extraheader`]);
    }
  });

  it('never runs the operator’s credential helper and never prompts: no token is AUTH_MISSING', async () => {
    const marker = join(f.tmp.path, 'helper-ran');
    await gitAsync(
      f.tmp.path,
      ['config', '--global', 'credential.helper', `!touch ${marker}; echo password=leaked`],
      {
        env: f.pair.env,
      },
    );
    try {
      await expect(
        f.objects.listRemoteBranches(f.ws, {
          endpoint: { url: f.endpoint.url, auth: null },
          branches: ['main'],
        }),
      ).rejects.toMatchObject({ code: 'AUTH_MISSING' });
      expect(existsSync(marker)).toBe(false);
    } finally {
      await gitAsync(f.tmp.path, ['config', '--global', '--unset', 'credential.helper'], { env: f.pair.env });
    }
  });

  it('fetch: one round trip for a known base and a new branch; a pushed tip is recorded without a download', async () => {
    const gets = () =>
      f.server.requests.filter((r) => r.method === 'GET' && r.url.includes('git-upload-pack')).length;
    const moved = await commitToBareAsync(f, { 'moved.txt': 'm\n' });
    const before = gets();
    expect(
      await f.objects.fetch(f.ws, { remote: 'origin', endpoint: f.endpoint, branches: ['main', 'pr/new'] }),
    ).toEqual({
      main: moved,
      'pr/new': null,
    });
    // ls-remote of both and a fetch of main ran side by side: no second fetch for the absent branch.
    expect(gets() - before).toBe(2);
    const mine = await commitInWork(f, { 'mine.txt': 'x\n' });
    await f.objects.push(f.ws, { endpoint: f.endpoint, oid: mine, branch: 'pr/new', lease: null });
    const count = await f.work(['count-objects', '-v']);
    expect(
      await f.objects.fetch(f.ws, { remote: 'origin', endpoint: f.endpoint, branches: ['main', 'pr/new'] }),
    ).toEqual({
      main: moved,
      'pr/new': mine,
    });
    expect(await f.work(['rev-parse', 'refs/remotes/origin/pr/new'])).toBe(mine);
    expect(await f.work(['count-objects', '-v'])).toBe(count);
    await f.bare(['update-ref', '-d', 'refs/heads/pr/new']);
    expect(
      await f.objects.fetch(f.ws, { remote: 'origin', endpoint: f.endpoint, branches: ['main', 'pr/new'] }),
    ).toEqual({
      main: moved,
      'pr/new': null,
    });
  });

  it('fetch keeps what arrives as one pack: no loose objects', async () => {
    const count = async () =>
      Object.fromEntries(
        (await f.work(['count-objects', '-v']))
          .split('\n')
          .map((l) => l.split(': '))
          .map(([k, v]) => [k, Number(v)]),
      );
    const before = await count();
    const moved = await commitToBareAsync(f, { 'packed-1.txt': 'p\n', 'packed-2.txt': 'q\n' });
    expect(
      await f.objects.fetch(f.ws, { remote: 'origin', endpoint: f.endpoint, branches: ['main'] }),
    ).toEqual({
      main: moved,
    });
    const after = await count();
    expect(after.count).toBe(before.count);
    expect(after.packs).toBe(before.packs + 1);
    expect(await f.work(['cat-file', '-t', moved])).toBe('commit');
  });
});
