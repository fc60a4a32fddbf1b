import { MetawsmError, redactText } from '@metawsm/core';
import type { RequestError } from '@octokit/request-error';

/** What the adapter was doing when a request failed. */
export interface GitHubCallContext {
  /** The port method, e.g. `createPullRequest`. */
  operation: string;
  /** The token in use: removed from anything the error carries. */
  token: string;
  /** For `createPullRequest`: a 422 "already exists" becomes PR_ALREADY_EXISTS. */
  pullRequest?: { head: string; base: string };
}

/** GitHub's 422 detail entries, as included in `data.errors`. */
export interface GitHubValidationDetail {
  resource?: string;
  field?: string;
  code?: string;
  message?: string;
}

type MappedCode =
  | 'AUTH_INVALID'
  | 'PERMISSION_DENIED'
  | 'GITHUB_NOT_FOUND'
  | 'GITHUB_VALIDATION'
  | 'RATE_LIMITED'
  | 'GITHUB_API_FAILED';

const HINTS: Record<MappedCode, string> = {
  AUTH_INVALID:
    'GitHub rejected the token: renew it (METAWSM_GITHUB_TOKEN, GH_TOKEN, GITHUB_TOKEN or `gh auth login`) and run `metawsm auth check`.',
  PERMISSION_DENIED:
    'The token lacks permission on this repository (needs push: classic `repo` scope, or fine-grained Contents + Pull requests write).',
  GITHUB_NOT_FOUND:
    'Check owner/repo and that the token can see the repository (GitHub answers 404 for private repositories it may not access).',
  GITHUB_VALIDATION:
    'GitHub refused the request; see data.errors. Check that the branches exist on the remote.',
  RATE_LIMITED:
    'GitHub rate limit: wait until it resets (data.resetAt / data.retryAfterSeconds), then re-run; metawsm resumes where it stopped.',
  GITHUB_API_FAILED:
    'GitHub did not answer successfully after retries; re-run later, metawsm resumes where it stopped.',
};

// Duck-typed: errors may come from another realm (Node's fetch internals, jest's VM), where instanceof fails.
function isErrorLike(e: unknown): e is Error {
  return typeof e === 'object' && e !== null && typeof (e as Error).message === 'string';
}

function isRequestError(e: unknown): e is RequestError {
  return (
    isErrorLike(e) &&
    e.name === 'HttpError' &&
    typeof (e as Partial<RequestError>).status === 'number' &&
    'request' in e
  );
}

/** A plain copy of an error chain with every message and stack cleaned. */
function scrubbedCopy(e: Error, clean: (s: string) => string, depth: number): Error {
  const copy = new Error(clean(e.message));
  copy.name = e.name;
  copy.stack = clean(e.stack ?? `${e.name}: ${e.message}`);
  if (depth < 5 && isErrorLike(e.cause)) copy.cause = scrubbedCopy(e.cause, clean, depth + 1);
  return copy;
}

/** Remove the token (and any credentials in URLs) from everything a RequestError carries, in place. */
function scrub(err: RequestError, token: string): void {
  const clean = (s: string): string => redactText(s, [token]);
  err.message = clean(err.message);
  if (err.stack) err.stack = clean(err.stack);
  const headers = { ...err.request.headers };
  delete headers.authorization;
  err.request = { ...err.request, url: clean(err.request.url), headers };
  if (err.response) {
    const data: unknown = err.response.data;
    err.response = {
      ...err.response,
      url: clean(err.response.url),
      data: data === undefined ? data : (JSON.parse(clean(JSON.stringify(data))) as unknown),
    };
  }
  // Network errors carry the fetch failure (and its causes) below; some (DOMException) are read-only.
  if (isErrorLike(err.cause)) err.cause = scrubbedCopy(err.cause, clean, 0);
}

function body(err: RequestError): { message: string | null; errors: GitHubValidationDetail[] } {
  const data = err.response?.data;
  if (typeof data !== 'object' || data === null) {
    // A proxy's or load balancer's error page is not worth quoting.
    const text =
      typeof data === 'string' && data ? (/^\s*</.test(data) ? 'an HTML page' : data.slice(0, 200)) : null;
    return { message: text, errors: [] };
  }
  const d = data as { message?: unknown; errors?: unknown };
  const errors = Array.isArray(d.errors)
    ? d.errors.map((e: unknown): GitHubValidationDetail => {
        if (typeof e === 'string') return { message: e };
        const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
        const pick = (k: string): Record<string, string> => (typeof o[k] === 'string' ? { [k]: o[k] } : {});
        return { ...pick('resource'), ...pick('field'), ...pick('code'), ...pick('message') };
      })
    : [];
  return { message: typeof d.message === 'string' ? d.message : null, errors };
}

