import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Secret, type StorePort } from '@metawsm/core';
import {
  FakeGit,
  FakeGitHub,
  FakeProcess,
  InMemoryFiles,
  InMemoryStore,
  SequentialIds,
  TestClock,
} from '@metawsm/core/testing';
import { createRepoPair, isolatedGitEnv, makeTempDir, type TempDir } from '@metawsm/testkit';
import { createMetawsm, createWiring, storeHttpCache } from '../src/index.js';

const ORIGIN = 'https://github.com/acme/api.git';
const WS = '/work/agents/t-1/api';
const TOKEN = 'canary-token-4d1e';

/** Every port a fake: the whole loop runs in memory. */
function fakes(opts: { tokenInEnv?: boolean } = {}) {
  const git = new FakeGit();
  const github = new FakeGitHub({ branchExists: (_o, _r, b) => git.remotes.get(ORIGIN)?.get(b) ?? false });
  github.addToken(TOKEN, { login: 'octo', scopes: ['repo'] });
  github.addRepo('acme', 'api', {
    permissions: { octo: { admin: true, push: true }, alice: { push: true } },
  });
  git.seedRemote(ORIGIN, { 'README.md': 'hello\n' });
  git.cloneWorkspace(WS, ORIGIN);
  const process = new FakeProcess();
  if (opts.tokenInEnv) process.setEnv('METAWSM_GITHUB_TOKEN', TOKEN);
  const store = new InMemoryStore();
  const ports = {
    git,
    github,
    store,
    process,
    files: new InMemoryFiles(),
    clock: new TestClock(),
    ids: new SequentialIds(),
  };
  return { git, github, store, process, ports };
}

