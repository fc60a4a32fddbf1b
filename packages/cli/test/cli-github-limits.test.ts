import { agentWorkWithMovedBase, scenario, type Scenario } from './support/scenario.js';
import { runCli } from './support/cli.js';

describe('metawsm and a GitHub API that is misconfigured or never answers (issue 10 item 9)', () => {
  let s: Scenario;
  let runId: string;
  beforeEach(async () => {
    s = await scenario();
    await s.cli('policy', 'init');
    const created = await s.cli(
      'run',
      'create',
      '--ticket',
      'PROJ-7',
      '--repo',
      `api=${s.ws}`,
      '--status',
      'completed',
      '--json',
    );
    runId = created.json.id;
    agentWorkWithMovedBase(s);
    await s.cli('commit', '--run-id', runId);
    s.github.requests.length = 0;
  });
  afterEach(async () => {
    await s.close();
  });

  it('a malformed METAWSM_GITHUB_API_URL is exit 2 naming the variable, with no request and no retry', async () => {
    const env = { ...s.env, METAWSM_GITHUB_API_URL: 'notaurl' };
    const started = performance.now();
    const pr = await runCli(['pr', '--run-id', runId, '--json'], { cwd: s.home, env });
    expect(pr.code).toBe(2);
    expect(pr.json.targets[0].error).toMatchObject({ code: 'GITHUB_API_URL_INVALID' });
    const auth = await runCli(['auth', 'check', '--run-id', runId, '--json'], { cwd: s.home, env });
    expect(auth.code).toBe(2);
    expect(auth.json.error).toMatchObject({
      code: 'GITHUB_API_URL_INVALID',
      data: { variable: 'METAWSM_GITHUB_API_URL' },
    });
    const text = await runCli(['auth', 'check', '--run-id', runId], { cwd: s.home, env });
    expect(text.stderr).toContain('METAWSM_GITHUB_API_URL');
    expect(s.github.requests).toHaveLength(0);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('an API that never answers fails exit 7 within METAWSM_GITHUB_RETRY_BUDGET_SECONDS; a bad budget is exit 2', async () => {
    s.github.setLatency(120_000);
    const env = { ...s.env, METAWSM_GITHUB_RETRY_BUDGET_SECONDS: '2' };
    const started = performance.now();
    const pr = await runCli(['pr', '--run-id', runId, '--json'], { cwd: s.home, env });
    const took = performance.now() - started;
    expect(pr.code).toBe(7);
    expect(pr.json.targets[0].error.code).toBe('GITHUB_API_FAILED');
    expect(took).toBeLessThan(10_000);
    const bad = await runCli(['pr', '--run-id', runId, '--json'], {
      cwd: s.home,
      env: { ...s.env, METAWSM_GITHUB_RETRY_BUDGET_SECONDS: 'soon' },
    });
    expect(bad.code).toBe(2);
    expect(JSON.stringify(bad.json)).toContain('METAWSM_GITHUB_RETRY_BUDGET_SECONDS');
  }, 60_000);
});
