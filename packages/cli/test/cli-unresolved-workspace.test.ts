import { git, writeTree } from '@metawsm/testkit';
import {
  completedRun,
  scenario,
  setGitPrPolicy,
  workspaceFingerprint,
  type Scenario,
} from './support/scenario.js';

/** Leave the workspace in the middle of a conflicted `git merge` (markers in src/a.ts). */
function midMerge(s: Scenario): void {
  const g = (...args: string[]) => git(s.ws, args, { env: s.env });
  g('checkout', '-q', '-b', 'side');
  writeTree(s.ws, { 'src/a.ts': 'export const a = "side";\n' });
  g('commit', '-qam', 'side');
  g('checkout', '-q', 'main');
  writeTree(s.ws, { 'src/a.ts': 'export const a = "main";\n' });
  g('commit', '-qam', 'main');
  expect(() => g('merge', 'side')).toThrow();
}

describe('a workspace with an unfinished merge (issue 10 item 20)', () => {
  let s: Scenario;
  afterEach(() => s.close());

  it('is refused with exit 3 even when clean_tree is not required; nothing is committed or changed', async () => {
    s = await scenario();
    await s.cli('policy', 'init');
    setGitPrPolicy(s, { required_checks: ['forbidden_files'] });
    const runId = await completedRun(s);
    midMerge(s);
    const before = workspaceFingerprint(s.ws);

    const r = await s.cli('commit', '--run-id', runId, '--json');

    expect(r.code).toBe(3);
    expect(r.json.targets[0]).toMatchObject({
      outcome: 'error',
      commitSha: null,
      error: { code: 'WORKSPACE_UNRESOLVED' },
    });
    expect(r.json.targets[0].error.data.problems.length).toBeGreaterThanOrEqual(2);
    expect(git(s.ws, ['for-each-ref', 'refs/heads/t-1'], { env: s.env })).toBe('');
    expect(workspaceFingerprint(s.ws)).toBe(before);
    const text = await s.cli('commit', '--run-id', runId);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/WORKSPACE_UNRESOLVED/);
  });
});
