import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { commitInWork, startRemoteFixture, TOKEN, type RemoteFixture } from './support/remote-fixture.js';
import { WORKSPACE_ENGINES } from './support/workspace-sandbox.js';

/** ~1k source-like files in nested folders. */
function sourceTree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1000; i++) {
    const body = Array.from(
      { length: 12 + (i % 20) },
      (_, j) => `export const value_${i}_${j} = ${(i * 7919 + j * 104729) % 100003}; // item ${j}\n`,
    ).join('');
    files[`pkg${i % 8}/src/module${i % 25}/file${i}.ts`] = body;
  }
  return files;
}

describe.each(WORKSPACE_ENGINES)('%s engine', (engine) => {
  let f: RemoteFixture;
  beforeAll(async () => {
    f = await startRemoteFixture(sourceTree(), 'origin', engine);
    // An identical second remote for git's own push of the same commit.
    cpSync(f.pair.bare, join(f.tmp.path, 'twin.git'), { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await f.close();
  });

  describe('push pack size', () => {
    it('sends at most 1.2x the bytes git push sends for a 20-file commit on a 1k-file base', async () => {
      const changes: Record<string, string> = {};
      const all = sourceTree();
      const paths = Object.keys(all)
        .filter((_, i) => i % 50 === 3)
        .slice(0, 20);
      for (const p of paths)
        changes[p] = all[p]!.replace('// item 3\n', '// item 3, changed\n') + 'export const added = true;\n';
      expect(Object.keys(changes)).toHaveLength(20);
      const oid = await commitInWork(f, changes, 'twenty files');

      const ours = await f.objects.push(f.ws, { endpoint: f.endpoint, oid, branch: 'feature', lease: null });
      const oursPost = f.server.requests
        .filter((r) => r.method === 'POST' && r.url === '/origin.git/git-receive-pack')
        .at(-1)!;

      const twinUrl = f.server.urlFor('twin').replace('http://', `http://metawsm:${TOKEN}@`);
      await f.work(['push', '-q', twinUrl, `${oid}:refs/heads/feature`]);
      const gitPost = f.server.requests
        .filter((r) => r.method === 'POST' && r.url === '/twin.git/git-receive-pack')
        .at(-1)!;

      expect(await f.bare(['rev-parse', 'refs/heads/feature'])).toBe(oid);
      await f.bare(['fsck', '--strict', '--no-dangling']);
      process.stdout.write(
        `pack size: ours ${oursPost.requestBytes} B (pack ${ours.packBytes} B, ${ours.objectCount} objects), git push ${gitPost.requestBytes} B\n`,
      );
      expect(oursPost.requestBytes).toBeLessThanOrEqual(gitPost.requestBytes * 1.2);
    });
  });
});
