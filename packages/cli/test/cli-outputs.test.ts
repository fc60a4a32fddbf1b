import { commitToBare, writeTree } from '@metawsm/testkit';
import { runCli } from './support/cli.js';
import { scenario, type Scenario, completedRun } from './support/scenario.js';

describe('outputs tell the truth end to end (issue 10 item 19)', () => {
  let s: Scenario;
  let runId: string;
  beforeAll(async () => {
    s = await scenario();
    await s.cli('policy', 'init');
    runId = await completedRun(s, 'T-1');
  });
  afterAll(() => s.close());

  it('a re-run prints unchanged without "(new)" and reports no update kind', async () => {
    writeTree(s.ws, { 'x.txt': 'x\n' });
    expect((await s.cli('commit', '--run-id', runId)).code).toBe(0);
    const again = await s.cli('commit', '--run-id', runId, '--json');
    expect(again.json.targets[0]).toMatchObject({ outcome: 'unchanged', updateKind: null });
    const text = await s.cli('commit', '--run-id', runId);
    expect(text.stdout).toMatch(/unchanged/);
    expect(text.stdout).not.toContain('(new)');
  });

  it('foreign commits: the next step names the run', async () => {
    expect((await s.cli('pr', '--run-id', runId)).code).toBe(0);
    const branch = `t-1/api/${runId}`;
    commitToBare(s.bare, branch, { 'human.txt': 'fix\n' }, { env: s.env, message: 'human' });
    writeTree(s.ws, { 'y.txt': 'y\n' });
    const r = await s.cli('commit', '--run-id', runId);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(new RegExp(`next .*metawsm commit --run-id ${runId} --force`));
  });

  it('auth check with a rejected token never points back at auth check', async () => {
    const env = { ...s.env, METAWSM_GITHUB_TOKEN: 'ghp_rejectedrejectedrejectedrejected0000' };
    const r = await runCli(['auth', 'check', '--run-id', runId, '--json'], { cwd: s.home, env });
    expect(r.code).toBe(5);
    const problems = r.json.targets[0].problems as { code: string; hint: string | null }[];
    expect(problems.map((p) => p.code)).toContain('AUTH_INVALID');
    for (const p of problems) expect(p.hint ?? '').not.toMatch(/auth check/);
    const text = await runCli(['auth', 'check', '--run-id', runId], { cwd: s.home, env });
    expect(`${text.stdout}${text.stderr}`).not.toMatch(/auth check/);
  });
});
