/**
 * Shared feeds and each user's subscriptions, as part of the store contract (storeContract runs
 * it for every backend): one feed row and one fetch per URL however many users subscribe, each
 * subscriber's own name and tags, due() only for feeds somebody reads, and everything a reader
 * sees scoped to what the user's subscriptions reach (lists, single entries, revisions, marks,
 * counts). Everything goes through the Store interface; tests never assume particular ids.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../core/index.js';
import type { EntryFilter, FeedFetchState, IncomingArticle, Store } from './store.js';

const T0 = Date.UTC(2024, 3, 2, 7, 0, 0);
const HOUR = 3_600_000;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** An invented article whose link ends in its key. */
function story(key: string, title = `Tide tables for the week (${key})`, publishedAt = T0): IncomingArticle {
  const html = `<p>High water at the north pier on ${key}.</p>`;
  return {
    key, title, link: `https://tides.example.net/${key}`, author: 'Sam Reyes', publishedAt, updatedAt: null, summary: null, html,
    categories: [], contentHash: sha(`${title}\n${html}`), recordId: sha(key).slice(0, 16), clean: { html, text: `High water at the north pier on ${key}.`, firedRules: [] },
  };
}

const fetched = (nextCheckAt = T0 + HOUR): FeedFetchState => ({ status: 'ok', fetchedAt: T0, error: null, consecutiveFailures: 0, nextCheckAt, scheduleReason: 'ttl' });
const keyOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

async function expectFailure(promise: Promise<unknown>, code: ErrorCode, fragment?: string): Promise<void> {
  const err: unknown = await promise.then(() => new Error('expected a failure, but it succeeded'), (e: unknown) => e);
  expect(err).toMatchObject({ name: 'FeedkeeperError', code });
  if (fragment !== undefined) expect((err as Error).message).toContain(fragment);
}

