/**
 * The reader's part of the store contract: entry lists (order, keyset paging, every filter alone
 * and combined), read and starred marks per user, unread counts, single entries with their
 * revisions, and the accounts behind them (users, sessions, API tokens). storeContract runs it for
 * every backend. All news text here is invented; tests never assume particular ids.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import type { ErrorCode } from '../core/index.js';
import type { EntryFilter, EntryPage, FeedFetchState, IncomingArticle, Store } from './store.js';

const T0 = Date.UTC(2024, 2, 1, 8, 0, 0);
const HOUR = 3_600_000;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

interface Draft {
  title?: string;
  publishedAt?: number;
  summary?: string | null;
  html?: string;
  clean?: IncomingArticle['clean'];
  fullHtml?: string | null;
  extraction?: string | null;
  categories?: string[];
}

/** An invented article whose link ends in its key, so a test can map entries back to keys. */
function news(key: string, d: Draft = {}): IncomingArticle {
  const title = d.title ?? `Council approves new cycle lanes (${key})`;
  const html = d.html ?? `<p>The council approved ${key} cycle lanes on the river road.</p>`;
  const text = `The council approved ${key} cycle lanes on the river road.`;
  return {
    key, title, link: `https://city.example.net/news/${key}`, author: 'Ana Costa', publishedAt: d.publishedAt ?? T0, updatedAt: null,
    summary: d.summary === undefined ? null : d.summary, html, categories: d.categories ?? ['city'], contentHash: sha(`${title}\n${html}`),
    recordId: sha(key).slice(0, 16), fullHtml: d.fullHtml ?? null, extraction: d.extraction ?? 'feed',
    clean: d.clean === undefined ? { html, text, firedRules: [] } : d.clean,
  };
}

const fetched = (fetchedAt = T0 + HOUR): FeedFetchState => ({ status: 'ok', fetchedAt, error: null, consecutiveFailures: 0, nextCheckAt: fetchedAt + HOUR, scheduleReason: 'ttl' });
const keyOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
const keys = (page: EntryPage) => page.entries.map((e) => keyOf(e.link));

async function expectFailure(promise: Promise<unknown>, code: ErrorCode, fragment: string): Promise<void> {
  const err: unknown = await promise.then(() => new Error('expected a failure, but it succeeded'), (e: unknown) => e);
  expect(err).toMatchObject({ name: 'FeedkeeperError', code });
  expect((err as Error).message).toContain(fragment);
}

/** Every page of a list, by following nextCursor. */
async function allPages(store: Store, filter: EntryFilter, limit: number): Promise<EntryPage[]> {
  const pages: EntryPage[] = [];
  let cursor: string | null = null;
  do {
    const page: EntryPage = await store.entries.list(filter, { limit, cursor });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 1_000);
  return pages;
}

