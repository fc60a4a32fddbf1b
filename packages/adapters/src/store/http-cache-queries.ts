import type { HttpCacheEntry } from '@metawsm/core';
import type { Kysely } from 'kysely';
import type { StoreDatabase } from './store-schema.js';

/* Conditional-request cache queries (dialect-neutral builder calls). */

type Db = Kysely<StoreDatabase>;

/** The remembered answer for (url, identity), or null. */
export async function selectHttpCache(db: Db, url: string, identity: string): Promise<HttpCacheEntry | null> {
  const row = await db
    .selectFrom('http_cache')
    .selectAll()
    .where('url', '=', url)
    .where('identity', '=', identity)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    url: row.url,
    identity: row.identity,
    etag: row.etag,
    body: row.body,
    link: row.link,
    storedAt: row.stored_at,
  };
}

/** Insert or replace the answer for (url, identity). */
export async function upsertHttpCache(db: Db, e: HttpCacheEntry): Promise<void> {
  const row = { etag: e.etag, body: e.body, link: e.link, stored_at: e.storedAt };
  await db
    .insertInto('http_cache')
    .values({ url: e.url, identity: e.identity, ...row })
    .onConflict((oc) => oc.columns(['url', 'identity']).doUpdateSet(row))
    .execute();
}
