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
    /** A new reader subscribed to these feeds. */
    const subscriber = async (username: string, ...feedIds: number[]) => {
      const { id } = await user(username);
      for (const feedId of feedIds) await store.subscriptions.add(id, feedId);
      return id;
    };

    describe('entry lists', () => {
      interface Seed { mei: number; tom: number; a: number; b: number; c: number; imported: number; id: (key: string) => number }

      /**
       * tram, ferry, wire, old via Harbour Daily; match and again wire via Hill Sports; owl via
       * Night Owl (same time as wire but stored later); one imported record, in no feed. Mei
       * subscribes to all three (before they are fetched): Harbour Daily tagged city and news, Hill
       * Sports named "Sports" and tagged sport. Tom subscribes later to Harbour Daily (untagged) and
       * Hill Sports (his own tag news), not to Night Owl. Mei has read ferry and wire and starred
       * wire and old; Tom has read tram, starred match.
       */
      async function seed(): Promise<Seed> {
        const a = (await store.feeds.add({ url: 'https://harbour.example/rss', title: 'Harbour Daily' })).id;
        const b = (await store.feeds.add({ url: 'https://hill.example/rss', title: 'Hill Sports' })).id;
        const c = (await store.feeds.add({ url: 'https://owl.example/rss', title: 'Night Owl' })).id;
        const mei = (await user('mei')).id;
        const tom = (await user('tom')).id;
        await store.subscriptions.add(mei, a, { tags: ['city', 'news'] });
        await store.subscriptions.add(mei, b, { titleOverride: 'Sports', tags: ['sport'] });
        await store.subscriptions.add(mei, c);
        await store.articles.applyRefresh(a, [news('tram', { publishedAt: T0 + 5 * HOUR }), news('ferry', { publishedAt: T0 + 4 * HOUR }), news('wire', { publishedAt: T0 + 2 * HOUR }), news('old', { publishedAt: T0 - 24 * HOUR })], fetched());
        await store.articles.applyRefresh(b, [news('match', { publishedAt: T0 + 3 * HOUR }), news('wire', { publishedAt: T0 + 2 * HOUR })], fetched());
        await store.articles.applyRefresh(c, [news('owl', { publishedAt: T0 + 2 * HOUR })], fetched());
        const imported = (await store.articles.importRecord(null, news('imported', { publishedAt: T0 + HOUR }), T0)).revision?.articleId ?? -1;
        await store.subscriptions.add(tom, a);
        await store.subscriptions.add(tom, b, { tags: ['news'] });
        const all = await store.entries.list({ userId: mei }, { limit: 500, cursor: null });
        const ids = new Map(all.entries.map((e) => [keyOf(e.link), e.id]));
        const id = (key: string) => (key === 'imported' ? imported : (ids.get(key) ?? -1));
        await store.entries.mark(mei, [id('ferry'), id('wire')], { read: true });
        await store.entries.mark(mei, [id('wire'), id('old')], { starred: true });
        await store.entries.mark(tom, [id('tram')], { read: true });
        await store.entries.mark(tom, [id('match')], { starred: true });
        return { mei, tom, a, b, c, imported, id };
      }

      it.each<[string, (s: Seed) => EntryFilter, string[]]>([
        ['no filter: what her subscriptions reach, newest first, a tie broken by the later id', (s) => ({ userId: s.mei }), ['tram', 'ferry', 'match', 'owl', 'wire', 'old']],
        ['feedId: what the feed carried, first stored there or not', (s) => ({ userId: s.mei, feedId: s.b }), ['match', 'wire']],
        ['tag: what any feed she gave the tag carried', (s) => ({ userId: s.mei, tag: 'news' }), ['tram', 'ferry', 'wire', 'old']],
        ['tag no feed has', (s) => ({ userId: s.mei, tag: 'weather' }), []],
        ['read: false', (s) => ({ userId: s.mei, read: false }), ['tram', 'match', 'owl', 'old']],
        ['read: true', (s) => ({ userId: s.mei, read: true }), ['ferry', 'wire']],
        ['starred: true', (s) => ({ userId: s.mei, starred: true }), ['wire', 'old']],
        ['starred: false', (s) => ({ userId: s.mei, starred: false }), ['tram', 'ferry', 'match', 'owl']],
        ['sinceMs is inclusive', (s) => ({ userId: s.mei, sinceMs: T0 + 2 * HOUR }), ['tram', 'ferry', 'match', 'owl', 'wire']],
        ['untilMs is exclusive', (s) => ({ userId: s.mei, untilMs: T0 + 2 * HOUR }), ['old']],
        ['maxId: ids up to it', (s) => ({ userId: s.mei, maxId: s.id('wire') }), ['tram', 'ferry', 'wire']],
        ['ids: only those, in list order, unknown and unreachable ids ignored', (s) => ({ userId: s.mei, ids: [s.id('old'), s.id('imported'), s.id('tram'), 424242] }), ['tram', 'old']],
        ['ids: an empty list matches nothing', (s) => ({ userId: s.mei, ids: [] }), []],
        ['feed and unread', (s) => ({ userId: s.mei, feedId: s.a, read: false }), ['tram', 'old']],
        ['tag and starred', (s) => ({ userId: s.mei, tag: 'sport', starred: true }), ['wire']],
        ['a time window, unread and not starred', (s) => ({ userId: s.mei, sinceMs: T0 + HOUR, untilMs: T0 + 4 * HOUR, read: false, starred: false }), ['match', 'owl']],
        ['ids within a feed', (s) => ({ userId: s.mei, feedId: s.b, ids: [s.id('wire'), s.id('owl'), s.id('match')] }), ['match', 'wire']],
        ["another user's read entries", (s) => ({ userId: s.tom, read: true }), ['tram']],
        ["another user's unread and starred", (s) => ({ userId: s.tom, read: false, starred: true }), ['match']],
        ['another user sees only what his subscriptions reach', (s) => ({ userId: s.tom }), ['tram', 'ferry', 'match', 'wire', 'old']],
        ['a feed the user does not subscribe to shows nothing', (s) => ({ userId: s.tom, feedId: s.c }), []],
        ['ids of entries the user cannot reach are left out', (s) => ({ userId: s.tom, ids: [s.id('owl'), s.id('imported'), s.id('match')] }), ['match']],
        ["a tag is the user's own: his news is on Hill Sports", (s) => ({ userId: s.tom, tag: 'news' }), ['match', 'wire']],
        ["another user's tags are not his", (s) => ({ userId: s.tom, tag: 'city' }), []],
        ["another user's tags are not his, even on a feed both read", (s) => ({ userId: s.tom, tag: 'sport' }), []],
      ])('%s', async (_case, filter, expected) => {
        const s = await seed();
        expect(keys(await store.entries.list(filter(s), { limit: 500, cursor: null }))).toEqual(expected);
      });

      it('each entry carries its feed by the user’s name, revision count and the user’s own marks', async () => {
        const s = await seed();
        const forMei = await store.entries.list({ userId: s.mei }, { limit: 500, cursor: null });
        const byKey = new Map(forMei.entries.map((e) => [keyOf(e.link), e]));
        expect(byKey.get('wire')).toMatchObject({ feedId: s.a, feedTitle: 'Harbour Daily', read: true, starred: true, revisionCount: 1, publishedAt: T0 + 2 * HOUR, author: 'Ana Costa' });
        expect(byKey.get('match')).toMatchObject({ feedId: s.b, feedTitle: 'Sports', read: false, starred: false });
        // An imported record is in no feed: no subscription reaches it, only the whole-archive view.
        expect(byKey.has('imported')).toBe(false);
        expect(await store.entries.get({ userId: s.mei, archive: true }, s.imported)).toMatchObject({ feedId: null, feedTitle: null, feeds: [] });
        expect(byKey.get('wire')).not.toHaveProperty('contentHtml');
        const forTom = await store.entries.list({ userId: s.tom, ids: [s.id('wire'), s.id('match')] }, { limit: 500, cursor: null, withContent: true });
        expect(forTom.entries.map((e) => [keyOf(e.link), e.read, e.starred])).toEqual([['match', false, true], ['wire', false, false]]);
        // Mei's name for Hill Sports is hers alone.
        expect(forTom.entries.map((e) => e.feedTitle)).toEqual(['Hill Sports', 'Harbour Daily']);
        expect(forTom.entries[1]?.contentHtml).toBe('<p>The council approved wire cycle lanes on the river road.</p>');
        expect(forTom.entries[1]?.categories).toEqual(['city']);
        expect(byKey.get('wire')).not.toHaveProperty('categories');
        await store.feeds.remove(s.a);
        // tram was only in the removed feed: nobody's subscriptions reach it now, the archive keeps it.
        expect(await store.entries.get({ userId: s.mei }, s.id('tram'))).toBeNull();
        expect(await store.entries.get({ userId: s.mei, archive: true }, s.id('tram'))).toMatchObject({ feedId: null, feedTitle: null, feeds: [] });
        // wire is still in Hill Sports, and shows under it by each user's name.
        expect(await store.entries.get({ userId: s.mei }, s.id('wire'))).toMatchObject({ feedId: s.b, feedTitle: 'Sports', feeds: [{ id: s.b, title: 'Sports' }] });
        expect(await store.entries.get({ userId: s.tom }, s.id('wire'))).toMatchObject({ feedId: s.b, feedTitle: 'Hill Sports', feeds: [{ id: s.b, title: 'Hill Sports' }] });
      });

      it('mark sets and clears read and starred separately, counting the ids the user can reach', async () => {
        const s = await seed();
        expect(await store.entries.mark(s.mei, [s.id('owl'), s.id('owl'), 424242, s.id('imported')], { read: true, starred: true })).toBe(1);
        expect(await store.entries.mark(s.mei, [s.id('wire')], { read: false })).toBe(1);
        expect(await store.entries.mark(s.mei, [s.id('old'), 424242], {})).toBe(1);
        const marks = async (userId: number) =>
          (await store.entries.list({ userId, ids: [s.id('owl'), s.id('wire')] }, { limit: 10, cursor: null })).entries.map((e) => [keyOf(e.link), e.read, e.starred]);
        expect(await marks(s.mei)).toEqual([['owl', true, true], ['wire', false, true]]);
        expect(await marks(s.tom)).toEqual([['wire', false, false]]);
        // Tom cannot mark what his subscriptions do not reach.
        expect(await store.entries.mark(s.tom, [s.id('owl'), s.id('imported')], { read: true, starred: true })).toBe(0);
        expect(await store.entries.mark(s.tom, [s.id('owl'), s.id('wire')], { read: false })).toBe(1);
        expect(await marks(s.mei)).toEqual([['owl', true, true], ['wire', false, true]]);
      });

      it('markAllRead marks what the filter matches and is still unread; entries above maxId stay unread', async () => {
        const s = await seed();
        expect(await store.entries.markAllRead({ userId: s.mei, maxId: s.id('wire') })).toBe(1); // only tram was unread
        expect(keys(await store.entries.list({ userId: s.mei, read: false }, { limit: 500, cursor: null }))).toEqual(['match', 'owl', 'old']);
        expect(await store.entries.markAllRead({ userId: s.tom, feedId: s.b })).toBe(2);
        expect(await store.entries.markAllRead({ userId: s.tom, feedId: s.b })).toBe(0);
        expect(keys(await store.entries.list({ userId: s.tom, read: false }, { limit: 500, cursor: null }))).toEqual(['ferry', 'old']);
        expect(await store.entries.markAllRead({ userId: s.tom, ids: [s.id('old'), s.id('tram')] })).toBe(1);
        expect((await store.entries.list({ userId: s.tom, starred: true }, { limit: 5, cursor: null })).entries.map((e) => e.read)).toEqual([true]);
        // Nothing outside Tom's reach: not a feed he does not subscribe to, not the imported record, not Mei's tag.
        expect(await store.entries.markAllRead({ userId: s.tom, feedId: s.c })).toBe(0);
        expect(await store.entries.markAllRead({ userId: s.tom, tag: 'city' })).toBe(0);
        expect(await store.entries.markAllRead({ userId: s.tom, ids: [s.id('owl'), s.id('imported')] })).toBe(0);
        expect(await store.entries.markAllRead({ userId: s.tom })).toBe(1); // ferry
        expect(await store.entries.unreadCounts(s.tom)).toEqual(new Map([[0, 0]]));
        expect(await store.entries.get({ userId: s.mei, archive: true }, s.imported)).toMatchObject({ read: false });
        expect(await store.entries.get({ userId: s.tom, archive: true }, s.id('owl'))).toMatchObject({ read: false });
        expect(keys(await store.entries.list({ userId: s.mei, read: false }, { limit: 500, cursor: null }))).toEqual(['match', 'owl', 'old']);
      });

      it('unreadCounts are per user and per subscribed feed, feeds with none left out, the distinct total under 0', async () => {
        const s = await seed();
        expect(await store.entries.unreadCounts(s.mei)).toEqual(new Map([[0, 4], [s.a, 2], [s.b, 1], [s.c, 1]]));
        expect(await store.entries.unreadCounts(s.tom)).toEqual(new Map([[0, 4], [s.a, 3], [s.b, 2]]));
        await store.entries.markAllRead({ userId: s.mei, feedId: s.c });
        expect((await store.entries.unreadCounts(s.mei)).has(s.c)).toBe(false);
        expect(await store.entries.unreadCounts(s.tom)).toEqual(new Map([[0, 4], [s.a, 3], [s.b, 2]]));
      });
    });

    it('an article under two feeds counts under each feed but once in the total', async () => {
      const x = (await store.feeds.add({ url: 'https://x.example/rss' })).id;
      const y = (await store.feeds.add({ url: 'https://y.example/rss' })).id;
      const ana = (await user('ana')).id;
      const bo = (await user('bo')).id;
      await store.subscriptions.add(ana, x);
      await store.articles.applyRefresh(x, [news('shared'), news('only-x')], fetched());
      await store.articles.applyRefresh(y, [news('shared')], fetched());
      await store.subscriptions.add(ana, y);
      await store.subscriptions.add(bo, y);
      expect(await store.entries.unreadCounts(ana)).toEqual(new Map([[0, 2], [x, 2], [y, 1]]));
      expect(await store.entries.unreadCounts(bo)).toEqual(new Map([[0, 1], [y, 1]]));
      const [shared] = (await store.entries.list({ userId: ana, feedId: y }, { limit: 1, cursor: null })).entries;
      await store.entries.mark(ana, [shared?.id ?? -1], { read: true });
      expect(await store.entries.unreadCounts(ana)).toEqual(new Map([[0, 1], [x, 1]]));
      expect(await store.entries.unreadCounts(bo)).toEqual(new Map([[0, 1], [y, 1]]));
      // Leaving y keeps shared reached through x; leaving x too leaves nothing.
      await store.entries.mark(ana, [shared?.id ?? -1], { read: false });
      expect(await store.subscriptions.remove(ana, y)).toBe(1);
      expect(await store.entries.unreadCounts(ana)).toEqual(new Map([[0, 2], [x, 2]]));
      expect(await store.subscriptions.remove(ana, x)).toBe(0);
      expect(await store.entries.unreadCounts(ana)).toEqual(new Map([[0, 0]]));
    });

    it('kept counts agree with a count from scratch after mixed refreshes, marks, imports, subscriptions and removals', async () => {
      // The test's own model of the archive: which articles each feed carries, who subscribes to
      // what, who has read what. Counts and lists are checked against it, not against each other.
      const idOf = new Map<string, number>();
      const links = new Map<number, Set<number>>();
      const subs = new Map<number, Set<number>>();
      const reads = new Map<number, Set<number>>();
      let revisions = 0;
      const reachOf = (userId: number) => new Set([...(subs.get(userId) ?? [])].flatMap((f) => [...(links.get(f) ?? [])]));
      const readsOf = (userId: number) => reads.get(userId) ?? new Set<number>();
      const sorted = (ids: Iterable<number>) => [...ids].sort((x, y) => x - y);
      const subscribers = (feedId: number) => [...subs.values()].filter((set) => set.has(feedId)).length;

      for (const seed of [1, 2, 3, 4]) {
        const rnd = seededRandom(seed);
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
        const feeds: number[] = [];
        const addFeed = async () => {
          const id = (await store.feeds.add({ url: `https://s${seed}f${feeds.length}-${rnd().toString(36).slice(2, 8)}.example/rss` })).id;
          feeds.push(id);
          links.set(id, new Set());
          return id;
        };
        for (let f = 0; f < 3; f++) await addFeed();
        const users: number[] = [];
        const addUser = async () => {
          const id = (await user(`u${seed}n${users.length}-${rnd().toString(36).slice(2, 6)}`)).id;
          users.push(id);
          subs.set(id, new Set());
          reads.set(id, new Set());
          return id;
        };
        for (let u = 0; u < 3; u++) await addUser();
        const subscribe = async (userId: number, feedId: number) => {
          await store.subscriptions.add(userId, feedId, rnd() < 0.5 ? { titleOverride: `Name ${seed}`, tags: ['t'] } : {});
          subs.get(userId)?.add(feedId);
        };
        // A feed shared by two users from the start, and one user with two feeds (the key pool is
        // shared, so articles soon come through both of them).
        await subscribe(users[0] as number, feeds[0] as number);
        await subscribe(users[0] as number, feeds[1] as number);
        await subscribe(users[1] as number, feeds[1] as number);
        await subscribe(users[1] as number, feeds[2] as number);

        for (let step = 0; step < 60; step++) {
          const known = [...idOf.values()];
          const r = rnd();
          if (r < 0.3 || known.length === 0) {
            // Keys from a small pool, so articles reach several feeds and get revisions.
            const feedId = pick(feeds);
            const batch = [...new Set(Array.from({ length: 3 }, () => `s${seed}k${Math.floor(rnd() * 12)}`))];
            const result = await store.articles.applyRefresh(feedId, batch.map((k) => news(k, { title: `Edition ${Math.floor(rnd() * 3)} (${k})` })), fetched());
            for (const w of result.written) idOf.set(w.articleKey, w.articleId);
            revisions += result.written.length;
            for (const k of batch) links.get(feedId)?.add(idOf.get(k) as number);
          } else if (r < 0.48) {
            const userId = pick(users);
            const ids = [pick(known), pick(known), ...(rnd() < 0.2 ? [424242] : [])];
            const change = rnd() < 0.6 ? { read: true } : { read: false, starred: rnd() < 0.5 };
            const reachable = new Set(ids.filter((id) => reachOf(userId).has(id)));
            expect(await store.entries.mark(userId, ids, change), `seed ${seed} step ${step}: mark`).toBe(reachable.size);
            for (const id of reachable) {
              if (change.read) readsOf(userId).add(id);
              else readsOf(userId).delete(id);
            }
          } else if (r < 0.58) {
            const userId = pick(users);
            const byFeed = rnd() < 0.5;
            const feedId = pick(feeds);
            const maxId = pick(known);
            const matched = byFeed ? (subs.get(userId)?.has(feedId) === true ? (links.get(feedId) ?? new Set<number>()) : new Set<number>()) : new Set([...reachOf(userId)].filter((id) => id <= maxId));
            const changed = [...matched].filter((id) => !readsOf(userId).has(id));
            expect(await store.entries.markAllRead({ userId, ...(byFeed ? { feedId } : { maxId }) }), `seed ${seed} step ${step}: markAllRead`).toBe(changed.length);
            for (const id of changed) readsOf(userId).add(id);
          } else if (r < 0.68) {
            const feedId = rnd() < 0.4 ? null : pick(feeds);
            const key = rnd() < 0.3 ? `s${seed}k${Math.floor(rnd() * 12)}` : `s${seed}i${step}`;
            const result = await store.articles.importRecord(feedId, news(key), T0);
            if (result.revision !== null) {
              idOf.set(key, result.revision.articleId);
              revisions += 1;
            }
            if (feedId !== null) links.get(feedId)?.add(idOf.get(key) as number);
          } else if (r < 0.86) {
            const userId = pick(users);
            const feedId = pick(feeds);
            if (subs.get(userId)?.has(feedId) === true) {
              subs.get(userId)?.delete(feedId);
              expect(await store.subscriptions.remove(userId, feedId), `seed ${seed} step ${step}: unsubscribe`).toBe(subscribers(feedId));
            } else {
              await subscribe(userId, feedId);
            }
          } else if (r < 0.92 && feeds.length > 1) {
            const gone = feeds.splice(Math.floor(rnd() * feeds.length), 1)[0] as number;
            await store.feeds.remove(gone);
            links.delete(gone);
            for (const set of subs.values()) set.delete(gone);
          } else if (r < 0.96) {
            const feedId = await addFeed();
            await subscribe(pick(users), feedId);
          } else {
            // A user leaves (and a new one comes): nobody else's counts move.
            const gone = users.splice(Math.floor(rnd() * users.length), 1)[0] as number;
            await store.users.remove(gone);
            subs.delete(gone);
            reads.delete(gone);
            await subscribe(await addUser(), pick(feeds));
          }
        }

        for (const userId of users) {
          const where = `seed ${seed}, user ${userId}`;
          const reach = reachOf(userId);
          const unread = [...reach].filter((id) => !readsOf(userId).has(id));
          const expected = new Map<number, number>([[0, unread.length]]);
          for (const feedId of subs.get(userId) ?? []) {
            const n = [...(links.get(feedId) ?? [])].filter((id) => !readsOf(userId).has(id)).length;
            if (n > 0) expected.set(feedId, n);
          }
          expect(await store.entries.unreadCounts(userId), where).toEqual(expected);
          expect(sorted((await everyEntry({ userId })).map((e) => e.id)), where).toEqual(sorted(reach));
          expect(sorted((await everyEntry({ userId, read: false })).map((e) => e.id)), where).toEqual(sorted(unread));
          expect((await store.subscriptions.list(userId)).map((s) => s.id), where).toEqual(sorted(subs.get(userId) ?? []));
          for (const feedId of feeds) {
            const listed = sorted((await everyEntry({ userId, feedId })).map((e) => e.id));
            expect(listed, `${where}, feed ${feedId}`).toEqual(subs.get(userId)?.has(feedId) === true ? sorted(links.get(feedId) ?? []) : []);
          }
        }
        const listedFeeds = (await store.feeds.list()).filter((f) => feeds.includes(f.id));
        expect(listedFeeds.map((f) => [f.id, f.articleCount, f.subscribers]), `seed ${seed}`).toEqual(feeds.map((id) => [id, links.get(id)?.size, subscribers(id)]).sort((x, y) => (x[0] as number) - (y[0] as number)));
        const due = (await store.feeds.due(Number.MAX_SAFE_INTEGER, 1_000)).map((f) => f.id).filter((id) => feeds.includes(id));
        expect(sorted(due), `seed ${seed}: due`).toEqual(sorted(feeds.filter((id) => subscribers(id) > 0)));
      }
      expect(await store.articles.count()).toEqual({ articles: idOf.size, revisions });
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
        return subscriber('reader', feed);
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

      it.each([1, 4, 7, 23, 500])('oldest first, pages of %i give every entry once, oldest first, ties by id', async (limit) => {
        const userId = await many();
        const pages: EntryPage[] = [];
        let cursor: string | null = null;
        do {
          const page: EntryPage = await store.entries.list({ userId }, { limit, cursor, order: 'oldest' });
          pages.push(page);
          cursor = page.nextCursor;
        } while (cursor !== null && pages.length < 100);
        const entries = pages.flatMap((p) => p.entries);
        expect(entries).toHaveLength(23);
        expect(pages.every((p) => p.entries.length <= limit)).toBe(true);
        const sorted = [...entries].sort((x, y) => x.publishedAt - y.publishedAt || x.id - y.id);
        expect(entries.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
        const newest = (await allPages(store, { userId }, 500)).flatMap((p) => p.entries.map((e) => e.id));
        expect(entries.map((e) => e.id)).toEqual([...newest].reverse());
      });

      it('oldest first keeps every filter', async () => {
        const userId = await many();
        const everything = (await allPages(store, { userId }, 500)).flatMap((p) => p.entries);
        const ids = everything.filter((_, i) => i % 3 === 0).map((e) => e.id);
        await store.entries.mark(userId, ids, { read: true });
        const unread = (await store.entries.list({ userId, read: false }, { limit: 500, cursor: null, order: 'oldest' })).entries.map((e) => e.id);
        expect(unread).toEqual(everything.filter((e) => !ids.includes(e.id)).map((e) => e.id).reverse());
        const since = everything[10]?.publishedAt ?? 0;
        const first = await store.entries.list({ userId, sinceMs: since, read: true }, { limit: 2, cursor: null, order: 'oldest' });
        const rest = await store.entries.list({ userId, sinceMs: since, read: true }, { limit: 500, cursor: first.nextCursor, order: 'oldest' });
        const expected = everything.filter((e) => e.publishedAt >= since && ids.includes(e.id)).map((e) => e.id).reverse();
        expect([...first.entries, ...rest.entries].map((e) => e.id)).toEqual(expected);
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
        const [entry] = (await store.entries.list({ userId: await subscriber('reader', feed) }, { limit: 1, cursor: null })).entries;
        expect(entry?.summary).toBe(expected);
      });

      it.each([
        ['words', 'Tidal power plant approved. '.repeat(40)],
        ['CJK text', '潮汐发电站获批建设。'.repeat(60)],
      ])('a long clean text of %s is cut to about 300 characters', async (_case, text) => {
        const feed = (await store.feeds.add({ url: 'https://s.example/rss' })).id;
        await store.articles.applyRefresh(feed, [news('long', { clean: { html: `<p>${text}</p>`, text, firedRules: [] } })], fetched());
        const summary = (await store.entries.list({ userId: await subscriber('reader', feed) }, { limit: 1, cursor: null })).entries[0]?.summary ?? '';
        expect(Array.from(summary).length).toBeLessThanOrEqual(301);
        expect(Array.from(summary).length).toBeGreaterThan(250);
        expect(summary.endsWith('…')).toBe(true);
        expect(text.startsWith(summary.slice(0, -1))).toBe(true);
      });
    });

    it('get returns the whole entry with every revision; revision(n) returns one version', async () => {
      const a = (await store.feeds.add({ url: 'https://harbour.example/rss', title: 'Harbour Daily' })).id;
      const b = (await store.feeds.add({ url: 'https://hill.example/rss', title: 'Hill News' })).id;
      const v0 = news('budget', { title: 'City budget published', fullHtml: '<article><p>The full budget story.</p></article>', extraction: 'readability', categories: ['budget', 'city'] });
      const v1 = news('budget', { title: 'City budget published, with corrections', html: '<p>Corrected figures.</p>', clean: { html: '<p>Corrected figures.</p>', text: 'Corrected figures.', firedRules: [] }, categories: ['budget', 'council'] });
      await store.articles.applyRefresh(a, [v0], fetched(T0 + HOUR));
      await store.articles.applyRefresh(b, [v0], fetched(T0 + 2 * HOUR));
      await store.articles.applyRefresh(a, [v1], fetched(T0 + 3 * HOUR));
      const mei = (await user('mei')).id;
      await store.subscriptions.add(mei, a, { titleOverride: 'Harbour' });
      await store.subscriptions.add(mei, b);
      const id = (await store.entries.list({ userId: mei }, { limit: 1, cursor: null })).entries[0]?.id ?? -1;
      await store.entries.mark(mei, [id], { starred: true });
      const entry = await store.entries.get({ userId: mei }, id);
      expect(entry).toMatchObject({
        id, title: v1.title, link: v1.link, feedId: a, feedTitle: 'Harbour', revisionCount: 2, read: false, starred: true,
        contentHtml: '<p>Corrected figures.</p>', html: '<p>Corrected figures.</p>', extraction: 'feed', summary: 'Corrected figures.', createdAt: T0 + HOUR,
      });
      expect([...(entry?.categories ?? [])].sort()).toEqual(['budget', 'council']);
      expect([...(entry?.feeds ?? [])].sort((x, y) => x.id - y.id)).toEqual([{ id: a, title: 'Harbour' }, { id: b, title: 'Hill News' }]);
      expect(entry?.revisions).toEqual([
        { revision: 0, title: v0.title, publishedAt: T0, updatedAt: null, fetchedAt: T0 + HOUR, contentHash: v0.contentHash, source: 'feed' },
        { revision: 1, title: v1.title, publishedAt: T0, updatedAt: null, fetchedAt: T0 + 3 * HOUR, contentHash: v1.contentHash, source: 'feed' },
      ]);
      // Another user's marks and names are not Tom's; he subscribes only to Hill News, so that is its feed for him.
      const tom = await subscriber('tom', b);
      expect(await store.entries.get({ userId: tom }, id)).toMatchObject({ starred: false, feedId: b, feedTitle: 'Hill News', feeds: [{ id: b, title: 'Hill News' }] });
      // The whole-archive view names every feed (by the viewer's names where there are any) and falls back to the home feed.
      const archive = await store.entries.get({ userId: tom, archive: true }, id);
      expect(archive).toMatchObject({ starred: false, feedId: b, revisionCount: 2 });
      expect([...(archive?.feeds ?? [])].sort((x, y) => x.id - y.id)).toEqual([{ id: a, title: 'Harbour Daily' }, { id: b, title: 'Hill News' }]);
      const nobody = (await user('nobody')).id;
      expect(await store.entries.get({ userId: nobody }, id)).toBeNull();
      expect(await store.entries.get({ userId: nobody, archive: true }, id)).toMatchObject({ feedId: a, feedTitle: 'Harbour Daily', starred: false });
      const first = { ...entry?.revisions[0], link: v0.link, cleanHtml: v0.clean?.html, cleanText: v0.clean?.text, html: '<article><p>The full budget story.</p></article>' };
      expect(await store.entries.revision({ userId: mei }, id, 0)).toEqual(first);
      expect((await store.entries.revision({ userId: mei }, id, 1))?.cleanText).toBe('Corrected figures.');
      expect(await store.entries.revision({ userId: tom }, id, 0)).toEqual(first);
      expect(await store.entries.revision({ userId: nobody }, id, 0)).toBeNull();
      expect(await store.entries.revision({ userId: nobody, archive: true }, id, 0)).toEqual(first);
    });

    it.each([
      ['an unknown entry', (s: Store) => s.entries.get({ userId: 1 }, 424242)],
      ['an unknown entry in the whole archive', (s: Store) => s.entries.get({ userId: 1, archive: true }, 424242)],
      ['an unknown revision', (s: Store) => s.entries.revision({ userId: 1 }, 424242, 0)],
      ['an unknown revision in the whole archive', (s: Store) => s.entries.revision({ userId: 1, archive: true }, 424242, 0)],
    ])('%s is null', async (_case, read) => {
      expect(await read(store)).toBeNull();
    });

    it('a revision number past the last is null', async () => {
      const feed = (await store.feeds.add({ url: 'https://r.example/rss' })).id;
      await store.articles.applyRefresh(feed, [news('r1')], fetched());
      const userId = await subscriber('reader', feed);
      const id = (await store.entries.list({ userId }, { limit: 1, cursor: null })).entries[0]?.id ?? -1;
      expect(await store.entries.revision({ userId }, id, 1)).toBeNull();
      expect(await store.entries.revision({ userId, archive: true }, id, 1)).toBeNull();
      expect(await store.entries.revision({ userId }, id, 0)).not.toBeNull();
    });

    describe('accounts', () => {
      it('users: create, count, get, byName with the hash, setPassword; a taken name is a CONFLICT', async () => {
        expect(await store.users.count()).toBe(0);
        const mei = await store.users.create({ username: 'mei', passwordHash: 'scrypt$1', isAdmin: true });
        expect(mei).toEqual({
          id: mei.id, username: 'mei', isAdmin: true, disabled: false, createdAt: expect.any(Number) as number,
          settings: { language: null, timeZone: null, pageSize: 50, sort: 'newest' },
        });
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
        const revoked = await store.tokens.revoke(mei.id, phone.id);
        expect(revoked).toMatchObject({ id: phone.id, lastUsedAt: T0 + 5, revokedAt: expect.any(Number) as number });
        expect((await store.tokens.revoke(mei.id, phone.id)).revokedAt).toBe(revoked.revokedAt);
        expect(await store.tokens.findByHash(sha('t1'))).toBeNull();
        expect(await store.tokens.findByHash(sha('unknown'))).toBeNull();
        expect(await store.tokens.list(mei.id)).toEqual([revoked, laptop]);
        await expectFailure(store.tokens.revoke(mei.id, 424242), 'NOT_FOUND', '424242');
        // Tokens are each user's: another user neither lists nor revokes them.
        const tom = await user('tom');
        const tablet = await store.tokens.create({ userId: tom.id, name: 'tablet', tokenHash: sha('t3') });
        expect(await store.tokens.list(tom.id)).toEqual([tablet]);
        expect(await store.tokens.list(mei.id)).toEqual([revoked, laptop]);
        await expectFailure(store.tokens.revoke(tom.id, laptop.id), 'NOT_FOUND', String(laptop.id));
        expect(await store.tokens.findByHash(sha('t2'))).toEqual({ token: laptop, user: mei });
        expect(await store.tokens.findByHash(sha('t3'))).toEqual({ token: tablet, user: tom });
      });
    });
  });
}
