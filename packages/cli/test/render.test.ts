import type { CommitResult, TargetCommitResult } from '@metawsm/core';
import { renderCommit } from '../src/render/commit.js';

function target(over: Partial<TargetCommitResult>): TargetCommitResult {
  return {
    ticket: 'T-1',
    repo: 'api',
    path: '/ws',
    branch: 't-1/api/run-9',
    outcome: 'committed',
    dryRun: false,
    baseRef: 'origin/main',
    baseSha: 'b'.repeat(40),
    snapshotRef: null,
    snapshotSha: null,
    commitSha: 'c'.repeat(40),
    parents: [],
    updateKind: null,
    files: [],
    conflicts: [],
    foreignCommits: [],
    checks: null,
    switched: false,
    warnings: [],
    error: null,
    exitCode: 0,
    ...over,
  };
}

const result = (t: TargetCommitResult): CommitResult => ({
  runId: 'run-9',
  dryRun: false,
  policyDigest: 'd',
  targets: [t],
  warnings: [],
  exitCode: t.exitCode,
});

describe('commit rendering (issue 10 item 19)', () => {
  it('an unchanged branch is not announced as (new)', () => {
    const text = renderCommit(result(target({ outcome: 'unchanged', updateKind: null })));
    expect(text).toMatch(/branch +t-1\/api\/run-9$/m);
    expect(text).not.toContain('(new)');
  });

  it('every next step for foreign commits, conflicts and failed checks names the run', () => {
    for (const outcome of ['foreign_commits', 'conflict', 'checks_failed'] as const) {
      const next = renderCommit(result(target({ outcome, exitCode: 3 })))
        .split('\n')
        .find((l) => l.trim().startsWith('next'));
      expect(next).toContain('--run-id run-9');
    }
  });
});
