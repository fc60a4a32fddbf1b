import { nextStep, statusReport, type FeedbackStatus, type PullRequestRecord } from '../src/index.js';
import { InMemoryStore, aFeedbackItem, aPullRequestRecord, aRun } from '../src/testing/index.js';
import { ORIGIN, WS, world } from './support/world.js';

const none: Record<FeedbackStatus, number> = { pending: 0, dispatched: 0, addressed: 0, ignored: 0 };
const run = (status: 'running' | 'completed' | 'closed' = 'completed') => ({ id: 'run-1', status });
const rec = (o: Partial<PullRequestRecord> = {}) => aPullRequestRecord(o);
const pushed = (o: Partial<PullRequestRecord> = {}) =>
  rec({ lastPushedSha: 'c'.repeat(40), prNumber: 7, prState: 'open', ...o });
const step = (o: {
  status?: 'running' | 'completed' | 'closed';
  record?: PullRequestRecord | null;
  feedback?: Partial<Record<FeedbackStatus, number>>;
  lastDispatchAt?: string | null;
}) =>
  nextStep({
    run: run(o.status),
    record: o.record === undefined ? null : o.record,
    feedback: { ...none, ...o.feedback },
    lastDispatchAt: o.lastDispatchAt ?? null,
  });

describe('status: the next step is right in every state', () => {
  it.each([
    ['nothing committed', {}, /^metawsm commit --run-id run-1$/],
    ['running, nothing dispatched', { status: 'running' as const }, /^metawsm run complete run-1/],
    ['committed, not pushed', { record: rec() }, /^metawsm pr --run-id run-1$/],
    ['pushed, no PR yet', { record: rec({ lastPushedSha: 'c'.repeat(40) }) }, /^metawsm pr --run-id run-1$/],
    ['PR open, nothing pending', { record: pushed() }, /wait for review/],
    [
      'pending feedback',
      { record: pushed(), feedback: { pending: 2 } },
      /^2 feedback item\(s\) pending: metawsm review sync --dispatch --run-id run-1$/,
    ],
    [
      'pending feedback while running',
      { status: 'running' as const, record: pushed(), feedback: { pending: 1 } },
      /metawsm review sync --dispatch --run-id run-1$/,
    ],
    [
      'dispatched, agent working',
      { status: 'running' as const, record: pushed(), feedback: { dispatched: 3 } },
      /agent is working on 3 .* metawsm run complete run-1$/,
    ],
    [
      'dispatched, agent finished, not committed since',
      {
        record: pushed({ committedAt: '2024-01-01T00:00:00.000Z' }),
        feedback: { dispatched: 1 },
        lastDispatchAt: '2024-01-01T00:05:00.000Z',
      },
      /metawsm commit --run-id run-1, then metawsm pr --run-id run-1$/,
    ],
    [
      'dispatched, committed after it, not pushed',
      {
        record: pushed({ commitSha: 'd'.repeat(40), committedAt: '2024-01-01T00:09:00.000Z' }),
        feedback: { dispatched: 1 },
        lastDispatchAt: '2024-01-01T00:05:00.000Z',
      },
      /^metawsm pr --run-id run-1$/,
    ],
    ['addressed only', { record: pushed(), feedback: { addressed: 4 } }, /wait for review/],
    [
      'conflict',
      { record: rec({ lastError: { code: 'PROMOTION_CONFLICT', message: 'x', at: 't' } }) },
      /conflicts with the base.*metawsm commit --run-id run-1$/,
    ],
    [
      'foreign commits',
      { record: pushed({ lastError: { code: 'FOREIGN_COMMITS', message: 'x', at: 't' } }) },
      /metawsm commit --run-id run-1 --force/,
    ],
    [
      'checks failed',
      { record: rec({ lastError: { code: 'CHECKS_FAILED', message: 'x', at: 't' } }) },
      /fix the failing checks.*metawsm commit/,
    ],
    [
      'PR merged',
      { record: pushed({ prState: 'merged' }), feedback: { pending: 1 } },
      /is merged: metawsm run close run-1/,
    ],
    [
      'PR closed while running',
      { status: 'running' as const, record: pushed({ prState: 'closed' }) },
      /is closed: metawsm run close run-1/,
    ],
    ['run closed', { status: 'closed' as const, record: pushed() }, /^nothing: the run is closed$/],
  ])('%s', (_name, input, expected) => {
    const next = step(input);
    expect(next).toMatch(expected);
    // A closed PR or a failed commit never sends the operator to `pr`.
    if (/closed|merged|conflict|foreign|checks failed/.test(_name)) expect(next).not.toMatch(/metawsm pr /);
  });

  it('statusReport shows feedback counts by status per target and the next step', async () => {
    const store = new InMemoryStore();
    await store.createRun(aRun({ tickets: ['T-1', 'T-2'] }));
    await store.putPullRequest(pushed());
    await store.putFeedback([
      aFeedbackItem({ githubId: 1, status: 'pending' }),
      aFeedbackItem({ githubId: 2, status: 'dispatched' }),
      aFeedbackItem({ githubId: 3, status: 'addressed' }),
      aFeedbackItem({ githubId: 4, ticket: 'T-2', status: 'ignored' }),
    ]);
    const { runs } = await statusReport(store, { runId: 'run-1' });
    const [t1, t2] = runs[0]!.targets;
    expect(t1!.feedback).toEqual({ pending: 1, dispatched: 1, addressed: 1, ignored: 0 });
    expect(t1!.next).toMatch(/review sync --dispatch/);
    expect(t2!.feedback).toEqual({ pending: 0, dispatched: 0, addressed: 0, ignored: 1 });
    expect(t2!.next).toBe('metawsm commit --run-id run-1');
  });
});

