/**
 * Webhooks end to end against a loopback receiver: articles stored by a refresh, an edit and a
 * removal become signed POSTs that the Standard Webhooks library (npm `standardwebhooks`, written
 * by others) accepts; failures are retried on schedule with the same message id, a 410 switches
 * the webhook off, redirects are not followed, and the private-address guard holds at
 * registration and at every send.
 */
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Receiver } from '../../test/receiver.js';
import { silentLogger } from '../core/index.js';
import { createFetcher, type Fetcher } from '../fetch/index.js';
import { createMemoryQueue } from '../queue/memory/index.js';
import type { FeedFetchState, IncomingArticle, Store } from '../store/index.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { contractArticle } from '../store/contract-article.js';
import { deliverWebhook, dispatchWebhooks, pingWebhook, registerWebhook, RETRY_DELAYS_MS } from './index.js';

const HOUR = 3_600_000;
const state = (at: number): FeedFetchState => ({ status: 'ok', fetchedAt: at, error: null, consecutiveFailures: 0, nextCheckAt: at + HOUR, scheduleReason: 'test' });

function story(key: string, html: string, at: number): IncomingArticle {
  return contractArticle({ key, html, host: 'port.example.org', title: `港口消息 ${key}`, publishedAt: at, watchFirstAt: null });
}

