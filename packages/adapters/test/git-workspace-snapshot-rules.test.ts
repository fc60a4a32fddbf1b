import { useWorkspaceSandbox, workspaceAdapter, WORKSPACE_ENGINES } from './support/workspace-sandbox.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRepoPair, git, writeTree } from '../../testkit/src/git-fixtures.js';
import { checkSnapshot, SNAP_REF, treeFiles } from './support/snapshot-check.js';

describe.each(WORKSPACE_ENGINES)(
  '%s engine: snapshot: ignore rules, .metawsm, worktrees and nested repositories',
  (engine) => {
    const sb = useWorkspaceSandbox(engine);

    const repo = (files: Parameters<typeof createRepoPair>[2]) =>
      createRepoPair(sb.tmp.path, 'r', files, { env: sb.env }).work;

    it('layers .gitignore files, info/exclude and the global excludes file like git', async () => {
      const work = repo({
        '.gitignore':
          '*.log\nbuild/\n/only-root.txt\n!important.log\ncache/\ndocs/**/*.gen\n[ab].cls\n\\#hash\ntrailing.txt   \n',
        'sub/.gitignore': '!keep.log\n*.tmp\n!build/\n',
        'sub/deeper/.gitignore': '!*.tmp\n',
        'keep.txt': 'k\n',
      });
      writeFileSync(join(work, '.git', 'info', 'exclude'), 'secret*\n');
      writeTree(sb.tmp.path, { '.config/git/ignore': '*.bak\n' });
      writeTree(work, { 'build/tracked.txt': 'tracked in an ignored dir\n' });
      git(work, ['add', '-f', 'build/tracked.txt'], { env: sb.env });
      git(work, ['commit', '-q', '-m', 'tracked in ignored dir'], { env: sb.env });
      writeTree(work, {
        'build/tracked.txt': 'modified\n',
        'build/new.txt': 'never taken\n',
        'x.log': 'i',
        'important.log': 'k',
        'sub/keep.log': 'k',
        'sub/y.log': 'i',
        'sub/z.tmp': 'i',
        'sub/deeper/w.tmp': 'k',
        'sub/build/out.txt': 'k (re-included below sub)',
        'only-root.txt': 'i',
        'sub/only-root.txt': 'k',
        'secret.txt': 'i',
        'notes.bak': 'i',
        cache: 'k (a file, not a dir)',
        'sub/cache/c.txt': 'i',
        'docs/a/b/x.gen': 'i',
        'docs/x.gen': 'i',
        'docs/x.txt': 'k',
        'a.cls': 'i',
        'c.cls': 'k',
        '#hash': 'i',
        'trailing.txt': 'i',
        'trailing.txt ': 'k',
      });
      const { snap } = await checkSnapshot(sb.adapter, work, sb.env);
      const files = Object.keys(treeFiles(work, snap.tree, sb.env));
      expect(files).toEqual(
        expect.arrayContaining([
          'important.log',
          'sub/keep.log',
          'sub/deeper/w.tmp',
          'sub/build/out.txt',
          'cache',
          'build/tracked.txt',
        ]),
      );
      expect(files).not.toEqual(expect.arrayContaining(['build/new.txt']));
      for (const ignored of [
        'x.log',
        'secret.txt',
        'notes.bak',
        'only-root.txt',
        'docs/a/b/x.gen',
        'a.cls',
        '#hash',
        'trailing.txt',
      ]) {
        expect(files).not.toContain(ignored);
      }
    });

    it('honours core.excludesFile and GIT_CONFIG_GLOBAL', async () => {
      const work = repo({ 'a.txt': 'a\n' });
      writeTree(sb.tmp.path, {
        'my-global.gitconfig': '[core]\n\texcludesFile = ~/my-ignores\n',
        'my-ignores': '*.mine\n',
      });
      const genv = { ...sb.env, GIT_CONFIG_GLOBAL: join(sb.tmp.path, 'my-global.gitconfig') };
      writeTree(work, { 'x.mine': 'ignored', 'y.txt': 'kept' });
      const { snap } = await checkSnapshot(workspaceAdapter(engine, genv), work, genv);
      expect(Object.keys(treeFiles(work, snap.tree, sb.env)).sort()).toEqual(['a.txt', 'y.txt']);
    });

    it("never takes .metawsm/ from the working tree: HEAD's version or nothing", async () => {
      const work = repo({ '.metawsm/policy.json': '{}\n', 'a.txt': 'a\n' });
      writeTree(work, {
        '.metawsm/policy.json': '{"changed":true}\n',
        '.metawsm/review-feedback.md': 'feedback\n',
        'a.txt': 'changed\n',
        'sub/.metawsm/x': 'nested is ordinary\n',
      });
      git(work, ['add', '-f', '.metawsm'], { env: sb.env });
      const { ws, snap } = await checkSnapshot(sb.adapter, work, sb.env);
      const files = treeFiles(work, snap.tree, sb.env);
      expect(git(work, ['rev-parse', `${snap.tree}:.metawsm`], { env: sb.env })).toBe(
        git(work, ['rev-parse', `${ws.headSha}:.metawsm`], { env: sb.env }),
      );
      expect(files['sub/.metawsm/x']).toBeDefined();

      const other = join(sb.tmp.path, 'other');
      git(sb.tmp.path, ['init', '-q', '-b', 'main', other], { env: sb.env });
      writeTree(other, { 'b.txt': 'b\n', '.metawsm/metawsm.db': 'state' });
      git(other, ['add', 'b.txt'], { env: sb.env });
      git(other, ['commit', '-q', '-m', 'i'], { env: sb.env });
      const second = await checkSnapshot(sb.adapter, other, sb.env);
      expect(Object.keys(treeFiles(other, second.snap.tree, sb.env))).toEqual(['b.txt']);
    });

    it('works in a linked worktree: objects and refs in the common dir, HEAD and index in its own', async () => {
      const work = repo({ 'a.txt': 'a\n', 'd/b.txt': 'b\n' });
      const wt = join(sb.tmp.path, 'wt');
      git(work, ['worktree', 'add', '-q', '-b', 'feature', wt], { env: sb.env });
      writeTree(wt, { 'a.txt': 'changed in wt\n', 'new.txt': 'n\n' });
      git(wt, ['add', 'new.txt'], { env: sb.env });
      const { ws, snap } = await checkSnapshot(sb.adapter, wt, sb.env);
      expect(ws.gitDir).toBe(join(work, '.git', 'worktrees', 'wt'));
      expect(ws.commonDir).toBe(join(work, '.git'));
      expect(ws.headRef).toBe('refs/heads/feature');
      expect(git(work, ['rev-parse', SNAP_REF], { env: sb.env })).toBe(snap.commit);
    });

    it('records nested repositories as gitlinks to their HEAD and skips ones without a commit', async () => {
      const work = repo({ 'a.txt': 'a\n' });
      const lib = join(work, 'vendor', 'lib');
      mkdirSync(lib, { recursive: true });
      git(lib, ['init', '-q', '-b', 'main'], { env: sb.env });
      writeTree(lib, { 'l.txt': 'lib\n' });
      git(lib, ['add', '-A'], { env: sb.env });
      git(lib, ['commit', '-q', '-m', 'lib'], { env: sb.env });
      const unborn = join(work, 'scratch');
      git(work, ['init', '-q', unborn], { env: sb.env });
      writeTree(unborn, { 'u.txt': 'u\n' });
      const { snap } = await checkSnapshot(sb.adapter, work, sb.env, { excludePaths: ['scratch'] });
      const files = treeFiles(work, snap.tree, sb.env);
      expect(files['vendor/lib']).toBe(`160000 ${git(lib, ['rev-parse', 'HEAD'], { env: sb.env })}`);
      expect(Object.keys(files).some((p) => p.startsWith('scratch'))).toBe(false);
    });

    it("moves a tracked gitlink to the nested repository's new HEAD, as git add -A does", async () => {
      const work = repo({ 'a.txt': 'a\n' });
      const sub = join(work, 'sub');
      mkdirSync(sub);
      git(sub, ['init', '-q', '-b', 'main'], { env: sb.env });
      writeTree(sub, { 's.txt': '1\n' });
      git(sub, ['add', '-A'], { env: sb.env });
      git(sub, ['commit', '-q', '-m', 's1'], { env: sb.env });
      git(work, ['add', 'sub'], { env: sb.env });
      git(work, ['commit', '-q', '-m', 'add gitlink'], { env: sb.env });
      writeTree(sub, { 's.txt': '2\n' });
      git(sub, ['commit', '-q', '-am', 's2'], { env: sb.env });
      const { snap } = await checkSnapshot(sb.adapter, work, sb.env);
      expect(treeFiles(work, snap.tree, sb.env)['sub']).toBe(
        `160000 ${git(sub, ['rev-parse', 'HEAD'], { env: sb.env })}`,
      );
    });
  },
);
