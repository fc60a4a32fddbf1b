import type { GitHubRetryEvent, OctokitGitHubAdapterOptions } from '@metawsm/adapters/github';
import { MetawsmError } from '@metawsm/core';

/**
 * Requests in flight per token (Octokit's default is 10; GitHub's secondary limit is 100 at once,
 * REST and GraphQL together). 80 lets one `review sync` send the first requests of 16 PRs at once
 * and leaves room for another metawsm process on the same token.
 */
export const MAX_CONCURRENT_REQUESTS = 80;

/** The variable that bounds how long one GitHub call may take, retries included. */
export const RETRY_BUDGET_VARIABLE = 'METAWSM_GITHUB_RETRY_BUDGET_SECONDS';

/** `METAWSM_GITHUB_RETRY_BUDGET_SECONDS` in ms (default 60 s); anything but a positive number is exit 2. */
export function retryBudgetMs(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 60_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new MetawsmError(
      'INVALID_INPUT',
      `${RETRY_BUDGET_VARIABLE} "${value}" is not a positive number of seconds`,
      {
        hint: `Set ${RETRY_BUDGET_VARIABLE} to e.g. 60, or unset it for the default (60 s).`,
        data: { variable: RETRY_BUDGET_VARIABLE },
      },
    );
  return Math.round(seconds * 1000);
}

/** "retrying in 4 s, attempt 2/4 (GitHub 502)": one line per retry. */
export function retryLine(e: GitHubRetryEvent): string {
  const wait = e.waitMs < 1000 ? `${e.waitMs} ms` : `${Math.round(e.waitMs / 1000)} s`;
  const why =
    e.reason === 'rate_limit'
      ? 'rate limit'
      : e.reason === 'network'
        ? 'network error'
        : `GitHub ${e.status ?? '5xx'}`;
  return `retrying in ${wait}, attempt ${e.attempt}/${e.maxAttempts} (${why})`;
}

/**
 * The adapter's options in the CLI: no client-side pacing of writes (a run creates a handful of
 * PRs, and GitHub's secondary limits are honoured through retry-after), the retry budget from the
 * environment, and a stderr line per retry on a TTY. (ETags in the store: the wiring adds them.)
 */
export function githubOptions(input: {
  env: (name: string) => string | undefined;
  stderr: { isTTY?: boolean; write(line: string): unknown };
}): OctokitGitHubAdapterOptions {
  const options: OctokitGitHubAdapterOptions = {
    paceWrites: false,
    maxConcurrentRequests: MAX_CONCURRENT_REQUESTS,
    retryBudgetMs: retryBudgetMs(input.env(RETRY_BUDGET_VARIABLE)),
  };
  if (input.stderr.isTTY) options.onRetry = (e) => input.stderr.write(`\r\x1b[2K${retryLine(e)}\n`);
  return options;
}
