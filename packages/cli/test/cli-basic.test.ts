import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRepoPair, git, isolatedGitEnv, makeTempDir, type TempDir } from '@metawsm/testkit';
import { runCli } from './support/cli.js';

describe('metawsm CLI: policy, run, status', () => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  let home: string;
  let ws: string;
  const cli = (...args: string[]) => runCli(args, { cwd: home, env });

  beforeAll(() => {
    tmp = makeTempDir();
    home = join(tmp.path, 'home');
    mkdirSync(home);
    env = { ...isolatedGitEnv(tmp.path), METAWSM_HOME: home };
    delete env.METAWSM_GITHUB_TOKEN;
    ws = createRepoPair(
      tmp.path,
      'api',
      { 'a.txt': 'a\n' },
      { env, remoteUrl: 'https://github.com/acme/api.git' },
    ).work;
  });
  afterAll(() => tmp.cleanup());

  it('policy init writes the defaults; a second init needs --force', async () => {
    const r = await cli('policy', 'init', '--json');
    expect(r.code).toBe(0);
    expect(r.json.file).toBe(join(home, '.metawsm', 'policy.json'));
    expect(JSON.parse(readFileSync(r.json.file, 'utf8')).git_pr.mode).toBe('assist');
    const again = await cli('policy', 'init', '--json');
    expect(again.code).toBe(2);
    expect(again.json.error.code).toBe('POLICY_EXISTS');
    expect((await cli('policy', 'init', '--force')).code).toBe(0);
  });

  it('policy show prints the effective policy; --json is the policy object', async () => {
    const r = await cli('policy', 'show', '--json');
    expect(r.code).toBe(0);
    expect(r.json.git_pr.required_checks).toEqual(['tests', 'forbidden_files', 'clean_tree']);
    const human = await cli('policy', 'show');
    expect(human.stdout).toContain('"branch_template": "{ticket}/{repo}/{run}"');
  });

  it('policy validate reports every problem with its path (exit 2), and malformed JSON with its position', async () => {
    const bad = join(tmp.path, 'bad.json');
    writeFileSync(bad, JSON.stringify({ git_pr: { mode: 'x', required_checks: ['lint'], nope: 1 } }));
    const r = await cli('policy', 'validate', '--file', bad, '--json');
    expect(r.code).toBe(2);
    expect(r.json.error.code).toBe('POLICY_INVALID');
    expect(r.json.error.data.problems.map((p: { path: string }) => p.path)).toEqual([
      '$.git_pr.mode',
      '$.git_pr.nope',
      '$.git_pr.required_checks[0]',
    ]);
    writeFileSync(bad, '{\n  "git_pr": {,\n}');
    const parse = await cli('policy', 'validate', '--file', bad);
    expect(parse.code).toBe(2);
    expect(parse.stderr).toMatch(/POLICY_PARSE.*bad\.json:2:14/);
    expect(parse.stderr).not.toMatch(/\n\s+at /);
    expect((await cli('policy', 'validate')).code).toBe(0);
  });

  it('a broken policy file makes every command fail with exit 2', async () => {
    const file = join(home, '.metawsm', 'policy.json');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, '{"git_pr": {"mode": 3}}');
    const r = await cli('run', 'create', '--ticket', 'T', '--repo', `api=${ws}`, '--json');
    expect(r.code).toBe(2);
    expect(r.json.error.code).toBe('POLICY_INVALID');
    writeFileSync(file, good);
  });

  it('run create / list / complete / close with --json', async () => {
    const created = await cli(
      'run',
      'create',
      '--ticket',
      'T-1',
      '--repo',
      `api=${ws}`,
      '--title',
      'Add a',
      '--run-id',
      'r1',
      '--json',
    );
    expect(created.code).toBe(0);
    expect(created.json).toMatchObject({
      id: 'r1',
      status: 'running',
      title: 'Add a',
      targets: [{ ticket: 'T-1', repo: 'api', path: ws, remote: 'origin', baseBranch: 'main' }],
    });
    const list = await cli('run', 'list', '--json');
    expect(list.json.runs.map((r: { id: string }) => r.id)).toContain('r1');
    const status = await cli('status', '--run-id', 'r1', '--json');
    expect(status.json.runs[0].targets[0]).toMatchObject({
      ticket: 'T-1',
      repo: 'api',
      next: 'metawsm run complete r1',
    });
    expect((await cli('run', 'complete', 'r1', '--json')).json.status).toBe('completed');
    expect((await cli('run', 'close', 'r1', '--json')).json.status).toBe('closed');
    const reopen = await cli('run', 'complete', 'r1', '--json');
    expect([reopen.code, reopen.json.error.code]).toEqual([2, 'RUN_CLOSED']);
  });

  it('run ids stay unique for runs created in the same second', async () => {
    const [a, b] = await Promise.all([
      cli('run', 'create', '--ticket', 'U', '--repo', `api=${ws}`, '--json'),
      cli('run', 'create', '--ticket', 'U', '--repo', `api=${ws}`, '--json'),
    ]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.json.id).not.toBe(b.json.id);
  });

  it('a linked worktree is a valid workspace', async () => {
    const wt = join(tmp.path, 'wt');
    git(ws, ['worktree', 'add', '-q', '-b', 'agent-wt', wt], { env });
    const r = await cli('run', 'create', '--ticket', 'W', '--repo', `api=${wt}`, '--json');
    expect(r.code).toBe(0);
    expect(r.json.targets[0].path).toBe(wt);
  });

  it.each([
    [['run', 'complete', 'nope'], 'RUN_NOT_FOUND'],
    [['status', '--run-id', 'nope'], 'RUN_NOT_FOUND'],
    [['status', '--ticket', 'NOPE'], 'TICKET_NOT_FOUND'],
    [['run', 'create', '--ticket', 'T', '--repo', 'api=/definitely/not/here'], 'PATH_NOT_FOUND'],
    [['run', 'create', '--ticket', 'T', '--repo', '..=.'], 'INVALID_INPUT'],
    [['run', 'create', '--ticket', 'T', '--repo', 'api=.'], 'NOT_A_GIT_REPO'],
    [['run', 'create', '--ticket', 'T', '--repo', 'dup=WS', '--repo', 'dup=WS'], 'DUPLICATE_TARGET'],
    [['run', 'create', '--ticket', 'T', '--repo', 'api=WS', '--remote', 'upstream'], 'REMOTE_NOT_FOUND'],
    [['run', 'create', '--ticket', 'T'], 'USAGE'],
    [['commit', '--bogus-flag'], 'USAGE'],
  ])('%j fails with %s, exit 2, one line and no stack trace', async (args, code) => {
    const argv = args.map((a) => a.replace('WS', ws));
    const human = await cli(...argv);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain(`[${code}]`);
    expect(human.stderr).toMatch(/\nHint: .+\n$/);
    expect(human.stderr.trim().split('\n')).toHaveLength(2);
    const json = await cli(...argv, '--json');
    expect(json.code).toBe(2);
    expect(json.json.error).toMatchObject({ code, message: expect.any(String), hint: expect.any(String) });
  });

  it('--help teaches: examples on every command', async () => {
    for (const cmd of [
      ['policy', 'init'],
      ['policy', 'show'],
      ['policy', 'validate'],
      ['run', 'create'],
      ['run', 'list'],
      ['run', 'complete'],
      ['run', 'close'],
      ['status'],
      ['commit'],
      ['pr'],
      ['auth', 'check'],
    ]) {
      const r = await cli(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('EXAMPLES');
      expect(r.stdout).toContain('--json');
    }
  });

  it('--home wins over METAWSM_HOME; without either the nearest ancestor with .metawsm/ is used', async () => {
    const other = join(tmp.path, 'other');
    mkdirSync(join(other, '.metawsm', 'x'), { recursive: true });
    const r = await runCli(['status', '--json', '--home', other], { cwd: home, env });
    expect(r.json.home).toBe(other);
    const noEnv = { ...env };
    delete noEnv.METAWSM_HOME;
    const nested = await runCli(['status', '--json'], { cwd: join(other, '.metawsm', 'x'), env: noEnv });
    expect(nested.json.home).toBe(other);
  });
});
