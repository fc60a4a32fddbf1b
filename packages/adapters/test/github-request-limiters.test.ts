import { GITHUB_CONTRACT_SETUP } from '../../testkit/src/contracts/github.contract.js';
import type { GitHubStandIn } from '../../testkit/src/github-stand-in/index.js';
import { OctokitGitHubAdapter } from '../src/github/index.js';
import { concurrencyLimitGroup, retryLimiter, type FailedJobInfo } from '../src/github/request-limiters.js';
import { FAST, repoOn, standInWithSetup } from './github-support.js';

type Group = {
  key(id: string): {
    schedule(o: unknown, fn: (...a: unknown[]) => unknown, ...args: unknown[]): Promise<unknown>;
  };
};

describe('concurrencyLimitGroup (plugin-throttling global group)', () => {
  it('keeps at most `max` tasks in flight per key, runs the rest in order, passes args and results through', async () => {
    const group = concurrencyLimitGroup(3) as Group;
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const task = (x: unknown) => {
      const n = x as number;
      return new Promise<number>((resolve) => {
        active++;
        peak = Math.max(peak, active);
        order.push(n);
        releases.push(() => {
          active--;
          resolve(n * 10);
        });
      });
    };
    const runs = Array.from({ length: 7 }, (_, i) => group.key('token-a').schedule({}, task, i));
    const other = group.key('token-b').schedule({}, (x) => Promise.resolve(`b${String(x)}`), 1);
    expect(await other).toBe('b1');
    while (releases.length > 0 || order.length < 7) {
      await new Promise((r) => setImmediate(r));
      releases.shift()?.();
    }
    expect(await Promise.all(runs)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('a failing task frees its slot', async () => {
    const group = concurrencyLimitGroup(1) as Group;
    await expect(group.key('k').schedule({}, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await group.key('k').schedule({}, () => 'ok')).toBe('ok');
  });
});

describe('retryLimiter (plugin-throttling retry limiter, Bottleneck failed-event contract)', () => {
  const sleeps: number[] = [];
  const sleep = (ms: number) => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  beforeEach(() => (sleeps.length = 0));

  it('runs a job at once with its arguments and returns its result', async () => {
    const limiter = retryLimiter(sleep);
    await expect(limiter.schedule((a, b) => `${String(a)}+${String(b)}`, 1, 2)).resolves.toBe('1+2');
    expect(sleeps).toEqual([]);
  });

  it('retries after the delay the first answering handler returns, telling it the retry count', async () => {
    const limiter = retryLimiter(sleep);
    const seen: FailedJobInfo[] = [];
    limiter.on('failed', () => undefined);
    limiter.on('failed', (_e, info) => {
      seen.push({ ...info });
      return info.retryCount < 2 ? 25 : undefined;
    });
    let calls = 0;
    const job = (x: unknown) => {
      calls++;
      return calls < 3 ? Promise.reject(new Error(`try ${calls}`)) : Promise.resolve(x);
    };
    await expect(limiter.schedule(job, 'done')).resolves.toBe('done');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([25, 25]);
    expect(seen).toEqual([
      { args: ['done'], retryCount: 0 },
      { args: ['done'], retryCount: 1 },
    ]);
  });

  it('rejects with the job error when no handler asks for a retry', async () => {
    const limiter = retryLimiter(sleep);
    limiter.on('failed', () => undefined);
    limiter.on('retry', () => 5);
    await expect(limiter.schedule(() => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    expect(sleeps).toEqual([]);
  });
});

describe('Octokit requests go out without waiting for timers', () => {
  let standIn: GitHubStandIn;
  const realSetTimeout = globalThis.setTimeout;
  let timersAsked = 0;
  beforeEach(async () => {
    standIn = await standInWithSetup();
    // A setTimeout that never fires (Node's http and AbortSignal.timeout use internal timers).
    timersAsked = 0;
    globalThis.setTimeout = ((..._args: unknown[]) => {
      timersAsked++;
      return { ref: () => undefined, unref: () => undefined, hasRef: () => false };
    }) as unknown as typeof setTimeout;
  });
  afterEach(async () => {
    globalThis.setTimeout = realSetTimeout;
    await standIn.close();
  });

  it('30 concurrent reads all complete while setTimeout never fires (Bottleneck would stall them)', async () => {
    const github = new OctokitGitHubAdapter({ ...FAST, maxConcurrentRequests: 8 });
    const repo = repoOn(standIn.baseUrl);
    const reads = Array.from({ length: 30 }, () => github.getRepository(repo).then((r) => r.defaultBranch));
    await expect(Promise.all(reads)).resolves.toEqual(
      Array.from({ length: 30 }, () => GITHUB_CONTRACT_SETUP.defaultBranch),
    );
    expect(standIn.requests.filter((r) => r.route === `/repos/acme/widgets`)).toHaveLength(30);
    expect(timersAsked).toBe(0);
  });
});

describe('write pacing (paceWrites): REST writes spaced, GraphQL queries and reads never', () => {
  let standIn: GitHubStandIn;
  beforeEach(async () => {
    standIn = await standInWithSetup();
  });
  afterEach(async () => {
    await standIn.close();
  });
  const pr = (head: string) => ({ title: `[T-1] ${head}`, body: 'b', head, base: 'main', draft: false });
  const arrivals = (route: RegExp, method: string) =>
    standIn.requests.filter((r) => r.method === method && route.test(r.route)).map((r) => r.atMs);

  it('spaces writes by writeSpacingMs, and writes that notify people by notificationSpacingMs', async () => {
    const repo = repoOn(standIn.baseUrl);
    const github = new OctokitGitHubAdapter({
      ...FAST,
      paceWrites: true,
      writeSpacingMs: 100,
      notificationSpacingMs: 300,
    });
    await github.getRepository(repo); // a warm connection: arrival times then follow send times
    const [a, b] = await Promise.all([
      github.createPullRequest(repo, pr('a')),
      github.createPullRequest(repo, pr('b')),
    ]);
    await Promise.all([1, 2, 3].map((n) => github.addLabels(repo, a.number, [`l${n}`])));
    const creates = arrivals(/\/pulls$/, 'POST');
    // Measured on arrival: a little slack for a busy machine.
    expect(creates[1]! - creates[0]!).toBeGreaterThanOrEqual(250);
    const labels = arrivals(/\/labels$/, 'POST');
    expect(labels).toHaveLength(3);
    expect(labels[1]! - labels[0]!).toBeGreaterThanOrEqual(80);
    expect(labels[2]! - labels[1]!).toBeGreaterThanOrEqual(80);
    expect(b.number).not.toBe(a.number);
  });

  it('never paces reads or GraphQL queries, however long the write spacing', async () => {
    const repo = repoOn(standIn.baseUrl);
    const github = new OctokitGitHubAdapter({ ...FAST, paceWrites: true, writeSpacingMs: 600_000 });
    const { number } = await github.createPullRequest(repo, pr('q'));
    // A paced query would wait ten minutes: the test would time out.
    const threads = await Promise.all([1, 2, 3].map(() => github.listReviewThreads(repo, number)));
    expect(threads).toEqual([[], [], []]);
    await expect(github.getPullRequest(repo, number)).resolves.toMatchObject({ number });
    const queries = arrivals(/^\/graphql$/, 'POST');
    expect(queries).toHaveLength(3);
    // plugin-throttling alone would have spaced them by a second each.
    expect(queries[2]! - queries[0]!).toBeLessThan(500);
  });
});