export function subscriptionContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: subscriptions`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    const user = async (username: string) => (await store.users.create({ username, passwordHash: `scrypt$${username}`, isAdmin: false })).id;
    const listed = async (filter: EntryFilter) => (await store.entries.list(filter, { limit: 500, cursor: null })).entries.map((e) => keyOf(e.link));

    describe('shared feeds', () => {
      it('two users subscribing to one URL share one feed row and one fetch, each with their own name and tags', async () => {
        const feed = await store.feeds.add({ url: 'https://tides.example.net/rss', title: 'Tide Watch' });
        const mei = await user('mei');
        const tom = await user('tom');
        const hers = await store.subscriptions.add(mei, feed.id, { titleOverride: 'Tides', tags: ['sea', '港口'] });
        const his = await store.subscriptions.add(tom, feed.id, { tags: ['fishing'] });
        expect(hers).toMatchObject({ id: feed.id, url: feed.url, title: 'Tide Watch', userId: mei, titleOverride: 'Tides', tags: ['sea', '港口'], articleCount: 0 });
        expect(his).toMatchObject({ id: feed.id, url: feed.url, title: 'Tide Watch', userId: tom, titleOverride: null, tags: ['fishing'], articleCount: 0 });
        // The second subscriber finds the feed the first one added: the URL stays one row.
        expect((await store.feeds.getByUrl(feed.url))?.id).toBe(feed.id);
        await expectFailure(store.feeds.add({ url: feed.url }), 'CONFLICT', `(feed ${feed.id})`);
        expect((await store.feeds.list()).map((f) => [f.id, f.subscribers])).toEqual([[feed.id, 2]]);
        expect(await store.subscriptions.subscribers(feed.id)).toBe(2);
        expect(await store.subscriptions.countsByUser()).toEqual(new Map([[mei, 1], [tom, 1]]));
        expect(await store.feeds.due(T0 + 100 * 365 * 24 * HOUR, 10)).toEqual([feed]);

        // One fetch serves both.
        await store.articles.applyRefresh(feed.id, [story('mon'), story('tue')], fetched());
        for (const userId of [mei, tom]) {
          expect(await listed({ userId }), `user ${userId}`).toEqual(['tue', 'mon']);
          expect(await store.entries.unreadCounts(userId)).toEqual(new Map([[0, 2], [feed.id, 2]]));
          expect((await store.subscriptions.get(userId, feed.id))?.articleCount).toBe(2);
        }
        expect((await store.entries.list({ userId: mei }, { limit: 1, cursor: null })).entries[0]?.feedTitle).toBe('Tides');
        expect((await store.entries.list({ userId: tom }, { limit: 1, cursor: null })).entries[0]?.feedTitle).toBe('Tide Watch');
        expect(await listed({ userId: mei, tag: 'sea' })).toEqual(['tue', 'mon']);
        expect(await listed({ userId: tom, tag: 'sea' })).toEqual([]);
        expect(await listed({ userId: tom, tag: 'fishing' })).toEqual(['tue', 'mon']);

        // Changing one subscription leaves the other alone.
        await store.subscriptions.update(tom, feed.id, { titleOverride: 'Fishing report', tags: [] });
        expect(await store.subscriptions.get(mei, feed.id)).toEqual({ ...hers, ...(await store.feeds.get(feed.id)), articleCount: 2 });
        expect((await store.subscriptions.get(tom, feed.id))).toMatchObject({ titleOverride: 'Fishing report', tags: [] });
        expect(await store.subscriptions.list(mei)).toEqual([await store.subscriptions.get(mei, feed.id)]);
        expect(await store.subscriptions.list(tom)).toEqual([await store.subscriptions.get(tom, feed.id)]);
      });

      it('unsubscribing one user keeps the feed due; unsubscribing the last takes it out of due() and keeps its articles', async () => {
        const feed = await store.feeds.add({ url: 'https://tides.example.net/rss', nextCheckAt: T0 });
        const other = await store.feeds.add({ url: 'https://harbour.example.net/rss', nextCheckAt: T0 });
        const mei = await user('mei');
        const tom = await user('tom');
        await store.subscriptions.add(mei, feed.id);
        await store.subscriptions.add(tom, feed.id);
        await store.subscriptions.add(tom, other.id);
        await store.articles.applyRefresh(feed.id, [story('mon'), story('tue')], fetched());
        const due = async () => (await store.feeds.due(T0 + 2 * HOUR, 10)).map((f) => f.id);
        expect(await due()).toEqual([other.id, feed.id]);
        const [tue] = (await store.entries.list({ userId: mei }, { limit: 1, cursor: null })).entries;
        await store.entries.mark(mei, [tue?.id ?? -1], { read: true, starred: true });

        expect(await store.subscriptions.remove(mei, feed.id)).toBe(1);
        expect(await due()).toEqual([other.id, feed.id]);
        expect(await store.subscriptions.get(mei, feed.id)).toBeNull();
        expect(await store.subscriptions.list(mei)).toEqual([]);
        expect(await listed({ userId: mei })).toEqual([]);
        expect(await listed({ userId: mei, starred: true })).toEqual([]);
        expect(await store.entries.unreadCounts(mei)).toEqual(new Map([[0, 0]]));
        expect(await listed({ userId: tom })).toEqual(['tue', 'mon']);
        expect((await store.feeds.list()).map((f) => [f.id, f.subscribers])).toEqual([[feed.id, 1], [other.id, 1]]);

        expect(await store.subscriptions.remove(tom, feed.id)).toBe(0);
        expect(await due()).toEqual([other.id]);
        expect(await store.feeds.get(feed.id)).not.toBeNull();
        expect((await store.feeds.list()).map((f) => [f.id, f.articleCount, f.subscribers])).toEqual([[feed.id, 2, 0], [other.id, 0, 1]]);
        expect(await store.articles.count()).toEqual({ articles: 2, revisions: 2 });
        expect(await store.entries.get({ userId: tom, archive: true }, tue?.id ?? -1)).toMatchObject({ title: tue?.title, feedId: feed.id });
        expect(await store.entries.get({ userId: tom }, tue?.id ?? -1)).toBeNull();

        // Subscribing again: due again, the articles and Mei's own marks are back.
        await store.subscriptions.add(mei, feed.id);
        expect(await due()).toEqual([other.id, feed.id]);
        expect(await listed({ userId: mei, starred: true })).toEqual(['tue']);
        expect(await store.entries.unreadCounts(mei)).toEqual(new Map([[0, 1], [feed.id, 1]]));
      });

      it('subscribing twice is a CONFLICT; an unknown feed or user is NOT_FOUND; duplicate tags count once', async () => {
        const feed = await store.feeds.add({ url: 'https://tides.example.net/rss' });
        const mei = await user('mei');
        const first = await store.subscriptions.add(mei, feed.id, { tags: ['sea', 'sea', 'pier'] });
        expect(first.tags).toEqual(['sea', 'pier']);
        await expectFailure(store.subscriptions.add(mei, feed.id, { titleOverride: 'again' }), 'CONFLICT', String(feed.id));
        expect(await store.subscriptions.get(mei, feed.id)).toEqual(first);
        await expectFailure(store.subscriptions.add(mei, 424242), 'NOT_FOUND', '424242');
        await expectFailure(store.subscriptions.add(424242, feed.id), 'NOT_FOUND', '424242');
        expect(await store.subscriptions.subscribers(feed.id)).toBe(1);
        expect(await store.subscriptions.subscribers(424242)).toBe(0);
        expect(await store.subscriptions.list(424242)).toEqual([]);
      });

      it("another user's subscription is as absent as one that never existed", async () => {
        const feed = await store.feeds.add({ url: 'https://tides.example.net/rss' });
        const mei = await user('mei');
        const tom = await user('tom');
        const hers = await store.subscriptions.add(mei, feed.id, { titleOverride: 'Tides', tags: ['sea'] });
        expect(await store.subscriptions.get(tom, feed.id)).toBeNull();
        expect(await store.subscriptions.list(tom)).toEqual([]);
        await expectFailure(store.subscriptions.update(tom, feed.id, { titleOverride: 'Mine now' }), 'NOT_FOUND', String(feed.id));
        await expectFailure(store.subscriptions.remove(tom, feed.id), 'NOT_FOUND', String(feed.id));
        await expectFailure(store.subscriptions.update(mei, 424242, { tags: [] }), 'NOT_FOUND', '424242');
        await expectFailure(store.subscriptions.remove(mei, 424242), 'NOT_FOUND', '424242');
        expect(await store.subscriptions.get(mei, feed.id)).toEqual(hers);
        expect(await store.subscriptions.subscribers(feed.id)).toBe(1);
      });

      it('removing a feed ends every subscription to it and moves every subscriber’s counts', async () => {
        const feed = await store.feeds.add({ url: 'https://tides.example.net/rss' });
        const other = await store.feeds.add({ url: 'https://harbour.example.net/rss' });
        const mei = await user('mei');
        const tom = await user('tom');
        for (const userId of [mei, tom]) await store.subscriptions.add(userId, feed.id, { tags: ['sea'] });
        await store.subscriptions.add(tom, other.id);
        await store.articles.applyRefresh(feed.id, [story('mon'), story('both')], fetched());
        await store.articles.applyRefresh(other.id, [story('both')], fetched());
        await store.feeds.remove(feed.id);
        expect(await store.subscriptions.list(mei)).toEqual([]);
        expect((await store.subscriptions.list(tom)).map((s) => s.id)).toEqual([other.id]);
        expect(await store.entries.unreadCounts(mei)).toEqual(new Map([[0, 0]]));
        expect(await store.entries.unreadCounts(tom)).toEqual(new Map([[0, 1], [other.id, 1]]));
        expect(await listed({ userId: tom, tag: 'sea' })).toEqual([]);
        expect(await listed({ userId: tom })).toEqual(['both']);
        expect(await store.articles.count()).toEqual({ articles: 2, revisions: 2 });
      });
    });

    describe('what a user can reach', () => {
      interface Seed { mei: number; tom: number; shared: number; hers: number; his: number; id: (key: string) => number }

      /**
       * Shared Harbour (both subscribe), Mei's own Garden (she calls it "Secret garden"), Tom's own
       * Pier. common via Harbour; rose and tulip via Garden only; bait via Pier only; cross via
       * Garden and Pier (each reaches it through their own feed).
       */
      async function seed(): Promise<Seed> {
        const shared = (await store.feeds.add({ url: 'https://harbour.example.net/rss', title: 'Harbour' })).id;
        const hers = (await store.feeds.add({ url: 'https://garden.example.net/rss', title: 'Garden' })).id;
        const his = (await store.feeds.add({ url: 'https://pier.example.net/rss', title: 'Pier' })).id;
        const mei = await user('mei');
        const tom = await user('tom');
        await store.subscriptions.add(mei, shared);
        await store.subscriptions.add(mei, hers, { titleOverride: 'Secret garden', tags: ['flowers'] });
        await store.subscriptions.add(tom, shared);
        await store.subscriptions.add(tom, his, { tags: ['fishing'] });
        await store.articles.applyRefresh(shared, [story('common', undefined, T0 + 4 * HOUR)], fetched());
        await store.articles.applyRefresh(hers, [story('rose', undefined, T0 + 3 * HOUR), story('tulip', undefined, T0 + 2 * HOUR), story('cross', undefined, T0 + HOUR)], fetched());
        await store.articles.applyRefresh(his, [story('bait', undefined, T0 + 5 * HOUR), story('cross', undefined, T0 + HOUR)], fetched());
        await store.articles.applyRefresh(hers, [story('rose', 'Roses in bloom, revised', T0 + 3 * HOUR)], fetched());
        const ids = new Map<string, number>();
        for (const userId of [mei, tom]) for (const e of (await store.entries.list({ userId }, { limit: 500, cursor: null })).entries) ids.set(keyOf(e.link), e.id);
        return { mei, tom, shared, hers, his, id: (key) => ids.get(key) ?? -1 };
      }

      it('lists show each user only what their subscriptions reach, under their own feeds', async () => {
        const s = await seed();
        expect(await listed({ userId: s.mei })).toEqual(['common', 'rose', 'tulip', 'cross']);
        expect(await listed({ userId: s.tom })).toEqual(['bait', 'common', 'cross']);
        expect(await listed({ userId: s.tom, feedId: s.hers })).toEqual([]);
        expect(await listed({ userId: s.tom, tag: 'flowers' })).toEqual([]);
        expect(await listed({ userId: s.tom, ids: [s.id('rose'), s.id('tulip'), s.id('cross')] })).toEqual(['cross']);
        expect(await listed({ userId: s.tom, read: false, starred: false, sinceMs: T0 })).toEqual(['bait', 'common', 'cross']);
        const byKey = async (userId: number) => new Map((await store.entries.list({ userId }, { limit: 500, cursor: null })).entries.map((e) => [keyOf(e.link), [e.feedId, e.feedTitle]]));
        // cross was first stored under Garden: Tom sees it under his Pier, never under Mei's feed or name.
        expect((await byKey(s.tom)).get('cross')).toEqual([s.his, 'Pier']);
        expect((await byKey(s.mei)).get('cross')).toEqual([s.hers, 'Secret garden']);
        expect((await byKey(s.mei)).get('common')).toEqual([s.shared, 'Harbour']);
      });

      it("get and revision are null for entries out of the user's reach, except in the whole-archive view", async () => {
        const s = await seed();
        expect(await store.entries.get({ userId: s.tom }, s.id('rose'))).toBeNull();
        expect(await store.entries.revision({ userId: s.tom }, s.id('rose'), 0)).toBeNull();
        expect(await store.entries.revision({ userId: s.tom }, s.id('rose'), 1)).toBeNull();
        expect(await store.entries.revision({ userId: s.mei }, s.id('rose'), 1)).toMatchObject({ revision: 1, title: 'Roses in bloom, revised' });
        expect(await store.entries.get({ userId: s.mei }, s.id('bait'))).toBeNull();
        // The admin's whole-archive view: the entry with the home feed by its own title, never Mei's name for it.
        const archive = await store.entries.get({ userId: s.tom, archive: true }, s.id('rose'));
        expect(archive).toMatchObject({ title: 'Roses in bloom, revised', feedId: s.hers, feedTitle: 'Garden', revisionCount: 2, read: false });
        expect(archive?.feeds).toEqual([{ id: s.hers, title: 'Garden' }]);
        expect(await store.entries.revision({ userId: s.tom, archive: true }, s.id('rose'), 0)).toMatchObject({ revision: 0, title: story('rose').title });
        // An entry both reach: each sees only the feeds they subscribe to, by their names.
        expect(await store.entries.get({ userId: s.tom }, s.id('cross'))).toMatchObject({ feedId: s.his, feedTitle: 'Pier', feeds: [{ id: s.his, title: 'Pier' }] });
        expect(await store.entries.get({ userId: s.mei }, s.id('cross'))).toMatchObject({ feedId: s.hers, feedTitle: 'Secret garden', feeds: [{ id: s.hers, title: 'Secret garden' }] });
        const everyFeed = (await store.entries.get({ userId: s.tom, archive: true }, s.id('cross')))?.feeds ?? [];
        expect([...everyFeed].sort((x, y) => x.id - y.id)).toEqual([{ id: s.hers, title: 'Garden' }, { id: s.his, title: 'Pier' }]);
      });

      it("marks touch only what the user reaches, and one user's marks never move another's counts", async () => {
        const s = await seed();
        const tomsCounts = await store.entries.unreadCounts(s.tom);
        expect(tomsCounts).toEqual(new Map([[0, 3], [s.shared, 1], [s.his, 2]]));
        expect(await store.entries.unreadCounts(s.mei)).toEqual(new Map([[0, 4], [s.shared, 1], [s.hers, 3]]));
        expect(await store.entries.mark(s.tom, [s.id('rose'), s.id('tulip')], { read: true, starred: true })).toBe(0);
        expect(await store.entries.markAllRead({ userId: s.tom, feedId: s.hers })).toBe(0);
        expect(await store.entries.markAllRead({ userId: s.tom, ids: [s.id('rose')] })).toBe(0);
        expect(await store.entries.markAllRead({ userId: s.tom, tag: 'flowers' })).toBe(0);
        expect(await store.entries.get({ userId: s.tom, archive: true }, s.id('rose'))).toMatchObject({ read: false, starred: false });
        expect(await store.entries.unreadCounts(s.tom)).toEqual(tomsCounts);

        // Mei reads and stars everything she has: Tom's counts and marks stay as they were.
        expect(await store.entries.markAllRead({ userId: s.mei })).toBe(4);
        expect(await store.entries.mark(s.mei, [s.id('common'), s.id('cross'), s.id('bait')], { starred: true })).toBe(2);
        expect(await store.entries.unreadCounts(s.mei)).toEqual(new Map([[0, 0]]));
        expect(await store.entries.unreadCounts(s.tom)).toEqual(tomsCounts);
        expect(await listed({ userId: s.tom, starred: true })).toEqual([]);
        expect(await listed({ userId: s.tom, read: true })).toEqual([]);

        // Tom reads cross (Mei reaches it too, through her own feed): her counts stay at zero, his go down.
        expect(await store.entries.mark(s.tom, [s.id('cross')], { read: true })).toBe(1);
        expect(await store.entries.unreadCounts(s.tom)).toEqual(new Map([[0, 2], [s.shared, 1], [s.his, 1]]));
        expect(await store.entries.mark(s.mei, [s.id('cross')], { read: false })).toBe(1);
        expect(await store.entries.unreadCounts(s.mei)).toEqual(new Map([[0, 1], [s.hers, 1]]));
        expect(await store.entries.unreadCounts(s.tom)).toEqual(new Map([[0, 2], [s.shared, 1], [s.his, 1]]));
      });

      it("subscribing to a feed that carries entries already reached adds each of them to the user's total once", async () => {
        const s = await seed();
        expect(await store.entries.mark(s.tom, [s.id('cross')], { read: true })).toBe(1);
        expect(await store.entries.unreadCounts(s.tom)).toEqual(new Map([[0, 2], [s.shared, 1], [s.his, 1]]));
        // Garden carries rose, tulip and cross; cross is reached (and read) already.
        await store.subscriptions.add(s.tom, s.hers);
        expect(await store.entries.unreadCounts(s.tom)).toEqual(new Map([[0, 4], [s.shared, 1], [s.his, 1], [s.hers, 2]]));
        expect(await listed({ userId: s.tom })).toEqual(['bait', 'common', 'rose', 'tulip', 'cross']);
        expect(await store.subscriptions.remove(s.tom, s.his)).toBe(0);
        expect(await store.entries.unreadCounts(s.tom)).toEqual(new Map([[0, 3], [s.shared, 1], [s.hers, 2]]));
        expect(await listed({ userId: s.tom })).toEqual(['common', 'rose', 'tulip', 'cross']);
        expect((await store.entries.get({ userId: s.tom }, s.id('cross')))?.feedId).toBe(s.hers);
        expect(await store.subscriptions.remove(s.tom, s.hers)).toBe(1);
        expect(await store.entries.unreadCounts(s.tom)).toEqual(new Map([[0, 1], [s.shared, 1]]));
        expect(await store.entries.unreadCounts(s.mei)).toEqual(new Map([[0, 4], [s.shared, 1], [s.hers, 3]]));
      });
    });
  });
}
