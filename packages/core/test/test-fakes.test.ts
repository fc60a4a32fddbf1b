import { aRun, aTarget } from '../src/testing/builders.js';
import { SequentialIds } from '../src/testing/fake-ids.js';
import { FakeProcess } from '../src/testing/fake-process.js';
import { TestClock } from '../src/testing/test-clock.js';

describe('TestClock', () => {
  it('auto-advances on sleep by default and records durations', async () => {
    const clock = new TestClock({ startMs: 1000 });
    await clock.sleep(250);
    await clock.sleep(50);
    expect(clock.nowMs()).toBe(1300);
    expect(clock.sleeps).toEqual([250, 50]);
  });

  it('without autoAdvance, keeps sleepers pending until time reaches their deadline', async () => {
    const clock = new TestClock({ startMs: 0, autoAdvance: false });
    let woke = false;
    const sleeping = clock.sleep(100).then(() => (woke = true));
    clock.advance(99);
    await Promise.resolve();
    expect(woke).toBe(false);
    expect(clock.pendingSleeps).toBe(1);
    clock.advance(1);
    await sleeping;
    expect(woke).toBe(true);
    expect(clock.nowIso()).toBe('1970-01-01T00:00:00.100Z');
  });
});

describe('SequentialIds', () => {
  it('hands out increasing hex of the requested width', () => {
    const ids = new SequentialIds(255);
    expect(ids.randomHex()).toBe('00000000000000ff');
    expect(ids.randomHex(2)).toBe('0100');
  });
});

describe('FakeProcess', () => {
  it('has a settable identity, environment and alive pids', () => {
    const p = new FakeProcess({ pid: 7, hostname: 'h', env: { A: '1' }, alivePids: [9] });
    expect([p.pid, p.hostname, p.env('A'), p.env('B')]).toEqual([7, 'h', '1', undefined]);
    expect([p.isAlive(7), p.isAlive(9), p.isAlive(10)]).toEqual([true, true, false]);
    p.setAlive(9, false);
    p.setEnv('A', undefined);
    expect([p.isAlive(9), p.env('A')]).toEqual([false, undefined]);
  });

  it('answers run with scripted results, newest matching script first, limited by times', async () => {
    const p = new FakeProcess();
    p.script({ exitCode: 1, stderr: 'fail' });
    p.script((req) => ({ stdout: 'argv' in req ? req.argv.join(' ') : req.shell }), {
      match: (req) => 'argv' in req,
      times: 1,
    });
    const req = { argv: ['git', 'status'], cwd: '/w', timeoutMs: 1000 };
    expect(await p.run(req)).toMatchObject({ exitCode: 0, stdout: 'git status', spawnError: null });
    expect(await p.run(req)).toMatchObject({ exitCode: 1, stderr: 'fail' });
    expect(p.calls).toHaveLength(2);
    expect(await new FakeProcess().run({ shell: 'true', cwd: '/', timeoutMs: 1 })).toMatchObject({
      exitCode: 0,
      stdout: '',
    });
  });
});

describe('builders', () => {
  it('derive one target per ticket unless targets are given', () => {
    expect(aRun({ tickets: ['T-1', 'T-2'] }).targets.map((t) => t.ticket)).toEqual(['T-1', 'T-2']);
    expect(aRun({ targets: [aTarget({ repo: 'x' })] }).targets).toEqual([aTarget({ repo: 'x' })]);
  });
});
