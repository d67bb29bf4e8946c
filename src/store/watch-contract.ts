/**
 * The watch part of the store contract: new articles are enrolled with their first re-check, due()
 * gives them soonest first, one check's outcome (a re-check revision, a removal, a return) is
 * stored whole, a re-check revision leaves the feed's own hash alone (so the same feed item stores
 * nothing later), feed edits are events too, the host budget and pauses hold, and changes and
 * events are scoped to what a user's subscriptions reach. storeContract runs it for every backend.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractArticle, sha256Hex } from './contract-article.js';
import type { FeedFetchState, IncomingArticle, Store } from './store.js';
import type { WatchCheck } from './watch.js';

const T0 = Date.UTC(2024, 4, 1, 6);
const HOUR = 3_600_000;
const sha = sha256Hex;

function article(key: string, html: string, watchFirstAt: number | null = T0 + HOUR): IncomingArticle {
  return contractArticle({ key, html, host: 'watch.example.org', publishedAt: T0, watchFirstAt });
}

const state = (at: number): FeedFetchState => ({ status: 'ok', fetchedAt: at, error: null, consecutiveFailures: 0, nextCheckAt: at + HOUR, scheduleReason: 'test' });
const quiet = { failures: 0, suspectSince: null, suspectEvidence: null } as const;

export function watchContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: watch`, () => {
    let store: Store;
    let feedId: number;
    beforeEach(async () => {
      store = await open();
      feedId = (await store.feeds.add({ url: 'https://watch.example.org/feed.xml', nextCheckAt: T0 })).id;
    });
    afterEach(async () => {
      await store.close();
    });
    const idOf = async (key: string) => {
      const ids = await store.watch.due(Number.MAX_SAFE_INTEGER, 100);
      for (const id of ids) if ((await store.watch.get(id))?.link.endsWith(`/${key}.html`)) return id;
      throw new Error(`${key} is not watched`);
    };

    it('enrolls new articles that ask for it, and gives due ones soonest first', async () => {
      await store.articles.applyRefresh(feedId, [article('a', '<p>one</p>', T0 + 2 * HOUR), article('b', '<p>two</p>', T0 + HOUR), article('c', '<p>three</p>', null)], state(T0));
      expect(await store.watch.due(T0 + HOUR - 1, 10)).toEqual([]);
      const b = await idOf('b');
      const a = await idOf('a');
      expect(await store.watch.due(T0 + 2 * HOUR, 10)).toEqual([b, a]);
      expect(await store.watch.due(T0 + 2 * HOUR, 1)).toEqual([b]);
      const target = await store.watch.get(b);
      expect(target).toMatchObject({ articleId: b, createdAt: T0, state: 'ok', checks: 0, pageHash: null, feed: { id: feedId, watch: null, enabled: true }, latest: { revision: 0, title: 'Story b', cleanText: 'two', fromPage: false } });
      // Enrolled once: the same article in the next refresh is not enrolled again.
      await store.articles.applyRefresh(feedId, [article('b', '<p>two</p>', T0 + 9 * HOUR)], state(T0 + HOUR));
      expect((await store.watch.get(b))?.nextCheckAt).toBe(T0 + HOUR);
    });

    it('stores a re-check revision whole, and a refresh of the unchanged feed item adds nothing', async () => {
      await store.articles.applyRefresh(feedId, [article('e', '<p>seven boats</p>')], state(T0));
      const id = await idOf('e');
      const check: WatchCheck = {
        ...quiet,
        checkedAt: T0 + HOUR,
        nextCheckAt: T0 + 6 * HOUR,
        outcome: 'edited (text)',
        state: 'ok',
        etag: '"v2"',
        pageHash: 'page-2',
        pageTitle: 'Story e',
        revision: { title: 'Story e', fullHtml: '<p>eight boats</p>', extraction: 'readability', clean: { html: '<p>eight boats</p>', text: 'eight boats', firedRules: [] }, contentHash: sha('eight'), warcDigest: 'sha256:page' },
      };
      const { revision } = await store.watch.record(id, check);
      expect(revision).toMatchObject({ articleId: id, revision: 1, html: '<p>eight boats</p>', fetchedAt: T0 + HOUR, archived: false, warcDigest: 'sha256:page' });
      // The re-check revision is chained to the feed's first one (the hash itself: store/contract.ts).
      const stored = [];
      for await (const r of store.articles.revisions({ articleId: id })) stored.push(r);
      expect(stored.map((r) => r.chainHash)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), revision?.chainHash]);
      const entry = await store.entries.get({ userId: 0, archive: true }, id);
      expect(entry?.revisions.map((r) => r.source)).toEqual(['feed', 'recheck']);
      expect(entry?.contentHtml).toBe('<p>eight boats</p>');
      expect(await store.watch.get(id)).toMatchObject({ checks: 1, lastCheckAt: T0 + HOUR, etag: '"v2"', pageHash: 'page-2', nextCheckAt: T0 + 6 * HOUR, latest: { revision: 1, fromPage: true } });
      expect(await store.articles.count()).toEqual({ articles: 1, revisions: 2 });

      const again = await store.articles.applyRefresh(feedId, [article('e', '<p>seven boats</p>')], state(T0 + 2 * HOUR));
      expect(again).toMatchObject({ newArticles: 0, newRevisions: 0 });
      const changes = await store.watch.changes({ scope: { userId: 0, archive: true } }, { limit: 10, cursor: null });
      expect(changes.changes).toMatchObject([{ articleId: id, kind: 'edited', revision: 1, source: 'recheck', title: 'Story e' }]);
    });

    it('records a feed edit as an event, a removal with its time, and a return', async () => {
      await store.articles.applyRefresh(feedId, [article('r', '<p>first</p>')], state(T0));
      await store.articles.applyRefresh(feedId, [article('r', '<p>second</p>')], state(T0 + HOUR));
      const id = await idOf('r');
      const evidence = { reason: 'not-found', status: 404 };
      await store.watch.record(id, { ...quiet, checkedAt: T0 + 2 * HOUR, nextCheckAt: T0 + 8 * HOUR, outcome: 'suspect', state: 'suspect', suspectSince: T0 + 2 * HOUR, suspectEvidence: evidence });
      expect(await store.watch.get(id)).toMatchObject({ state: 'suspect', suspectSince: T0 + 2 * HOUR, suspectEvidence: evidence });
      await store.watch.record(id, { ...quiet, checkedAt: T0 + 8 * HOUR, nextCheckAt: T0 + 24 * HOUR, outcome: 'removed', state: 'removed', suspectSince: T0 + 2 * HOUR, suspectEvidence: evidence, event: { kind: 'removed', evidence: { first: evidence }, removedAt: T0 + 2 * HOUR } });
      expect((await store.entries.get({ userId: 0, archive: true }, id))?.removedAt).toBe(T0 + 2 * HOUR);
      await store.watch.record(id, { ...quiet, checkedAt: T0 + 24 * HOUR, nextCheckAt: null, outcome: 'restored', state: 'ok', event: { kind: 'restored', evidence: {}, removedAt: null } });
      expect((await store.entries.get({ userId: 0, archive: true }, id))?.removedAt).toBeNull();
      const events = await store.watch.events({ userId: 0, archive: true }, id);
      expect(events.map((e) => [e.kind, e.at, e.source])).toEqual([['edited', T0 + HOUR, 'feed'], ['removed', T0 + 8 * HOUR, 'recheck'], ['restored', T0 + 24 * HOUR, 'recheck']]);
      expect(await store.watch.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
      await expect(store.watch.record(987654, { ...quiet, checkedAt: T0, nextCheckAt: null, outcome: 'x', state: 'ok' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('spends a host’s budget once per check and holds a paused host off', async () => {
      const day = Math.floor(T0 / 86_400_000);
      const budget = { day, limit: 2 };
      expect(await store.watch.takeBudget('a.example', T0, budget)).toEqual({ ok: true });
      expect(await store.watch.takeBudget('a.example', T0, budget)).toEqual({ ok: true });
      expect(await store.watch.takeBudget('a.example', T0, budget)).toEqual({ ok: false, reason: 'spent', retryAt: (day + 1) * 86_400_000 });
      expect(await store.watch.takeBudget('b.example', T0, budget)).toEqual({ ok: true });
      expect(await store.watch.takeBudget('a.example', T0 + 86_400_000, { day: day + 1, limit: 2 })).toEqual({ ok: true });
      await store.watch.pauseHost('b.example', day, T0 + 2 * HOUR);
      expect(await store.watch.takeBudget('b.example', T0 + HOUR, budget)).toEqual({ ok: false, reason: 'paused', retryAt: T0 + 2 * HOUR });
      expect(await store.watch.takeBudget('b.example', T0 + 2 * HOUR, budget)).toEqual({ ok: true });
    });

    it('scopes changes and events to what a user’s subscriptions reach, and pages by cursor', async () => {
      const mei = await store.users.create({ username: 'mei', passwordHash: 'x', isAdmin: false });
      const tom = await store.users.create({ username: 'tom', passwordHash: 'x', isAdmin: false });
      const other = (await store.feeds.add({ url: 'https://other.example.org/feed.xml', nextCheckAt: T0 })).id;
      await store.subscriptions.add(mei.id, feedId, { tags: ['river'] });
      await store.subscriptions.add(tom.id, other);
      for (const [i, k] of ['x', 'y', 'z'].entries()) {
        await store.articles.applyRefresh(feedId, [article(k, '<p>v1</p>')], state(T0 + i));
        await store.articles.applyRefresh(feedId, [article(k, '<p>v2</p>')], state(T0 + HOUR + i));
      }
      const meiScope = { userId: mei.id };
      const first = await store.watch.changes({ scope: meiScope }, { limit: 2, cursor: null });
      expect(first.changes.map((c) => c.title)).toEqual(['Story z', 'Story y']);
      expect(first.changes[0]).toMatchObject({ feedId, kind: 'edited' });
      const second = await store.watch.changes({ scope: meiScope }, { limit: 2, cursor: first.nextCursor });
      expect(second).toMatchObject({ changes: [{ title: 'Story x' }], nextCursor: null });
      expect((await store.watch.changes({ scope: meiScope, tag: 'river' }, { limit: 10, cursor: null })).changes).toHaveLength(3);
      expect((await store.watch.changes({ scope: meiScope, kinds: ['removed'] }, { limit: 10, cursor: null })).changes).toEqual([]);
      expect((await store.watch.changes({ scope: meiScope, sinceMs: T0 + HOUR + 2 }, { limit: 10, cursor: null })).changes.map((c) => c.title)).toEqual(['Story z']);
      expect((await store.watch.changes({ scope: { userId: tom.id } }, { limit: 10, cursor: null })).changes).toEqual([]);
      expect((await store.watch.changes({ scope: { userId: tom.id }, tag: 'river' }, { limit: 10, cursor: null })).changes).toEqual([]);
      const x = first.changes[0]?.articleId ?? 0;
      expect(await store.watch.events({ userId: tom.id }, x)).toEqual([]);
      expect(await store.watch.events({ userId: mei.id }, x)).toHaveLength(1);
      await expect(store.watch.changes({ scope: meiScope }, { limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'USAGE' });
    });

    it('stores a re-extraction as the next revision marked as such, keeps the feed hash, and refuses when the article moved on', async () => {
      const other = (await store.feeds.add({ url: 'https://other.example.org/feed.xml', nextCheckAt: T0 })).id;
      await store.articles.applyRefresh(feedId, [article('r', '<p>river text</p>')], state(T0));
      await store.articles.applyRefresh(other, [article('s', '<p>sea text</p>')], state(T0));
      const all = await store.articles.reextractTargets({ afterId: 0, limit: 10 });
      expect(all.map((t) => t.title)).toEqual(['Story r', 'Story s']);
      expect(all[0]).toMatchObject({ revision: 0, html: '<p>river text</p>', fullHtml: null, cleanHtml: '<p>river text</p>', link: 'https://watch.example.org/r.html' });
      expect((await store.articles.reextractTargets({ afterId: all[0]?.articleId ?? 0, limit: 10 })).map((t) => t.title)).toEqual(['Story s']);
      expect((await store.articles.reextractTargets({ feedId: other, afterId: 0, limit: 10 })).map((t) => t.title)).toEqual(['Story s']);
      expect(await store.articles.reextractTargets({ sinceMs: T0 + 1, afterId: 0, limit: 10 })).toEqual([]);

      const id = all[0]?.articleId ?? 0;
      const rev = { title: 'Story r', fullHtml: null, extraction: 'feed', clean: { html: '<p>river</p>', text: 'river', firedRules: ['a-new-rule'] }, contentHash: sha('re') };
      const stored = await store.articles.addReextraction(id, 0, rev, T0 + HOUR);
      expect(stored).toMatchObject({ articleId: id, revision: 1, html: '<p>river text</p>', archived: false });
      expect(await store.articles.addReextraction(id, 0, rev, T0 + 2 * HOUR)).toBeNull(); // revision 0 is no longer the latest
      const entry = await store.entries.revision({ userId: 0, archive: true }, id, 1);
      expect(entry).toMatchObject({ source: 'reextract', cleanText: 'river' });
      const [event] = await store.watch.events({ userId: 0, archive: true }, id);
      expect(event).toMatchObject({ kind: 'edited', revision: 1, source: 'reextract' });
      // The feed's hash is the feed's: the same feed item again stores nothing.
      const again = await store.articles.applyRefresh(feedId, [article('r', '<p>river text</p>')], state(T0 + 3 * HOUR));
      expect(again.newRevisions).toBe(0);
      expect((await store.articles.count()).revisions).toBe(3);
    });
  });
}
