import { MetawsmError, authCheck } from '../src/index.js';
import { ORIGIN, WS, world } from './support/world.js';

const BRANCH = 't-1/api/run-1';

describe('outputs tell the truth (issue 10 item 19)', () => {
  it('a re-run that finds the same tree is unchanged with no update kind (not "new")', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const first = (await w.commit()).targets[0]!;
    expect(first).toMatchObject({ outcome: 'committed', updateKind: 'new' });

    const again = (await w.commit()).targets[0]!;

    expect(again).toMatchObject({ outcome: 'unchanged', commitSha: first.commitSha, updateKind: null });
  });

  it('the FOREIGN_COMMITS hint of pr names the run (--run-id)', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await w.commit();
    w.git.remoteCommit(ORIGIN, BRANCH, { 'x.txt': 'x\n' });

    const t = (await w.pr()).targets[0]!;

    expect(t.error?.code).toBe('FOREIGN_COMMITS');
    expect(t.error?.hint).toContain('--run-id run-1');
  });

  it('auth check never tells the operator to run auth check', async () => {
    const w = await world();
    const rejected = new MetawsmError('AUTH_INVALID', 'GitHub rejected the token', {
      hint: 'renew it and run `metawsm auth check`.',
    });
    w.github.failNext('currentUser', rejected);

    const r = await authCheck(w.deps, w.policy, { runId: 'run-1' }, WS);

    const problems = r.targets.flatMap((t) => t.problems);
    expect(problems.map((p) => p.code)).toEqual(['AUTH_INVALID']);
    expect(problems[0]!.hint).toEqual(expect.any(String));
    expect(problems[0]!.hint).not.toMatch(/auth check/);
    expect(r.exitCode).toBe(5);
  });

  it('auth check remedies for rate limits do not point back at auth check either', async () => {
    const w = await world();
    w.github.failNext('currentUser', new MetawsmError('RATE_LIMITED', 'rate limited'));
    const r = await authCheck(w.deps, w.policy, { runId: 'run-1' }, WS);
    const hint = r.targets[0]!.problems[0]!.hint;
    expect(hint).toEqual(expect.any(String));
    expect(hint).not.toMatch(/auth check/);
  });
});
