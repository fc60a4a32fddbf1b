import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, isolatedGitEnv, makeTempDir, writeTree, type TempDir } from '../../testkit/src/git-fixtures.js';
import { IgnoreLayer, IgnoreStack } from '../src/git/js/workspace/ignore-rules.js';

const FILES = [
  'foo',
  'a/foo',
  'a/b/foo',
  'foo.c',
  'a/x.c',
  'x.cc',
  'doc/a.md',
  'doc/sub/b.md',
  'ab.md',
  'README',
  'a/b/c/d.txt',
  'a/c/d.txt',
  'a/d.txt',
  'x/a/y/b',
  'x/a/b',
  'lib/gen/out.js',
  'gen/x',
  'q1.txt',
  'qq.txt',
  '*star',
  'hash#',
  'b-x',
  'dx',
  'e9',
  'tab\there',
  'sp ace',
  'Upper.TXT',
  'k]z',
  'k-z',
];
const DIRS = ['dirfoo', 'a/dirfoo', 'build', 'a/build'];

const PATTERNS = [
  'foo',
  '/foo',
  'a/foo',
  '*.c',
  '*.c*',
  'doc/*.md',
  'doc/**/*.md',
  '**/foo',
  'a/**/d.txt',
  'a/**',
  'x/**/b',
  '**/gen/**',
  'q?.txt',
  '\\*star',
  'hash\\#',
  '[a-c]-x',
  '[!a-c]x',
  '[[:digit:]]',
  'e[[:digit:]]',
  '[[:space:]]',
  'tab*',
  'sp\\ ace',
  '*.TXT',
  'dirfoo/',
  'build',
  '/a/build/',
  'k[]]z',
  'k[z-a]z',
  'k[\\]-]z',
  '**',
  'a/**/',
  '[',
];

/** Each pattern alone, compared with `git check-ignore --no-index` on real files and directories. */
describe('gitignore pattern matching', () => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    tmp = makeTempDir();
    env = isolatedGitEnv(tmp.path);
    git(tmp.path, ['init', '-q', 'repo'], { env });
    writeTree(join(tmp.path, 'repo'), Object.fromEntries(FILES.map((f) => [f, 'x'])));
    for (const d of DIRS) mkdirSync(join(tmp.path, 'repo', d), { recursive: true });
  });
  afterAll(() => tmp.cleanup());

  it.each(PATTERNS)('matches like git: %s', (pattern) => {
    const repo = join(tmp.path, 'repo');
    writeFileSync(join(repo, '.gitignore'), `${pattern}\n`);
    const paths = [...FILES, ...DIRS];
    // check-ignore exits 1 when no path is ignored.
    const run = spawnSync('git', ['check-ignore', '--no-index', '--stdin', '-z'], {
      cwd: repo,
      env,
      input: paths.join('\0') + '\0',
    });
    expect([0, 1]).toContain(run.status);
    const gitSays = new Set(run.stdout.toString().split('\0').filter(Boolean));
    const stack = new IgnoreStack([]).push(IgnoreLayer.parse('', `${pattern}\n`, false));
    const dirs = new Set(DIRS);
    // Only paths whose parents are not ignored are ever asked (the walk skips ignored directories).
    const reachable = paths.filter(
      (p) => !ancestors(p).some((a) => stack.excluded(a, a.split('/').pop() ?? '', true)),
    );
    const weSay = reachable.filter((p) => stack.excluded(p, p.split('/').pop() ?? '', dirs.has(p)));
    expect(weSay.sort()).toEqual(reachable.filter((p) => gitSays.has(p)).sort());
  });
});

function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
