/**
 * One remembered GET answer, for conditional requests (review sync polls cheaply: a 304 costs no rate limit). Keyed by the
 * URL and a one-way digest of the token, never the token: another token sees another answer.
 */
export interface HttpCacheEntry {
  /** The full request URL, query included. */
  url: string;
  /** A one-way digest of the token the answer was fetched with. */
  identity: string;
  /** The answer's `ETag`, sent back as `If-None-Match`. */
  etag: string;
  /** The answer's body as JSON text, reused when GitHub answers 304 Not Modified. */
  body: string;
  /** The answer's `Link` header (pagination), if any. */
  link: string | null;
  storedAt: string;
}

/**
 * Durable storage of conditional-request answers, so ETags survive between processes. The
 * StorePort includes it; an adapter may also be given any other implementation.
 */
export interface HttpCachePort {
  /** The remembered answer for (url, identity), or null. */
  getHttpCache(url: string, identity: string): Promise<HttpCacheEntry | null>;
  /** Remember an answer, replacing the one for the same (url, identity). */
  putHttpCache(entry: HttpCacheEntry): Promise<void>;
}
