import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, writeTree } from '@metawsm/testkit';
import { scenario, workspaceFingerprint, type Scenario } from './support/scenario.js';

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
    const file = join(s.home, '.metawsm', 'policy.json');
    const policy = JSON.parse(readFileSync(file, 'utf8')) as { git_pr: Record<string, unknown> };
    writeFileSync(
      file,
      JSON.stringify({ ...policy, git_pr: { ...policy.git_pr, required_checks: ['forbidden_files'] } }),
    );
    const run = await s.cli(
      'run',
      'create',
      '--ticket',
      'T-1',
      '--repo',
      `api=${s.ws}`,
      '--status',
      'completed',
      '--json',
    );
    midMerge(s);
    const before = workspaceFingerprint(s.ws);

    const r = await s.cli('commit', '--run-id', run.json.id, '--json');

    expect(r.code).toBe(3);
    expect(r.json.targets[0]).toMatchObject({
      outcome: 'error',
      commitSha: null,
      error: { code: 'WORKSPACE_UNRESOLVED' },
    });
    expect(r.json.targets[0].error.data.problems.length).toBeGreaterThanOrEqual(2);
    expect(git(s.ws, ['for-each-ref', 'refs/heads/t-1'], { env: s.env })).toBe('');
    expect(workspaceFingerprint(s.ws)).toBe(before);
    const text = await s.cli('commit', '--run-id', run.json.id);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/WORKSPACE_UNRESOLVED/);
  });
});
