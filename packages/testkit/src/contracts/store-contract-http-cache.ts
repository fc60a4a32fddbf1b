import type { HttpCacheEntry } from '@metawsm/core';
import { at, type StoreContext } from './store-fixtures.js';

const URL_1 = 'https://api.github.com/repos/acme/widgets/pulls/1/comments?per_page=100';

function entry(overrides: Partial<HttpCacheEntry> = {}): HttpCacheEntry {
  return {
    url: URL_1,
    identity: 'id-alice',
    etag: 'W/"abc"',
    body: JSON.stringify([{ id: 1, body: 'ünïcödé ✓' }]),
    link: '<https://api.github.com/repos/acme/widgets/pulls/1/comments?page=2>; rel="next"',
    storedAt: at(0),
    ...overrides,
  };
}

/** The conditional-request cache: per (URL, token identity), replaced on put, durable. */
export function describeHttpCacheContract(ctx: StoreContext): void {
  describe('conditional-request cache', () => {
    it('returns null for an unknown entry and the stored entry byte for byte', async () => {
      await expect(ctx.store().getHttpCache(URL_1, 'id-alice')).resolves.toBeNull();
      await ctx.store().putHttpCache(entry());
      await expect(ctx.store().getHttpCache(URL_1, 'id-alice')).resolves.toEqual(entry());
    });

    it('keeps entries apart per identity and per URL, and replaces on put', async () => {
      await ctx.store().putHttpCache(entry());
      await ctx.store().putHttpCache(entry({ identity: 'id-bob', etag: '"bob"', link: null }));
      await ctx.store().putHttpCache(entry({ url: `${URL_1}&page=2`, etag: '"p2"' }));
      await ctx.store().putHttpCache(entry({ etag: '"new"', body: '[]', link: null, storedAt: at(5) }));
      await expect(ctx.store().getHttpCache(URL_1, 'id-alice')).resolves.toEqual(
        entry({ etag: '"new"', body: '[]', link: null, storedAt: at(5) }),
      );
      await expect(ctx.store().getHttpCache(URL_1, 'id-bob')).resolves.toMatchObject({
        etag: '"bob"',
        link: null,
      });
      await expect(ctx.store().getHttpCache(`${URL_1}&page=2`, 'id-alice')).resolves.toMatchObject({
        etag: '"p2"',
      });
    });

    it('holds a large body', async () => {
      const body = JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ id: i, body: 'x'.repeat(100) })));
      await ctx.store().putHttpCache(entry({ body }));
      expect((await ctx.store().getHttpCache(URL_1, 'id-alice'))?.body).toBe(body);
    });

    it('survives reopening the database', async () => {
      await ctx.store().putHttpCache(entry());
      const reopened = await ctx.reopen();
      if (reopened === null) return;
      await expect(reopened.getHttpCache(URL_1, 'id-alice')).resolves.toEqual(entry());
    });

    it('is rolled back with a failed transaction', async () => {
      const attempt = ctx.store().transaction(async (tx) => {
        await tx.putHttpCache(entry());
        throw new Error('boom');
      });
      await expect(attempt).rejects.toThrow('boom');
      await expect(ctx.store().getHttpCache(URL_1, 'id-alice')).resolves.toBeNull();
    });
  });
}
