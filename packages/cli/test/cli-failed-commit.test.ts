import { commitToBare, writeTree } from '@metawsm/testkit';
import { completedRun, scenario, setGitPrPolicy, type Scenario } from './support/scenario.js';

describe('after a failed commit (issue 10 items 16 and 17)', () => {
  let s: Scenario;
  let runId: string;
  beforeEach(async () => {
    s = await scenario();
    await s.cli('policy', 'init');
    runId = await completedRun(s, 'T-1');
    writeTree(s.ws, { 'src/c.ts': 'export const c = 3;\n' });
  });
  afterEach(() => s.close());

  it('failing tests: the last 20 output lines are printed, stored for status --json, and pr exits 6', async () => {
    setGitPrPolicy(s, { test_commands: ['for i in $(seq 1 30); do echo "test line $i"; done; exit 1'] });

    const commit = await s.cli('commit', '--run-id', runId);

    expect(commit.code).toBe(6);
    const printed = commit.stdout.split('\n').filter((l) => /\| test line \d+$/.test(l));
    expect(printed.map((l) => l.replace(/^.*\| /, ''))).toEqual(
      Array.from({ length: 20 }, (_, i) => `test line ${i + 11}`),
    );
    const status = await s.cli('status', '--run-id', runId, '--json');
    const tests = status.json.runs[0].targets[0].checks.results.find(
      (c: { name: string }) => c.name === 'tests',
    );
    expect(tests.outputTail.slice(1)).toEqual(printed.map((l) => l.replace(/^.*\| /, '')));
    const pr = await s.cli('pr', '--run-id', runId, '--json');
    expect(pr.code).toBe(6);
    expect(pr.json.targets[0]).toMatchObject({ outcome: 'commit_failed', error: { code: 'CHECKS_FAILED' } });
    expect(s.github.listPullRequests('acme', 'api')).toHaveLength(0);
  });

  it('a conflict: pr exits 3 and says why, pushing nothing', async () => {
    writeTree(s.ws, { 'src/a.ts': 'export const a = "agent";\n' });
    commitToBare(
      s.bare,
      'main',
      { 'src/a.ts': 'export const a = "base";\n' },
      { env: s.env, message: 'base' },
    );
    expect((await s.cli('commit', '--run-id', runId)).code).toBe(3);

    const pr = await s.cli('pr', '--run-id', runId);

    expect(pr.code).toBe(3);
    expect(pr.stdout).toMatch(/commit_failed/);
    expect(pr.stdout).toMatch(/PROMOTION_CONFLICT/);
    expect(s.github.listPullRequests('acme', 'api')).toHaveLength(0);
  });
});
