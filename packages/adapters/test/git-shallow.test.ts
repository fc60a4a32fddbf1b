import { join } from 'node:path';
import { gitAsync, writeTree } from '@metawsm/testkit';
import {
  commitToBareAsync,
  startRemoteFixture,
  TOKEN,
  workspaceOf,
  type RemoteFixture,
} from './support/remote-fixture.js';

// A workspace made with `git clone --depth 1` (over the local git HTTP server): its boundary
// commit's parent does not exist. Walks stop there as in git, fetches tell the server about the
// boundary, and a promotion onto a moved base merges like git.

describe('shallow clones', () => {
  let f: RemoteFixture;
  let dir: string;
  const env = () => f.pair.env;
  const shallowGit = (args: string[]) => gitAsync(dir, args, { env: env() });

  beforeEach(async () => {
    f = await startRemoteFixture({ 'a.txt': 'one\ntwo\nthree\n', 'b.txt': 'b\n' });
    for (let i = 0; i < 3; i++) await commitToBareAsync(f, { 'a.txt': `one\ntwo\nthree ${i}\n` });
    dir = join(f.tmp.path, 'shallow');
    const auth = `Authorization: Basic ${Buffer.from(`metawsm:${TOKEN}`).toString('base64')}`;
    await gitAsync(
      f.tmp.path,
      ['-c', `http.extraHeader=${auth}`, 'clone', '-q', '--depth', '1', f.endpoint.url, dir],
      {
        env: env(),
      },
    );
  });
  afterEach(() => f.close());

  it('walks history up to the boundary without failing on the missing parent', async () => {
    const ws = workspaceOf(dir);
    const head = await shallowGit(['rev-parse', 'HEAD']);
    expect(await shallowGit(['cat-file', '-t', 'HEAD~1']).catch(() => 'missing')).toBe('missing');
    const commits = await f.objects.listCommits(ws, { tip: head, exclude: [], limit: 10 });
    expect(commits.map((c) => c.oid)).toEqual([head]);
    expect(await f.objects.mergeBase(ws, head, head)).toBe(head);
  });

  it('fetches a moved base and merges onto it as git merge-tree does', async () => {
    const ws = workspaceOf(dir);
    const head = await shallowGit(['rev-parse', 'HEAD']);
    // upstream brings back a blob that only exists behind the boundary: the server must send it
    const moved = await commitToBareAsync(f, { 'a.txt': 'one\ntwo\nthree 0\n', 'c.txt': 'new\n' });
    const { main } = await f.objects.fetch(ws, {
      remote: 'origin',
      endpoint: f.endpoint,
      branches: ['main'],
    });
    expect(main).toBe(moved);
    await shallowGit(['fsck', '--no-dangling']);
    expect(await f.objects.mergeBase(ws, head, moved)).toBe(await shallowGit(['merge-base', head, moved]));
    writeTree(dir, { 'b.txt': 'b changed by the agent\n' });
    await shallowGit(['-c', 'user.name=A', '-c', 'user.email=a@e', 'commit', '-qam', 'agent']);
    const agent = await shallowGit(['rev-parse', 'HEAD']);
    const tree = (c: string) => shallowGit(['rev-parse', `${c}^{tree}`]);
    const merged = await f.objects.mergeTrees(ws, {
      base: await tree(head),
      ours: await tree(moved),
      theirs: await tree(agent),
    });
    const expected = (await shallowGit(['merge-tree', '--write-tree', moved, agent])).split('\n')[0];
    expect(merged).toEqual({ clean: true, tree: expected });
  });

  it('finds no merge base when the base was rewritten behind the boundary, as git', async () => {
    const ws = workspaceOf(dir);
    const head = await shallowGit(['rev-parse', 'HEAD']);
    const rewritten = await f.bare(['commit-tree', '-p', 'main~2', '-m', 'rewritten', 'main~2^{tree}']);
    await f.bare(['update-ref', 'refs/heads/main', rewritten]);
    const { main } = await f.objects.fetch(ws, {
      remote: 'origin',
      endpoint: f.endpoint,
      branches: ['main'],
    });
    expect(main).toBe(rewritten);
    const gitSays = await shallowGit(['merge-base', head, rewritten]).catch(() => null);
    expect(await f.objects.mergeBase(ws, head, rewritten)).toBe(gitSays);
  });
});
