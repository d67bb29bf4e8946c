/**
 * The behaviour every Store implementation shares, as one vitest suite: store/sqlite runs it on an
 * in-memory database, store/postgres on a fresh schema. It checks the rules in store.ts's header
 * (one transaction per refresh, revisions only on a real change, idempotent refreshes, one article
 * under many feeds, nothing deleted by a refresh) plus the FeedRepo and ArticleRepo details, then
 * runs the search, reader, subscription and user parts (search-contract.ts, reader-contract.ts,
 * subscription-contract.ts, user-contract.ts). `open` must give an empty store each time; tests
 * never assume particular ids.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiPasswordContract } from './api-password-contract.js';
import { watchContract } from './watch-contract.js';
import { mediaContract } from './media-contract.js';
import { crawlContract } from './crawl-contract.js';
import { webhookContract } from './webhook-contract.js';
import { oidcContract } from './oidc-contract.js';
import { readerContract } from './reader-contract.js';
import { searchContract } from './search-contract.js';
import { subscriptionContract } from './subscription-contract.js';
import { userContract } from './user-contract.js';
import type { ErrorCode } from '../core/index.js';
import { parseQuery } from '../search/index.js';
import type { FeedFetchState, IncomingArticle, Store, StoredRevision } from './store.js';

const T0 = Date.UTC(2024, 0, 31, 9, 0, 0);
const HOUR = 3_600_000;

function hashOf(title: string, html: string): string {
  return createHash('sha256').update(`${title}\n${html}`, 'utf8').digest('hex');
}

/** An invented news article; contentHash follows title + html unless given. */
function article(key: string, over: Partial<IncomingArticle> = {}): IncomingArticle {
  const base = {
    key,
    title: `Harbour ferry timetable changes (${key})`,
    link: `https://news.example.org/2024/01/${encodeURIComponent(key)}`,
    author: 'Lin Wei',
    publishedAt: T0,
    updatedAt: null,
    summary: 'Ferries to the outer islands run every 20 minutes from Monday.',
    html: '<p>Ferries to the outer islands will run every 20 minutes from Monday, the port office said.</p>',
    categories: ['city', 'transport'],
    ...over,
  };
  return { ...base, contentHash: over.contentHash ?? hashOf(base.title, base.html), recordId: over.recordId ?? hashOf(key, '').slice(0, 16) };
}

const CHINESE = article('urn:cn:metro-7', {
  title: '港城地铁七号线今日开通',
  html: '<p>港城地铁七号线今天上午正式通车，全线共设十二座车站。</p>',
  author: '王小明',
});

function fetched(over: Partial<FeedFetchState> = {}): FeedFetchState {
  return { status: 'ok', fetchedAt: T0 + HOUR, error: null, consecutiveFailures: 0, nextCheckAt: T0 + 2 * HOUR, scheduleReason: 'ttl 60 min', ...over };
}

async function collect(revisions: AsyncIterable<StoredRevision>): Promise<StoredRevision[]> {
  const all: StoredRevision[] = [];
  for await (const revision of revisions) all.push(revision);
  return all;
}

async function expectFailure(promise: Promise<unknown>, code: ErrorCode, fragment?: string): Promise<void> {
  const err: unknown = await promise.then(
    () => new Error('expected a failure, but it succeeded'),
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ name: 'FeedkeeperError', code });
  if (fragment !== undefined) expect((err as Error).message).toContain(fragment);
}

