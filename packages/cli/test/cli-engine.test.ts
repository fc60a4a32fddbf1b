import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { agentWorkWithMovedBase, scenario, type Scenario, completedRun } from './support/scenario.js';
import { runCli } from './support/cli.js';

/** Markers of the pure-JS engine's code inside the bundle (its classes, as esbuild emits them). */
const JS_ENGINE_MARKERS = ['IsomorphicGitAdapter = class', 'WorkspaceGit = class'];

describe('git engine selection (METAWSM_GIT_ENGINE)', () => {
  let s: Scenario;
  let runId: string;
  const cli = (env: NodeJS.ProcessEnv, ...args: string[]) => runCli(args, { cwd: s.home, env });

  beforeEach(async () => {
    s = await scenario();
    await s.cli('policy', 'init');
    runId = await completedRun(s, 'E-1');
  });
  afterEach(() => s.close());

  it('auto picks the native engine when git >= 2.38 is on PATH; auth check prints its version', async () => {
    const status = await s.cli('status', '--run-id', runId, '--json');
    expect(status.json.runs[0].targets[0].engine).toBe('native');
    const auth = await s.cli('auth', 'check', '--run-id', runId);
    expect(auth.code).toBe(0);
    expect(auth.stdout).toMatch(/^git\s+\d+\.\d+\.\d+ \(engine native\)$/m);
    const human = await s.cli('status', '--run-id', runId);
    expect(human.stdout).toMatch(/E-1\/api .* native /);
  });

  it('an invalid value is exit 2 (INVALID_INPUT) naming the variable', async () => {
    const env = { ...s.env, METAWSM_GIT_ENGINE: 'turbo' };
    const status = await cli(env, 'status', '--run-id', runId, '--json');
    expect([status.code, status.json.error.code]).toEqual([2, 'INVALID_INPUT']);
    expect(status.json.error.data.variable).toBe('METAWSM_GIT_ENGINE');
    const commit = await cli(env, 'commit', '--run-id', runId, '--json');
    expect(commit.code).toBe(2);
    expect(commit.json.targets[0].error).toMatchObject({
      code: 'INVALID_INPUT',
      data: { variable: 'METAWSM_GIT_ENGINE' },
    });
  });

  it('without git on PATH: native is exit 2 with a hint, auto falls back to the pure-JS engine', async () => {
    agentWorkWithMovedBase(s);
    const noGit = { ...s.env, PATH: join(s.tmp.path, 'no-git-here') };
    const native = await cli(
      { ...noGit, METAWSM_GIT_ENGINE: 'native' },
      'commit',
      '--run-id',
      runId,
      '--json',
    );
    expect(native.code).toBe(2);
    expect(native.json.targets[0].error).toMatchObject({
      code: 'INVALID_INPUT',
      hint: expect.stringContaining('METAWSM_GIT_ENGINE=js'),
    });
    const auto = await cli(noGit, 'commit', '--run-id', runId, '--json');
    expect(auto.code).toBe(0);
    expect(auto.json.targets[0]).toMatchObject({ engine: 'js', outcome: 'committed' });
    const auth = await cli(noGit, 'auth', 'check', '--run-id', runId, '--json');
    expect(auth.json.git).toEqual({ name: 'js', gitVersion: null });
  });

  it('the native engine never loads the pure-JS engine; the js engine does', async () => {
    agentWorkWithMovedBase(s);
    const dir = join(s.tmp.path, 'load-log');
    mkdirSync(dir);
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(process.env.METAWSM_TEST_LOAD_LOG, url + '\\n');\n  return next(url, context);\n}\n",
    );
    const preload = join(dir, 'preload.mjs');
    writeFileSync(
      preload,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    const loaded = async (engine: string, log: string) => {
      const env = {
        ...s.env,
        METAWSM_GIT_ENGINE: engine,
        METAWSM_TEST_LOAD_LOG: log,
        NODE_OPTIONS: `--import=${pathToFileURL(preload).href}`,
      };
      writeFileSync(log, '');
      const r = await cli(env, 'commit', '--run-id', runId, '--dry-run', '--json');
      expect(r.json.targets[0]).toMatchObject({ engine, outcome: 'committed' });
      const urls = readFileSync(log, 'utf8')
        .split('\n')
        .filter((u) => u.startsWith('file:') && u.includes('/dist/bundle/'));
      expect(urls.length).toBeGreaterThan(1);
      return urls
        .map((u) => readFileSync(new URL(u), 'utf8'))
        .some((code) => JS_ENGINE_MARKERS.some((m) => code.includes(m)));
    };
    expect(await loaded('native', join(dir, 'native.log'))).toBe(false);
    expect(await loaded('js', join(dir, 'js.log'))).toBe(true);
  });
});
