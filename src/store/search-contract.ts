/**
 * The search part of the store contract: every backend returns exactly the hit sets our relevance
 * fixtures expect (src/search/testdata/, checked against the in-memory reference matcher there),
 * pages with cursors, sorts by date, and always searches an article's latest revision.
 * Each fixture article is stored through its own feed, whose title is the article's feed; one
 * reader subscribes to every feed and tags each subscription with the article's tags.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../search/index.js';
import type { EntryScope, FeedFetchState, IncomingArticle, Store } from './store.js';

interface FixtureArticle { id: string; title: string; body: string; author: string | null; feed: string; tags: string[]; published: string }
interface FixtureQuery { q: string; expect: string[] }

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../search/testdata/${name}`, import.meta.url), 'utf8')) as T;
const ARTICLES = read<FixtureArticle[]>('articles.json');
const QUERIES = read<FixtureQuery[]>('queries.json');

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function incoming(key: string, title: string, text: string, publishedAt: number, author: string | null = null): IncomingArticle {
  const html = `<p>${text}</p>`;
  return {
    key, title, link: `https://news.example.org/${encodeURIComponent(key)}`, author, publishedAt, updatedAt: null, summary: null, html,
    categories: [], contentHash: sha(`${title}\u0000${html}`), recordId: sha(key).slice(0, 16), clean: { html, text, firedRules: [] },
  };
}

const state = (title: string): FeedFetchState => ({ status: 'ok', fetchedAt: Date.UTC(2024, 5, 1), error: null, consecutiveFailures: 0, nextCheckAt: Date.UTC(2024, 5, 2), scheduleReason: 'test', title });

async function idsOf(store: Store, scope: EntryScope, q: string, sort: 'relevance' | 'date' = 'relevance'): Promise<string[]> {
  const page = await store.search.search(parseQuery(q), { scope, limit: 500, sort, cursor: null });
  return page.hits.map((h) => decodeURIComponent(h.link.split('/').pop() ?? ''));
}

export function searchContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: search`, () => {
    let store: Store;
    let scope: EntryScope;
    beforeAll(async () => {
      store = await open();
      const reader = await store.users.create({ username: 'searcher', passwordHash: 'scrypt$x', isAdmin: false });
      scope = { userId: reader.id };
      for (const a of ARTICLES) {
        const feed = await store.feeds.add({ url: `https://feeds.example.org/${a.id}.xml` });
        await store.subscriptions.add(reader.id, feed.id, { tags: a.tags });
        await store.articles.applyRefresh(feed.id, [incoming(a.id, a.title, a.body, Date.parse(a.published), a.author)], state(a.feed));
      }
    });
    afterAll(async () => {
      await store.close();
    });

    it.each(QUERIES.map((q) => [q.q, q.expect] as const))('%s', async (q, expected) => {
      expect((await idsOf(store, scope, q)).sort()).toEqual([...expected].sort());
    });

    it('pages through results with cursors, without repeats or gaps', async () => {
      const ast = parseQuery('的');
      const all = await store.search.search(ast, { scope, limit: 500, sort: 'relevance', cursor: null });
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Store['search']['search']>> = await store.search.search(ast, { scope, limit: 3, sort: 'relevance', cursor });
        expect(page.total).toBe(all.total);
        seen.push(...page.hits.map((h) => h.articleId));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(all.hits.map((h) => h.articleId));
      expect(all.total).toBeGreaterThan(3);
    });

    it('sorts by date, newest first, and pages by date too', async () => {
      const ast = parseQuery('的');
      const first = await store.search.search(ast, { scope, limit: 4, sort: 'date', cursor: null });
      const rest = await store.search.search(ast, { scope, limit: 500, sort: 'date', cursor: first.nextCursor });
      const times = [...first.hits, ...rest.hits].map((h) => h.publishedAt);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(first.hits.length + rest.hits.length).toBe(first.total);
    });

    it('ranks a title match above a body-only match', async () => {
      const [top] = (await store.search.search(parseQuery('董军'), { scope, limit: 5, sort: 'relevance', cursor: null })).hits;
      expect(top?.title).toContain('董军');
    });

    it('a cursor from another sort order is refused clearly', async () => {
      const page = await store.search.search(parseQuery('的'), { scope, limit: 1, sort: 'relevance', cursor: null });
      await expect(store.search.search(parseQuery('的'), { scope, limit: 1, sort: 'date', cursor: page.nextCursor })).rejects.toThrow(/cursor/);
    });
  });

  describe(`store contract: ${name}: search follows revisions`, () => {
    it('finds the latest revision only, and follows feed titles, names and tags', async () => {
      const store = await open();
      try {
        const feed = await store.feeds.add({ url: 'https://feeds.example.org/rev.xml' });
        const reader = await store.users.create({ username: 'searcher', passwordHash: 'scrypt$x', isAdmin: false });
        await store.subscriptions.add(reader.id, feed.id);
        const scope = { userId: reader.id };
        const t = Date.UTC(2024, 0, 31);
        await store.articles.applyRefresh(feed.id, [incoming('rev-1', '港口夜航开通', '渡轮晚上九点加开一班', t)], state('港城日报'));
        expect(await idsOf(store, scope, '渡轮')).toEqual(['rev-1']);
        await store.articles.applyRefresh(feed.id, [incoming('rev-1', '港口夜航开通', '夜班巴士延长到凌晨', t)], state('港城日报'));
        expect(await idsOf(store, scope, '渡轮')).toEqual([]);
        expect(await idsOf(store, scope, '巴士')).toEqual(['rev-1']);
        expect(await idsOf(store, scope, 'feed:港城')).toEqual(['rev-1']);
        await store.articles.applyRefresh(feed.id, [], state('海港晚报'));
        expect(await idsOf(store, scope, 'feed:港城')).toEqual([]);
        expect(await idsOf(store, scope, 'feed:晚报')).toEqual(['rev-1']);
        await store.subscriptions.update(reader.id, feed.id, { tags: ['交通'], titleOverride: 'Ferry Watch' });
        expect(await idsOf(store, scope, 'tag:交通')).toEqual(['rev-1']);
        expect(await idsOf(store, scope, 'feed:ferry')).toEqual(['rev-1']);
        expect(await idsOf(store, scope, 'feed:晚报')).toEqual(['rev-1']);
        await store.subscriptions.update(reader.id, feed.id, { tags: ['城市'], titleOverride: null });
        expect(await idsOf(store, scope, 'tag:交通')).toEqual([]);
        expect(await idsOf(store, scope, 'tag:城市')).toEqual(['rev-1']);
        expect(await idsOf(store, scope, 'feed:ferry')).toEqual([]);
        expect(await store.search.indexedVersion()).not.toBeNull();
        expect(await store.search.reindex()).toBe(1);
        expect(await idsOf(store, scope, '巴士')).toEqual(['rev-1']);
        expect(await idsOf(store, scope, 'tag:城市')).toEqual(['rev-1']);
      } finally {
        await store.close();
      }
    });
  });

  describe(`store contract: ${name}: search is each user's own`, () => {
    let store: Store;
    let mei: number;
    let tom: number;
    let shared: number;
    const t = Date.UTC(2024, 2, 1);
    beforeAll(async () => {
      store = await open();
      mei = (await store.users.create({ username: 'mei', passwordHash: 'scrypt$m', isAdmin: false })).id;
      tom = (await store.users.create({ username: 'tom', passwordHash: 'scrypt$t', isAdmin: true })).id;
      // Both read the harbour feed, under their own names and tags; the garden feed is Mei's alone.
      shared = (await store.feeds.add({ url: 'https://feeds.example.org/harbour.xml' })).id;
      const garden = (await store.feeds.add({ url: 'https://feeds.example.org/garden.xml' })).id;
      const market = (await store.feeds.add({ url: 'https://feeds.example.org/market.xml' })).id;
      await store.subscriptions.add(mei, shared, { titleOverride: '渡口日记', tags: ['秘密', 'ferries'] });
      await store.subscriptions.add(tom, shared, { titleOverride: 'Dock notes', tags: ['work'] });
      await store.subscriptions.add(mei, garden, { titleOverride: 'My garden', tags: ['flowers'] });
      await store.subscriptions.add(tom, market);
      await store.articles.applyRefresh(shared, [incoming('ferry', '渡轮加开夜班', '港口渡轮今晚加开一班', t)], state('Harbour Gazette'));
      await store.articles.applyRefresh(garden, [incoming('rose', 'Roses in bloom', 'The rose garden opens to visitors on Sunday', t + 1)], state('Garden Weekly'));
      // First stored under Mei's garden feed, then also carried by Tom's market feed.
      await store.articles.applyRefresh(garden, [incoming('tulip', 'Tulip sale', 'Tulips are sold at the flower market', t + 3)], state('Garden Weekly'));
      await store.articles.applyRefresh(market, [incoming('tulip', 'Tulip sale', 'Tulips are sold at the flower market', t + 3)], state('Market Days'));
      await store.articles.importRecord(null, incoming('archived', 'Old ferry timetable', 'Ferries every hour in 1998', t + 2), t);
    });
    afterAll(async () => {
      await store.close();
    });
    const as = (userId: number, archive = false): EntryScope => (archive ? { userId, archive } : { userId });

    it.each<[string, () => EntryScope, string, string[]]>([
      ["a user's own tag", () => as(mei), 'tag:秘密', ['ferry']],
      ["another user's tag, on an article he reaches too", () => as(tom), 'tag:秘密', []],
      ["another user's tag in Latin letters", () => as(tom), 'tag:ferries', []],
      ["his own tag on the same feed", () => as(tom), 'tag:work', ['ferry']],
      ["her tag on her own feed", () => as(mei), 'tag:flowers', ['rose', 'tulip']],
      ["a user's own name for a feed", () => as(mei), 'feed:渡口日记', ['ferry']],
      ["a single character of it", () => as(mei), 'feed:渡', ['ferry']],
      ["another user's name for it", () => as(tom), 'feed:渡口日记', []],
      ["a character of another user's name", () => as(tom), 'feed:渡', []],
      ["his own name", () => as(tom), 'feed:dock', ['ferry']],
      ["his name is not hers", () => as(mei), 'feed:dock', []],
      ["the feed's own title, for everyone who reads it", () => as(tom), 'feed:gazette', ['ferry']],
      ["the feed's own title, for her too", () => as(mei), 'feed:gazette', ['ferry']],
      ["excluding another user's tag excludes nothing", () => as(tom), '渡轮 -tag:秘密', ['ferry']],
      ["excluding her own tag does", () => as(mei), '渡轮 -tag:秘密', []],
      ["an article only another user's subscriptions reach", () => as(tom), 'rose', []],
      ["an article only another user's feed carries, by that feed's title", () => as(tom), 'feed:garden rose', []],
      ["the whole archive: that article by that title", () => as(tom, true), 'feed:garden rose', ['rose']],
      ["an imported record nobody's subscriptions reach", () => as(mei), 'ferries', []],
      ["the whole archive: articles no subscription of his reaches", () => as(tom, true), 'rose', ['rose']],
      ["the whole archive: an imported record", () => as(tom, true), 'ferries', ['archived']],
      ["the whole archive: still only his own tags", () => as(tom, true), 'tag:秘密', []],
      ["the whole archive: his own tags", () => as(tom, true), 'tag:work', ['ferry']],
      ["the whole archive: feed titles of every feed", () => as(tom, true), 'feed:garden', ['rose', 'tulip']],
    ])('%s', async (_case, scope, q, expected) => {
      expect((await idsOf(store, scope(), q)).sort()).toEqual(expected);
    });

    it('totals count only what the scope reaches', async () => {
      const ast = parseQuery('ferry OR rose OR 渡轮');
      const total = async (scope: EntryScope) => (await store.search.search(ast, { scope, limit: 1, sort: 'date', cursor: null })).total;
      expect(await total(as(mei))).toBe(2);
      expect(await total(as(tom))).toBe(1);
      expect(await total(as(tom, true))).toBe(3);
      const tulips = parseQuery('tulips');
      expect((await store.search.search(tulips, { scope: as(tom), limit: 1, sort: 'relevance', cursor: null })).total).toBe(1);
    });

    it("a hit names its feed by the searcher's own name", async () => {
      const hit = async (scope: EntryScope) => (await store.search.search(parseQuery('渡轮'), { scope, limit: 5, sort: 'relevance', cursor: null })).hits[0]?.feed;
      expect(await hit(as(mei))).toBe('渡口日记');
      expect(await hit(as(tom))).toBe('Dock notes');
      // Tom reaches the tulip sale only through his market feed: the hit never names Mei's garden feed.
      const tulip = async (scope: EntryScope) => (await store.search.search(parseQuery('tulips'), { scope, limit: 5, sort: 'relevance', cursor: null })).hits.map((h) => h.feed);
      expect(await tulip(as(tom))).toEqual(['Market Days']);
      expect(await tulip(as(mei))).toEqual(['My garden']);
      expect(await tulip(as(tom, true))).toEqual(['Market Days']);
      // In the whole archive, an article none of his feeds carries is named by its home feed's own title.
      const rose = (await store.search.search(parseQuery('rose'), { scope: as(tom, true), limit: 5, sort: 'relevance', cursor: null })).hits[0];
      expect(rose?.feed).toBe('Garden Weekly');
      const imported = (await store.search.search(parseQuery('ferries'), { scope: as(tom, true), limit: 5, sort: 'relevance', cursor: null })).hits[0];
      expect(imported?.feed).toBeNull();
    });

    it('a renamed or retagged subscription, or one that ends, stops matching the old words', async () => {
      const other = await open();
      try {
        const bo = (await other.users.create({ username: 'bo', passwordHash: 'x', isAdmin: false })).id;
        const ana = (await other.users.create({ username: 'ana', passwordHash: 'x', isAdmin: false })).id;
        const feed = (await other.feeds.add({ url: 'https://feeds.example.org/tram.xml' })).id;
        await other.subscriptions.add(ana, feed, { titleOverride: 'Tram news', tags: ['commute'] });
        await other.subscriptions.add(bo, feed, { tags: ['commute'] });
        await other.articles.applyRefresh(feed, [incoming('tram', '电车线路调整', '电车明天起改道', t)], state('City Transit'));
        expect(await idsOf(other, as(ana), 'feed:tram tag:commute')).toEqual(['tram']);
        await other.subscriptions.update(ana, feed, { titleOverride: 'Streetcars', tags: ['city'] });
        expect(await idsOf(other, as(ana), 'feed:tram')).toEqual([]);
        expect(await idsOf(other, as(ana), 'tag:commute')).toEqual([]);
        expect(await idsOf(other, as(ana), 'feed:streetcars tag:city')).toEqual(['tram']);
        expect(await idsOf(other, as(bo), 'tag:commute')).toEqual(['tram']);
        expect(await idsOf(other, as(bo), 'tag:city')).toEqual([]);
        await other.subscriptions.remove(ana, feed);
        expect(await idsOf(other, as(ana, true), 'feed:streetcars')).toEqual([]);
        expect(await idsOf(other, as(ana, true), 'tag:city')).toEqual([]);
        await other.subscriptions.add(ana, feed);
        expect(await idsOf(other, as(ana), 'tag:city')).toEqual([]);
        expect(await idsOf(other, as(ana), '电车')).toEqual(['tram']);
        // A removed user's names go with them (even to a new user who may get the same id); the others' stay.
        await other.subscriptions.update(ana, feed, { tags: ['rails'] });
        await other.users.remove(ana);
        const cara = (await other.users.create({ username: 'cara', passwordHash: 'x', isAdmin: false })).id;
        expect(await idsOf(other, as(cara, true), 'tag:rails')).toEqual([]);
        expect(await idsOf(other, as(bo), 'tag:commute')).toEqual(['tram']);
        expect(await other.search.reindex()).toBe(1);
        expect(await idsOf(other, as(bo), 'tag:commute')).toEqual(['tram']);
        expect(await idsOf(other, as(bo), 'feed:transit')).toEqual(['tram']);
      } finally {
        await other.close();
      }
    });
  });
}