export function storeContract(name: string, open: () => Promise<Store>, opts: { skip?: boolean } = {}): void {
  describe.skipIf(opts.skip === true)(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    const addFeed = (url = 'https://news.example.org/feed.xml', slug?: string) =>
      store.feeds.add(slug === undefined ? { url } : { url, slug });
    const reader = (username = 'mei') => store.users.create({ username, passwordHash: `scrypt$${username}`, isAdmin: false });

    it('latestHashes tells which keys are stored and with which content', async () => {
      const feed = await addFeed();
      const a = article('urn:hash:1');
      await store.articles.applyRefresh(feed.id, [a], fetched());
      const hashes = await store.articles.latestHashes(['urn:hash:1', 'urn:hash:unknown']);
      expect([...hashes]).toEqual([['urn:hash:1', a.contentHash]]);
      expect((await store.articles.latestHashes([])).size).toBe(0);
    });

    describe('feeds', () => {
      it('add fills in defaults, uses the id as slug, and get returns the same feed', async () => {
        const feed = await store.feeds.add({ url: 'https://news.example.org/feed.xml' });
        expect(feed).toMatchObject({
          url: 'https://news.example.org/feed.xml', slug: String(feed.id), title: null, siteUrl: null,
          minIntervalMs: null, maxIntervalMs: null, userAgent: null, enabled: true, fulltext: 'auto',
          etag: null, lastModified: null, lastFetchAt: null, lastStatus: 'never', lastError: null, consecutiveFailures: 0, scheduleReason: null,
        });
        // Names and tags are each subscriber's, not the shared feed's.
        expect(feed).not.toHaveProperty('titleOverride');
        expect(feed).not.toHaveProperty('tags');
        expect(feed.createdAt).toBeGreaterThan(0);
        expect(await store.feeds.get(feed.id)).toEqual(feed);
        expect(await store.feeds.list()).toEqual([{ ...feed, articleCount: 0, subscribers: 0 }]);
      });

      it('add keeps every setting given; a subscription keeps its name and tags in their order', async () => {
        const settings = {
          url: 'https://cn.example.com/rss', title: '港城日报', siteUrl: 'https://cn.example.com/', slug: '7-gangcheng',
          minIntervalMs: 600_000, maxIntervalMs: 86_400_000, userAgent: 'feedkeeper-test', enabled: false, fulltext: 'always' as const, nextCheckAt: T0,
        };
        const feed = await store.feeds.add(settings);
        expect(feed).toMatchObject(settings);
        expect(await store.feeds.getByUrl(settings.url)).toEqual(feed);
        const mei = await reader();
        const own = { titleOverride: 'Harbour City Daily', tags: ['新闻', 'local', 'asia'] };
        const subscription = await store.subscriptions.add(mei.id, feed.id, own);
        expect(subscription).toEqual({ ...feed, ...own, userId: mei.id, subscribedAt: expect.any(Number) as number, articleCount: 0 });
        expect(await store.subscriptions.get(mei.id, feed.id)).toEqual(subscription);
        expect(await store.feeds.get(feed.id)).toEqual(feed);
      });

      it('add rejects a URL that is already subscribed, naming the feed', async () => {
        const first = await addFeed();
        await expectFailure(addFeed(), 'CONFLICT', `already subscribed to https://news.example.org/feed.xml (feed ${first.id})`);
        expect(await store.feeds.list()).toHaveLength(1);
      });

      it('get and getByUrl return null for feeds that do not exist', async () => {
        expect(await store.feeds.get(424242)).toBeNull();
        expect(await store.feeds.getByUrl('https://nowhere.example/feed')).toBeNull();
      });

      it('update changes only what the patch names; a subscription update replaces the tags', async () => {
        const feed = await store.feeds.add({ url: 'https://a.example/feed', userAgent: 'ua-1' });
        const updated = await store.feeds.update(feed.id, { title: 'Morning Brief', enabled: false });
        expect(updated).toEqual({ ...feed, title: 'Morning Brief', enabled: false });
        expect(await store.feeds.get(feed.id)).toEqual(updated);
        // The scheduler's next look can be moved (a feed subscribed to again is checked now).
        const moved = await store.feeds.update(feed.id, { nextCheckAt: T0, enabled: true });
        expect(moved).toEqual({ ...updated, nextCheckAt: T0, enabled: true });
        const mei = await reader();
        const subscription = await store.subscriptions.add(mei.id, feed.id, { tags: ['old'] });
        const renamed = await store.subscriptions.update(mei.id, feed.id, { titleOverride: 'Brief', tags: ['b', 'a'] });
        expect(renamed).toEqual({ ...subscription, titleOverride: 'Brief', tags: ['b', 'a'] });
        expect(await store.subscriptions.update(mei.id, feed.id, { tags: [] })).toEqual({ ...renamed, tags: [] });
        expect(await store.subscriptions.update(mei.id, feed.id, { titleOverride: null })).toEqual({ ...subscription, tags: [] });
        expect(await store.feeds.get(feed.id)).toEqual(moved);
      });

      it.each([
        ['update', (s: Store) => s.feeds.update(424242, { enabled: false })],
        ['remove', (s: Store) => s.feeds.remove(424242)],
        ['recordFetch', (s: Store) => s.feeds.recordFetch(424242, fetched())],
      ])('%s of a missing feed is NOT_FOUND naming the id', async (_name, act) => {
        await expectFailure(act(store), 'NOT_FOUND', '424242');
      });

      it('update to a URL another feed has is a CONFLICT and changes nothing', async () => {
        const a = await addFeed('https://a.example/feed');
        const b = await addFeed('https://b.example/feed');
        await expectFailure(store.feeds.update(b.id, { url: a.url, title: 'x' }), 'CONFLICT', `(feed ${a.id})`);
        expect(await store.feeds.get(b.id)).toEqual(b);
      });

      it('due lists enabled, subscribed feeds whose check is due, soonest first, up to the limit', async () => {
        const late = await store.feeds.add({ url: 'https://a.example/1', nextCheckAt: T0 - 1_000 });
        const soon = await store.feeds.add({ url: 'https://a.example/2', nextCheckAt: T0 - 5_000 });
        const exact = await store.feeds.add({ url: 'https://a.example/3', nextCheckAt: T0 });
        const disabled = await store.feeds.add({ url: 'https://a.example/4', nextCheckAt: T0 - 9_000, enabled: false });
        const later = await store.feeds.add({ url: 'https://a.example/5', nextCheckAt: T0 + 1 });
        const nobodys = await store.feeds.add({ url: 'https://a.example/6', nextCheckAt: T0 - 8_000 });
        const mei = await reader();
        for (const feed of [late, soon, exact, disabled, later]) await store.subscriptions.add(mei.id, feed.id);
        expect((await store.feeds.due(T0, 10)).map((f) => f.id)).toEqual([soon.id, late.id, exact.id]);
        expect((await store.feeds.due(T0, 2)).map((f) => f.id)).toEqual([soon.id, late.id]);
        expect((await store.feeds.due(T0, 10)).map((f) => f.id)).not.toContain(nobodys.id);
        expect(await store.feeds.due(T0, 10)).toEqual([soon, late, exact]);
      });

      it('recordFetch stores the fetch state and keeps validators it is not given', async () => {
        const feed = await addFeed();
        await store.feeds.recordFetch(feed.id, fetched({ etag: '"v1"', lastModified: 'Wed, 31 Jan 2024 09:00:00 GMT' }));
        const failed = fetched({ status: 'error', error: 'HTTP 503', consecutiveFailures: 1, fetchedAt: T0 + 3 * HOUR, nextCheckAt: T0 + 4 * HOUR, scheduleReason: 'backoff' });
        await store.feeds.recordFetch(feed.id, failed);
        expect(await store.feeds.get(feed.id)).toMatchObject({
          etag: '"v1"', lastModified: 'Wed, 31 Jan 2024 09:00:00 GMT', lastStatus: 'error', lastError: 'HTTP 503',
          consecutiveFailures: 1, lastFetchAt: T0 + 3 * HOUR, nextCheckAt: T0 + 4 * HOUR, scheduleReason: 'backoff',
        });
      });

      it('remove deletes the feed, its links and its subscriptions but keeps its articles and revisions', async () => {
        const a = await addFeed('https://a.example/feed');
        const b = await addFeed('https://b.example/feed');
        const mei = await reader('mei');
        const tom = await reader('tom');
        await store.subscriptions.add(mei.id, a.id, { titleOverride: 'A', tags: ['x'] });
        await store.subscriptions.add(tom.id, a.id);
        await store.subscriptions.add(tom.id, b.id);
        await store.articles.applyRefresh(a.id, [article('shared'), article('only-a')], fetched());
        await store.articles.applyRefresh(b.id, [article('shared')], fetched());
        await store.feeds.remove(a.id);
        expect(await store.feeds.get(a.id)).toBeNull();
        expect(await store.articles.count()).toEqual({ articles: 2, revisions: 2 });
        expect((await store.feeds.list()).map((f) => [f.id, f.articleCount, f.subscribers])).toEqual([[b.id, 1, 1]]);
        expect(await store.subscriptions.list(mei.id)).toEqual([]);
        expect((await store.subscriptions.list(tom.id)).map((s) => s.id)).toEqual([b.id]);
        expect(await store.subscriptions.subscribers(a.id)).toBe(0);
        expect(await store.entries.unreadCounts(mei.id)).toEqual(new Map([[0, 0]]));
        expect(await store.entries.unreadCounts(tom.id)).toEqual(new Map([[0, 1], [b.id, 1]]));
        const kept = await collect(store.articles.revisions());
        expect(kept.map((r) => [r.articleKey, r.feedSlug])).toEqual([['shared', a.slug], ['only-a', a.slug]]);
      });
    });

    describe('applyRefresh', () => {
      it('stores new articles as revision 0 under the feed slug and counts them', async () => {
        const feed = await addFeed(undefined, '3-harbour-news');
        const result = await store.articles.applyRefresh(feed.id, [article('a1'), CHINESE], fetched());
        expect(result).toMatchObject({ newArticles: 2, newRevisions: 0, unchanged: 0 });
        expect(result.written).toEqual([
          expect.objectContaining({ articleKey: 'a1', revision: 0, feedSlug: '3-harbour-news', fetchedAt: T0 + HOUR, archived: false }),
          expect.objectContaining({ articleKey: CHINESE.key, revision: 0, title: CHINESE.title, html: CHINESE.html, link: CHINESE.link, publishedAt: T0 }),
        ]);
        expect(await store.articles.count()).toEqual({ articles: 2, revisions: 2 });
        expect((await store.feeds.list())[0]?.articleCount).toBe(2);
      });

      it('applying the same refresh twice stores nothing the second time', async () => {
        const feed = await addFeed();
        const batch = [article('a1'), article('a2'), CHINESE];
        await store.articles.applyRefresh(feed.id, batch, fetched());
        const again = await store.articles.applyRefresh(feed.id, batch, fetched());
        expect(again).toEqual({ newArticles: 0, newRevisions: 0, unchanged: 3, written: [] });
        expect(await store.articles.count()).toEqual({ articles: 3, revisions: 3 });
      });

      it.each([
        ['a changed title', { title: 'Harbour ferry timetable changes again' }],
        ['changed content', { html: '<p>Ferries now run every 15 minutes, the port office said on Tuesday.</p>' }],
      ])('%s adds exactly one revision and keeps the old one', async (_case, change) => {
        const feed = await addFeed();
        const original = article('a1');
        await store.articles.applyRefresh(feed.id, [original], fetched());
        const changed = article('a1', change);
        const result = await store.articles.applyRefresh(feed.id, [changed], fetched({ fetchedAt: T0 + 5 * HOUR }));
        expect(result).toMatchObject({ newArticles: 0, newRevisions: 1, unchanged: 0 });
        expect(result.written).toEqual([expect.objectContaining({ articleKey: 'a1', revision: 1, title: changed.title, html: changed.html, fetchedAt: T0 + 5 * HOUR })]);
        const all = await collect(store.articles.revisions());
        expect(all.map((r) => [r.revision, r.title, r.html])).toEqual([[0, original.title, original.html], [1, changed.title, changed.html]]);
        await store.articles.applyRefresh(feed.id, [changed], fetched());
        expect(await store.articles.count()).toEqual({ articles: 1, revisions: 2 });
      });

      it('an unchanged hash adds no revision even when other fields differ', async () => {
        const feed = await addFeed();
        await store.articles.applyRefresh(feed.id, [article('a1')], fetched());
        const result = await store.articles.applyRefresh(feed.id, [article('a1', { summary: 'Shorter summary.', author: null, categories: [] })], fetched());
        expect(result).toMatchObject({ newRevisions: 0, unchanged: 1, written: [] });
        expect(await store.articles.count()).toEqual({ articles: 1, revisions: 1 });
      });

      it('the same key from two feeds is one article listed under both', async () => {
        const a = await addFeed('https://a.example/feed', 'a-feed');
        const b = await addFeed('https://b.example/feed', 'b-feed');
        await store.articles.applyRefresh(a.id, [article('wire-1')], fetched());
        const viaB = await store.articles.applyRefresh(b.id, [article('wire-1')], fetched());
        expect(viaB).toEqual({ newArticles: 0, newRevisions: 0, unchanged: 1, written: [] });
        const edited = await store.articles.applyRefresh(b.id, [article('wire-1', { title: 'Wire story, updated' })], fetched());
        expect(edited.written.map((r) => [r.revision, r.feedSlug])).toEqual([[1, 'a-feed']]);
        expect(await store.articles.count()).toEqual({ articles: 1, revisions: 2 });
        expect((await store.feeds.list()).map((f) => f.articleCount)).toEqual([1, 1]);
      });

      it('a key listed twice in one batch counts once: the first occurrence wins', async () => {
        const feed = await addFeed();
        const first = article('dup', { title: 'First listing' });
        const result = await store.articles.applyRefresh(feed.id, [first, article('dup', { title: 'Second listing' }), article('b')], fetched());
        expect(result).toMatchObject({ newArticles: 2, newRevisions: 0, unchanged: 0 });
        expect(result.written.map((r) => r.title)).toEqual(['First listing', article('b').title]);
        expect(await store.articles.count()).toEqual({ articles: 2, revisions: 2 });
      });

      it('stores the fetch state in the same call', async () => {
        const feed = await addFeed();
        const state = fetched({ etag: 'W/"abc"', lastModified: 'Wed, 31 Jan 2024 10:00:00 GMT', title: 'Harbour News', siteUrl: 'https://news.example.org/' });
        await store.articles.applyRefresh(feed.id, [article('a1')], state);
        expect(await store.feeds.get(feed.id)).toMatchObject({
          lastStatus: 'ok', lastFetchAt: state.fetchedAt, lastError: null, consecutiveFailures: 0, nextCheckAt: state.nextCheckAt,
          scheduleReason: state.scheduleReason, etag: 'W/"abc"', lastModified: state.lastModified, title: 'Harbour News', siteUrl: 'https://news.example.org/',
        });
      });

      it('a permanent redirect stores the new URL', async () => {
        const feed = await addFeed('http://old.example/rss');
        await store.articles.applyRefresh(feed.id, [article('a1')], fetched({ newUrl: 'https://new.example/rss' }));
        expect((await store.feeds.get(feed.id))?.url).toBe('https://new.example/rss');
        expect((await store.feeds.getByUrl('https://new.example/rss'))?.id).toBe(feed.id);
        expect(await store.feeds.getByUrl('http://old.example/rss')).toBeNull();
      });

      it('a redirect to a URL another feed has keeps the old URL, says so, and still stores the articles', async () => {
        const other = await addFeed('https://new.example/rss');
        const feed = await addFeed('http://old.example/rss');
        await store.articles.applyRefresh(feed.id, [article('a1')], fetched({ newUrl: other.url }));
        const after = await store.feeds.get(feed.id);
        expect(after?.url).toBe('http://old.example/rss');
        expect(after?.lastError).toContain(`already subscribed (feed ${other.id})`);
        expect(await store.articles.count()).toEqual({ articles: 1, revisions: 1 });
      });

      it.each([
        ['an unknown feed', 'NOT_FOUND', true, []],
        ['html that is not a string', 'RECORD_INVALID', false, [{ ...article('bad'), html: 42 as unknown as string }]],
        ['an empty key', 'RECORD_INVALID', false, [article('')]],
      ] as const)('a refresh failing on %s leaves nothing behind', async (_case, code, unknownFeed, bad) => {
        const feed = await addFeed();
        await store.articles.applyRefresh(feed.id, [article('kept')], fetched());
        const before = { feeds: await store.feeds.list(), count: await store.articles.count(), revisions: await collect(store.articles.revisions()) };
        // Valid work first (a new article, an edit, a state change), then the failure.
        const batch = [article('new-one'), article('kept', { title: 'Edited title' }), ...bad];
        const failing = fetched({ etag: '"never-stored"', fetchedAt: T0 + 9 * HOUR, newUrl: 'https://moved.example/rss' });
        await expectFailure(store.articles.applyRefresh(unknownFeed ? 424242 : feed.id, batch, failing), code);
        expect(await store.feeds.list()).toEqual(before.feeds);
        expect(await store.articles.count()).toEqual(before.count);
        expect(await collect(store.articles.revisions())).toEqual(before.revisions);
      });
    });

    describe('importRecord', () => {
      it('adds an unseen record as revision 0 under "imported" when it has no feed', async () => {
        const result = await store.articles.importRecord(null, CHINESE, T0);
        expect(result).toEqual({ outcome: 'added', revision: expect.objectContaining({ articleKey: CHINESE.key, revision: 0, feedSlug: 'imported', fetchedAt: T0 }) });
        expect(await store.articles.count()).toEqual({ articles: 1, revisions: 1 });
      });

      it('adds nothing for a record seen before, or for an older revision', async () => {
        const v0 = article('a1');
        const v1 = article('a1', { title: 'Second version' });
        expect((await store.articles.importRecord(null, v0, T0)).outcome).toBe('added');
        expect(await store.articles.importRecord(null, v0, T0)).toEqual({ outcome: 'unchanged', revision: null });
        const second = await store.articles.importRecord(null, v1, T0 + HOUR);
        expect(second).toEqual({ outcome: 'revision', revision: expect.objectContaining({ revision: 1, title: 'Second version', feedSlug: 'imported' }) });
        expect((await store.articles.importRecord(null, v0, T0 + 2 * HOUR)).outcome).toBe('unchanged');
        expect(await store.articles.count()).toEqual({ articles: 1, revisions: 2 });
      });

      it('links a record imported into a feed and uses that feed slug', async () => {
        const feed = await addFeed(undefined, 'harbour');
        const result = await store.articles.importRecord(feed.id, article('a1'), T0);
        expect(result.revision?.feedSlug).toBe('harbour');
        expect((await store.feeds.list())[0]?.articleCount).toBe(1);
        expect(await collect(store.articles.revisions({ feedId: feed.id }))).toHaveLength(1);
      });

      it('importing into a missing feed is NOT_FOUND and stores nothing', async () => {
        await expectFailure(store.articles.importRecord(424242, article('a1'), T0), 'NOT_FOUND', '424242');
        expect(await store.articles.count()).toEqual({ articles: 0, revisions: 0 });
      });
    });

    describe('revisions and archiving', () => {
      async function seed(): Promise<{ a: number; b: number }> {
        const a = (await addFeed('https://a.example/feed')).id;
        const b = (await addFeed('https://b.example/feed')).id;
        await store.articles.applyRefresh(a, [article('zeta', { publishedAt: T0 - 48 * HOUR }), article('alpha')], fetched());
        await store.articles.applyRefresh(b, [article('mid', { publishedAt: T0 + HOUR }), article('zeta', { publishedAt: T0 - 48 * HOUR, title: 'Zeta v2' })], fetched());
        return { a, b };
      }

      it('come ordered by article (oldest first), then revision', async () => {
        await seed();
        const all = await collect(store.articles.revisions());
        expect(all.map((r) => [r.articleKey, r.revision])).toEqual([['zeta', 0], ['zeta', 1], ['alpha', 0], ['mid', 0]]);
        expect(all.map((r) => r.articleId)).toEqual([...all.map((r) => r.articleId)].sort((x, y) => x - y));
      });

      it.each([
        ['sinceMs (on published time)', () => ({ sinceMs: T0 }), ['alpha', 'mid']],
        ['feedId (articles linked to the feed)', (ids: { a: number; b: number }) => ({ feedId: ids.b }), ['zeta', 'zeta', 'mid']],
        ['both', (ids: { a: number; b: number }) => ({ feedId: ids.a, sinceMs: T0 }), ['alpha']],
      ])('filter by %s', async (_case, filter, keys) => {
        const ids = await seed();
        expect((await collect(store.articles.revisions(filter(ids)))).map((r) => r.articleKey)).toEqual(keys);
      });

      it('stream past one page without losing or repeating a revision', async () => {
        const feed = await addFeed();
        const batch = Array.from({ length: 1234 }, (_, i) => article(`bulk-${i}`, { html: `<p>Item ${i}</p>` }));
        await store.articles.applyRefresh(feed.id, batch, fetched());
        const all = await collect(store.articles.revisions());
        expect(all).toHaveLength(1234);
        expect(new Set(all.map((r) => r.articleKey)).size).toBe(1234);
        expect(all.every((r, i) => i === 0 || r.articleId > (all[i - 1]?.articleId ?? Infinity))).toBe(true);
      });

      it('new revisions are unarchived until marked, oldest first, up to the limit', async () => {
        await seed();
        const pending = await store.articles.unarchived(10);
        expect(pending.map((r) => [r.articleKey, r.revision])).toEqual([['zeta', 0], ['zeta', 1], ['alpha', 0], ['mid', 0]]);
        expect(await store.articles.unarchived(2)).toEqual(pending.slice(0, 2));
        const first = pending[0];
        if (first === undefined) throw new Error('seed stored nothing');
        await store.articles.markArchived([first]);
        expect((await store.articles.unarchived(10)).map((r) => r.revision + r.articleKey)).toEqual(['1zeta', '0alpha', '0mid']);
        expect((await collect(store.articles.revisions()))[0]).toEqual({ ...first, archived: true });
      });

      it('maintenance, quick and full, changes nothing stored, search still finds it, and its finish time is kept', async () => {
        await seed();
        const before = { counts: await store.articles.count(), revisions: await collect(store.articles.revisions()) };
        const steps: string[] = [];
        expect(await store.lastMaintainedAt()).toBeNull();
        const finished: Array<number | null> = [];
        for (const full of [false, true]) {
          const report = await store.maintain({ full, onStep: (step) => steps.push(step) });
          finished.push(await store.lastMaintainedAt());
          expect(report.steps.length).toBeGreaterThanOrEqual(1);
          expect(report.steps.every((s) => s.ms >= 0 && s.name.length > 0)).toBe(true);
          expect(report.bytesAfter).toBeGreaterThan(0);
        }
        expect(steps.filter((s) => s === 'done')).toHaveLength(2);
        expect(finished[0]).toEqual(expect.any(Number));
        expect(finished[1]).toBeGreaterThanOrEqual(finished[0] ?? Infinity);
        expect({ counts: await store.articles.count(), revisions: await collect(store.articles.revisions()) }).toEqual(before);
        const found = await store.search.search(parseQuery('ferry'), { scope: { userId: 0, archive: true }, limit: 10, sort: 'relevance', cursor: null });
        expect(found.hits.length).toBeGreaterThan(0);
      });

      it('filter by articleId gives that article’s revisions only', async () => {
        await seed();
        const zeta = (await collect(store.articles.revisions())).find((r) => r.articleKey === 'zeta');
        const only = await collect(store.articles.revisions({ articleId: zeta?.articleId ?? 0 }));
        expect(only.map((r) => [r.articleKey, r.revision])).toEqual([['zeta', 0], ['zeta', 1]]);
      });

      it('chain each revision to the one before over its record file, fetch time and WARC digest (archive/chain.ts layout)', async () => {
        const feed = await addFeed();
        const digest = `sha256:${'5e'.repeat(32)}`;
        await store.articles.applyRefresh(feed.id, [article('pier', { warcDigest: digest })], fetched({ fetchedAt: T0 + HOUR }));
        await store.articles.applyRefresh(feed.id, [article('pier', { html: '<p>Ferries run every 15 minutes.</p>', fullHtml: '<p>The page says 15.</p>' })], fetched({ fetchedAt: T0 + 2 * HOUR }));
        await store.articles.importRecord(null, article('pier', { html: '<p>An older copy.</p>' }), T0 + 3 * HOUR);
        const revs = await collect(store.articles.revisions());
        let prev = '0'.repeat(64);
        const expected = revs.map((r, i) => {
          const body = ['<p>Ferries to the outer islands will run every 20 minutes from Monday, the port office said.</p>', '<p>The page says 15.</p>', '<p>An older copy.</p>'][i];
          const file = `<!--${r.publishedAt}-->\n[${r.title}](${r.link})\n------\n\n${body}\n`;
          const input = `feedkeeper-chain/1\nrecord ${r.recordId}\nrevision ${i}\nfetched ${T0 + (i + 1) * HOUR}\nfile ${createHash('sha256').update(file).digest('hex')}\nwarc ${i === 0 ? digest : ''}\nprev ${prev}\n`;
          prev = createHash('sha256').update(input).digest('hex');
          return prev;
        });
        expect(revs.map((r) => r.chainHash)).toEqual(expected);
        expect(revs.map((r) => r.warcDigest)).toEqual([digest, null, null]);
      });

      it('markArchived of a missing revision is NOT_FOUND', async () => {
        await expectFailure(store.articles.markArchived([{ articleId: 424242, revision: 0 }]), 'NOT_FOUND', '424242');
      });
    });

    it('reports its capabilities', () => {
      expect(typeof store.capabilities.concurrentWriters).toBe('boolean');
    });
  });
  searchContract(name, open);
  readerContract(name, open);
  subscriptionContract(name, open);
  userContract(name, open);
  oidcContract(name, open);
  apiPasswordContract(name, open);
  watchContract(name, open);
  mediaContract(name, open);
  crawlContract(name, open);
  webhookContract(name, open);
}
