import { MetawsmError, redactUrl } from '@metawsm/core';
import type { GitResult } from './git-runner.js';
import { stderrSummary } from './git-runner.js';
import { remoteAccessError } from '../shared/remote-http-errors.js';

/** A failure worth another attempt: a 5xx/408/429 answer, a network error or a timeout. */
export class TransientRemoteError extends Error {
  /** The HTTP status the server answered, when git said. */
  readonly status: number | null;

  constructor(message: string, status: number | null) {
    super(message);
    this.name = 'TransientRemoteError';
    this.status = status;
  }
}

const TRANSIENT = [
  /returned error: (5\d\d|408|429)/,
  /RPC failed/,
  /remote end hung up unexpectedly/,
  /unexpected disconnect/,
  /early EOF/,
  /Could not resolve (host|proxy)/,
  /Failed to connect/,
  /Connection (refused|reset|timed out)/,
  /Operation timed out/,
  /transfer closed with/,
  /HTTP\/2 stream \d+ was not closed cleanly/,
];

/**
 * Map what a failed fetch / ls-remote / push printed to a typed error (exit 5 for credentials and
 * permissions, 7 for the remote), or a TransientRemoteError to retry. `stderr` is already redacted.
 */
export function remoteFailure(
  r: GitResult,
  ctx: { url: string; authenticated: boolean; what: string },
): Error {
  const url = redactUrl(ctx.url);
  const data = { url, exitCode: r.code };
  const detail = stderrSummary(r.stderr);
  if (r.timedOut || TRANSIENT.some((re) => re.test(r.stderr))) {
    const status = /returned error: (\d{3})/.exec(r.stderr);
    return new TransientRemoteError(r.timedOut ? 'timed out' : detail, status ? Number(status[1]) : null);
  }
  if (/returned error: 401|Authentication failed|could not read (Username|Password)/.test(r.stderr))
    return remoteAccessError(401, url, ctx.authenticated, data);
  if (/returned error: 403/.test(r.stderr)) return remoteAccessError(403, url, ctx.authenticated, data);
  if (/returned error: 404|repository '.*' not found|not appear to be a git repository/.test(r.stderr))
    return remoteAccessError(404, url, ctx.authenticated, data);
  return new MetawsmError(
    'REMOTE_FAILED',
    `${ctx.what} at ${url} failed: ${detail || `exit ${String(r.code)}`}`,
    {
      hint: 'Check the remote URL and the network, then retry.',
      data,
    },
  );
}

/** Bounded backoff for transient remote failures (tests inject a fast one). */
export interface RemoteRetry {
  /** Total attempts, including the first. */
  attempts: number;
  /** Delay before the second attempt; doubles each time. */
  baseDelayMs: number;
  sleep(ms: number): Promise<void>;
}

/** Three attempts, 0.5 s then 1 s apart (as the pure-JS engine). */
export const DEFAULT_REMOTE_RETRY: RemoteRetry = {
  attempts: 3,
  baseDelayMs: 500,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Run `attempt` until it succeeds or throws something other than a TransientRemoteError, at most `attempts` times. */
export async function withRemoteRetry<T>(
  retry: RemoteRetry,
  ctx: { url: string; what: string },
  attempt: () => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof TransientRemoteError)) throw e;
      if (n >= retry.attempts)
        throw new MetawsmError(
          'REMOTE_FAILED',
          `${ctx.what} at ${redactUrl(ctx.url)} failed after ${retry.attempts} attempts: ${e.message}`,
          {
            hint: 'The remote or the network is unavailable; retry later.',
            data: { url: redactUrl(ctx.url), status: e.status },
            cause: e,
          },
        );
      await retry.sleep(retry.baseDelayMs * 2 ** (n - 1));
    }
  }
}
