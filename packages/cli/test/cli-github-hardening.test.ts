import { agentWorkWithMovedBase, scenario, type Scenario, completedRun } from './support/scenario.js';
import { runCli } from './support/cli.js';

describe('metawsm against a misconfigured, hostile or silent GitHub API (issue 10 items 1, 2, 9)', () => {
  let s: Scenario;
  let runId: string;
  beforeEach(async () => {
    s = await scenario();
    await s.cli('policy', 'init');
    runId = await completedRun(s, 'PROJ-7');
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

  it('a PR list answer holding someone else’s PR is not adopted: pr creates its own and warns (item 1)', async () => {
    const foreign = s.github.seedPullRequest({
      owner: 'acme',
      repo: 'api',
      head: 'someone/else',
      title: 'theirs',
      body: 'theirs',
    });
    const res = await fetch(`${s.github.baseUrl}/repos/acme/api/pulls?state=all`, {
      headers: { authorization: `token ${s.env.METAWSM_GITHUB_TOKEN ?? ''}` },
    });
    // A proxy that ignores the `head` filter: every lookup gets the foreign PR.
    s.github.failNext({
      method: 'GET',
      path: /^\/repos\/acme\/api\/pulls$/,
      status: 200,
      body: await res.json(),
      count: 10,
    });
    const pr = await s.cli('pr', '--run-id', runId, '--json');
    expect(pr.code).toBe(0);
    expect(pr.json.targets[0]).toMatchObject({ outcome: 'created', number: foreign.number + 1 });
    expect(pr.json.targets[0].warnings.join('\n')).toContain(`#${foreign.number}`);
    expect(s.github.listPullRequests('acme', 'api').find((p) => p.number === foreign.number)).toMatchObject({
      title: 'theirs',
      body: 'theirs',
    });
  });

  it.each([
    ['null', { body: null }],
    [
      'an HTML page',
      { rawBody: '<html><body>Sign in to the proxy</body></html>', headers: { 'content-type': 'text/html' } },
    ],
    ['cut-off JSON', { rawBody: '[{"url":"x","number":', headers: { 'content-type': 'application/json' } }],
  ])(
    'a PR list that is %s is exit 7 GITHUB_BAD_RESPONSE with a clean message (item 2)',
    async (_name, fault) => {
      s.github.failNext({
        method: 'GET',
        path: /^\/repos\/acme\/api\/pulls$/,
        status: 200,
        count: 10,
        ...fault,
      });
      const pr = await s.cli('pr', '--run-id', runId, '--json');
      expect(pr.code).toBe(7);
      expect(pr.json.targets[0].error.code).toBe('GITHUB_BAD_RESPONSE');
      const text = await s.cli('pr', '--run-id', runId);
      expect(text.stdout + text.stderr).not.toMatch(/Cannot use 'in'|TypeError|at .*\.js:\d+|<html/);
    },
  );
});
