import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMetawsmError, Secret } from '@metawsm/core';
import { git, isolatedGitEnv, makeTempDir, type TempDir } from '@metawsm/testkit';
import { CatFileBatch } from '../src/git/native/cat-file.js';
import { configEnv } from '../src/git/native/git-env.js';
import { GitRunner } from '../src/git/native/git-runner.js';
import { parseGitVersion, supportsNative } from '../src/git/native/git-version.js';
import { conflictsOf, parseMergeTree } from '../src/git/native/merge-output.js';
import { remoteAccess } from '../src/git/native/remote-auth.js';
import { packStats, parsePorcelain } from '../src/git/native/remote-push.js';
import { parseEngineChoice, selectGitEngine } from '../src/git/select-engine.js';

describe('native engine: parsing git output', () => {
  it('reads git versions and the 2.38 minimum', () => {
    expect(parseGitVersion('git version 2.39.5\n')).toBe('2.39.5');
    expect(parseGitVersion('git version 2.39.3 (Apple Git-145)')).toBe('2.39.3');
    expect(parseGitVersion('git version 2.41.0.windows.1')).toBe('2.41.0');
    expect(parseGitVersion('hub version 2.14')).toBeNull();
    expect(['2.37.9', '2.38.0', '2.39.5', '3.0.0', '1.99.0'].map(supportsNative)).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('maps merge-tree -z conflict records and messages to SPEC kinds', () => {
    const oid = (c: string) => c.repeat(40);
    const out = [
      oid('1'),
      `100644 ${oid('a')} 1\td`,
      `100644 ${oid('b')} 2\td`,
      `100644 ${oid('c')} 2\tnew`,
      `100755 ${oid('c')} 3\tnew`,
      `100644 ${oid('d')} 1\tr2`,
      `100644 ${oid('d')} 3\tr2`,
      '',
      '1',
      'd',
      'CONFLICT (modify/delete)',
      'CONFLICT (modify/delete): d deleted in side and modified in main.\n',
      '1',
      'new',
      'Auto-merging',
      'Auto-merging new\n',
      '1',
      'new',
      'CONFLICT (contents)',
      'CONFLICT (add/add): Merge conflict in new\n',
      '2',
      'r2',
      'r',
      'CONFLICT (rename/delete)',
      'CONFLICT (rename/delete): r renamed to r2 in side, but deleted in main.\n',
      '',
    ].join('\0');
    expect(conflictsOf(parseMergeTree(out))).toEqual([
      { path: 'd', kind: 'modify_delete' },
      { path: 'new', kind: 'mode' },
      { path: 'r2', kind: 'delete_modify', originalPath: 'r' },
    ]);
    expect(() => parseMergeTree('not a tree\0')).toThrow(expect.objectContaining({ code: 'GIT_FAILED' }));
  });

  it('reads push --porcelain lines and the pack statistics of --progress', () => {
    const stdout =
      'To http://h/x.git\n!\tabc:refs/heads/f\t[rejected] (stale info)\n=\tdef:refs/heads/g\t[up to date]\nDone\n';
    expect(parsePorcelain(stdout)).toEqual([
      { flag: '!', ref: 'refs/heads/f', summary: '[rejected] (stale info)' },
      { flag: '=', ref: 'refs/heads/g', summary: '[up to date]' },
    ]);
    const progress =
      'Writing objects:  50% (1/2)\rWriting objects: 100% (2/2)\rWriting objects: 100% (2/2), 1.50 KiB | 1.50 MiB/s, done.\nTotal 2 (delta 0), reused 0 (delta 0), pack-reused 0\n';
    expect(packStats(progress)).toEqual({ objectCount: 2, packBytes: 1536 });
    expect(packStats('Total 0 (delta 0), reused 0 (delta 0), pack-reused 0\n')).toEqual({
      objectCount: 0,
      packBytes: 0,
    });
  });
});

describe('native engine: credentials and environment', () => {
  it('puts the token only into GIT_CONFIG_* variables, after the operator’s own, for this URL only', () => {
    const endpoint = {
      url: 'https://github.com/acme/api.git',
      auth: { username: 'x-access-token', password: new Secret('tok_secret_42') },
    };
    const access = remoteAccess(
      { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'a.b', GIT_CONFIG_VALUE_0: 'c' },
      endpoint,
    );
    expect(access.url).toBe('https://github.com/acme/api.git');
    expect(access.env).toEqual({
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_1: 'http.https://github.com/acme/api.git.extraHeader',
      GIT_CONFIG_VALUE_1: '',
      GIT_CONFIG_KEY_2: 'http.https://github.com/acme/api.git.extraHeader',
      GIT_CONFIG_VALUE_2: `Authorization: Basic ${Buffer.from('x-access-token:tok_secret_42').toString('base64')}`,
    });
    expect(access.secrets).toEqual(
      expect.arrayContaining([
        'tok_secret_42',
        Buffer.from('x-access-token:tok_secret_42').toString('base64'),
      ]),
    );
    const inUrl = remoteAccess({}, { url: 'https://user:pw-in-url@github.com/acme/api.git', auth: null });
    expect(inUrl.url).toBe('https://github.com/acme/api.git');
    expect(inUrl.secrets).toContain('pw-in-url');
    expect(() => remoteAccess({}, { url: 'ssh://git@github.com/acme/api.git', auth: null })).toThrow(
      expect.objectContaining({ code: 'REMOTE_URL_UNSUPPORTED' }),
    );
    expect(configEnv({ GIT_CONFIG_COUNT: 'junk' }, [['k.x', 'v']])).toEqual({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'k.x',
      GIT_CONFIG_VALUE_0: 'v',
    });
  });

  it('runs git with argv only, a hardened environment and a timeout; stderr is redacted', async () => {
    const tmp = makeTempDir();
    try {
      const env = {
        ...isolatedGitEnv(tmp.path),
        GIT_DIR: '/nonexistent',
        GIT_TRACE: '1',
        LANG: 'de_DE.UTF-8',
      };
      const runner = new GitRunner({ env });
      git(tmp.path, ['init', '-q', 'r'], { env: isolatedGitEnv(tmp.path) });
      const r = await runner.run({ cwd: join(tmp.path, 'r'), args: ['var', 'GIT_PAGER'] });
      expect(r.stdout.toString().trim()).toBe('cat');
      const cfg = await runner.run({ cwd: join(tmp.path, 'r'), args: ['config', '--get', 'core.hooksPath'] });
      expect(cfg.stdout.toString().trim()).toBe('/dev/null');
      const bad = await runner
        .run({
          cwd: join(tmp.path, 'r'),
          args: ['rev-parse', '--verify', 'no-such-ref-tok_abc123'],
          secrets: ['tok_abc123'],
        })
        .catch((e: unknown) => e);
      expect(isMetawsmError(bad, 'GIT_FAILED')).toBe(true);
      expect(JSON.stringify(bad)).not.toContain('tok_abc123');
      const bin = join(tmp.path, 'slow-bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'git'), '#!/bin/sh\nexec /bin/sleep 30\n');
      chmodSync(join(bin, 'git'), 0o755);
      const started = Date.now();
      const slow = await new GitRunner({ env: { ...env, PATH: bin }, timeoutMs: 200 })
        .run({ cwd: tmp.path, args: ['status'] })
        .catch((e: unknown) => e);
      expect(slow).toMatchObject({ code: 'GIT_FAILED', data: { timedOut: true } });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('native engine: the cat-file reader', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('answers reads in order, nulls for missing objects, and ends itself when idle', async () => {
    const env = isolatedGitEnv(tmp.path);
    const work = join(tmp.path, 'r');
    git(tmp.path, ['init', '-q', work], { env });
    const big = Buffer.alloc(300_000, 'x');
    const oid = git(work, ['hash-object', '-w', '--stdin'], { env, input: big });
    const small = git(work, ['hash-object', '-w', '--stdin'], { env, input: 'small\n' });
    const reader = new CatFileBatch({ cwd: work, env, idleMs: 50 });
    const [a, b, c, d] = await Promise.all([
      reader.contents(oid),
      reader.contents('0'.repeat(40)),
      reader.info(small),
      reader.contents(small),
    ]);
    expect(a?.data.equals(big)).toBe(true);
    expect(b).toBeNull();
    expect(c).toMatchObject({ oid: small, type: 'blob', size: 6 });
    expect(d?.data.toString()).toBe('small\n');
    await new Promise((r) => setTimeout(r, 300));
    expect(reader.running).toBe(false);
    expect((await reader.contents(small))?.data.toString()).toBe('small\n');
    expect(reader.running).toBe(true);
    reader.close();
    expect(reader.running).toBe(false);
    await expect(reader.contents('bad\nname')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('selectGitEngine', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  /** A PATH holding only a fake `git` that prints `version`. */
  function fakeGitPath(version: string): string {
    const dir = join(tmp.path, `bin-${version}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'git'), `#!/bin/sh\necho "git version ${version}"\n`);
    chmodSync(join(dir, 'git'), 0o755);
    return dir;
  }

  it('parses the variable: empty means auto, anything unknown is INVALID_INPUT naming it', () => {
    expect([undefined, '', ' AUTO ', 'native', 'js'].map(parseEngineChoice)).toEqual([
      'auto',
      'auto',
      'auto',
      'native',
      'js',
    ]);
    expect(() => parseEngineChoice('fast')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        data: { variable: 'METAWSM_GIT_ENGINE', value: 'fast' },
      }),
    );
  });

  it('auto: native with git >= 2.38, js with an older git or none; native insists', async () => {
    const real = await selectGitEngine({ env: { ...process.env, METAWSM_GIT_ENGINE: 'auto' } });
    expect(real.name).toBe('native');
    expect((await real.git.engine()).gitVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const old = { PATH: fakeGitPath('2.37.1') };
    const picked = await selectGitEngine({ env: old });
    expect([picked.name, picked.gitVersion]).toEqual(['js', '2.37.1']);
    expect(await picked.git.engine()).toEqual({ name: 'js', gitVersion: '2.37.1' });
    await expect(selectGitEngine({ env: { ...old, METAWSM_GIT_ENGINE: 'native' } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      data: { variable: 'METAWSM_GIT_ENGINE', gitVersion: '2.37.1' },
    });
    const none = { PATH: join(tmp.path, 'empty') };
    expect((await selectGitEngine({ env: none })).name).toBe('js');
    await expect(selectGitEngine({ env: { ...none, METAWSM_GIT_ENGINE: 'native' } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      hint: expect.stringContaining('METAWSM_GIT_ENGINE=js'),
    });
    expect(
      (await selectGitEngine({ env: { PATH: fakeGitPath('2.45.0'), METAWSM_GIT_ENGINE: 'js' } })).name,
    ).toBe('js');
  });
});
