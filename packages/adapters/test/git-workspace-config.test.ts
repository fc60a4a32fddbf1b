import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createRepoPair,
  git,
  isolatedGitEnv,
  makeTempDir,
  writeTree,
  type TempDir,
} from '../../testkit/src/git-fixtures.js';
import { parseGitConfig } from '../src/git/js/workspace/config-parser.js';
import { GitConfig } from '../src/git/js/workspace/git-config.js';
import { WorkspaceGit } from '../src/git/js/workspace-git.js';

const TRICKY = [
  '# comment',
  '; another comment',
  '[Core]',
  '\tFileMode = false ; trailing comment',
  '\tbareflag',
  '[remote "Origin \\"quoted\\" \\\\ name"]',
  '\turl = "https://example.com/a b.git" # comment',
  '[remote "origin"]',
  '\turl = git@github.com:acme/widgets.git',
  '\tfetch = +refs/heads/*:refs/remotes/origin/*',
  '[user]',
  '\tname = "  Ada" Lovelace\\t(tab)  ',
  '\temail = ada@example.com',
  '\tmulti = one \\',
  'two',
  '\tescaped = "a\\"b\\\\c\\nd"',
  '[Section.SubSection]',
  '\tKey = legacy',
  '[empty] value = inline',
  '[bools]',
  '\tyes = yes',
  '\toff = off',
  '\tnum = 2',
  '\tempty =',
].join('\n');

describe('git config reader', () => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    tmp = makeTempDir();
    env = isolatedGitEnv(tmp.path);
  });
  afterEach(() => tmp.cleanup());

  it('reads values exactly as `git config --file` does', () => {
    const file = join(tmp.path, 'tricky.config');
    writeFileSync(file, TRICKY);
    const config = new GitConfig([{ path: file, entries: parseGitConfig(TRICKY) }]);
    const keys: [string, string | null, string][] = [
      ['core', null, 'filemode'],
      ['remote', 'Origin "quoted" \\ name', 'url'],
      ['remote', 'origin', 'url'],
      ['user', null, 'name'],
      ['user', null, 'multi'],
      ['user', null, 'escaped'],
      ['section', 'subsection', 'key'],
      ['empty', null, 'value'],
    ];
    for (const [section, sub, key] of keys) {
      const name = sub === null ? `${section}.${key}` : `${section}.${sub}.${key}`;
      expect(config.getString(section, sub, key)).toBe(
        git(tmp.path, ['config', '--file', file, '--get', name], { env }),
      );
    }
    for (const key of ['yes', 'off', 'num', 'empty']) {
      const expected =
        git(tmp.path, ['config', '--file', file, '--type=bool', '--get', `bools.${key}`], { env }) === 'true';
      expect(config.getBool('bools', null, key, !expected)).toBe(expected);
    }
    expect(config.getBool('core', null, 'bareflag', false)).toBe(true);
    expect(config.getBool('core', null, 'fileMode', true)).toBe(false);
  });

  it('rejects malformed config with GIT_FAILED via the adapter', async () => {
    const work = createRepoPair(tmp.path, 'r', { 'a.txt': 'a\n' }, { env }).work;
    const adapter = new WorkspaceGit({ env });
    const ws = await adapter.openWorkspace(work);
    writeFileSync(join(tmp.path, '.gitconfig'), '[user\nname = x\n');
    await expect(adapter.identity(ws)).rejects.toMatchObject({ code: 'GIT_FAILED' });
  });

  it('finds remotes and the identity with repository config over global config', async () => {
    const pair = createRepoPair(tmp.path, 'r', { 'a.txt': 'a\n' }, { env });
    const adapter = new WorkspaceGit({ env });
    const ws = await adapter.openWorkspace(pair.work);
    expect(await adapter.remoteUrl(ws, 'origin')).toBe(pair.bare);
    expect(await adapter.remoteUrl(ws, 'upstream')).toBeNull();
    expect(await adapter.identity(ws)).toBeNull();
    writeTree(tmp.path, { '.config/git/config': '[user]\n\tname = Xdg\n\temail = xdg@example.com\n' });
    expect(await adapter.identity(ws)).toEqual({ name: 'Xdg', email: 'xdg@example.com' });
    writeTree(tmp.path, { '.gitconfig': '[user]\n\tname = Home\n' });
    expect(await adapter.identity(ws)).toEqual({ name: 'Home', email: 'xdg@example.com' });
    git(pair.work, ['config', 'user.name', 'Repo Person'], { env });
    expect(await adapter.identity(ws)).toEqual({ name: 'Repo Person', email: 'xdg@example.com' });
    git(pair.work, ['config', 'url.https://mirror.example/.insteadOf', tmp.path], { env });
    expect(await adapter.remoteUrl(ws, 'origin')).toBe(
      `https://mirror.example/${pair.bare.slice(tmp.path.length)}`,
    );
  });

  it('honours GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM and per-worktree config', async () => {
    const pair = createRepoPair(tmp.path, 'r', { 'a.txt': 'a\n' }, { env });
    writeTree(tmp.path, {
      '.gitconfig': '[user]\n\tname = Home\n\temail = home@example.com\n',
      'only.gitconfig': '[user]\n\tname = Only\n\temail = only@example.com\n',
      'system.gitconfig': '[user]\n\tname = System\n\temail = system@example.com\n',
    });
    const only = new WorkspaceGit({ env: { ...env, GIT_CONFIG_GLOBAL: join(tmp.path, 'only.gitconfig') } });
    const ws = await only.openWorkspace(pair.work);
    expect(await only.identity(ws)).toEqual({ name: 'Only', email: 'only@example.com' });
    const system = new WorkspaceGit({
      env: {
        ...env,
        GIT_CONFIG_NOSYSTEM: '0',
        GIT_CONFIG_SYSTEM: join(tmp.path, 'system.gitconfig'),
        GIT_CONFIG_GLOBAL: '',
      },
    });
    expect(await system.identity(ws)).toEqual({ name: 'System', email: 'system@example.com' });

    const wt = join(tmp.path, 'wt');
    git(pair.work, ['worktree', 'add', '-q', '-b', 'feature', wt], { env });
    git(pair.work, ['config', 'extensions.worktreeConfig', 'true'], { env });
    git(wt, ['config', '--worktree', 'user.name', 'Worktree Only'], { env });
    const adapter = new WorkspaceGit({ env });
    expect(await adapter.identity(await adapter.openWorkspace(wt))).toEqual({
      name: 'Worktree Only',
      email: 'home@example.com',
    });
    expect(await adapter.identity(ws)).toEqual({ name: 'Home', email: 'home@example.com' });
  });
});
