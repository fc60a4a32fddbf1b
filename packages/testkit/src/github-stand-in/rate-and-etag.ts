import { createHash } from 'node:crypto';
import type { Reply } from './http.js';
import type { StandInToken } from './types.js';

/* Rate-limit accounting and conditional requests, as GitHub does them. */

/** A caller's rate limit for one resource. */
export interface Rate {
  limit: number;
  remaining: number;
  reset: number;
  used: number;
}

/** Requests counted per login and resource (`core`, `graphql`); `count: false` only reads. */
export function rateOf(
  used: Map<string, number>,
  q: { limit: number; reset: number; login: string; resource: string; count: boolean },
): Rate {
  const key = `${q.login}\n${q.resource}`;
  const n = (used.get(key) ?? 0) + (q.count ? 1 : 0);
  used.set(key, n);
  return { limit: q.limit, remaining: Math.max(0, q.limit - n), reset: q.reset, used: n };
}

/** GitHub's `x-ratelimit-*` headers (and `x-oauth-scopes` for classic tokens). */
export function rateHeaders(rate: Rate, resource: string, user: StandInToken): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(rate.limit),
    'x-ratelimit-remaining': String(rate.remaining),
    'x-ratelimit-reset': String(rate.reset),
    'x-ratelimit-used': String(rate.used),
    'x-ratelimit-resource': resource,
  };
  if (user.scopes) headers['x-oauth-scopes'] = user.scopes.join(', ');
  return headers;
}

/**
 * GitHub's ETags differ per caller (`Vary: Authorization`): a digest of the login and the body.
 * Opaque to clients, so a fast digest (SHA-1) serves: the stand-in answers every request on one
 * thread, and hashing 400 KB lists must not make it the bottleneck GitHub is not.
 */
export function etagOf(login: string, body: string): string {
  return `W/"${createHash('sha1').update(login).update('\n').update(body).digest('hex')}"`;
}

/**
 * A successful answer as sent: serialised once (`raw`), and for a GET with its ETag (the digest's
 * input is what a 200 sends). Anything else is returned as is.
 */
export function prepareAnswer(reply: Reply, method: string, user?: StandInToken): Reply {
  if (reply.status !== 200 || reply.raw !== undefined) return reply;
  const text = JSON.stringify(reply.body);
  if (method !== 'GET' || !user) return { ...reply, raw: text };
  return { ...reply, raw: text, headers: { ...reply.headers, etag: etagOf(user.login, text) } };
}

/** Add an ETag to a successful GET and answer 304 when the client already has this answer. */
export function conditional(
  reply: Reply,
  method: string,
  ifNoneMatch: string | undefined,
  user?: StandInToken,
): Reply {
  if (method !== 'GET' || reply.status !== 200 || !user) return reply;
  const ready = reply.headers?.etag === undefined ? prepareAnswer(reply, method, user) : reply;
  const etag = ready.headers?.etag;
  const sent = (ifNoneMatch ?? '').split(',').map((t) => t.trim());
  return etag !== undefined && sent.includes(etag) ? { status: 304, headers: ready.headers ?? {} } : ready;
}
