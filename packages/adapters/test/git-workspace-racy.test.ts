import { lstatSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createRepoPair,
  git,
  isolatedGitEnv,
  makeTempDir,
  type TempDir,
} from '../../testkit/src/git-fixtures.js';
import { statDataOf } from '../src/git/js/workspace/index-entry.js';
import { parseGitIndex } from '../src/git/js/workspace/index-reader.js';
import { serializeIndexV2 } from '../src/git/js/workspace/index-writer.js';
import { workspaceAdapter, WORKSPACE_ENGINES } from './support/workspace-sandbox.js';
import { checkSnapshot } from './support/snapshot-check.js';

/**
 * A "racily clean" entry: its cached stat data equals the file's current stat, yet the content
 * changed (possible when a file is rewritten within the timestamp granularity of the index write).
 * Git detects it because the entry is not older than the index file; so must we.
 */
describe.each(WORKSPACE_ENGINES)('%s engine: stat cache and the racy-git rule', (engine) => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  let work: string;
  beforeEach(() => {
    tmp = makeTempDir();
    env = isolatedGitEnv(tmp.path);
    work = createRepoPair(tmp.path, 'r', { 'race.txt': 'aaaa\n', 'other.txt': 'o\n' }, { env }).work;
    writeFileSync(join(work, 'race.txt'), 'bbbb\n');
    // Record the rewritten file's stat data against the old blob, as a racy write would leave it.
    const indexPath = join(work, '.git', 'index');
    const index = parseGitIndex(readFileSync(indexPath), indexPath);
    const stat = statDataOf(lstatSync(join(work, 'race.txt'), { bigint: true }));
    writeFileSync(
      indexPath,
      serializeIndexV2(index.entries.map((e) => (e.path === 'race.txt' ? { ...e, ...stat } : e))),
    );
  });
  afterEach(() => tmp.cleanup());

  const setIndexMtime = (sec: number) => utimesSync(join(work, '.git', 'index'), sec, sec);
  const fileMtimeSec = () => Math.floor(lstatSync(join(work, 'race.txt')).mtimeMs / 1000);

  it('hashes an entry whose mtime is not older than the index file', async () => {
    setIndexMtime(fileMtimeSec());
    const { snap } = await checkSnapshot(workspaceAdapter(engine, env), work, env);
    expect(git(work, ['cat-file', 'blob', `${snap.tree}:race.txt`], { env })).toBe('bbbb');
  });

  it('trusts a matching, non-racy stat cache exactly as git does', async () => {
    setIndexMtime(fileMtimeSec() + 5);
    // git itself reports no change for the path (it trusts the stat data too).
    expect(git(work, ['diff-files', '--name-only'], { env })).toBe('');
    const adapter = workspaceAdapter(engine, env);
    const ws = await adapter.openWorkspace(work);
    const tree = await adapter.workspaceTree(ws);
    expect(git(work, ['cat-file', 'blob', `${tree}:race.txt`], { env })).toBe('aaaa');
  });
});
