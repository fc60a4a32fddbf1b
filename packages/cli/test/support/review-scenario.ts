import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, writeTree } from '@metawsm/testkit';
import { scenario, type Scenario } from './scenario.js';

/** A scenario with review feedback enabled, a completed run, one commit and an open PR #1 on the stand-in. */
export interface ReviewScenario extends Scenario {
  runId: string;
  /** Rewrite `.metawsm/policy.json` with these `git_pr` (and `git_pr.review_feedback`) keys. */
  policy(rf: Record<string, unknown>, gitPr?: Record<string, unknown>): void;
}

export async function reviewScenario(
  rf: Record<string, unknown> = {},
  gitPr: Record<string, unknown> = {},
): Promise<ReviewScenario> {
  const s = await scenario();
  await s.cli('policy', 'init');
  const file = join(s.home, '.metawsm', 'policy.json');
  const initial = JSON.parse(readFileSync(file, 'utf8')) as { git_pr: Record<string, unknown> };
  const policy = (r: Record<string, unknown>, g: Record<string, unknown> = {}) => {
    const doc = structuredClone(initial);
    doc.git_pr = {
      ...doc.git_pr,
      ...g,
      review_feedback: { ...(doc.git_pr.review_feedback as object), enabled: true, ...r },
    };
    writeFileSync(file, JSON.stringify(doc, null, 2));
  };
  policy(rf, gitPr);
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
  const runId = created.json.id as string;
  writeTree(s.ws, { 'src/b.ts': 'export const b = 2;\n' });
  git(s.ws, ['add', '-A'], { env: s.env });
  git(s.ws, ['commit', '-qm', 'agent: add b'], { env: s.env });
  for (const args of [
    ['commit', '--run-id', runId],
    ['pr', '--run-id', runId],
  ]) {
    const r = await s.cli(...args);
    if (r.code !== 0) throw new Error(`${args[0]} failed: ${r.stdout}${r.stderr}`);
  }
  return { ...s, runId, policy };
}