describe('webhooks', () => {
  let store: Store;
  let fetcher: Fetcher;
  let receiver: Receiver;
  let now: number;
  let userId: number;
  let feedId: number;
  const clock = { now: () => now };
  const deps = () => ({ store, fetcher, clock, logger: silentLogger, timeoutMs: 1_500 });

  /** What `run` does each tick: dispatch, then every queued delivery attempted. */
  async function tick(): Promise<void> {
    const queue = createMemoryQueue({ clock, onFailed: (_n, _d, err) => { throw err; } });
    queue.process('deliverWebhook', async ({ deliveryId }) => {
      await deliverWebhook(deps(), deliveryId);
    }, { concurrency: 2 });
    await dispatchWebhooks(deps(), queue);
    await queue.drain();
    await queue.close();
  }

  beforeEach(async () => {
    // Near the real time: the Standard Webhooks verifier refuses timestamps more than 5 minutes off.
    now = Date.now();
    store = await openSqliteStore({ file: ':memory:' });
    fetcher = createFetcher({ userAgent: 'feedkeeper-test', timeoutMs: 2000, connectTimeoutMs: 1000, maxBytes: 65_536, allowPrivateNetworks: true, globalConcurrency: 4 });
    receiver = new Receiver();
    await receiver.start();
    userId = (await store.users.create({ username: 'lin', passwordHash: 'x', isAdmin: false })).id;
    feedId = (await store.feeds.add({ url: 'https://port.example.org/feed.xml', nextCheckAt: now })).id;
    await store.subscriptions.add(userId, feedId, { titleOverride: '港口' });
  });
  afterEach(async () => {
    await receiver.stop();
    await fetcher.close();
    await store.close();
  });

  it('sends new articles, edits and removals as signed JSON that the Standard Webhooks library verifies', async () => {
    await store.articles.applyRefresh(feedId, [story('before', '<p>older news</p>', now)], state(now));
    const hook = await registerWebhook(store, { userId, url: `${receiver.url}/hooks/fk`, events: 'new,edit,removal' }, { allowPrivateNetworks: true });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

    await store.articles.applyRefresh(feedId, [story('ferry', '<p>渡轮七点开出</p>', now)], state(now));
    await tick();
    await store.articles.applyRefresh(feedId, [story('ferry', '<p>渡轮八点开出</p>', now)], state(now + 1000));
    const ferry = (await store.webhooks.deliveries(userId, { limit: 5 }))[0]?.articleId ?? 0;
    const quiet = { failures: 0, suspectSince: null, suspectEvidence: null, nextCheckAt: null, outcome: 'test' } as const;
    await store.watch.record(ferry, { ...quiet, checkedAt: now + 2000, state: 'removed', event: { kind: 'removed', evidence: { status: 410, finalUrl: 'https://port.example.org/ferry.html' }, removedAt: now + 2000 } });
    await tick();

    expect(receiver.received.map((r) => r.path)).toEqual(['/hooks/fk', '/hooks/fk', '/hooks/fk']);
    const verifier = new StandardWebhook(hook.secret);
    const bodies = receiver.received.map((r) => verifier.verify(r.body, r.headers as Record<string, string>) as { type: string; data: Record<string, unknown> });
    expect(bodies.map((b) => b.type)).toEqual(['article.new', 'article.edited', 'article.removed']);
    expect(bodies[0]?.data).toEqual({
      webhook_id: hook.id,
      article: { id: ferry, title: '港口消息 ferry', link: 'https://port.example.org/ferry.html', published_at: new Date(now).toISOString(), feed: { id: feedId, title: '港口' } },
    });
    expect(bodies[1]?.data).toMatchObject({ revision: 1, source: 'feed' });
    expect(bodies[2]?.data).toMatchObject({ evidence: { status: 410 } });
    expect(receiver.received[0]?.headers['content-type']).toBe('application/json');
    expect(receiver.received[0]?.headers['user-agent']).toBe('feedkeeper-test');

    // A body changed in transit, or signed with another secret, does not verify.
    const first = receiver.received[0];
    if (!first) throw new Error('nothing received');
    expect(() => verifier.verify(first.body.replace('ferry', 'barge'), first.headers as Record<string, string>)).toThrow();
    expect(() => new StandardWebhook('whsec_b3RoZXJzZWNyZXRvdGhlcnNlY3JldA==').verify(first.body, first.headers as Record<string, string>)).toThrow();

    // Nothing new: a tick sends nothing more.
    await tick();
    expect(receiver.received).toHaveLength(3);
    expect((await store.webhooks.deliveries(userId, { limit: 10 })).every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
  });

  it('retries a failing receiver on schedule with the same message id, then gives up', async () => {
    await registerWebhook(store, { userId, url: `${receiver.url}/flaky`, events: ['new'] }, { allowPrivateNetworks: true });
    await store.articles.applyRefresh(feedId, [story('storm', '<p>风暴来了</p>', now)], state(now));
    receiver.replies = [{ status: 500 }, { status: 503 }];
    await tick();
    let [d] = await store.webhooks.deliveries(userId, { limit: 1 });
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, lastResult: 'HTTP 500: no: 500', nextAttemptAt: now + (RETRY_DELAYS_MS[0] ?? 0) });
    await tick(); // not due yet
    expect(receiver.received).toHaveLength(1);
    now += RETRY_DELAYS_MS[0] ?? 0;
    await tick();
    now += RETRY_DELAYS_MS[1] ?? 0;
    await tick();
    [d] = await store.webhooks.deliveries(userId, { limit: 1 });
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200 });
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-timestamp'])).size).toBe(3);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);

    // A receiver that always fails is given up after the last retry, with the reason kept.
    await store.articles.applyRefresh(feedId, [story('fog', '<p>雾</p>', now)], state(now));
    receiver.replies = Array.from({ length: 10 }, () => ({ status: 502 }));
    for (let i = 0; i <= RETRY_DELAYS_MS.length; i++) {
      await tick();
      now += RETRY_DELAYS_MS[i] ?? 0;
    }
    [d] = await store.webhooks.deliveries(userId, { limit: 1 });
    expect(d).toMatchObject({ status: 'failed', attempts: RETRY_DELAYS_MS.length + 1, lastStatus: 502 });
    expect(d?.lastResult).toContain(`gave up after ${RETRY_DELAYS_MS.length + 1} attempts`);
  });

  it('switches the webhook off on 410 Gone, does not follow redirects, and gives up on a receiver that never answers', async () => {
    const gone = await registerWebhook(store, { userId, url: `${receiver.url}/gone`, events: ['new'] }, { allowPrivateNetworks: true });
    receiver.replies = [{ status: 410 }];
    await store.articles.applyRefresh(feedId, [story('a', '<p>a</p>', now)], state(now));
    await tick();
    expect(await store.webhooks.get(gone.id)).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410') as unknown });
    await store.articles.applyRefresh(feedId, [story('b', '<p>b</p>', now)], state(now));
    await tick();
    expect(receiver.received).toHaveLength(1);
    await store.webhooks.remove(userId, gone.id);

    const moved = await registerWebhook(store, { userId, url: `${receiver.url}/moved`, events: ['new'] }, { allowPrivateNetworks: true });
    receiver.replies = [{ status: 302, headers: { location: `${receiver.url}/elsewhere` } }];
    await store.articles.applyRefresh(feedId, [story('c', '<p>c</p>', now)], state(now));
    await tick();
    expect(receiver.received.map((r) => r.path)).toEqual(['/gone', '/moved']);
    const [redirected] = await store.webhooks.deliveries(userId, { webhookId: moved.id, limit: 1 });
    expect(redirected).toMatchObject({ status: 'pending', lastStatus: 302 });
    expect(redirected?.lastResult).toContain(`redirect to ${receiver.url}/elsewhere not followed`);
    await store.webhooks.remove(userId, moved.id);

    const silent = await registerWebhook(store, { userId, url: `${receiver.url}/silent`, events: ['new'] }, { allowPrivateNetworks: true });
    receiver.replies = [{ status: 200, hang: true }];
    await store.articles.applyRefresh(feedId, [story('d', '<p>d</p>', now)], state(now));
    await tick();
    const [hung] = await store.webhooks.deliveries(userId, { webhookId: silent.id, limit: 1 });
    expect(hung).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null });
    expect(hung?.lastResult).toMatch(/timed out|timeout/i);
  });

  it('refuses private, malformed and non-http URLs and unknown events at registration, and private targets at send', async () => {
    const guarded = { allowPrivateNetworks: false };
    await expect(registerWebhook(store, { userId, url: `${receiver.url}/x` }, guarded)).rejects.toThrow(/127\.0\.0\.1.*loopback/);
    await expect(registerWebhook(store, { userId, url: 'http://[::1]:9/x' }, guarded)).rejects.toThrow(/loopback/);
    await expect(registerWebhook(store, { userId, url: 'http://169.254.169.254/latest' }, guarded)).rejects.toThrow(/cloud metadata/);
    await expect(registerWebhook(store, { userId, url: 'ftp://files.example.org/in' }, guarded)).rejects.toThrow(/expected http or https, got ftp/);
    await expect(registerWebhook(store, { userId, url: 'not a url' }, guarded)).rejects.toThrow(/not a URL/);
    await expect(registerWebhook(store, { userId, url: `${receiver.url}/x`, events: 'new,deleted' }, { allowPrivateNetworks: true })).rejects.toThrow(/"deleted" is not one of new, edit, removal, restore/);
    expect(await store.webhooks.list(userId)).toEqual([]);

    // Registered while private networks were allowed, sent by a guarded fetcher: refused, not retried.
    const hook = await registerWebhook(store, { userId, url: `${receiver.url}/inside` }, { allowPrivateNetworks: true });
    await fetcher.close();
    fetcher = createFetcher({ userAgent: 'feedkeeper-test', timeoutMs: 2000, connectTimeoutMs: 1000, maxBytes: 65_536, allowPrivateNetworks: false, globalConcurrency: 4 });
    const attempt = await pingWebhook(deps(), hook);
    expect(attempt).toMatchObject({ outcome: 'failed', status: null });
    expect(attempt.result).toMatch(/refusing to connect to 127\.0\.0\.1 \(loopback\)/);
    expect(receiver.received).toEqual([]);
  });
});
