import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRepoPair, git, isolatedGitEnv, makeTempDir, type TempDir } from '@metawsm/testkit';
import { IsomorphicGitAdapter } from '../src/git/js/isomorphic-git.adapter.js';
import { WorkspaceGit } from '../src/git/js/workspace-git.js';

// A fetch stores its pack under a temporary name first (`tmp-…` while being written); like git,
// the js engine's object reader must only ever open `pack-*.idx`. A concurrent snapshot used to
// open a half-written temporary index ("truncated pack index", exit 1).
describe('js engine: temporary packs in objects/pack', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('are never read', async () => {
    const env = isolatedGitEnv(tmp.path);
    const work = createRepoPair(tmp.path, 'r', { 'a.txt': 'a\n' }, { env }).work;
    git(work, ['gc', '-q'], { env });
    const packDir = join(work, '.git', 'objects', 'pack');
    writeFileSync(join(packDir, 'tmp-metawsm-0123456789ab.pack'), 'PACK');
    writeFileSync(join(packDir, 'tmp-metawsm-0123456789ab.idx'), Buffer.from([0xff, 0x74, 0x4f]));
    const adapter = new IsomorphicGitAdapter({ workspace: new WorkspaceGit({ env }) });
    const ws = await adapter.openWorkspace(work);
    const missing = 'f'.repeat(40);
    await expect(adapter.readBlob(ws, missing)).rejects.toMatchObject({ code: 'GIT_FAILED' });
    expect((await adapter.readCommit(ws, ws.headSha!)).oid).toBe(ws.headSha);
  });
});