function rateLimited(err: RequestError, message: string): boolean {
  if (err.status === 429) return true;
  const h = err.response?.headers ?? {};
  return (
    err.status === 403 &&
    (h['x-ratelimit-remaining'] === '0' || h['retry-after'] !== undefined || /rate limit/i.test(message))
  );
}

function codeFor(err: RequestError, message: string): MappedCode {
  if (!err.response) return 'GITHUB_API_FAILED';
  if (err.status === 401) return 'AUTH_INVALID';
  if (rateLimited(err, message)) return 'RATE_LIMITED';
  if (err.status === 403) return 'PERMISSION_DENIED';
  if (err.status === 404) return 'GITHUB_NOT_FOUND';
  if (err.status === 422) return 'GITHUB_VALIDATION';
  return 'GITHUB_API_FAILED';
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function rateData(err: RequestError): Record<string, unknown> {
  const h = err.response?.headers ?? {};
  const out: Record<string, unknown> = {};
  if (h['retry-after'] !== undefined) out.retryAfterSeconds = Number(h['retry-after']);
  const reset = Number(h['x-ratelimit-reset']);
  if (h['x-ratelimit-remaining'] === '0' && Number.isFinite(reset) && reset > 0)
    out.resetAt = new Date(reset * 1000).toISOString();
  return out;
}

/**
 * Translate anything a GitHub call threw into a MetawsmError (codes and exit codes: docs/operating.md), keeping the original as
 * `cause` after removing the token from it. MetawsmErrors (e.g. a failed validation) pass through.
 */
export function toGitHubError(err: unknown, ctx: GitHubCallContext): MetawsmError {
  if (err instanceof MetawsmError) return err;
  const clean = (s: string): string => redactText(s, [ctx.token]);
  if (!isRequestError(err)) {
    const text = clean(isErrorLike(err) ? err.message : String(err));
    return new MetawsmError('GITHUB_API_FAILED', `GitHub ${ctx.operation} failed: ${text}`, {
      hint: HINTS.GITHUB_API_FAILED,
      data: { operation: ctx.operation },
      cause: isErrorLike(err) ? Object.assign(new Error(text), { name: err.name }) : text,
    });
  }
  scrub(err, ctx.token);
  const gh = body(err);
  // One line for the operator; GitHub's messages can span lines ("Invalid request.\n\nFor ...").
  const detail = (gh.message ?? err.message).replace(/\s+/g, ' ').trim().slice(0, 300);
  const where = `${err.request.method} ${pathOf(err.request.url)}`;
  const data: Record<string, unknown> = { operation: ctx.operation, status: err.status, request: where };
  const requestId = err.response?.headers['x-github-request-id'];
  if (requestId !== undefined) data.requestId = requestId;
  if (gh.errors.length > 0) data.errors = gh.errors;
  const pr = ctx.pullRequest;
  if (
    pr &&
    err.status === 422 &&
    [detail, ...gh.errors.map((e) => e.message ?? '')].some((m) => /pull request already exists/i.test(m))
  )
    return new MetawsmError(
      'PR_ALREADY_EXISTS',
      `a pull request for ${pr.head} into ${pr.base} already exists`,
      {
        hint: 'Look it up by head branch and adopt it (metawsm pr does this).',
        data: { ...data, head: pr.head, base: pr.base },
        cause: err,
      },
    );
  const code = codeFor(err, detail);
  if (code === 'RATE_LIMITED') Object.assign(data, rateData(err));
  if (!err.response) data.network = true;
  const what = err.response ? `${err.status} ${detail}` : `network error: ${detail}`;
  // Both plugins count retries on the request options.
  const retries = Number((err.request.request as { retryCount?: unknown } | undefined)?.retryCount ?? 0);
  if (retries > 0) data.retries = retries;
  const after = retries > 0 ? ` after ${retries} ${retries === 1 ? 'retry' : 'retries'}` : '';
  return new MetawsmError(code, `GitHub ${where} failed (${what})${after}`, {
    hint: HINTS[code],
    data,
    cause: err,
  });
}
