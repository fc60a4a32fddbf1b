import type { MetawsmError } from '../src/index.js';
import { apiUrlOverride, authCheck, CheckRegistry, commitRun, prRun } from '../src/index.js';
import {
  FakeGit,
  InMemoryFiles,
  FakeGitHub,
  FakeProcess,
  InMemoryStore,
  SequentialIds,
  TestClock,
  aRun,
  aTarget,
} from '../src/testing/index.js';
import { policyWith } from './support/world.js';

const TOKEN = 'tok-1234567890';

/** A world whose workspace remote is `remoteUrl` while the fake git remote lives at `httpUrl`. */
async function setup(remoteUrl: string, httpUrl: string, opts: { identity?: boolean } = {}) {
  const git = new FakeGit();
  git.seedRemote(httpUrl, { 'a.txt': 'a\n' });
  git.cloneWorkspace('/ws', httpUrl);
  // Point the workspace's configured remote at the ssh/GHE URL, as the agent's clone would have it.
  const ws = await git.openWorkspace('/ws');
  git.setRemote('/ws', 'origin', remoteUrl);
  if (opts.identity === false) git.globalIdentity = null;
  const github = new FakeGitHub();
  github.addToken(TOKEN, { login: 'octo' });
  github.addRepo('acme', 'api', { permissions: { octo: { push: true } } });
  const process = new FakeProcess({ env: { METAWSM_GITHUB_TOKEN: TOKEN } });
  const store = new InMemoryStore();
  await store.createRun(aRun({ targets: [aTarget({ repo: 'api', path: ws.path })] }));
  const deps = {
    git,
    github,
    process,
    store,
    clock: new TestClock(),
    ids: new SequentialIds(),
    files: new InMemoryFiles(),
    checks: CheckRegistry.withBuiltins(),
  };
  return { git, github, process, store, deps };
}

describe('remotes: ssh rewritten to https, GitHub Enterprise API prefix', () => {
  it('an ssh remote is fetched and pushed over https to the same host, with the token', async () => {
    const w = await setup('git@github.com:acme/api.git', 'https://github.com/acme/api.git');
    w.git.requiredTokens.set('https://github.com/acme/api.git', TOKEN);
    w.git.writeFiles('/ws', { 'b.txt': 'b\n' });
    const policy = policyWith();
    expect(
      (
        await commitRun(w.deps, policy, {
          selection: { runId: 'run-1' },
          dryRun: false,
          force: false,
          switch: false,
          allowRunning: false,
        })
      ).targets[0]!.outcome,
    ).toBe('committed');
    const r = await prRun(w.deps, policy, {
      selection: { runId: 'run-1' },
      dryRun: false,
      allowRunning: false,
    });
    expect(r.targets[0]!.outcome).toBe('created');
    expect(w.git.pushes[0]!.url).toBe('https://github.com/acme/api.git');
    expect(w.github.calls.every((c) => c.apiUrl === 'https://api.github.com')).toBe(true);
  });

  it('a GitHub Enterprise remote uses https://<host>/api/v3', async () => {
    const w = await setup('https://ghe.corp.example/acme/api.git', 'https://ghe.corp.example/acme/api.git');
    w.git.writeFiles('/ws', { 'b.txt': 'b\n' });
    const policy = policyWith();
    await commitRun(w.deps, policy, {
      selection: { runId: 'run-1' },
      dryRun: false,
      force: false,
      switch: false,
      allowRunning: false,
    });
    await prRun(w.deps, policy, { selection: { runId: 'run-1' }, dryRun: false, allowRunning: false });
    expect(new Set(w.github.calls.map((c) => c.apiUrl))).toEqual(
      new Set(['https://ghe.corp.example/api/v3']),
    );
  });

  it('METAWSM_GITHUB_API_URL overrides the derived API URL', async () => {
    const w = await setup('https://github.com/acme/api.git', 'https://github.com/acme/api.git');
    w.process.setEnv('METAWSM_GITHUB_API_URL', 'http://127.0.0.1:9999/');
    const r = await authCheck(w.deps, policyWith(), { runId: 'run-1' }, '/');
    expect(r.targets[0]!.apiUrl).toBe('http://127.0.0.1:9999');
  });

  it('a malformed METAWSM_GITHUB_API_URL fails auth check and pr with exit 2 before any GitHub call', async () => {
    const w = await setup('https://github.com/acme/api.git', 'https://github.com/acme/api.git');
    w.git.writeFiles('/ws', { 'b.txt': 'b\n' });
    await commitRun(w.deps, policyWith(), {
      selection: { runId: 'run-1' },
      dryRun: false,
      force: false,
      switch: false,
      allowRunning: false,
    });
    w.process.setEnv('METAWSM_GITHUB_API_URL', 'notaurl');
    await expect(authCheck(w.deps, policyWith(), { runId: 'run-1' }, '/')).rejects.toMatchObject({
      code: 'GITHUB_API_URL_INVALID',
      exitCode: 2,
    });
    const pr = await prRun(w.deps, policyWith(), {
      selection: { runId: 'run-1' },
      dryRun: false,
      allowRunning: false,
    });
    expect(pr.targets[0]).toMatchObject({ exitCode: 2, error: { code: 'GITHUB_API_URL_INVALID' } });
    expect(w.github.calls).toEqual([]);
  });
});