describe('createMetawsm: the library facade over the one composition root', () => {
  it('runs run create → commit → pr → status on the fakes, with the token given in code', async () => {
    const f = fakes();
    const metawsm = await createMetawsm({
      home: '/work',
      cwd: '/work',
      ports: f.ports,
      token: new Secret(TOKEN),
    });
    await metawsm.initPolicy();
    const run = await metawsm.createRun({
      tickets: ['T-1'],
      repos: [`api=${WS}`],
      status: 'completed',
      runId: 'r1',
    });
    f.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const commit = await metawsm.commit({ runId: run.id });
    expect(commit.targets.map((t) => t.outcome)).toEqual(['committed']);
    const pr = await metawsm.pr({ runId: run.id });
    expect(pr.targets[0]).toMatchObject({ outcome: 'created', number: 1, actor: 'octo' });
    const branch = commit.targets[0]!.branch!;
    expect(f.git.remotes.get(ORIGIN)!.get(branch)).toBe(commit.targets[0]!.commitSha);
    expect(f.github.listPullRequests('acme', 'api')).toHaveLength(1);
    const status = await metawsm.status();
    expect(status.runs[0]!.targets[0]).toMatchObject({
      pr: { number: 1 },
      pushedSha: commit.targets[0]!.commitSha,
    });
    const events = await f.store.listEvents({ runId: run.id });
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify([events, pr, await f.store.listRuns()])).not.toContain(TOKEN);
    await metawsm.close();
  });

  it('review sync, list and ignore on the fakes', async () => {
    const f = fakes();
    const files = f.ports.files;
    const metawsm = await createMetawsm({ home: '/work', cwd: '/work', ports: f.ports, token: TOKEN });
    await files.writeTextAtomic(
      '/work/.metawsm/policy.json',
      JSON.stringify({ git_pr: { review_feedback: { enabled: true } } }),
    );
    await metawsm.createRun({ tickets: ['T-1'], repos: [`api=${WS}`], status: 'completed', runId: 'r1' });
    f.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await metawsm.commit({ runId: 'r1' });
    const pr = await metawsm.pr({ runId: 'r1' });
    f.github.addReviewComment('acme', 'api', pr.targets[0]!.number!, { user: 'alice', body: 'Rename this.' });
    const sync = await metawsm.reviewSync({ runId: 'r1' });
    expect(sync.exitCode).toBe(0);
    const listed = await metawsm.reviewList({ runId: 'r1' });
    expect(listed.items.map((i) => [i.status, i.author])).toEqual([['pending', 'alice']]);
    const ignored = await metawsm.reviewIgnore([listed.items[0]!.id], {
      runId: 'r1',
      reason: 'out of scope',
    });
    expect(ignored.items.map((i) => i.outcome)).toEqual(['ignored']);
    expect((await metawsm.reviewList({ runId: 'r1', status: ['ignored'] })).items).toHaveLength(1);
  });

  it('the token given in code is used as METAWSM_GITHUB_TOKEN, wins over the environment and is never printed', async () => {
    const f = fakes();
    f.process.setEnv('METAWSM_GITHUB_TOKEN', 'some-other-token');
    const metawsm = await createMetawsm({ home: '/work', cwd: '/work', ports: f.ports, token: TOKEN });
    const check = await metawsm.authCheck();
    expect(check).toMatchObject({ tokenSource: 'METAWSM_GITHUB_TOKEN', login: 'octo' });
    expect(JSON.stringify(check)).not.toContain(TOKEN);
  });

  it('env overrides what metawsm reads: a variable can be hidden, another set', async () => {
    const f = fakes({ tokenInEnv: true });
    const hidden = await createMetawsm({
      home: '/work',
      ports: f.ports,
      env: { METAWSM_GITHUB_TOKEN: undefined },
    });
    expect((await hidden.authCheck()).tokenSource).toBeNull();
    const wiring = await createWiring({ home: '/work', ports: f.ports, env: { METAWSM_GIT_ENGINE: 'js' } });
    expect(wiring.ports.process.env('METAWSM_GIT_ENGINE')).toBe('js');
    expect(wiring.ports.process.env('METAWSM_GITHUB_TOKEN')).toBe(TOKEN);
  });

  it('the ETag cache opens the store on first use only', async () => {
    let opened = 0;
    const store = new InMemoryStore();
    const cache = storeHttpCache(() => {
      opened++;
      return Promise.resolve<StorePort>(store);
    });
    expect(opened).toBe(0);
    const entry = { url: 'u', identity: 'i', etag: '"e"', body: '[]', link: null, storedAt: 't' };
    await cache.putHttpCache(entry);
    await expect(cache.getHttpCache('u', 'i')).resolves.toEqual(entry);
    expect(opened).toBe(2);
  });

  describe('with the real adapters', () => {
    let tmp: TempDir;
    beforeAll(() => (tmp = makeTempDir()));
    afterAll(() => tmp.cleanup());

    it('keeps its state in <home>/.metawsm (SQLite), reads without creating, and registers a real workspace', async () => {
      const home = join(tmp.path, 'home');
      const env = isolatedGitEnv(tmp.path);
      const ws = createRepoPair(tmp.path, 'api', { 'a.txt': 'a\n' }, { env, remoteUrl: ORIGIN }).work;
      const outside = await createMetawsm({ home, env: { METAWSM_DATABASE_URL: undefined } });
      await expect(outside.status()).rejects.toMatchObject({ code: 'HOME_NOT_FOUND' });
      expect(existsSync(home)).toBe(false);
      const metawsm = await createMetawsm({ home, env: { METAWSM_DATABASE_URL: undefined } });
      await metawsm.initPolicy();
      const run = await metawsm.createRun({ tickets: ['T-1'], repos: [`api=${ws}`], runId: 'r1' });
      expect(run.targets).toEqual([expect.objectContaining({ repo: 'api', path: ws })]);
      await metawsm.close();
      expect(existsSync(join(home, '.metawsm', 'metawsm.db'))).toBe(true);
      const again = await createMetawsm({ home, env: { METAWSM_DATABASE_URL: undefined } });
      expect((await again.listRuns()).map((r) => r.id)).toEqual(['r1']);
      await again.close();
    });

    it('picks the git engine from `engine` (over METAWSM_GIT_ENGINE) and status names it per target', async () => {
      const home = join(tmp.path, 'engines');
      const env = isolatedGitEnv(tmp.path);
      const ws = createRepoPair(tmp.path, 'eng', { 'a.txt': 'a\n' }, { env, remoteUrl: ORIGIN }).work;
      const base = { home, env: { METAWSM_DATABASE_URL: undefined, METAWSM_GIT_ENGINE: 'native' } };
      const setup = await createMetawsm(base);
      await setup.initPolicy();
      await setup.createRun({ tickets: ['T-1'], repos: [`api=${ws}`], runId: 'r1' });
      await setup.close();
      const engineOf = async (o: Parameters<typeof createMetawsm>[0]) => {
        const m = await createMetawsm(o);
        try {
          return (await m.status()).runs[0]!.targets.map((t) => t.engine);
        } finally {
          await m.close();
        }
      };
      expect(await engineOf(base)).toEqual(['native']);
      expect(await engineOf({ ...base, engine: 'js' })).toEqual(['js']);
      const bad = { home, env: { ...base.env, METAWSM_GIT_ENGINE: 'jit' } };
      await expect(engineOf(bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });
  });
});
