import type { CommitResult, TargetCommitResult } from '@metawsm/core';
import { MetawsmError } from '@metawsm/core';
import { COLORED, PLAIN, colorEnabled } from '../src/render/color.js';
import { renderCommit } from '../src/render/commit.js';
import { renderError } from '../src/render/error.js';
import { renderPr } from '../src/render/pr.js';

function target(over: Partial<TargetCommitResult>): TargetCommitResult {
  return {
    ticket: 'T-1',
    repo: 'api',
    path: '/ws',
    engine: 'native',
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
    signed: false,
    signingFormat: null,
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
  it('names the git engine that promoted the target', () => {
    expect(renderCommit(result(target({})))).toMatch(/^ {4}engine +native$/m);
    expect(renderCommit(result(target({ engine: null })))).not.toMatch(/engine/);
  });

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

describe('a failed check shows its output tail (issue 10 item 17)', () => {
  it('prints every tail line under the failed check, and none for a passed one', () => {
    const tail = ['$ npm test (exit 1)', ...Array.from({ length: 20 }, (_, i) => `out ${i + 1}`)];
    const checks = {
      phase: 'commit' as const,
      passed: false,
      requireAll: true,
      at: '2026-01-01T00:00:00.000Z',
      results: [
        { name: 'tests', status: 'failed' as const, summary: 'failed', outputTail: tail, durationMs: 1 },
        { name: 'other', status: 'passed' as const, summary: 'ok', outputTail: ['hidden'], durationMs: 1 },
      ],
    };
    const lines = renderCommit(result(target({ outcome: 'checks_failed', exitCode: 6, checks }))).split('\n');
    const at = lines.findIndex((l) => l.includes('tests: failed'));
    expect(lines.slice(at + 1, at + 1 + tail.length).map((l) => l.replace(/^\s*\| /, ''))).toEqual(tail);
    expect(lines.join('\n')).not.toContain('hidden');
  });
});

describe('pr rendering', () => {
  it('a target without a commit is never shown as pushed', () => {
    const text = renderPr({
      runId: 'run-9',
      dryRun: false,
      policyDigest: 'd',
      warnings: [],
      exitCode: 3,
      targets: [
        {
          ticket: 'T-1',
          repo: 'api',
          branch: 't-1/api/run-9',
          outcome: 'commit_failed',
          dryRun: false,
          actions: [],
          number: null,
          url: null,
          state: null,
          commitSha: null,
          pushedSha: null,
          packBytes: null,
          actor: null,
          actorSource: null,
          checks: null,
          warnings: [],
          error: { code: 'PROMOTION_CONFLICT', message: 'conflict' },
          exitCode: 3,
        },
      ],
    });
    expect(text).not.toContain('(pushed)');
  });
});

describe('colour (issue 11 item 3)', () => {
  const GREEN = '\u001b[32m';
  const RED = '\u001b[31m';
  const YELLOW = '\u001b[33m';

  it('outcomes: committed green, conflict red, warnings yellow; nothing without colour', () => {
    const ok = renderCommit(result(target({ outcome: 'committed', warnings: ['careful'] })), COLORED);
    expect(ok).toContain(`${GREEN}committed`);
    expect(ok).toContain(`${YELLOW}warning`);
    const bad = renderCommit(result(target({ outcome: 'conflict', exitCode: 3 })), COLORED);
    expect(bad).toContain(`${RED}conflict`);
    expect(renderCommit(result(target({ outcome: 'conflict', exitCode: 3 })), PLAIN)).not.toContain(
      '\u001b[',
    );
  });

  it('errors: Error in red, Hint in yellow', () => {
    const text = renderError(
      new MetawsmError('RUN_NOT_FOUND', 'run "x" does not exist', { hint: 'List runs.' }),
      COLORED,
    );
    expect(text).toContain(`${RED}Error`);
    expect(text).toContain(`${YELLOW}Hint`);
  });

  it.each([
    [{ flag: true, isTTY: false, env: {} }, true],
    [{ flag: false, isTTY: true, env: {} }, false],
    [{ flag: undefined, isTTY: true, env: {} }, true],
    [{ flag: undefined, isTTY: false, env: {} }, false],
    [{ flag: undefined, isTTY: true, env: { NO_COLOR: '1' } }, false],
    [{ flag: undefined, isTTY: true, env: { NO_COLOR: '' } }, true],
    [{ flag: undefined, isTTY: false, env: { FORCE_COLOR: '1' } }, true],
    [{ flag: undefined, isTTY: true, env: { FORCE_COLOR: '0' } }, false],
    [{ flag: undefined, isTTY: true, env: { TERM: 'dumb' } }, false],
    [{ flag: true, isTTY: false, env: { NO_COLOR: '1' } }, true],
  ])('colorEnabled(%j) is %s', (input, expected) => {
    const env = input.env as Record<string, string>;
    expect(colorEnabled({ flag: input.flag, isTTY: input.isTTY, env: (n) => env[n] })).toBe(expected);
  });
});
