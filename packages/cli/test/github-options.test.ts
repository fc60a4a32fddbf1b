import { githubOptions, retryBudgetMs, retryLine } from '../src/github-options.js';

describe('the CLI’s GitHub adapter options', () => {
  it('retry budget: default 60 s, seconds from the variable, anything else INVALID_INPUT', () => {
    expect(retryBudgetMs(undefined)).toBe(60_000);
    expect(retryBudgetMs('')).toBe(60_000);
    expect(retryBudgetMs('2.5')).toBe(2_500);
    for (const bad of ['0', '-1', 'soon', 'Infinity'])
      expect(() => retryBudgetMs(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as Error);
  });

  it('one line per retry, on a TTY only', () => {
    expect(retryLine({ attempt: 2, maxAttempts: 4, waitMs: 4000, reason: 'server_error', status: 502 })).toBe(
      'retrying in 4 s, attempt 2/4 (GitHub 502)',
    );
    expect(retryLine({ attempt: 3, maxAttempts: 4, waitMs: 250, reason: 'network', status: null })).toBe(
      'retrying in 250 ms, attempt 3/4 (network error)',
    );
    const lines: string[] = [];
    const tty = githubOptions({
      env: () => undefined,
      stderr: { isTTY: true, write: (l) => lines.push(l) },
    });
    tty.onRetry?.({ attempt: 2, maxAttempts: 4, waitMs: 1000, reason: 'rate_limit', status: null });
    expect(lines).toEqual(['\r\x1b[2Kretrying in 1 s, attempt 2/4 (rate limit)\n']);
    const pipe = githubOptions({
      env: () => undefined,
      stderr: { isTTY: false, write: (l) => lines.push(l) },
    });
    expect(pipe.onRetry).toBeUndefined();
    expect(pipe).toMatchObject({ paceWrites: false, retryBudgetMs: 60_000 });
  });
});