export function readerContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: reader`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    const user = (username: string) => store.users.create({ username, passwordHash: `scrypt$${username}`, isAdmin: false });

    describe('entry lists', () => {
      interface Seed { mei: number; tom: number; a: number; b: number; c: number; id: (key: string) => number }

      /**
       * tram, ferry, wire, old via Harbour Daily (tags city, news); match and again wire via Hill
       * Sports (sport); owl via Night Owl (no tags, same time as wire but stored later); one imported
       * record. Mei has read ferry and wire and starred wire and old; Tom has read tram, starred match.
       */
      async function seed(): Promise<Seed> {
        const a = (await store.feeds.add({ url: 'https://harbour.example/rss', title: 'Harbour Daily', tags: ['city', 'news'] })).id;
        const b = (await store.feeds.add({ url: 'https://hill.example/rss', title: 'Hill Sports', titleOverride: 'Sports', tags: ['sport'] })).id;
        const c = (await store.feeds.add({ url: 'https://owl.example/rss', title: 'Night Owl' })).id;
        await store.articles.applyRefresh(a, [news('tram', { publishedAt: T0 + 5 * HOUR }), news('ferry', { publishedAt: T0 + 4 * HOUR }), news('wire', { publishedAt: T0 + 2 * HOUR }), news('old', { publishedAt: T0 - 24 * HOUR })], fetched());
        await store.articles.applyRefresh(b, [news('match', { publishedAt: T0 + 3 * HOUR }), news('wire', { publishedAt: T0 + 2 * HOUR })], fetched());
        await store.articles.applyRefresh(c, [news('owl', { publishedAt: T0 + 2 * HOUR })], fetched());
        await store.articles.importRecord(null, news('imported', { publishedAt: T0 + HOUR }), T0);
        const mei = (await user('mei')).id;
        const tom = (await user('tom')).id;
        const all = await store.entries.list({ userId: mei }, { limit: 500, cursor: null });
        const ids = new Map(all.entries.map((e) => [keyOf(e.link), e.id]));
        const id = (key: string) => ids.get(key) ?? -1;
        await store.entries.mark(mei, [id('ferry'), id('wire')], { read: true });
        await store.entries.mark(mei, [id('wire'), id('old')], { starred: true });
        await store.entries.mark(tom, [id('tram')], { read: true });
        await store.entries.mark(tom, [id('match')], { starred: true });
        return { mei, tom, a, b, c, id };
      }

      it.each<[string, (s: Seed) => EntryFilter, string[]]>([
        ['no filter: everything, newest first, a tie broken by the later id', (s) => ({ userId: s.mei }), ['tram', 'ferry', 'match', 'owl', 'wire', 'imported', 'old']],
        ['feedId: what the feed carried, first stored there or not', (s) => ({ userId: s.mei, feedId: s.b }), ['match', 'wire']],
        ['tag: what any feed with the tag carried', (s) => ({ userId: s.mei, tag: 'news' }), ['tram', 'ferry', 'wire', 'old']],
        ['tag no feed has', (s) => ({ userId: s.mei, tag: 'weather' }), []],
        ['read: false', (s) => ({ userId: s.mei, read: false }), ['tram', 'match', 'owl', 'imported', 'old']],
        ['read: true', (s) => ({ userId: s.mei, read: true }), ['ferry', 'wire']],
        ['starred: true', (s) => ({ userId: s.mei, starred: true }), ['wire', 'old']],
        ['starred: false', (s) => ({ userId: s.mei, starred: false }), ['tram', 'ferry', 'match', 'owl', 'imported']],
        ['sinceMs is inclusive', (s) => ({ userId: s.mei, sinceMs: T0 + 2 * HOUR }), ['tram', 'ferry', 'match', 'owl', 'wire']],
        ['untilMs is exclusive', (s) => ({ userId: s.mei, untilMs: T0 + 2 * HOUR }), ['imported', 'old']],
        ['maxId: ids up to it', (s) => ({ userId: s.mei, maxId: s.id('wire') }), ['tram', 'ferry', 'wire']],
        ['ids: only those, in list order, unknown ids ignored', (s) => ({ userId: s.mei, ids: [s.id('old'), s.id('tram'), 424242] }), ['tram', 'old']],
        ['ids: an empty list matches nothing', (s) => ({ userId: s.mei, ids: [] }), []],
        ['feed and unread', (s) => ({ userId: s.mei, feedId: s.a, read: false }), ['tram', 'old']],
        ['tag and starred', (s) => ({ userId: s.mei, tag: 'sport', starred: true }), ['wire']],
        ['a time window, unread and not starred', (s) => ({ userId: s.mei, sinceMs: T0 + HOUR, untilMs: T0 + 4 * HOUR, read: false, starred: false }), ['match', 'owl', 'imported']],
        ['ids within a feed', (s) => ({ userId: s.mei, feedId: s.b, ids: [s.id('wire'), s.id('owl'), s.id('match')] }), ['match', 'wire']],
        ["another user's read entries", (s) => ({ userId: s.tom, read: true }), ['tram']],
        ["another user's unread and starred", (s) => ({ userId: s.tom, read: false, starred: true }), ['match']],
      ])('%s', async (_case, filter, expected) => {
        const s = await seed();
        expect(keys(await store.entries.list(filter(s), { limit: 500, cursor: null }))).toEqual(expected);
      });

      it('each entry carries its feed, revision count and the user’s own marks', async () => {
        const s = await seed();
        const forMei = await store.entries.list({ userId: s.mei }, { limit: 500, cursor: null });
        const byKey = new Map(forMei.entries.map((e) => [keyOf(e.link), e]));
        expect(byKey.get('wire')).toMatchObject({ feedId: s.a, feedTitle: 'Harbour Daily', read: true, starred: true, revisionCount: 1, publishedAt: T0 + 2 * HOUR, author: 'Ana Costa' });
        expect(byKey.get('match')).toMatchObject({ feedId: s.b, feedTitle: 'Sports', read: false, starred: false });
        expect(byKey.get('imported')).toMatchObject({ feedId: null, feedTitle: null });
        expect(byKey.get('wire')).not.toHaveProperty('contentHtml');
        const forTom = await store.entries.list({ userId: s.tom, ids: [s.id('wire'), s.id('match')] }, { limit: 500, cursor: null, withContent: true });
        expect(forTom.entries.map((e) => [keyOf(e.link), e.read, e.starred])).toEqual([['match', false, true], ['wire', false, false]]);
        expect(forTom.entries[1]?.contentHtml).toBe('<p>The council approved wire cycle lanes on the river road.</p>');
        expect(forTom.entries[1]?.categories).toEqual(['city']);
        expect(byKey.get('wire')).not.toHaveProperty('categories');
        await store.feeds.remove(s.a);
        expect((await store.entries.get(s.mei, s.id('tram')))?.feedId).toBeNull();
      });

      it('mark sets and clears read and starred separately, counting the ids that exist', async () => {
        const s = await seed();
        expect(await store.entries.mark(s.mei, [s.id('owl'), s.id('owl'), 424242], { read: true, starred: true })).toBe(1);
        expect(await store.entries.mark(s.mei, [s.id('wire')], { read: false })).toBe(1);
        expect(await store.entries.mark(s.mei, [s.id('old'), 424242], {})).toBe(1);
        const marks = async (userId: number) =>
          (await store.entries.list({ userId, ids: [s.id('owl'), s.id('wire')] }, { limit: 10, cursor: null })).entries.map((e) => [keyOf(e.link), e.read, e.starred]);
        expect(await marks(s.mei)).toEqual([['owl', true, true], ['wire', false, true]]);
        expect(await marks(s.tom)).toEqual([['owl', false, false], ['wire', false, false]]);
      });

      it('markAllRead marks what the filter matches and is still unread; entries above maxId stay unread', async () => {
        const s = await seed();
        expect(await store.entries.markAllRead({ userId: s.mei, maxId: s.id('wire') })).toBe(1); // only tram was unread
        expect(keys(await store.entries.list({ userId: s.mei, read: false }, { limit: 500, cursor: null }))).toEqual(['match', 'owl', 'imported', 'old']);
        expect(await store.entries.markAllRead({ userId: s.tom, feedId: s.b })).toBe(2);
        expect(await store.entries.markAllRead({ userId: s.tom, feedId: s.b })).toBe(0);
        expect(keys(await store.entries.list({ userId: s.tom, read: false }, { limit: 500, cursor: null }))).toEqual(['ferry', 'owl', 'imported', 'old']);
        expect(await store.entries.markAllRead({ userId: s.tom, ids: [s.id('old'), s.id('tram')] })).toBe(1);
        expect((await store.entries.list({ userId: s.tom, starred: true }, { limit: 5, cursor: null })).entries.map((e) => e.read)).toEqual([true]);
      });

      it('unreadCounts are per user and per feed, feeds with none left out, the total under 0', async () => {
        const s = await seed();
        expect(await store.entries.unreadCounts(s.mei)).toEqual(new Map([[0, 5], [s.a, 2], [s.b, 1], [s.c, 1]]));
        expect(await store.entries.unreadCounts(s.tom)).toEqual(new Map([[0, 6], [s.a, 3], [s.b, 2], [s.c, 1]]));
        await store.entries.markAllRead({ userId: s.mei, feedId: s.c });
        expect((await store.entries.unreadCounts(s.mei)).has(s.c)).toBe(false);
      });
    });

    it('an article under two feeds counts under each feed but once in the total', async () => {
      const x = (await store.feeds.add({ url: 'https://x.example/rss' })).id;
      const y = (await store.feeds.add({ url: 'https://y.example/rss' })).id;
      await store.articles.applyRefresh(x, [news('shared'), news('only-x')], fetched());
      await store.articles.applyRefresh(y, [news('shared')], fetched());
      const ana = (await user('ana')).id;
      expect(await store.entries.unreadCounts(ana)).toEqual(new Map([[0, 2], [x, 2], [y, 1]]));
      const [shared] = (await store.entries.list({ userId: ana, feedId: y }, { limit: 1, cursor: null })).entries;
      await store.entries.mark(ana, [shared?.id ?? -1], { read: true });
      expect(await store.entries.unreadCounts(ana)).toEqual(new Map([[0, 1], [x, 1]]));
    });

    it('kept counts agree with a count from scratch after mixed refreshes, marks, imports and a removal', async () => {
      for (const seed of [1, 2, 3]) {
        const rnd = seededRandom(seed);
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
        const feeds = [];
        for (let f = 0; f < 3; f++) feeds.push((await store.feeds.add({ url: `https://s${seed}f${f}.example/rss` })).id);
        const users = [(await user(`u${seed}a`)).id, (await user(`u${seed}b`)).id];
        for (let step = 0; step < 40; step++) {
          const all = (await store.entries.list({ userId: users[0] as number }, { limit: 500, cursor: null })).entries.map((e) => e.id);
          const r = rnd();
          if (r < 0.35 || all.length === 0) {
            // Keys from a small pool, so articles reach several feeds and get revisions.
            const batch = Array.from({ length: 3 }, () => `s${seed}k${Math.floor(rnd() * 12)}`);
            await store.articles.applyRefresh(pick(feeds), [...new Set(batch)].map((k) => news(k, { title: `Edition ${Math.floor(rnd() * 3)} (${k})` })), fetched());
          } else if (r < 0.7) {
            await store.entries.mark(pick(users), [pick(all), pick(all)], rnd() < 0.6 ? { read: true } : { read: false, starred: rnd() < 0.5 });
          } else if (r < 0.85) {
            await store.entries.markAllRead({ userId: pick(users), ...(rnd() < 0.5 ? { feedId: pick(feeds) } : { maxId: pick(all) }) });
          } else if (r < 0.95) {
            await store.articles.importRecord(rnd() < 0.5 ? null : pick(feeds), news(`s${seed}i${step}`), T0);
          } else if (feeds.length > 1) {
            const gone = feeds.splice(Math.floor(rnd() * feeds.length), 1)[0] as number;
            await store.feeds.remove(gone);
          }
        }
        for (const userId of users) {
          const expected = new Map<number, number>([[0, (await everyEntry({ userId, read: false })).length]]);
          for (const { id: feedId } of await store.feeds.list()) {
            const n = (await everyEntry({ userId, feedId, read: false })).length;
            if (n > 0) expected.set(feedId, n);
          }
          expect(await store.entries.unreadCounts(userId), `seed ${seed}, user ${userId}`).toEqual(expected);
        }
        for (const f of await store.feeds.list()) expect(f.articleCount, `seed ${seed}, feed ${f.id}`).toBe((await everyEntry({ userId: users[0] as number, feedId: f.id })).length);
      }
      const everything = await everyEntry({ userId: (await user('counter')).id });
      const revisions = everything.reduce((sum, e) => sum + e.revisionCount, 0);
      expect(await store.articles.count()).toEqual({ articles: everything.length, revisions });
    });

    /** Every entry a filter matches, through every page. */
    async function everyEntry(filter: EntryFilter) {
      return (await allPages(store, filter, 500)).flatMap((p) => p.entries);
    }

    describe('paging', () => {
      // 23 articles, three to each published time, stored in shuffled order so ids do not follow time.
      async function many(count = 23): Promise<number> {
        const feed = (await store.feeds.add({ url: 'https://busy.example/rss' })).id;
        const batch = Array.from({ length: count }, (_, i) => (i * 7) % count).map((n) => news(`n${n}`, { publishedAt: T0 + Math.floor(n / 3) * 60_000 }));
        await store.articles.applyRefresh(feed, batch, fetched());
        return (await user('reader')).id;
      }

      it.each([1, 4, 7, 23, 500])('pages of %i give every entry once, newest first, ties by id', async (limit) => {
        const userId = await many();
        const pages = await allPages(store, { userId }, limit);
        const entries = pages.flatMap((p) => p.entries);
        expect(entries).toHaveLength(23);
        expect(new Set(entries.map((e) => e.id)).size).toBe(23);
        expect(pages.every((p) => p.entries.length <= limit)).toBe(true);
        expect(pages.at(-1)?.nextCursor).toBeNull();
        const sorted = [...entries].sort((x, y) => y.publishedAt - x.publishedAt || y.id - x.id);
        expect(entries.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
      });

      it('marking entries read while paging the unread list neither skips nor repeats one', async () => {
        const userId = await many();
        const seen: number[] = [];
        let cursor: string | null = null;
        do {
          const page: EntryPage = await store.entries.list({ userId, read: false }, { limit: 5, cursor });
          seen.push(...page.entries.map((e) => e.id));
          await store.entries.mark(userId, page.entries.map((e) => e.id), { read: true });
          cursor = page.nextCursor;
        } while (cursor !== null);
        expect(new Set(seen).size).toBe(23);
        expect(await store.entries.unreadCounts(userId)).toEqual(new Map([[0, 0]]));
      });

      it('an ids filter longer than one query can bind is paged the same way', async () => {
        const userId = await many(620);
        const everything = (await allPages(store, { userId }, 500)).flatMap((p) => p.entries.map((e) => e.id));
        const ids = [...everything].reverse().concat([424242]);
        const pages = await allPages(store, { userId, ids }, 500);
        expect(pages.map((p) => p.entries.length)).toEqual([500, 120]);
        expect(pages.flatMap((p) => p.entries.map((e) => e.id))).toEqual(everything);
        expect(await store.entries.markAllRead({ userId, ids: ids.slice(0, 550) })).toBe(550);
        expect(await store.entries.mark(userId, ids, { starred: true })).toBe(620);
      });

      it.each([
        ['not base64url JSON', '%%%'],
        ['JSON without a position', Buffer.from('{"o":3}').toString('base64url')],
        ['a position that is not numbers', Buffer.from('{"p":"x","id":1}').toString('base64url')],
      ])('a cursor that is %s is a USAGE error naming the cursor', async (_case, cursor) => {
        await expectFailure(store.entries.list({ userId: 1 }, { limit: 5, cursor }), 'USAGE', `cursor "${cursor}"`);
      });

      it.each([0, 501, 2.5, Number.NaN])('limit %s is a USAGE error', async (limit) => {
        await expectFailure(store.entries.list({ userId: 1 }, { limit, cursor: null }), 'USAGE', 'limit');
      });
    });

    describe('summaries', () => {
      it.each<[string, string | null, string | null, string | null]>([
        ['the feed summary, whitespace collapsed', '  Night buses  run\n until 2 a.m.  ', 'Body text.', 'Night buses run until 2 a.m.'],
        ['markup dropped and entities decoded', '<p>Rain <b>expected</b> on Friday &amp; Saturday.</p><p>Bring an umbrella.</p>', 'Body.', 'Rain expected on Friday & Saturday. Bring an umbrella.'],
        ['script in a summary is not text', '<p>Market opens</p><script>track()</script>', null, 'Market opens'],
        ['no summary: the start of the clean text', null, 'The library\n\nreopens on Monday.', 'The library reopens on Monday.'],
        ['a blank summary falls back too', '   ', '港城图书馆周一重新开放。', '港城图书馆周一重新开放。'],
        ['neither: null', null, null, null],
      ])('%s', async (_case, summary, text, expected) => {
        const feed = (await store.feeds.add({ url: 'https://s.example/rss' })).id;
        const clean = text === null ? null : { html: `<p>${text}</p>`, text, firedRules: [] };
        await store.articles.applyRefresh(feed, [news('s1', { summary, clean })], fetched());
        const [entry] = (await store.entries.list({ userId: 1 }, { limit: 1, cursor: null })).entries;
        expect(entry?.summary).toBe(expected);
      });

      it.each([
        ['words', 'Tidal power plant approved. '.repeat(40)],
        ['CJK text', '潮汐发电站获批建设。'.repeat(60)],
      ])('a long clean text of %s is cut to about 300 characters', async (_case, text) => {
        const feed = (await store.feeds.add({ url: 'https://s.example/rss' })).id;
        await store.articles.applyRefresh(feed, [news('long', { clean: { html: `<p>${text}</p>`, text, firedRules: [] } })], fetched());
        const summary = (await store.entries.list({ userId: 1 }, { limit: 1, cursor: null })).entries[0]?.summary ?? '';
        expect(Array.from(summary).length).toBeLessThanOrEqual(301);
        expect(Array.from(summary).length).toBeGreaterThan(250);
        expect(summary.endsWith('…')).toBe(true);
        expect(text.startsWith(summary.slice(0, -1))).toBe(true);
      });
    });

    it('get returns the whole entry with every revision; revision(n) returns one version', async () => {
      const a = (await store.feeds.add({ url: 'https://harbour.example/rss', title: 'Harbour Daily', titleOverride: 'Harbour' })).id;
      const b = (await store.feeds.add({ url: 'https://hill.example/rss', title: 'Hill News' })).id;
      const v0 = news('budget', { title: 'City budget published', fullHtml: '<article><p>The full budget story.</p></article>', extraction: 'readability', categories: ['budget', 'city'] });
      const v1 = news('budget', { title: 'City budget published, with corrections', html: '<p>Corrected figures.</p>', clean: { html: '<p>Corrected figures.</p>', text: 'Corrected figures.', firedRules: [] }, categories: ['budget', 'council'] });
      await store.articles.applyRefresh(a, [v0], fetched(T0 + HOUR));
      await store.articles.applyRefresh(b, [v0], fetched(T0 + 2 * HOUR));
      await store.articles.applyRefresh(a, [v1], fetched(T0 + 3 * HOUR));
      const mei = (await user('mei')).id;
      const id = (await store.entries.list({ userId: mei }, { limit: 1, cursor: null })).entries[0]?.id ?? -1;
      await store.entries.mark(mei, [id], { starred: true });
      const entry = await store.entries.get(mei, id);
      expect(entry).toMatchObject({
        id, title: v1.title, link: v1.link, feedId: a, feedTitle: 'Harbour', revisionCount: 2, read: false, starred: true,
        contentHtml: '<p>Corrected figures.</p>', html: '<p>Corrected figures.</p>', extraction: 'feed', summary: 'Corrected figures.', createdAt: T0 + HOUR,
      });
      expect([...(entry?.categories ?? [])].sort()).toEqual(['budget', 'council']);
      expect([...(entry?.feeds ?? [])].sort((x, y) => x.id - y.id)).toEqual([{ id: a, title: 'Harbour' }, { id: b, title: 'Hill News' }]);
      expect(entry?.revisions).toEqual([
        { revision: 0, title: v0.title, publishedAt: T0, updatedAt: null, fetchedAt: T0 + HOUR, contentHash: v0.contentHash },
        { revision: 1, title: v1.title, publishedAt: T0, updatedAt: null, fetchedAt: T0 + 3 * HOUR, contentHash: v1.contentHash },
      ]);
      expect((await store.entries.get(424242, id))?.starred).toBe(false);
      expect(await store.entries.revision(id, 0)).toEqual({
        ...entry?.revisions[0], link: v0.link, cleanHtml: v0.clean?.html, cleanText: v0.clean?.text, html: '<article><p>The full budget story.</p></article>',
      });
      expect((await store.entries.revision(id, 1))?.cleanText).toBe('Corrected figures.');
    });

    it.each([
      ['an unknown entry', (s: Store) => s.entries.get(1, 424242)],
      ['an unknown revision', (s: Store) => s.entries.revision(424242, 0)],
    ])('%s is null', async (_case, read) => {
      expect(await read(store)).toBeNull();
    });

    it('a revision number past the last is null', async () => {
      const feed = (await store.feeds.add({ url: 'https://r.example/rss' })).id;
      await store.articles.applyRefresh(feed, [news('r1')], fetched());
      const id = (await store.entries.list({ userId: 1 }, { limit: 1, cursor: null })).entries[0]?.id ?? -1;
      expect(await store.entries.revision(id, 1)).toBeNull();
    });

    describe('accounts', () => {
      it('users: create, count, get, byName with the hash, setPassword; a taken name is a CONFLICT', async () => {
        expect(await store.users.count()).toBe(0);
        const mei = await store.users.create({ username: 'mei', passwordHash: 'scrypt$1', isAdmin: true });
        expect(mei).toEqual({ id: mei.id, username: 'mei', isAdmin: true, createdAt: expect.any(Number) as number });
        await expectFailure(store.users.create({ username: 'mei', passwordHash: 'x', isAdmin: false }), 'CONFLICT', '"mei"');
        expect(await store.users.count()).toBe(1);
        expect(await store.users.get(mei.id)).toEqual(mei);
        await store.users.setPassword(mei.id, 'scrypt$2');
        expect(await store.users.byName('mei')).toEqual({ ...mei, passwordHash: 'scrypt$2' });
        expect(await store.users.byName('nobody')).toBeNull();
        expect(await store.users.get(424242)).toBeNull();
        await expectFailure(store.users.setPassword(424242, 'x'), 'NOT_FOUND', '424242');
      });

      it('sessions: found with their user until they expire, then gone', async () => {
        const mei = await user('mei');
        const session = { idHash: sha('cookie-secret'), userId: mei.id, csrfToken: 'csrf-1', createdAt: T0, expiresAt: T0 + HOUR };
        await store.sessions.create(session);
        await store.sessions.create({ ...session, idHash: sha('other'), expiresAt: T0 + 9 * HOUR });
        expect(await store.sessions.get(session.idHash, T0 + HOUR - 1)).toEqual({ session, user: mei });
        expect(await store.sessions.get(session.idHash, T0 + HOUR)).toBeNull();
        expect(await store.sessions.get(sha('unknown'), T0)).toBeNull();
        expect(await store.sessions.removeExpired(T0 + HOUR)).toBe(1);
        expect(await store.sessions.get(session.idHash, T0)).toBeNull();
        await store.sessions.remove(sha('other'));
        await store.sessions.remove(sha('other'));
        expect(await store.sessions.get(sha('other'), T0)).toBeNull();
        await store.sessions.create({ ...session, idHash: sha('phone'), expiresAt: T0 + 9 * HOUR });
        await store.sessions.extend(sha('phone'), T0 + 20 * HOUR);
        expect((await store.sessions.get(sha('phone'), T0 + 19 * HOUR))?.session.expiresAt).toBe(T0 + 20 * HOUR);
        await store.sessions.extend(sha('unknown'), T0 + 20 * HOUR);
        await store.sessions.create({ ...session, idHash: sha('laptop'), expiresAt: T0 + 9 * HOUR });
        expect(await store.sessions.removeForUser(mei.id)).toBe(2);
        expect(await store.sessions.get(sha('phone'), T0)).toBeNull();
        await expectFailure(store.sessions.create({ ...session, userId: 424242 }), 'NOT_FOUND', '424242');
      });

      it('tokens: found by hash until revoked, touched, listed revoked or not; revoking twice keeps the first time', async () => {
        const mei = await user('mei');
        const phone = await store.tokens.create({ userId: mei.id, name: 'phone', tokenHash: sha('t1') });
        const laptop = await store.tokens.create({ userId: mei.id, name: 'laptop', tokenHash: sha('t2') });
        expect(phone).toEqual({ id: phone.id, userId: mei.id, name: 'phone', createdAt: expect.any(Number) as number, lastUsedAt: null, revokedAt: null });
        expect(await store.tokens.findByHash(sha('t1'))).toEqual({ token: phone, user: mei });
        await store.tokens.touch(phone.id, T0 + 5);
        expect((await store.tokens.findByHash(sha('t1')))?.token.lastUsedAt).toBe(T0 + 5);
        const revoked = await store.tokens.revoke(phone.id);
        expect(revoked).toMatchObject({ id: phone.id, lastUsedAt: T0 + 5, revokedAt: expect.any(Number) as number });
        expect((await store.tokens.revoke(phone.id)).revokedAt).toBe(revoked.revokedAt);
        expect(await store.tokens.findByHash(sha('t1'))).toBeNull();
        expect(await store.tokens.findByHash(sha('unknown'))).toBeNull();
        expect(await store.tokens.list()).toEqual([revoked, laptop]);
        await expectFailure(store.tokens.revoke(424242), 'NOT_FOUND', '424242');
      });
    });
  });
}