describe('status after a real commit outcome (the outcome is recorded on the target)', () => {
  const next = async (w: Awaited<ReturnType<typeof world>>) =>
    (await statusReport(w.store, { runId: 'run-1' })).runs[0]!.targets[0]!;

  it('after a conflict: the conflict is shown with the way out, never `pr`', async () => {
    const w = await world({ files: { 'a.txt': 'one\n' } });
    w.git.writeFiles(WS, { 'a.txt': 'agent\n' });
    w.git.remoteCommit(ORIGIN, 'main', { 'a.txt': 'base\n' }, []);
    expect((await w.commit()).targets[0]!.outcome).toBe('conflict');
    const t = await next(w);
    expect(t.lastError).toMatchObject({ code: 'PROMOTION_CONFLICT' });
    expect(t.next).toMatch(/conflicts with the base.*metawsm commit --run-id run-1$/);
  });

  it('after foreign commits: --force is the way on; after a fixed commit the next step is pr again', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await w.commit();
    await w.pr();
    w.git.remoteCommit(ORIGIN, 't-1/api/run-1', { 'human.txt': 'fix\n' }, [], 'human fixup');
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    expect((await w.commit()).targets[0]!.outcome).toBe('foreign_commits');
    const t = await next(w);
    expect(t.lastError).toMatchObject({ code: 'FOREIGN_COMMITS' });
    expect(t.next).toMatch(/metawsm commit --run-id run-1 --force/);
    expect((await w.commit({ force: true })).targets[0]!.outcome).toBe('committed');
    expect((await next(w)).next).toBe('metawsm pr --run-id run-1');
  });

  it('after the PR was closed: run close (or a new run), never pr', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await w.commit();
    await w.pr();
    w.github.closePullRequest('acme', 'api', 1);
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    await w.commit();
    expect((await w.pr()).targets[0]!.outcome).toBe('closed');
    const t = await next(w);
    expect(t.next).toMatch(/PR #1 is closed: metawsm run close run-1/);
    expect(t.next).not.toMatch(/metawsm pr /);
  });
});
