import { EXIT_CODE_BY_ERROR } from '@metawsm/core';
import { createRepoPair, git, writeTree } from '../../testkit/src/git-fixtures.js';
import { useWorkspaceSandbox } from './support/workspace-sandbox.js';

// What the js engine cannot reproduce exactly (clean filters, LFS, working-tree-encoding) is
// refused with exit 2 and a hint naming the native engine; end-of-line conversion is a warning.

describe('WorkspaceGit capabilities', () => {
  const sb = useWorkspaceSandbox();
  const repo = () => createRepoPair(sb.tmp.path, 'r', { 'a.txt': 'a\n' }, { env: sb.env }).work;

  it('opens a plain repository without warnings', async () => {
    expect((await sb.adapter.openWorkspace(repo())).warnings).toBeUndefined();
  });

  it.each([
    ['Git LFS', '*.bin filter=lfs diff=lfs merge=lfs -text\n', []],
    ['a configured clean filter', '*.txt filter=crypt\n', ['filter.crypt.clean', 'cat']],
    ['working-tree-encoding', '*.txt working-tree-encoding=UTF-16\n', []],
  ])(
    'refuses %s with ENGINE_UNSUPPORTED (exit 2) naming METAWSM_GIT_ENGINE=native',
    async (_name, attrs, config) => {
      const work = repo();
      writeTree(work, { '.gitattributes': attrs });
      if (config.length > 0) git(work, ['config', ...config], { env: sb.env });
      await expect(sb.adapter.openWorkspace(work)).rejects.toMatchObject({
        code: 'ENGINE_UNSUPPORTED',
        hint: expect.stringContaining('METAWSM_GIT_ENGINE=native'),
      });
      expect(EXIT_CODE_BY_ERROR.ENGINE_UNSUPPORTED).toBe(2);
    },
  );

  it('ignores a filter attribute git would not run (no filter configured)', async () => {
    const work = repo();
    writeTree(work, { '.gitattributes': '*.txt filter=unconfigured\n' });
    await expect(sb.adapter.openWorkspace(work)).resolves.toMatchObject({ path: work });
  });

  it('warns, never fails, under core.autocrlf and text/eol attributes', async () => {
    const work = repo();
    git(work, ['config', 'core.autocrlf', 'true'], { env: sb.env });
    expect((await sb.adapter.openWorkspace(work)).warnings).toEqual([
      expect.stringContaining('core.autocrlf=true'),
    ]);
    git(work, ['config', 'core.autocrlf', 'false'], { env: sb.env });
    writeTree(work, { '.gitattributes': '*.txt text eol=lf\n' });
    expect((await sb.adapter.openWorkspace(work)).warnings).toEqual([expect.stringContaining('text/eol')]);
  });
});
