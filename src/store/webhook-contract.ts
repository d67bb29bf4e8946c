/**
 * The webhook part of the store contract: a new webhook starts at the archive's end, collecting
 * gives what its user's subscriptions reach after its cursors (new articles, edits, removals,
 * returns, as wanted, optionally one feed's), storing a batch twice stores it once, and the
 * delivery rows go through retries, delivery, failure and a 410's switch-off. storeContract runs
 * it for every backend.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractArticle } from './contract-article.js';
import type { FeedFetchState, IncomingArticle, Store } from './store.js';
import type { WebhookBatch } from './webhooks.js';

const T0 = Date.UTC(2024, 5, 1, 6);
const HOUR = 3_600_000;

function article(host: string, key: string, html: string): IncomingArticle {
  return contractArticle({ key: `${host}/${key}`, html, host, title: `Report ${key}`, publishedAt: T0, watchFirstAt: T0 + HOUR });
}

const state = (at: number): FeedFetchState => ({ status: 'ok', fetchedAt: at, error: null, consecutiveFailures: 0, nextCheckAt: at + HOUR, scheduleReason: 'test' });
const asDeliveries = (b: WebhookBatch) => b.occurrences.map((o) => ({ key: o.key, event: o.event, articleId: o.articleId, payload: JSON.stringify({ key: o.key }) }));

export function webhookContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: webhooks`, () => {
    let store: Store;
    let mei: number;
    let tom: number;
    let harbour: number;
    let hills: number;
    beforeEach(async () => {
      store = await open();
      mei = (await store.users.create({ username: 'mei', passwordHash: 'x', isAdmin: false })).id;
      tom = (await store.users.create({ username: 'tom', passwordHash: 'x', isAdmin: false })).id;
      harbour = (await store.feeds.add({ url: 'https://harbour.example.org/feed.xml', nextCheckAt: T0 })).id;
      hills = (await store.feeds.add({ url: 'https://hills.example.org/feed.xml', nextCheckAt: T0 })).id;
      await store.subscriptions.add(mei, harbour, { titleOverride: '港口' });
      await store.subscriptions.add(tom, hills);
    });
    afterEach(async () => {
      await store.close();
    });
    const hook = (userId: number, events: Parameters<Store['webhooks']['create']>[0]['events'], feedId: number | null = null) =>
      store.webhooks.create({ userId, url: 'https://receiver.example.net/hook', events, feedId, secret: 'whsec_dGVzdA==' });

    it('starts at the archive’s end and collects what the user’s subscriptions reach since', async () => {
      await store.articles.applyRefresh(harbour, [article('harbour.example.org', 'old', '<p>before the webhook</p>')], state(T0));
      const h = await hook(mei, ['new', 'edit']);
      expect(h).toMatchObject({ userId: mei, events: ['new', 'edit'], feedId: null, enabled: true, disabledReason: null });
      expect((await store.webhooks.collect(h.id, 50)).occurrences).toEqual([]);

      await store.articles.applyRefresh(harbour, [article('harbour.example.org', 'ferry', '<p>the ferry sails</p>')], state(T0 + HOUR));
      await store.articles.applyRefresh(hills, [article('hills.example.org', 'snow', '<p>snow on the pass</p>')], state(T0 + HOUR));
      const batch = await store.webhooks.collect(h.id, 50);
      expect(batch.more).toBe(false);
      expect(batch.occurrences).toHaveLength(1);
      expect(batch.occurrences[0]).toMatchObject({ event: 'new', title: 'Report ferry', link: 'https://harbour.example.org/ferry.html', feedId: harbour, feedTitle: '港口', revision: 0 });
      expect(batch.occurrences[0]?.key).toMatch(/^article-\d+$/);

      // An edit seen in the feed is an 'edit', with its revision and where it was found.
      expect(await store.webhooks.enqueue(h.id, asDeliveries(batch), batch.cursors, T0 + HOUR)).toBe(1);
      await store.articles.applyRefresh(harbour, [article('harbour.example.org', 'ferry', '<p>the ferry is late</p>')], state(T0 + 2 * HOUR));
      const edits = await store.webhooks.collect(h.id, 50);
      expect(edits.occurrences).toHaveLength(1);
      expect(edits.occurrences[0]).toMatchObject({ event: 'edit', revision: 1, source: 'feed', title: 'Report ferry' });
      expect(edits.occurrences[0]?.key).toMatch(/^event-\d+$/);
    });

    it('stores a batch once however often it is enqueued, and moves past what it does not want', async () => {
      const h = await hook(mei, ['edit']);
      await store.articles.applyRefresh(harbour, [article('harbour.example.org', 'a', '<p>one</p>'), article('harbour.example.org', 'b', '<p>two</p>')], state(T0));
      const none = await store.webhooks.collect(h.id, 50);
      expect(none.occurrences).toEqual([]); // new articles, but it wants edits only
      await store.webhooks.enqueue(h.id, [], none.cursors, T0);
      await store.articles.applyRefresh(harbour, [article('harbour.example.org', 'a', '<p>one, corrected</p>')], state(T0 + HOUR));
      const batch = await store.webhooks.collect(h.id, 50);
      expect(batch.occurrences.map((o) => o.event)).toEqual(['edit']);
      expect(await store.webhooks.enqueue(h.id, asDeliveries(batch), batch.cursors, T0 + HOUR)).toBe(1);
      // A crash before the cursors moved would collect it again: stored once all the same.
      expect(await store.webhooks.enqueue(h.id, asDeliveries(batch), batch.cursors, T0 + HOUR)).toBe(0);
      expect((await store.webhooks.collect(h.id, 50)).occurrences).toEqual([]);
      expect(await store.webhooks.deliveries(mei, { limit: 10 })).toHaveLength(1);
    });

    it('pages through a backlog, keeps to one feed when asked, and sees removals and returns', async () => {
      await store.subscriptions.add(mei, hills);
      const all = await hook(mei, ['new']);
      const hillsOnly = await hook(mei, ['new', 'removal', 'restore'], hills);
      await store.articles.applyRefresh(harbour, ['a', 'b', 'c'].map((k) => article('harbour.example.org', k, `<p>${k}</p>`)), state(T0));
      await store.articles.applyRefresh(hills, ['d', 'e'].map((k) => article('hills.example.org', k, `<p>${k}</p>`)), state(T0));
      const first = await store.webhooks.collect(all.id, 2);
      expect(first.more).toBe(true);
      expect(first.occurrences).toHaveLength(2);
      await store.webhooks.enqueue(all.id, asDeliveries(first), first.cursors, T0);
      const rest = await store.webhooks.collect(all.id, 10);
      expect(rest.more).toBe(false);
      expect(rest.occurrences.map((o) => o.title)).toEqual(['Report c', 'Report d', 'Report e']);

      const onHills = await store.webhooks.collect(hillsOnly.id, 10);
      expect(onHills.occurrences.map((o) => o.title)).toEqual(['Report d', 'Report e']);
      await store.webhooks.enqueue(hillsOnly.id, asDeliveries(onHills), onHills.cursors, T0);
      const d = onHills.occurrences[0]?.articleId ?? 0;
      const quiet = { failures: 0, suspectSince: null, suspectEvidence: null, nextCheckAt: null, outcome: 'test' } as const;
      await store.watch.record(d, { ...quiet, checkedAt: T0 + 9 * HOUR, state: 'removed', event: { kind: 'removed', evidence: { status: 404 }, removedAt: T0 + 9 * HOUR } });
      await store.watch.record(d, { ...quiet, checkedAt: T0 + 30 * HOUR, state: 'ok', event: { kind: 'restored', evidence: { status: 200 }, removedAt: null } });
      const changes = await store.webhooks.collect(hillsOnly.id, 10);
      expect(changes.occurrences.map((o) => [o.event, o.articleId, o.evidence])).toEqual([['removal', d, { status: 404 }], ['restore', d, { status: 200 }]]);
      // Tom does not subscribe to the harbour: his webhook hears nothing of it.
      const his = await hook(tom, ['new']);
      await store.articles.applyRefresh(harbour, [article('harbour.example.org', 'f', '<p>f</p>')], state(T0 + HOUR));
      expect((await store.webhooks.collect(his.id, 10)).occurrences).toEqual([]);
    });

    it('takes a delivery through retries to delivery or failure, and a 410 switches the webhook off', async () => {
      const h = await hook(mei, ['new']);
      const other = await hook(tom, ['new']);
      const rows = [1, 2, 3].map((n) => ({ key: `k${n}`, event: 'new' as const, articleId: null, payload: `{"n":${n}}` }));
      await store.webhooks.enqueue(h.id, rows, null, T0);
      await store.webhooks.enqueue(other.id, [{ key: 'k9', event: 'ping', articleId: null, payload: '{}' }], null, T0);
      const due = await store.webhooks.due(T0, 10);
      expect(due.map((d) => d.key)).toEqual(['k1', 'k2', 'k3', 'k9']);
      const [one, two, three] = due;
      if (!one || !two || !three) throw new Error('expected three deliveries');
      await store.webhooks.recordAttempt(one.id, { at: T0, status: 503, result: 'HTTP 503', outcome: 'retry', nextAttemptAt: T0 + 30_000 });
      expect((await store.webhooks.due(T0 + 1, 10)).map((d) => d.key)).toEqual(['k2', 'k3', 'k9']);
      expect((await store.webhooks.due(T0 + 30_000, 10)).map((d) => d.key)).toEqual(['k2', 'k3', 'k9', 'k1']);
      await store.webhooks.recordAttempt(one.id, { at: T0 + 30_000, status: 200, result: 'ok', outcome: 'delivered' });
      expect(await store.webhooks.delivery(one.id)).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200, lastResult: 'ok', deliveredAt: T0 + 30_000, nextAttemptAt: null, payload: '{"n":1}' });
      await store.webhooks.recordAttempt(two.id, { at: T0, status: null, result: 'connection refused; gave up', outcome: 'failed' });
      expect(await store.webhooks.delivery(two.id)).toMatchObject({ status: 'failed', attempts: 1, lastStatus: null });

      // The log is the user's own, newest first; redelivery only of their own deliveries.
      expect((await store.webhooks.deliveries(mei, { limit: 10 })).map((d) => d.key)).toEqual(['k3', 'k2', 'k1']);
      expect((await store.webhooks.deliveries(tom, { limit: 10 })).map((d) => d.key)).toEqual(['k9']);
      expect(await store.webhooks.redeliver(tom, two.id, T0 + HOUR)).toBe(false);
      expect(await store.webhooks.redeliver(mei, two.id, T0 + HOUR)).toBe(true);
      expect(await store.webhooks.delivery(two.id)).toMatchObject({ status: 'pending', nextAttemptAt: T0 + HOUR });

      await store.webhooks.recordAttempt(three.id, { at: T0, status: 410, result: 'the receiver answered 410 Gone', outcome: 'gone' });
      expect(await store.webhooks.get(h.id)).toMatchObject({ enabled: false, disabledReason: 'the receiver answered 410 Gone' });
      expect((await store.webhooks.due(T0 + 2 * HOUR, 10)).map((d) => d.key)).toEqual(['k9']); // a switched-off webhook's deliveries wait
      expect(await store.webhooks.setEnabled(tom, h.id, true)).toBe(false);
      expect(await store.webhooks.setEnabled(mei, h.id, true)).toBe(true);
      expect(await store.webhooks.get(h.id)).toMatchObject({ enabled: true, disabledReason: null });

      expect(await store.webhooks.remove(tom, h.id)).toBe(false);
      expect(await store.webhooks.remove(mei, h.id)).toBe(true);
      expect(await store.webhooks.list(mei)).toEqual([]);
      expect(await store.webhooks.deliveries(mei, { limit: 10 })).toEqual([]);
      expect((await store.webhooks.list(null)).map((w) => w.id)).toEqual([other.id]);
    });
  });
}
