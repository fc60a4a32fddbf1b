import type { IncomingMessage } from 'node:http';
import type { components } from '@octokit/openapi-types';

/** What a route answers. */
export interface Reply {
  status: number;
  body?: unknown;
  /** Sent as is instead of `body`: an injected fault's text, or `body` already serialised. */
  raw?: string;
  headers?: Record<string, string>;
}

/** One entry of GitHub's `errors` array on a 422. */
export type ValidationErrorItem = NonNullable<components['schemas']['validation-error']['errors']>[number];

const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body: `{message, documentation_url, status}`. */
export function errorReply(status: number, message: string, extra: Record<string, unknown> = {}): Reply {
  const body: components['schemas']['basic-error'] & Record<string, unknown> = {
    message,
    documentation_url: DOCS,
    status: String(status),
    ...extra,
  };
  return { status, body };
}

/** 404 as GitHub sends it (also for repositories the caller may not see). */
export const notFound = (): Reply => errorReply(404, 'Not Found');

/** 403 for a caller without the needed permission. */
export const forbidden = (): Reply => errorReply(403, 'Resource not accessible by personal access token');

/** 422 `Validation Failed` with GitHub's `errors` array. */
export function validationFailed(errors: ValidationErrorItem[], message = 'Validation Failed'): Reply {
  return errorReply(422, message, { errors });
}

/**
 * The body a fault answers with when the test gave none: 429 is a secondary rate limit, 403 a
 * permission error (use `rateLimitFaults` for 403 rate limits), 5xx GitHub's server errors.
 */
export function defaultFaultBody(status: number): unknown {
  if (status === 429)
    return {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '429',
    };
  if (status === 403) return forbidden().body;
  if (status === 502) return { message: 'Server Error' };
  if (status === 503) return { message: 'Service Unavailable' };
  return {
    message: status >= 500 ? 'Internal Server Error' : 'Error',
    documentation_url: DOCS,
    status: String(status),
  };
}

/**
 * One page of `items` per GitHub's `per_page` (default 30, max 100) and `page`, with the `Link`
 * header (`prev`, `next`, `last`, `first` as applicable; absolute URLs keeping the other query parameters).
 */
export function paginate<T>(items: readonly T[], query: Record<string, string>, requestUrl: URL): Reply {
  const perPage = Math.min(100, Math.max(1, Number.parseInt(query.per_page ?? '', 10) || 30));
  const page = Math.max(1, Number.parseInt(query.page ?? '', 10) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string): string => {
    const u = new URL(requestUrl);
    u.searchParams.set('page', String(n));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  const reply: Reply = { status: 200, body: items.slice((page - 1) * perPage, page * perPage) };
  if (links.length > 0) reply.headers = { link: links.join(', ') };
  return reply;
}

/** Read a request body (max 1 MiB) and parse it as JSON; `undefined` when empty, an Error when malformed. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > 1 << 20) return new Error('body too large');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return new Error('Problems parsing JSON');
  }
}

/** The token from `Authorization: token X` or `Bearer X`; null when absent, '' when malformed. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? '';
}
