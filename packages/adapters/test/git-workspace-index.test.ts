import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createRepoPair,
  git,
  isolatedGitEnv,
  makeTempDir,
  writeTree,
  type TempDir,
} from '../../testkit/src/git-fixtures.js';
import { parseGitIndex } from '../src/git/js/workspace/index-reader.js';
import { serializeIndexV2 } from '../src/git/js/workspace/index-writer.js';
import { WorkspaceGit } from '../src/git/js/workspace-git.js';

describe('git index reader and writer', () => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  let work: string;
  beforeEach(() => {
    tmp = makeTempDir();
    env = isolatedGitEnv(tmp.path);
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`pkg/lib-${i % 3}/some/long/shared/prefix/file-${i}.ts`] = `${i}\n`;
    files['ünï/çødé 文件.txt'] = 'u\n';
    files[`${'n'.repeat(200)}/${'m'.repeat(200)}/x`] = 'long path\n';
    work = createRepoPair(tmp.path, 'r', files, { env }).work;
  });
  afterEach(() => tmp.cleanup());

  const readIndex = () => parseGitIndex(readFileSync(join(work, '.git', 'index')), 'index');

  it('reads versions 2, 3 and 4 to the same entries', () => {
    writeTree(work, { 'ita.txt': 'x\n' });
    git(work, ['add', '-N', 'ita.txt'], { env });
    const byVersion = [2, 3, 4].map((v) => {
      git(work, ['update-index', '--index-version', String(v)], { env });
      const parsed = readIndex();
      expect(parsed.version).toBe(v === 2 ? 3 : v); // an intent-to-add entry forces at least version 3
      return parsed.entries;
    });
    expect(byVersion[1]).toEqual(byVersion[0]);
    expect(byVersion[2]).toEqual(byVersion[0]);
    const listed = git(work, ['ls-files', '-s', '-z'], { env }).split('\0').filter(Boolean);
    expect(byVersion[0]?.map((e) => `${e.mode.toString(8)} ${e.oid} ${e.stage}\t${e.path}`)).toEqual(listed);
    expect(byVersion[0]?.find((e) => e.path === 'ita.txt')?.intentToAdd).toBe(true);
  });

  it('writes a version 2 index that git reads back identically', () => {
    git(work, ['update-index', '--index-version', '4'], { env });
    const { entries } = readIndex();
    const out = serializeIndexV2(entries);
    expect(parseGitIndex(out, 'written').entries).toEqual(entries);
    const copy = join(tmp.path, 'index-copy');
    writeFileSync(copy, out);
    expect(git(work, ['ls-files', '-s'], { env: { ...env, GIT_INDEX_FILE: copy } })).toBe(
      git(work, ['ls-files', '-s'], { env }),
    );
  });

  it('refuses split and sparse indexes with ENGINE_UNSUPPORTED (exit 2), hinting at the native engine', async () => {
    const adapter = new WorkspaceGit({ env });
    const ws = await adapter.openWorkspace(work);
    git(work, ['update-index', '--split-index'], { env });
    await expect(adapter.workspaceTree(ws)).rejects.toMatchObject({
      code: 'ENGINE_UNSUPPORTED',
      hint: expect.stringContaining('METAWSM_GIT_ENGINE=native'),
    });
    git(work, ['update-index', '--no-split-index'], { env });
    await expect(adapter.workspaceTree(ws)).resolves.toMatch(/^[0-9a-f]{40}$/);
    git(work, ['sparse-checkout', 'set', '--cone', '--sparse-index', 'pkg'], { env });
    await expect(adapter.workspaceTree(ws)).rejects.toMatchObject({ code: 'ENGINE_UNSUPPORTED' });
  });

  it('reads the cache-tree extension: every valid node is the tree git wrote for that directory', () => {
    git(work, ['write-tree'], { env });
    const { cacheTree } = readIndex();
    expect(cacheTree.size).toBeGreaterThan(5);
    for (const [dir, oid] of cacheTree) expect(git(work, ['rev-parse', `HEAD:${dir}`], { env })).toBe(oid);
    writeTree(work, { 'pkg/lib-1/some/new.txt': 'n\n' });
    git(work, ['add', 'pkg/lib-1/some/new.txt'], { env });
    const after = readIndex().cacheTree;
    for (const stale of ['', 'pkg', 'pkg/lib-1', 'pkg/lib-1/some']) expect(after.has(stale)).toBe(false);
    expect(after.get('pkg/lib-2')).toBe(cacheTree.get('pkg/lib-2'));
  });

  it('round-trips paths longer than the 12-bit name length field', () => {
    const [first] = readIndex().entries;
    const long = { ...first!, path: `${'d/'.repeat(2500)}f` };
    expect(parseGitIndex(serializeIndexV2([long]), 'long').entries).toEqual([long]);
  });

  it('rejects a corrupted index', () => {
    const buf = readFileSync(join(work, '.git', 'index'));
    buf[40] = (buf[40] ?? 0) ^ 0xff;
    expect(() => parseGitIndex(buf, 'index')).toThrow(/checksum/);
  });
});
