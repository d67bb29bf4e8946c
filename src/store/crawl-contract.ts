/**
 * The sync clients' part of the store contract: entries in crawl order (EntryRepo.crawlIds) and
 * the crawl-time bounds of EntryFilter. Checked: both orders and the keyset, paging while new
 * articles arrive, crawl-time bounds apart from published time, the user's scope and read filter,
 * an ids filter, and markAllRead honouring crawledUntilMs. storeContract runs it for every backend.
 * All news text is invented.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrawlRef, FeedFetchState, IncomingArticle, Store } from './store.js';

const T0 = Date.UTC(2024, 4, 6, 7, 0, 0);
const HOUR = 3_600_000;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function story(key: string, publishedAt: number): IncomingArticle {
  const title = `Ferry timetable changes (${key})`;
  const html = `<p>The ${key} ferry leaves ten minutes earlier from Monday.</p>`;
  return {
    key, title, link: `https://port.example.net/${key}`, author: null, publishedAt, updatedAt: null, summary: null, html, categories: [],
    contentHash: sha(`${title}\n${html}`), recordId: sha(key).slice(0, 16), clean: { html, text: html.replace(/<[^>]+>/g, ''), firedRules: [] },
  };
}

const fetchedAt = (ms: number): FeedFetchState => ({ status: 'ok', fetchedAt: ms, error: null, consecutiveFailures: 0, nextCheckAt: ms + HOUR, scheduleReason: 'ttl' });
const ids = (refs: CrawlRef[]) => refs.map((r) => r.id);

export function crawlContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: crawl order`, () => {
    let store: Store;
    let mei: number;
    let tom: number;
    let feed: number;
    /** Article ids by key, in the order they were stored. */
    const stored = new Map<string, number>();

    beforeEach(async () => {
      store = await open();
      mei = (await store.users.create({ username: 'mei', passwordHash: 'scrypt$m', isAdmin: true })).id;
      tom = (await store.users.create({ username: 'tom', passwordHash: 'scrypt$t', isAdmin: false })).id;
      feed = (await store.feeds.add({ url: 'https://port.example.net/rss', title: 'Port News' })).id;
      await store.subscriptions.add(mei, feed, { tags: ['port'] });
      // Published times run against crawl order on purpose: the newest story is crawled first.
      await store.articles.applyRefresh(feed, ['a', 'b', 'c'].map((k, i) => story(k, T0 + (10 - i) * HOUR)), fetchedAt(T0));
      await store.articles.applyRefresh(feed, ['d', 'e'].map((k, i) => story(k, T0 - (i + 1) * HOUR)), fetchedAt(T0 + 2 * HOUR));
      const listed = await store.entries.list({ userId: mei }, { limit: 100, cursor: null });
      stored.clear();
      for (const e of [...listed.entries].sort((x, y) => x.id - y.id)) stored.set(e.link.slice(e.link.lastIndexOf('/') + 1), e.id);
    });
    afterEach(async () => {
      await store.close();
    });
    const id = (key: string) => stored.get(key) as number;

    it('lists ids as stored, newest or oldest first, with their crawl time', async () => {
      expect([...stored.keys()]).toEqual(['a', 'b', 'c', 'd', 'e']);
      const newest = await store.entries.crawlIds({ userId: mei }, { order: 'newest', limit: 10, afterId: null });
      expect(ids(newest)).toEqual(['e', 'd', 'c', 'b', 'a'].map(id));
      expect(newest.map((r) => r.crawledAt)).toEqual([T0 + 2 * HOUR, T0 + 2 * HOUR, T0, T0, T0]);
      expect(ids(await store.entries.crawlIds({ userId: mei }, { order: 'oldest', limit: 10, afterId: null }))).toEqual(['a', 'b', 'c', 'd', 'e'].map(id));
    });

    it('continues after an id in each order, and new arrivals never disturb a newest-first walk', async () => {
      const first = await store.entries.crawlIds({ userId: mei }, { order: 'newest', limit: 2, afterId: null });
      expect(ids(first)).toEqual([id('e'), id('d')]);
      await store.articles.applyRefresh(feed, [story('f', T0 + 20 * HOUR)], fetchedAt(T0 + 3 * HOUR));
      const rest = await store.entries.crawlIds({ userId: mei }, { order: 'newest', limit: 10, afterId: id('d') });
      expect(ids(rest)).toEqual(['c', 'b', 'a'].map(id));
      const tail = await store.entries.crawlIds({ userId: mei }, { order: 'oldest', limit: 10, afterId: id('d') });
      expect(tail).toHaveLength(2);
      expect(tail[0]?.id).toBe(id('e'));
      expect(tail[1]?.crawledAt).toBe(T0 + 3 * HOUR);
    });

    it('bounds by crawl time, not by published time', async () => {
      const since = await store.entries.crawlIds({ userId: mei, crawledSinceMs: T0 + 2 * HOUR }, { order: 'newest', limit: 10, afterId: null });
      expect(ids(since)).toEqual([id('e'), id('d')]);
      const until = await store.entries.crawlIds({ userId: mei, crawledUntilMs: T0 + 2 * HOUR }, { order: 'oldest', limit: 10, afterId: null });
      expect(ids(until)).toEqual(['a', 'b', 'c'].map(id));
      const published = await store.entries.list({ userId: mei, crawledSinceMs: T0 + 2 * HOUR }, { limit: 10, cursor: null });
      expect(published.entries.map((e) => e.id).sort()).toEqual([id('d'), id('e')].sort());
    });

    it('keeps the scope, the read filter and an ids filter', async () => {
      expect(await store.entries.crawlIds({ userId: tom }, { order: 'newest', limit: 10, afterId: null })).toEqual([]);
      await store.entries.mark(mei, [id('b'), id('d')], { read: true });
      expect(ids(await store.entries.crawlIds({ userId: mei, read: false }, { order: 'newest', limit: 10, afterId: null }))).toEqual(['e', 'c', 'a'].map(id));
      expect(ids(await store.entries.crawlIds({ userId: mei, tag: 'port', read: true }, { order: 'oldest', limit: 10, afterId: null }))).toEqual([id('b'), id('d')]);
      expect(ids(await store.entries.crawlIds({ userId: mei, ids: [id('e'), id('a'), id('c'), 999_999] }, { order: 'newest', limit: 2, afterId: null }))).toEqual([id('e'), id('c')]);
    });

    it('marks all read only what was crawled before the bound', async () => {
      expect(await store.entries.markAllRead({ userId: mei, feedId: feed, crawledUntilMs: T0 + 2 * HOUR })).toBe(3);
      expect(ids(await store.entries.crawlIds({ userId: mei, read: false }, { order: 'newest', limit: 10, afterId: null }))).toEqual([id('e'), id('d')]);
    });

    it('refuses a limit out of range', async () => {
      await expect(store.entries.crawlIds({ userId: mei }, { order: 'newest', limit: 0, afterId: null })).rejects.toMatchObject({ code: 'USAGE' });
      await expect(store.entries.crawlIds({ userId: mei }, { order: 'newest', limit: 10_002, afterId: null })).rejects.toMatchObject({ code: 'USAGE' });
    });
  });
}
