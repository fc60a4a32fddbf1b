import { createHash } from 'node:crypto';
import type { HttpCachePort } from '@metawsm/core';
import type { GitHubClient } from './octokit-client-type.js';

/**
 * The GETs metawsm polls for review sync: a PR, its review comments, reviews, conversation, check runs,
 * annotations and combined status. Only these are conditional, so commands that never poll (auth
 * check, pr's lookups) never touch the cache, nor the store behind it.
 */
const POLLED = [
  /\/repos\/[^/]+\/[^/]+\/pulls\/\d+$/,
  /\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/(comments|reviews)$/,
  /\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/,
  /\/repos\/[^/]+\/[^/]+\/commits\/[^/]+\/(check-runs|status)$/,
  /\/repos\/[^/]+\/[^/]+\/check-runs\/\d+\/annotations$/,
];

/** A one-way digest standing for the token in cache keys: another token never sees this token's answers. */
export function tokenIdentity(token: string): string {
  return createHash('sha256').update(`metawsm-http-cache\n${token}`).digest('hex');
}

function polled(url: string): boolean {
  const path = new URL(url).pathname;
  return POLLED.some((p) => p.test(path));
}

interface NotModified {
  status?: number;
  response?: { headers: Record<string, string | number | undefined> };
}

/**
 * Conditional requests: a polled GET sends `If-None-Match` with the ETag stored for (URL, token
 * identity); a 304 (which GitHub does not count against the rate limit) returns the stored answer
 * as a 200, Link header included so pagination goes on; a 200 with an ETag is stored.
 */
export function installConditionalRequests(client: GitHubClient, cache: HttpCachePort, token: string): void {
  const identity = tokenIdentity(token);
  client.hook.wrap('request', async (request, options) => {
    const { method, url } = client.request.endpoint(options);
    if (method !== 'GET' || !polled(url)) return request(options);
    const stored = await cache.getHttpCache(url, identity);
    if (stored) options.headers['if-none-match'] = stored.etag;
    try {
      const res = await request(options);
      const etag = res.headers.etag;
      if (typeof etag === 'string' && res.status === 200) {
        const link = typeof res.headers.link === 'string' ? res.headers.link : null;
        const body = JSON.stringify(res.data);
        await cache.putHttpCache({ url, identity, etag, body, link, storedAt: new Date().toISOString() });
      }
      return res;
    } catch (e) {
      if (!stored || (e as NotModified).status !== 304) throw e;
      const headers: Record<string, string | number | undefined> = {
        ...((e as NotModified).response?.headers ?? {}),
        etag: stored.etag,
        'x-metawsm-cache': 'not-modified',
      };
      if (stored.link !== null) headers.link = stored.link;
      return { status: 200, url, headers, data: JSON.parse(stored.body) as unknown };
    }
  });
}