describe('auth check', () => {
  const ORIGIN = 'https://github.com/acme/api.git';

  it('is ready when token, login, push permission, base branch and identity are all there', async () => {
    const w = await setup(ORIGIN, ORIGIN);
    const r = await authCheck(w.deps, policyWith(), { runId: 'run-1' }, '/');
    expect(r).toMatchObject({
      git: { name: 'js', gitVersion: null },
      tokenSource: 'METAWSM_GITHUB_TOKEN',
      login: 'octo',
      pushReady: true,
      prReady: true,
      exitCode: 0,
    });
    expect(r.targets[0]).toMatchObject({
      remote: ORIGIN,
      owner: 'acme',
      repository: 'api',
      pushPermission: true,
      baseBranchExists: true,
      gitIdentity: 'Agent <agent@example.com>',
      problems: [],
    });
    expect(JSON.stringify(r)).not.toContain(TOKEN);
  });

  type World = Awaited<ReturnType<typeof setup>>;
  const causes: [string, string, (w: World) => void][] = [
    ['no token', 'AUTH_MISSING', (w) => w.process.setEnv('METAWSM_GITHUB_TOKEN', undefined)],
    ['a bad token', 'AUTH_INVALID', (w) => w.process.setEnv('METAWSM_GITHUB_TOKEN', 'wrong')],
    [
      'no push permission',
      'PERMISSION_DENIED',
      (w) => w.github.addRepo('acme', 'api', { permissions: { octo: { push: false, pull: true } } }),
    ],
    [
      'the base branch missing on the remote',
      'BASE_NOT_FOUND',
      (w) => w.git.remotes.get(ORIGIN)!.delete('main'),
    ],
    ['no git identity', 'IDENTITY_MISSING', (w) => (w.git.globalIdentity = null)],
    [
      'the repository not visible to the token',
      'GITHUB_NOT_FOUND',
      (w) => w.github.addRepo('acme', 'api', { permissions: {} }),
    ],
  ];
  it.each(causes)('is not ready (exit 5) with %s → %s, with a remedy', async (_name, code, breakIt) => {
    const w = await setup(ORIGIN, ORIGIN);
    breakIt(w);
    const r = await authCheck(w.deps, policyWith(), { runId: 'run-1' }, '/');
    expect(r.pushReady).toBe(false);
    expect(r.exitCode).toBe(5);
    expect(r.targets[0]!.problems.map((p) => p.code)).toContain(code);
    expect(r.targets[0]!.problems.every((p) => p.hint)).toBe(true);
  });

  it('a local-path remote is reported as unsupported', async () => {
    const w = await setup('/srv/git/api.git', ORIGIN);
    const r = await authCheck(w.deps, policyWith(), { runId: 'run-1' }, '/');
    expect(r.targets[0]!.problems.map((p) => p.code)).toEqual(['REMOTE_URL_UNSUPPORTED']);
  });

  it('with no run at all it checks just the token and login', async () => {
    const w = await setup(ORIGIN, ORIGIN);
    await w.store.updateRun('run-1', { status: 'closed' });
    const r = await authCheck(w.deps, policyWith(), {}, '/');
    expect(r).toMatchObject({ runId: null, targets: [], login: 'octo', pushReady: true });
    w.process.setEnv('METAWSM_GITHUB_TOKEN', undefined);
    expect((await authCheck(w.deps, policyWith(), {}, '/')).exitCode).toBe(5);
  });
});

describe('METAWSM_GITHUB_API_URL validation (issue 10 item 9)', () => {
  it.each([
    'notaurl',
    'ftp://ghe.example/api/v3',
    'https://user:pw@ghe.example/api/v3',
    'https://ghe.example/api?x=1',
  ])('%j is GITHUB_API_URL_INVALID naming the variable (exit 2)', (value) => {
    let caught: unknown;
    try {
      apiUrlOverride(value);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({
      code: 'GITHUB_API_URL_INVALID',
      data: { variable: 'METAWSM_GITHUB_API_URL' },
    });
    expect((caught as MetawsmError).exitCode).toBe(2);
    expect(JSON.stringify(caught)).not.toContain('pw@');
  });

  it('unset or empty is no override; a valid URL loses trailing slashes', () => {
    expect(apiUrlOverride(undefined)).toBeUndefined();
    expect(apiUrlOverride('  ')).toBeUndefined();
    expect(apiUrlOverride('http://127.0.0.1:9999/')).toBe('http://127.0.0.1:9999');
    expect(apiUrlOverride('https://ghe.example/api/v3')).toBe('https://ghe.example/api/v3');
  });
});
